/**
 * T-SQL DDL → model, on three realistic scripts (SSMS "Generate Scripts" Northwind, an AdventureWorks-style
 * script with schemas, user types and computed columns, hostile names) and on small focused inputs.
 * Errors must name file:line:column and the token.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { mssqlDialect } from '../../../adapters/mssql/dialect.js'
import { parseMssqlDdl } from '../../../src/ddl/mssql/parse.js'
import type { Introspection } from '../../../src/model/introspection.js'
import type { Column, Table } from '../../../src/model/schema.js'

const parse = (text: string, file = 'x.sql') => parseMssqlDdl(text, { file, dialect: mssqlDialect })
const parseFile = (file: string) => parse(readFileSync(file, 'utf8'), file)

function table(r: Introspection, name: string, schema = 'dbo'): Table {
  const t = r.model.tables.find((x) => x.name === name && x.schema === schema)
  if (!t) throw new Error(`no table ${schema}.${name}`)
  return t
}
function col(t: Table, name: string): Column {
  const c = t.columns.find((x) => x.name === name)
  if (!c) throw new Error(`no column ${t.name}.${name}`)
  return c
}
async function parseError(text: string): Promise<{ message: string; code: string }> {
  try {
    await parse(text, 'bad.sql')
  } catch (e) {
    return e as { message: string; code: string }
  }
  throw new Error('parse unexpectedly succeeded')
}

describe('T-SQL parsing: Northwind (SSMS Generate Scripts)', async () => {
  const r = await parseFile('test/fixtures/mssql/northwind.sql')

  it('reads every table in script order, in dbo, with the mssql dialect', () => {
    expect(r.model.dialect).toBe('mssql')
    expect(r.model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['dbo.Categories', 'dbo.Customers', 'dbo.Employees', 'dbo.Products', 'dbo.Orders', 'dbo.Order Details'])
  })

  it('spells native types as the catalog does and maps logical types', () => {
    const cat = table(r, 'Categories')
    expect(cat.columns.map((c) => c.nativeType)).toEqual(['int', 'nvarchar(15)', 'ntext', 'image'])
    expect(col(cat, 'CategoryName').type).toEqual({ kind: 'string', maxLength: 15 })
    expect(col(cat, 'Picture').type).toEqual({ kind: 'binary' })
    expect(col(table(r, 'Customers'), 'CustomerID')).toEqual({ name: 'CustomerID', nativeType: 'nchar(5)', type: { kind: 'string', maxLength: 5, fixed: true }, nullable: false })
    expect(col(table(r, 'Products'), 'UnitPrice').type).toEqual({ kind: 'decimal', precision: 19, scale: 4 })
    expect(col(table(r, 'Products'), 'Discontinued').type).toEqual({ kind: 'boolean' })
    expect(col(table(r, 'Order Details'), 'Discount').nativeType).toBe('real')
    expect(col(table(r, 'Employees'), 'BirthDate').type).toEqual({ kind: 'timestamp', tz: false })
  })

  it('reads IDENTITY(seed, step) as an identity that needs IDENTITY_INSERT', () => {
    expect(col(table(r, 'Orders'), 'OrderID')).toMatchObject({ nullable: false, identity: { kind: 'always', start: 10248, increment: 1 } })
    expect(col(table(r, 'Categories'), 'CategoryID').identity).toEqual({ kind: 'always', start: 1, increment: 1 })
  })

  it('reads named primary keys, composite keys and unique indexes (non-unique ones ignored)', () => {
    expect(table(r, 'Order Details').primaryKey).toEqual({ name: 'PK_Order_Details', columns: ['OrderID', 'ProductID'] })
    expect(table(r, 'Products').uniques).toEqual([{ name: 'UX_Products_Name', columns: ['ProductName'] }])
    expect(table(r, 'Categories').uniques).toEqual([])
  })

  it('applies ALTER TABLE … ADD CONSTRAINT DF_… DEFAULT … FOR col', () => {
    const od = table(r, 'Order Details')
    expect(col(od, 'Quantity').default).toEqual({ kind: 'literal', value: 1 })
    expect(col(od, 'UnitPrice').default).toEqual({ kind: 'literal', value: 0 })
    expect(col(table(r, 'Orders'), 'OrderDate').default).toEqual({ kind: 'now' })
  })

  it('reads WITH CHECK / WITH NOCHECK ADD CONSTRAINT … FOREIGN KEY with actions', () => {
    expect(table(r, 'Order Details').foreignKeys).toEqual([
      { name: 'FK_Order_Details_Orders', columns: ['OrderID'], references: { schema: 'dbo', table: 'Orders', columns: ['OrderID'] }, onDelete: 'cascade', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
      { name: 'FK_Order_Details_Products', columns: ['ProductID'], references: { schema: 'dbo', table: 'Products', columns: ['ProductID'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false },
    ])
    expect(table(r, 'Orders').foreignKeys.find((f) => f.name === 'FK_Orders_Customers')?.onUpdate).toBe('cascade')
    expect(table(r, 'Employees').foreignKeys[0]?.references).toEqual({ schema: 'dbo', table: 'Employees', columns: ['EmployeeID'] })
  })

  it('analyses CHECKs and reports the ones it cannot understand', () => {
    expect(table(r, 'Order Details').checks.map((c) => [c.name, c.parsed, c.fullyParsed])).toEqual([
      ['CK_Discount', [{ kind: 'compare', column: 'Discount', op: '>=', value: 0 }, { kind: 'compare', column: 'Discount', op: '<=', value: 1 }], true],
      ['CK_Quantity', [{ kind: 'compare', column: 'Quantity', op: '>', value: 0 }], true],
    ])
    const birth = r.issues.find((i) => i.code === 'CHECK_UNPARSED')
    expect(birth).toMatchObject({ table: 'Employees', location: { file: 'test/fixtures/mssql/northwind.sql', line: 161 } })
  })

  it('skips USE, procedures, views, data and ALTER DATABASE with located issues', () => {
    const msgs = r.issues.map((i) => `${i.code} ${i.location?.line}: ${i.message}`)
    expect(msgs).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 1: USE master skipped/))
    expect(msgs).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED 168: CREATE PROCEDURE dbo\.CustOrderHist skipped/))
    expect(msgs).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED 176: CREATE VIEW dbo\.Current Product List skipped/))
    expect(msgs).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 181: 1 data statement/))
    expect(msgs).toContainEqual(expect.stringMatching(/^DDL_SKIPPED 185: ALTER DATABASE Northwind skipped/))
  })
})

describe('T-SQL parsing: AdventureWorks-style script', async () => {
  const r = await parseFile('test/fixtures/mssql/adventureworks.sql')

  it('keeps schemas and resolves cross-schema foreign keys', () => {
    expect(r.model.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['Person.Person', 'Person.PersonPhone', 'Sales.Customer', 'Sales.SalesOrderHeader', 'Sales.SalesOrderDetail'])
    expect(table(r, 'Customer', 'Sales').foreignKeys[0]).toMatchObject({ columns: ['PersonID'], references: { schema: 'Person', table: 'Person', columns: ['BusinessEntityID'] } })
    const phone = table(r, 'PersonPhone', 'Person')
    expect(phone.foreignKeys[0]).toMatchObject({ name: 'FK_PersonPhone_Person', onDelete: 'cascade', references: { schema: 'Person', table: 'Person' } })
    expect(phone.primaryKey).toEqual({ columns: ['BusinessEntityID', 'PhoneNumber', 'PhoneNumberTypeID'] })
  })

  it('reads user types from sp_addtype (named and positional) and CREATE TYPE … FROM as domains', () => {
    expect(r.model.domains).toEqual([
      { schema: 'dbo', name: 'Flag', baseType: 'bit', nullable: false, checks: [] },
      { schema: 'dbo', name: 'Phone', baseType: 'nvarchar(25)', nullable: true, checks: [] },
      { schema: 'dbo', name: 'Name', baseType: 'nvarchar(50)', nullable: true, checks: [] },
      { schema: 'dbo', name: 'AccountNumber', baseType: 'nvarchar(15)', nullable: true, checks: [] },
    ])
    const person = table(r, 'Person', 'Person')
    expect(col(person, 'NameStyle')).toEqual({ name: 'NameStyle', nativeType: 'bit', type: { kind: 'boolean' }, nullable: false, domain: 'Flag', default: { kind: 'literal', value: 0 } })
    expect(col(person, 'FirstName')).toMatchObject({ nativeType: 'nvarchar(50)', domain: 'Name', nullable: false })
    expect(col(table(r, 'PersonPhone', 'Person'), 'PhoneNumber')).toMatchObject({ nativeType: 'nvarchar(25)', domain: 'Phone', type: { kind: 'string', maxLength: 25 } })
  })

  it('reads computed columns (PERSISTED or not) and rowversion as never-written columns', () => {
    const h = table(r, 'SalesOrderHeader', 'Sales')
    expect(col(h, 'TotalDue').generated).toEqual({ expression: 'isnull([SubTotal]+[TaxAmt],(0))', stored: true })
    expect(col(h, 'TotalDue').nullable).toBe(false)
    expect(col(table(r, 'SalesOrderDetail', 'Sales'), 'LineTotal').generated).toEqual({ expression: 'isnull([UnitPrice]*[OrderQty],(0.0))', stored: false })
    const c = table(r, 'Customer', 'Sales')
    expect(col(c, 'AccountNumber').generated?.stored).toBe(false)
    expect(col(c, 'Version')).toMatchObject({ nativeType: 'rowversion', type: { kind: 'binary', maxLength: 8 }, generated: { expression: 'rowversion', stored: true } })
  })

  it('canonicalises every type spelling', () => {
    const h = table(r, 'SalesOrderHeader', 'Sales')
    const c = table(r, 'Customer', 'Sales')
    expect(Object.fromEntries([...h.columns, ...c.columns].filter((x) => !x.generated).map((x) => [`${x.name}`, x.nativeType]))).toMatchObject({
      RevisionNumber: 'tinyint', OrderDate: 'datetime2(7)', DueDate: 'date', ShipTime: 'time(0)', SubTotal: 'money', TaxAmt: 'smallmoney',
      Comment: 'nvarchar(max)', Signature: 'varbinary(max)', Hash: 'binary(32)', Big: 'bigint', TerritoryCode: 'char(4)', PostCode: 'varchar(10)',
      Balance: 'decimal(12,2)', CreditLimit: 'numeric(18,0)', Score: 'real', Ratio: 'float', rowguid: 'uniqueidentifier', ModifiedDate: 'datetimeoffset(3)',
    })
    expect(col(h, 'RevisionNumber').type).toEqual({ kind: 'integer', bytes: 1, unsigned: true })
    expect(col(h, 'Comment').type).toEqual({ kind: 'text' })
    expect(col(c, 'ModifiedDate').type).toEqual({ kind: 'timestamp', tz: true })
    expect(col(c, 'rowguid').type).toEqual({ kind: 'uuid' })
  })

  it('classifies named and unnamed defaults', () => {
    const person = table(r, 'Person', 'Person')
    expect(col(person, 'rowguid').default).toEqual({ kind: 'expression', sql: 'newid()' })
    expect(col(person, 'ModifiedDate').default).toEqual({ kind: 'now' })
    expect(col(table(r, 'PersonPhone', 'Person'), 'ModifiedDate').default).toEqual({ kind: 'now' })
    expect(col(table(r, 'Customer', 'Sales'), 'Balance').default).toEqual({ kind: 'literal', value: 0 })
    expect(col(table(r, 'Customer', 'Sales'), 'ModifiedDate').default).toEqual({ kind: 'now' })
  })

  it('reads IN lists; a LIKE with T-SQL character classes is kept as text and reported (generation cannot honour it)', () => {
    const c = table(r, 'Customer', 'Sales')
    expect(c.checks.find((k) => k.name === 'CK_Customer_PostCode')).toEqual({ name: 'CK_Customer_PostCode', expression: "[PostCode] like '[0-9][0-9][0-9][0-9][A-Z][A-Z]%'", parsed: [], fullyParsed: false })
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'CHECK_UNPARSED', table: 'Customer', message: expect.stringContaining('CK_Customer_PostCode') }))
    expect(c.checks.find((k) => k.name === 'CK_Customer_Territory')?.parsed).toEqual([{ kind: 'in', column: 'TerritoryCode', values: ['NA01', 'EU02', 'AS03'] }])
    expect(table(r, 'SalesOrderHeader', 'Sales').checks.find((k) => k.name === 'CK_SalesOrderHeader_DueDate')?.parsed).toEqual([{ kind: 'columns', left: 'DueDate', op: '>=', right: 'OrderDate' }])
  })

  it('models unique constraints and unique indexes; a filtered one is an Issue', () => {
    expect(table(r, 'Customer', 'Sales').uniques).toEqual([{ name: 'AK_Customer_rowguid', columns: ['rowguid'] }])
    expect(table(r, 'Person', 'Person').uniques).toEqual([{ name: 'IX_Person_Name', columns: ['LastName', 'FirstName'] }])
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'INDEX_PARTIAL', table: 'Customer', location: expect.objectContaining({ line: 120 }) }))
  })

  it('skips functions, triggers, views, table types; flags xml as not generatable', () => {
    const codes = r.issues.map((i) => `${i.code}: ${i.message}`)
    expect(codes).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED: CREATE FUNCTION dbo\.ufnLeadingZeros skipped/))
    expect(codes).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED: CREATE TRIGGER Sales\.uSalesOrderHeader skipped/))
    expect(codes).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED: CREATE VIEW Sales\.vOrders skipped/))
    expect(codes).toContainEqual(expect.stringMatching(/^OBJECT_SKIPPED: table type Sales\.OrderLines skipped/))
    expect(codes).toContainEqual(expect.stringMatching(/^TYPE_UNKNOWN: column Person\.Demographics has type xml/))
    // The trigger's UPDATE and the function's SET are inside skipped objects, not statements of their own.
    expect(r.issues.filter((i) => i.code === 'DDL_SKIPPED')).toEqual([])
  })
})

describe('T-SQL parsing: hostile names', async () => {
  const r = await parseFile('test/fixtures/mssql/hostile-names.sql')

  it('unquotes ]] and "" inside names, keeps reserved words, spaces and unicode', () => {
    const t = table(r, 'order')
    expect(t.columns.map((c) => c.name)).toEqual(['select', 'a]b', 'with "quote"', 'with space', 'größe', 'check', 'default'])
    expect(t.primaryKey?.columns).toEqual(['select'])
    expect(col(t, 'default').default).toEqual({ kind: 'literal', value: "it's" })
    expect(t.checks[0]?.parsed).toEqual([{ kind: 'between', column: 'check', min: 1, max: 10 }])
    const items = table(r, 'line [items]', 'we]ird schema')
    expect(items.primaryKey).toEqual({ name: 'pk]x', columns: ['id'] })
    expect(col(items, 'id').identity).toEqual({ kind: 'always', start: 1, increment: 1 })
    expect(col(items, '漢字').nativeType).toBe('nchar(3)')
  })

  it('resolves a foreign key case-insensitively to the declared spelling', () => {
    expect(table(r, 'line [items]', 'we]ird schema').foreignKeys[0]?.references).toEqual({ schema: 'dbo', table: 'order', columns: ['select'] })
  })
})

describe('T-SQL parsing: focused cases', () => {
  it('reads synonyms, defaults of every length and float precision', async () => {
    const r = await parse(`CREATE TABLE t (a INTEGER, b CHARACTER VARYING(7), c NATIONAL CHARACTER VARYING(9), d DEC(5,1), e DOUBLE PRECISION,
      f nvarchar, g varchar(max), h decimal(7), i datetime2, j float(24), k sysname, l timestamp, m numeric)`)
    expect(r.model.tables[0]?.columns.map((c) => c.nativeType)).toEqual(['int', 'varchar(7)', 'nvarchar(9)', 'decimal(5,1)', 'float', 'nvarchar(1)', 'varchar(max)', 'decimal(7,0)', 'datetime2(7)', 'real', 'nvarchar(128)', 'rowversion', 'numeric(18,0)'])
  })

  it('reads unnamed DEFAULT … FOR in ALTER TABLE, NEXT VALUE FOR, negative and unicode defaults', async () => {
    const r = await parse(`CREATE SEQUENCE dbo.s START WITH 1;
      CREATE TABLE t (a int NOT NULL, b nvarchar(5), c int DEFAULT -1, d bigint DEFAULT NEXT VALUE FOR dbo.s, e datetime DEFAULT CURRENT_TIMESTAMP)
      ALTER TABLE t ADD DEFAULT (N'x''y') FOR b`)
    const t = r.model.tables[0] as Table
    expect(col(t, 'b').default).toEqual({ kind: 'literal', value: "x'y" })
    expect(col(t, 'c').default).toEqual({ kind: 'literal', value: -1 })
    expect(col(t, 'd').default).toEqual({ kind: 'sequence', sequence: 'dbo.s' })
    expect(col(t, 'e').default).toEqual({ kind: 'now' })
  })

  it('follows ALTER TABLE ADD column, ALTER COLUMN, DROP CONSTRAINT and DROP TABLE', async () => {
    const r = await parse(`CREATE TABLE a (id int NOT NULL CONSTRAINT pk_a PRIMARY KEY, v int NULL CONSTRAINT ck_v CHECK (v > 0))
      GO
      ALTER TABLE a ADD w nvarchar(10) NULL, CONSTRAINT uq_w UNIQUE (w)
      ALTER TABLE a ALTER COLUMN v bigint NOT NULL
      ALTER TABLE a DROP CONSTRAINT ck_v
      CREATE TABLE gone (x int)
      DROP TABLE IF EXISTS gone`)
    expect(r.model.tables.map((t) => t.name)).toEqual(['a'])
    const a = r.model.tables[0] as Table
    expect(a.columns.map((c) => `${c.name}:${c.nativeType}:${c.nullable}`)).toEqual(['id:int:false', 'v:bigint:false', 'w:nvarchar(10):true'])
    expect(a.checks).toEqual([])
    expect(a.uniques).toEqual([{ name: 'uq_w', columns: ['w'] }])
  })

  it('REFERENCES without a column list means the primary key; statements need no semicolons', async () => {
    const r = await parse(`CREATE TABLE p (k1 int NOT NULL, k2 int NOT NULL, PRIMARY KEY (k1, k2))
CREATE TABLE c (id int, a int, b int, FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL ON UPDATE SET DEFAULT)`)
    expect(table(r, 'c').foreignKeys[0]).toMatchObject({ columns: ['a', 'b'], references: { schema: 'dbo', table: 'p', columns: ['k1', 'k2'] }, onDelete: 'set null', onUpdate: 'set default' })
  })

  it('a GO inside a string or a column called go is not a batch separator', async () => {
    const r = await parse(`CREATE TABLE t ([go] int, x nvarchar(20) DEFAULT 'a\nGO\nb')`)
    expect(r.model.tables[0]?.columns.map((c) => c.name)).toEqual(['go', 'x'])
    expect(col(r.model.tables[0] as Table, 'x').default).toEqual({ kind: 'literal', value: 'a\nGO\nb' })
  })

  it('a keyword typo stops at its token with file:line:column', async () => {
    const e = await parseError('SET ANSI_NULLS ON\nGO\nCREAT TABLE t (a int)')
    expect(e.code).toBe('TDG_DDL_PARSE')
    expect(e.message).toBe('bad.sql:3:1: syntax error at or near "CREAT"')
  })

  it('a missing comma, an unknown FK target, an unknown column and an unterminated name are located', async () => {
    expect((await parseError('CREATE TABLE t (\n  a int NOT NULL\n  b int)')).message).toBe('bad.sql:3:3: syntax error at or near "b"')
    expect((await parseError('CREATE TABLE t (a int)\nGO\nALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES [dbo].[nope] (id)')).message).toBe(
      'bad.sql:3:60: foreign key fk on table "t" references table "dbo.nope", which does not exist',
    )
    expect((await parseError('CREATE TABLE t (a int, PRIMARY KEY (b))')).message).toBe('bad.sql:1:37: column "b" of table "dbo.t" does not exist')
    expect((await parseError('CREATE TABLE [t (a int)')).message).toBe('bad.sql:1:14: unterminated quoted name starting with [')
    expect((await parseError("CREATE TABLE t (a nvarchar(5) DEFAULT N'oops)")).message).toBe('bad.sql:1:39: unterminated quoted string')
    expect((await parseError('CREATE TABLE t (a int')).message).toBe('bad.sql:1:22: syntax error at end of input')
    // Malformed length/precision modifiers stop at their token.
    expect((await parseError('CREATE TABLE t (\n  p decimal(10,) NOT NULL)')).message).toBe('bad.sql:2:16: syntax error at or near ")"')
    expect((await parseError('CREATE TABLE t (p decimal(,2))')).message).toBe('bad.sql:1:27: syntax error at or near ","')
    expect((await parseError('CREATE TABLE t (s nvarchar())')).message).toBe('bad.sql:1:28: syntax error at or near ")"')
    expect((await parseError('CREATE TABLE t (a int)\nCREATE TABLE T (b int)')).message).toBe('bad.sql:2:14: there is already an object named "dbo.T"')
    expect((await parseError("EXEC sp_addtype N'x', N'varchar(oops)'")).message).toBe('bad.sql:1:23: sp_addtype: "varchar(oops)" is not a data type')
  })
})
