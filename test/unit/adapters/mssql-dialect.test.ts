/**
 * The SQL Server dialect offline: quoting, literals, type mapping, default classification, limits,
 * identity statements, URL parsing and redaction, batching limits and value-free error text.
 */
import { describe, expect, it } from 'vitest'
import { connectFailed, connectReason } from '../../../adapters/mssql/connect-error.js'
import { mssqlDialect, qualify, quoteIdent } from '../../../adapters/mssql/dialect.js'
import { mssqlLogicalType, mssqlNativeType } from '../../../adapters/mssql/types.js'
import { tableNameString } from '../../../adapters/mssql/literal.js'
import { parseMssqlUrl } from '../../../adapters/mssql/url.js'
import { PARAMS_PER_STATEMENT, rowsPerStatement, splitBatches } from '../../../adapters/mssql/write.js'
import { valueFree } from '../../../adapters/mssql/write-error.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import type { Table } from '../../../src/model/schema.js'

const d = mssqlDialect

describe('mssql quoting', () => {
  it('brackets every name, doubling ]', () => {
    expect(quoteIdent('order')).toBe('[order]')
    expect(quoteIdent('a]b')).toBe('[a]]b]')
    expect(quoteIdent('[x]')).toBe('[[x]]]')
    expect(quoteIdent('with space "q"')).toBe('[with space "q"]')
  })
  it('qualifies with the schema, dbo by default', () => {
    expect(qualify({ name: 't' })).toBe('[dbo].[t]')
    expect(qualify({ schema: 'Sales', name: 'Order Details' })).toBe('[Sales].[Order Details]')
    expect(qualify({ schema: 'we]ird', name: 'x]' })).toBe('[we]]ird].[x]]]')
  })
})

describe('mssql literals', () => {
  it('N-strings with doubled quotes, bit as 1/0, binary as 0x…', () => {
    expect(d.literal("O'Brien ✓", { kind: 'string', maxLength: 20 })).toBe("N'O''Brien ✓'")
    expect(d.literal(true, { kind: 'boolean' })).toBe('1')
    expect(d.literal(false, { kind: 'boolean' })).toBe('0')
    expect(d.literal(1, { kind: 'boolean' })).toBe('1')
    expect(d.literal(new Uint8Array([0, 171, 255]), { kind: 'binary' })).toBe('0x00ABFF')
    expect(d.literal(new Uint8Array([]), { kind: 'binary' })).toBe('0x')
    expect(d.literal(null, { kind: 'text' })).toBe('NULL')
  })
  it('numbers bare, bigint exact, non-finite floats NULL, numbers into text columns quoted', () => {
    expect(d.literal(-12.5, { kind: 'decimal', precision: 12, scale: 2 })).toBe('-12.5')
    expect(d.literal(9007199254740993n, { kind: 'integer', bytes: 8 })).toBe('9007199254740993')
    expect(d.literal(Number.NaN, { kind: 'float', bytes: 8 })).toBe('NULL')
    expect(d.literal(42, { kind: 'string' })).toBe("N'42'")
    expect(d.literal('12.30', { kind: 'decimal' })).toBe('12.30')
  })
  it('dates as language-independent ISO text', () => {
    const t = new Date(Date.UTC(2024, 4, 1, 10, 20, 30, 123))
    expect(d.literal(t, { kind: 'date' })).toBe("'2024-05-01'")
    expect(d.literal(t, { kind: 'timestamp', tz: false })).toBe("'2024-05-01T10:20:30.123'")
    expect(d.literal(t, { kind: 'timestamp', tz: true })).toBe("'2024-05-01T10:20:30.123+00:00'")
    expect(d.literal(t, { kind: 'time' })).toBe("'10:20:30.123'")
    expect(d.literal('2024-05-01 10:00:00', { kind: 'timestamp', tz: false })).toBe("'2024-05-01T10:00:00'")
    expect(d.literal('6f1c2d0e-0000-4000-8000-000000000001', { kind: 'uuid' })).toBe("'6f1c2d0e-0000-4000-8000-000000000001'")
  })
  it('json and objects as N-text', () => {
    expect(d.literal({ a: "it's", n: 1n }, { kind: 'json' })).toBe(`N'{"a":"it''s","n":"1"}'`)
    expect(d.literal(['x', 'y'], { kind: 'text' })).toBe(`N'["x","y"]'`)
  })
})

describe('mssql types', () => {
  it('maps catalog spellings to logical types', () => {
    expect(mssqlLogicalType('int')).toEqual({ kind: 'integer', bytes: 4 })
    expect(mssqlLogicalType('bigint')).toEqual({ kind: 'integer', bytes: 8 })
    expect(mssqlLogicalType('tinyint')).toEqual({ kind: 'integer', bytes: 1, unsigned: true })
    expect(mssqlLogicalType('bit')).toEqual({ kind: 'boolean' })
    expect(mssqlLogicalType('decimal(12,2)')).toEqual({ kind: 'decimal', precision: 12, scale: 2 })
    expect(mssqlLogicalType('money')).toEqual({ kind: 'decimal', precision: 19, scale: 4 })
    expect(mssqlLogicalType('nvarchar(40)')).toEqual({ kind: 'string', maxLength: 40 })
    expect(mssqlLogicalType('nvarchar(max)')).toEqual({ kind: 'text' })
    expect(mssqlLogicalType('nchar(5)')).toEqual({ kind: 'string', maxLength: 5, fixed: true })
    expect(mssqlLogicalType('varbinary(max)')).toEqual({ kind: 'binary' })
    expect(mssqlLogicalType('binary(16)')).toEqual({ kind: 'binary', maxLength: 16 })
    expect(mssqlLogicalType('image')).toEqual({ kind: 'binary' })
    expect(mssqlLogicalType('uniqueidentifier')).toEqual({ kind: 'uuid' })
    expect(mssqlLogicalType('datetime2(7)')).toEqual({ kind: 'timestamp', tz: false })
    expect(mssqlLogicalType('datetimeoffset(7)')).toEqual({ kind: 'timestamp', tz: true })
    expect(mssqlLogicalType('date')).toEqual({ kind: 'date' })
    expect(mssqlLogicalType('time(3)')).toEqual({ kind: 'time' })
    expect(mssqlLogicalType('rowversion')).toEqual({ kind: 'binary', maxLength: 8 })
    expect(mssqlLogicalType('xml')).toEqual({ kind: 'unknown', native: 'xml' })
    expect(mssqlLogicalType('geography')).toEqual({ kind: 'unknown', native: 'geography' })
  })
  it('builds the canonical spelling from catalog numbers (n-types in characters)', () => {
    expect(mssqlNativeType('nvarchar', 80, 0, 0)).toBe('nvarchar(40)')
    expect(mssqlNativeType('nvarchar', -1, 0, 0)).toBe('nvarchar(max)')
    expect(mssqlNativeType('varbinary', -1, 0, 0)).toBe('varbinary(max)')
    expect(mssqlNativeType('decimal', 9, 12, 2)).toBe('decimal(12,2)')
    expect(mssqlNativeType('datetime2', 8, 27, 7)).toBe('datetime2(7)')
    expect(mssqlNativeType('timestamp', 8, 0, 0)).toBe('rowversion')
    expect(mssqlNativeType('sysname', 256, 0, 0)).toBe('nvarchar(128)')
    expect(mssqlNativeType('int', 4, 10, 0)).toBe('int')
  })
})

describe('mssql default classification (catalog and DDL spelling alike)', () => {
  it.each([
    ['((0))', { kind: 'literal', value: 0 }],
    ['0', { kind: 'literal', value: 0 }],
    ['((-1.5))', { kind: 'literal', value: -1.5 }],
    ["(N'abc')", { kind: 'literal', value: 'abc' }],
    ["('it''s')", { kind: 'literal', value: "it's" }],
    ['(NULL)', { kind: 'literal', value: null }],
    ['(getdate())', { kind: 'now' }],
    ['GETUTCDATE()', { kind: 'now' }],
    ['(sysdatetime())', { kind: 'now' }],
    ['(sysdatetimeoffset())', { kind: 'now' }],
    ['CURRENT_TIMESTAMP', { kind: 'now' }],
    ['(newid())', { kind: 'expression', sql: 'newid()' }],
    ['(NEXT VALUE FOR [dbo].[seq])', { kind: 'sequence', sequence: 'dbo.seq' }],
    ["(dateadd(day,(1),getdate()))", { kind: 'expression', sql: 'dateadd(day,(1),getdate())' }],
  ])('%s', (sql, expected) => {
    expect(d.classifyDefault(sql)).toEqual(expected)
  })
})

describe('mssql CHECK text from sys.check_constraints', () => {
  it('reads the OR chain SQL Server prints for IN as an IN shape', () => {
    expect(analyzeCheck("([Status]='new' OR [Status]='paid' OR [Status]='shipped')")).toEqual({ parsed: [{ kind: 'in', column: 'Status', values: ['new', 'paid', 'shipped'] }], fullyParsed: true })
    // Equalities on two columns are no IN list: a disjunction whose first branch generation keeps.
    expect(analyzeCheck('([a]=(1) OR [b]=(2))')).toEqual({ parsed: [{ kind: 'or', branches: [[{ kind: 'compare', column: 'a', op: '=', value: 1 }], [{ kind: 'compare', column: 'b', op: '=', value: 2 }]] }], fullyParsed: true })
  })
  it('reads bracketed names; a LIKE with character classes is not a generatable shape', () => {
    expect(analyzeCheck("([Code] like '[0-9][A-Z]%')")).toEqual({ parsed: [], fullyParsed: false })
    expect(analyzeCheck("([Code] like 'AB_%')").parsed).toEqual([{ kind: 'like', column: 'Code', pattern: 'AB_%' }])
    expect(analyzeCheck('([Qty]>(0) AND [Qty]<=(100))').parsed).toEqual([
      { kind: 'compare', column: 'Qty', op: '>', value: 0 },
      { kind: 'compare', column: 'Qty', op: '<=', value: 100 },
    ])
  })
})

const tbl = (identity: boolean): Table => ({
  schema: 'Sales',
  name: 'Orders',
  columns: [
    { name: 'id', nativeType: 'int', type: { kind: 'integer', bytes: 4 }, nullable: false, ...(identity ? { identity: { kind: 'always' as const, start: 1, increment: 1 } } : {}) },
    { name: 'note', nativeType: 'nvarchar(10)', type: { kind: 'string', maxLength: 10 }, nullable: true },
  ],
  uniques: [],
  foreignKeys: [],
  checks: [],
})

describe('mssql statements and limits', () => {
  it('limits: 2100 parameters, 1000 rows per VALUES', () => {
    expect(d.limits).toEqual({ maxParams: 2100, maxRowsPerInsert: 1000 })
  })
  it('IDENTITY_INSERT only around runs that write the identity column', () => {
    expect(d.beforeInsertSql?.(tbl(true), ['id', 'note'])).toEqual(['SET IDENTITY_INSERT [Sales].[Orders] ON'])
    expect(d.afterInsertSql?.(tbl(true), ['id', 'note'])).toEqual(['SET IDENTITY_INSERT [Sales].[Orders] OFF'])
    expect(d.beforeInsertSql?.(tbl(true), ['note'])).toEqual([])
    expect(d.beforeInsertSql?.(tbl(false), ['id', 'note'])).toEqual([])
  })
  it('reseeds identities with DBCC CHECKIDENT; tables without one need nothing', () => {
    // A plain '…' literal: SQL Server and TDS-compatible servers (Babelfish) both take it; the latter refuse N'…' here.
    expect(d.identitySyncSql?.(tbl(true))).toEqual(["DBCC CHECKIDENT ('[Sales].[Orders]', RESEED) WITH NO_INFOMSGS"])
    expect(d.identitySyncSql?.(tbl(false))).toEqual([])
  })
  it('writes timestamp text as ISO 8601 with a T, which datetime reads the same under every DATEFORMAT', () => {
    expect(d.literal('2020-04-14 03:35:21', { kind: 'timestamp', tz: false })).toBe("'2020-04-14T03:35:21'")
    expect(d.literal('2020-04-14', { kind: 'timestamp', tz: false })).toBe("'2020-04-14T00:00:00'")
    expect(d.literal('2020-04-14 03:35:21.5+02:00', { kind: 'timestamp', tz: true })).toBe("'2020-04-14T03:35:21.5+02:00'")
    expect(d.literal('2020-04-14', { kind: 'date' })).toBe("'2020-04-14'")
  })
  it("quotes the DBCC CHECKIDENT table name as a plain literal, N'…' only for non-ASCII names", () => {
    expect(tableNameString("[dbo].[O'Brien]]s]")).toBe("'[dbo].[O''Brien]]s]'")
    expect(tableNameString('[Verkauf].[Bestellübersicht]')).toBe("N'[Verkauf].[Bestellübersicht]'")
    expect(d.identitySyncSql?.({ ...tbl(true), name: "it's" })).toEqual(["DBCC CHECKIDENT ('[Sales].[it''s]', RESEED) WITH NO_INFOMSGS"])
  })
  it('empties tables with DELETE (children first, as given), then restarts identities with RESEED 0', () => {
    expect(d.truncateSql([{ schema: 'Sales', name: 'Lines' }, { name: "O'rders" }])).toEqual([
      'DELETE FROM [Sales].[Lines]',
      "DELETE FROM [dbo].[O'rders]",
      "IF OBJECTPROPERTY(OBJECT_ID('[Sales].[Lines]'), 'TableHasIdentity') = 1 DBCC CHECKIDENT ('[Sales].[Lines]', RESEED, 0) WITH NO_INFOMSGS",
      "IF OBJECTPROPERTY(OBJECT_ID('[dbo].[O''rders]'), 'TableHasIdentity') = 1 DBCC CHECKIDENT ('[dbo].[O''rders]', RESEED, 0) WITH NO_INFOMSGS",
    ])
  })
  it('scripts open a T-SQL transaction with XACT_ABORT', () => {
    expect(d.transactionSql).toEqual({ begin: 'SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n', commit: 'COMMIT TRANSACTION;\n' })
  })
  it('live INSERT batches stay within 1000 rows and the parameter budget', () => {
    expect(PARAMS_PER_STATEMENT).toBeLessThan(2100 - 2)
    expect(rowsPerStatement(1)).toBe(1000)
    expect(rowsPerStatement(2)).toBe(1000)
    expect(rowsPerStatement(3)).toBe(666)
    expect(rowsPerStatement(7)).toBe(285)
    expect(rowsPerStatement(3000)).toBe(1)
    for (const w of [1, 2, 3, 5, 13, 64, 500, 2000]) {
      expect(rowsPerStatement(w)).toBeLessThanOrEqual(1000)
      expect(rowsPerStatement(w) * w).toBeLessThanOrEqual(PARAMS_PER_STATEMENT)
    }
  })
  it('splits scripts at GO lines only', () => {
    expect(splitBatches("CREATE TABLE a (x int)\nGO\nCREATE VIEW v AS SELECT 'GO' AS g\n  go 2  \nSELECT 1\nGOTO x\n")).toEqual([
      'CREATE TABLE a (x int)',
      "CREATE VIEW v AS SELECT 'GO' AS g",
      'SELECT 1\nGOTO x',
    ])
  })
  it('removes row values from server messages', () => {
    expect(valueFree("Violation of PRIMARY KEY constraint 'PK_t'. Cannot insert duplicate key in object 'dbo.t'. The duplicate key value is (42, secret)."))
      .toBe("Violation of PRIMARY KEY constraint 'PK_t'. Cannot insert duplicate key in object 'dbo.t'.")
    expect(valueFree("String or binary data would be truncated in table 'db.dbo.t', column 'c'. Truncated value: 'secret'."))
      .toBe("String or binary data would be truncated in table 'db.dbo.t', column 'c'.")
    expect(valueFree("Conversion failed when converting the nvarchar value 'secret' to data type int.")).toBe('Conversion failed when converting the nvarchar value to data type int.')
  })
})

describe('mssql URLs', () => {
  it('parses host, port, credentials, database and options', () => {
    const u = parseMssqlUrl('mssql://sa:S3cr%40t!@db.example:14333/Shop?encrypt=false&trustServerCertificate=true&schema=dbo,Sales&connect_timeout=5')
    expect(u).toMatchObject({ server: 'db.example', port: 14333, user: 'sa', password: 'S3cr@t!', database: 'Shop', encrypt: false, trustServerCertificate: true, schemas: ['dbo', 'Sales'], connectTimeoutMs: 5000, bulk: true })
    expect(u.redacted).toBe('mssql://sa:***@db.example:14333/Shop?encrypt=false&trustServerCertificate=true&schema=dbo,Sales&connect_timeout=5')
  })
  it('defaults: port 1433, encrypt on, certificate checked, every schema; sqlserver:// too', () => {
    expect(parseMssqlUrl('sqlserver://localhost/db')).toMatchObject({ server: 'localhost', port: 1433, encrypt: true, trustServerCertificate: false, schemas: [], database: 'db' })
    expect(parseMssqlUrl('mssql://h/db?instance=SQLEXPRESS')).toMatchObject({ instanceName: 'SQLEXPRESS' })
    expect(parseMssqlUrl('mssql://h/db?instance=SQLEXPRESS').port).toBeUndefined()
    expect(parseMssqlUrl('mssql://h/db?encrypt=strict&bulk=no')).toMatchObject({ encrypt: 'strict', bulk: false })
  })
  it.each([
    ['mssql://sa:pw-canary@h/db?encrypt=maybe', /option 'encrypt' .* must be true or false, not 'maybe'/],
    ['mssql://sa:pw-canary@h/db?sslmode=require', /unknown option 'sslmode'/],
    ['mssql://sa:pw-canary@h:port/db', /malformed SQL Server URL mssql:\/\/sa:\*\*\*@h:port\/db/],
    ['mssql://sa:pw-canary@h/db/extra', /more than a database name/],
    ['mssql://sa:pw-canary@h/db?connect_timeout=-1', /connect_timeout/],
    ['postgres://sa:pw-canary@h/db', /not an SQL Server URL/],
  ])('%s → TDG_URL_INVALID without the password', (url, re) => {
    let err: { code?: string; message: string } | undefined
    try {
      parseMssqlUrl(url)
    } catch (e) {
      err = e as { code?: string; message: string }
    }
    expect(err?.code).toBe('TDG_URL_INVALID')
    expect(err?.message).toMatch(re)
    expect(err?.message).not.toContain('pw-canary')
  })
})

describe('mssql connect errors', () => {
  it('network codes anywhere in the chain become plain words', () => {
    const e = { code: 'ESOCKET', message: 'Failed to connect to 127.0.0.1:1 - connect ECONNREFUSED', originalError: { code: 'ESOCKET', cause: { code: 'ECONNREFUSED' } } }
    expect(connectReason(e)).toBe('connection refused')
    expect(connectReason({ code: 'ESOCKET', originalError: { errors: [{ code: 'ENOTFOUND' }] } })).toBe('host not found')
  })
  it('login failures keep the server words, the password never shows', () => {
    const e = { code: 'ELOGIN', message: "Login failed for user 'sa'. (pw was p4ss-canary)" }
    const err = connectFailed('mssql://sa:***@h/db', e, 'p4ss-canary')
    expect(err.code).toBe('TDG_CONNECT_FAILED')
    expect(err.message).toBe("cannot connect to mssql://sa:***@h/db: Login failed for user 'sa'. (pw was ***)")
    expect(connectReason({ code: 'ETIMEOUT', message: 'Failed to connect in 15000ms' })).toBe('connection timed out')
  })
})
