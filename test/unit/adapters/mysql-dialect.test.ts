/**
 * The offline parts of the MySQL adapter: quoting, literals, canonical type spelling and logical types,
 * default classification, URL parsing, LOAD DATA field encoding and INSERT batching limits.
 */
import { describe, expect, it } from 'vitest'
import { mysqlDialect } from '../../../adapters/mysql/dialect.js'
import { canonicalMysqlType, mysqlLogicalType } from '../../../adapters/mysql/types.js'
import { classifyMysqlDefault, mysqlColumnDefault } from '../../../adapters/mysql/classify-default.js'
import { parseMysqlUrl } from '../../../adapters/mysql/url.js'
import { fieldEncoder, loadChunks, loadDataSql, loadField } from '../../../adapters/mysql/load-data.js'
import { insertChunks, insertSql, MAX_PARAMS } from '../../../adapters/mysql/insert-batches.js'
import { fkAction, isJsonValidCheck, standardStrings } from '../../../adapters/mysql/introspect.js'
import { valueFree } from '../../../adapters/mysql/write-error.js'
import type { RelationColumn } from '../../../adapters/mysql/relation.js'
import type { Value } from '../../../src/model/rows.js'
import type { LogicalType } from '../../../src/model/schema.js'

const col = (name: string, type: LogicalType, extra: Partial<RelationColumn> = {}): RelationColumn => ({ name, type, binary: false, bit: false, autoIncrement: false, generated: false, ...extra })

async function* batches(rows: Value[][], size: number): AsyncGenerator<Value[][]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size)
}

describe('mysql dialect', () => {
  it('quotes identifiers with backticks and qualifies with a database', () => {
    expect(mysqlDialect.quoteIdent('a`b')).toBe('`a``b`')
    expect(mysqlDialect.quoteIdent('select')).toBe('`select`')
    expect(mysqlDialect.qualify({ name: 'order' })).toBe('`order`')
    expect(mysqlDialect.qualify({ schema: 'shop', name: 't' })).toBe('`shop`.`t`')
  })

  it('writes literals: escapes, booleans, bytes, UTC dates, sets and json', () => {
    expect(mysqlDialect.literal("it's a \\ path\0", { kind: 'text' })).toBe("'it\\'s a \\\\ path\\0'")
    expect(mysqlDialect.literal(true, { kind: 'boolean' })).toBe('1')
    expect(mysqlDialect.literal(12n, { kind: 'integer', bytes: 8 })).toBe('12')
    expect(mysqlDialect.literal(Number.NaN, { kind: 'float', bytes: 8 })).toBe('NULL')
    expect(mysqlDialect.literal(new Uint8Array([0, 255]), { kind: 'binary' })).toBe("X'00ff'")
    expect(mysqlDialect.literal(new Date('2024-02-03T04:05:06.007Z'), { kind: 'timestamp', tz: true })).toBe("'2024-02-03 04:05:06.007'")
    expect(mysqlDialect.literal(new Date('2024-02-03T04:05:06Z'), { kind: 'date' })).toBe("'2024-02-03'")
    expect(mysqlDialect.literal('2024-02-03 04:05:06+00', { kind: 'timestamp', tz: true })).toBe("'2024-02-03 04:05:06.000'")
    expect(mysqlDialect.literal(['a', 'c'], { kind: 'set', values: ['a', 'b', 'c'] })).toBe("'a,c'")
    expect(mysqlDialect.literal({ k: [1, 'x'] }, { kind: 'json' })).toBe('\'{"k":[1,"x"]}\'')
    expect(mysqlDialect.literal(5, { kind: 'string' })).toBe("'5'")
    expect(mysqlDialect.literal(null, { kind: 'text' })).toBe('NULL')
  })

  it('keeps FK checks on: DELETE children first instead of TRUNCATE; no sync statements', () => {
    expect(mysqlDialect.truncateSql([{ name: 'child' }, { name: 'parent' }])).toEqual(['DELETE FROM `child`', 'DELETE FROM `parent`'])
    expect(mysqlDialect.identitySyncSql?.({ name: 't', columns: [], uniques: [], foreignKeys: [], checks: [] })).toEqual([])
    expect(mysqlDialect.limits.maxParams).toBe(65535)
  })
})

describe('mysql types', () => {
  it('canonical spelling = MariaDB COLUMN_TYPE, from DDL and MySQL 8 spellings alike', () => {
    const cases: Record<string, string> = {
      INT: 'int(11)', 'int unsigned': 'int(10) unsigned', INTEGER: 'int(11)', 'TINYINT(1)': 'tinyint(1)', tinyint: 'tinyint(4)',
      'tinyint unsigned': 'tinyint(3) unsigned', SMALLINT: 'smallint(6)', MEDIUMINT: 'mediumint(9)', BIGINT: 'bigint(20)',
      'bigint unsigned': 'bigint(20) unsigned', 'INT(4) ZEROFILL': 'int(4) unsigned zerofill', BOOLEAN: 'tinyint(1)',
      'VARCHAR(40)': 'varchar(40)', "ENUM ('M', 'F')": "enum('M','F')", "set('a','b''c')": "set('a','b''c')",
      DECIMAL: 'decimal(10,0)', 'NUMERIC(12, 2)': 'decimal(12,2)', 'datetime(6)': 'datetime(6)', TIMESTAMP: 'timestamp',
      JSON: 'json', BLOB: 'blob', YEAR: 'year(4)', BIT: 'bit(1)', 'bit(8)': 'bit(8)', CHAR: 'char(1)', 'DOUBLE PRECISION': 'double',
      'float(53)': 'double', 'float(10)': 'float', 'character varying(5)': 'varchar(5)',
    }
    for (const [input, out] of Object.entries(cases)) expect(canonicalMysqlType(input), input).toBe(out)
  })

  it('maps to logical types with unsigned ranges, enum/set labels, booleans', () => {
    expect(mysqlLogicalType('int(10) unsigned')).toEqual({ kind: 'integer', bytes: 4, unsigned: true })
    expect(mysqlLogicalType('tinyint(1)')).toEqual({ kind: 'boolean' })
    expect(mysqlLogicalType('tinyint(3) unsigned')).toEqual({ kind: 'integer', bytes: 1, unsigned: true })
    expect(mysqlLogicalType('mediumint(9)')).toEqual({ kind: 'integer', bytes: 3 })
    expect(mysqlLogicalType("enum('a','it''s')")).toEqual({ kind: 'enum', values: ['a', "it's"] })
    expect(mysqlLogicalType("set('x','y')")).toEqual({ kind: 'set', values: ['x', 'y'] })
    expect(mysqlLogicalType('decimal(12,2)')).toEqual({ kind: 'decimal', precision: 12, scale: 2 })
    expect(mysqlLogicalType('datetime(6)')).toEqual({ kind: 'timestamp', tz: false })
    expect(mysqlLogicalType('timestamp')).toEqual({ kind: 'timestamp', tz: true })
    expect(mysqlLogicalType('varbinary(16)')).toEqual({ kind: 'binary', maxLength: 16 })
    expect(mysqlLogicalType('bit(1)')).toEqual({ kind: 'boolean' })
    expect(mysqlLogicalType('bit(16)')).toEqual({ kind: 'integer', bytes: 2, unsigned: true })
    expect(mysqlLogicalType('json')).toEqual({ kind: 'json' })
    expect(mysqlLogicalType('year(4)')).toEqual({ kind: 'integer', bytes: 2, unsigned: true, min: 1901, max: 2155 })
    expect(mysqlLogicalType('inet4')).toEqual({ kind: 'inet' })
    expect(mysqlLogicalType('inet6')).toEqual({ kind: 'inet', ipv6: true })
    expect(mysqlLogicalType('geometry')).toEqual({ kind: 'unknown', native: 'geometry' })
  })
})

describe('mysql inet6 values', () => {
  const inet6 = { kind: 'inet', ipv6: true } as const
  it('writes IPv4 addresses IPv4-mapped into an IPv6-only column, on every write path', () => {
    expect(mysqlDialect.literal('10.1.2.3', inet6)).toBe("'::ffff:10.1.2.3'")
    expect(mysqlDialect.literal('10.1.2.3', { kind: 'inet' })).toBe("'10.1.2.3'")
    expect(mysqlDialect.literal('2001:db8::1', inet6)).toBe("'2001:db8::1'")
    const col: RelationColumn = { name: 'ip', type: inet6, binary: false, bit: false, autoIncrement: false, generated: false }
    expect(loadField('10.1.2.3', col)).toBe('::ffff:10.1.2.3')
    expect(fieldEncoder(col)('10.1.2.3')).toBe('::ffff:10.1.2.3')
  })
})

describe('mysql defaults', () => {
  it('classifies MariaDB catalog and DDL spellings', () => {
    expect(classifyMysqlDefault("'anon'")).toEqual({ kind: 'literal', value: 'anon' })
    expect(classifyMysqlDefault("'it''s \\\\ ok'")).toEqual({ kind: 'literal', value: "it's \\ ok" })
    expect(classifyMysqlDefault('NULL')).toEqual({ kind: 'literal', value: null })
    expect(classifyMysqlDefault('-5')).toEqual({ kind: 'literal', value: -5 })
    for (const now of ['current_timestamp()', 'CURRENT_TIMESTAMP', 'current_timestamp(6)', 'now()']) expect(classifyMysqlDefault(now)).toEqual({ kind: 'now' })
    expect(classifyMysqlDefault('(uuid())')).toEqual({ kind: 'expression', sql: 'uuid()' })
  })

  it('takes the column type into account: NULL is no default, numbers in numeric columns, text elsewhere', () => {
    expect(mysqlColumnDefault('NULL', { kind: 'text' })).toBeUndefined()
    expect(mysqlColumnDefault("'0.00'", { kind: 'decimal', precision: 5, scale: 2 })).toEqual({ kind: 'literal', value: 0 })
    expect(mysqlColumnDefault('1', { kind: 'string', maxLength: 3 })).toEqual({ kind: 'literal', value: '1' })
    expect(mysqlColumnDefault("b'1'", { kind: 'boolean' })).toEqual({ kind: 'literal', value: 1 })
  })
})

describe('mysql catalog helpers', () => {
  it('folds RESTRICT into no action, spots json_valid checks, re-quotes strings for the CHECK analyser', () => {
    expect(fkAction('RESTRICT')).toBe('no action')
    expect(fkAction('SET NULL')).toBe('set null')
    expect(isJsonValidCheck('json_valid(`prefs`)', 'prefs')).toBe(true)
    expect(isJsonValidCheck('json_valid(`prefs`)', 'other')).toBe(false)
    expect(standardStrings("`c` in ('a','b\\'c')")).toBe("`c` in ('a','b''c')")
    // A quote inside a backquoted name opens no string (fuzz fixture mysql-4242).
    expect(standardStrings("`apo'strophe` in ('red','it\\'s')")).toBe("`apo'strophe` in ('red','it''s')")
  })

  it('cuts row values out of server messages', () => {
    expect(valueFree("Duplicate entry 'alice@example.com' for key 'uq_email'")).toBe('Duplicate entry … for key `uq_email`')
    expect(valueFree("Incorrect integer value: 'abc' for column `shop`.`t`.`qty` at row 3")).toBe('Incorrect integer value: … for column `shop`.`t`.`qty` at row 3')
  })
})

describe('mysql URLs', () => {
  it('parses host, port, credentials, database and options', () => {
    const u = parseMysqlUrl('mariadb://app:p%40ss@db.local:3307/shop?ssl=true&connect_timeout=3&local_infile=false')
    expect(u).toMatchObject({ host: 'db.local', port: 3307, user: 'app', password: 'p@ss', database: 'shop', ssl: { rejectUnauthorized: false }, connectTimeoutMs: 3000, localInfile: false })
    expect(u.redacted).toBe('mariadb://app:***@db.local:3307/shop?ssl=true&connect_timeout=3&local_infile=false')
    expect(parseMysqlUrl('mysql://root@localhost/x')).toMatchObject({ port: 3306, localInfile: true, charset: 'utf8mb4' })
    expect(parseMysqlUrl('mysql://a:b@h/x?sslmode=verify-full').ssl).toEqual({ rejectUnauthorized: true })
  })

  it('rejects bad URLs with TDG_URL_INVALID and never shows the password', () => {
    const bad = ['mysql://app:s3cret@localhost:3306/', 'mysql://app:s3cret@localhost:3306/shop?sslmode=maybe', 'mysql://app:s3cret@localhost:3306/shop?colour=red', 'mysql://app:s3cret@localhost:notaport/shop', 'mysql://app:s3cret@localhost/shop?connect_timeout=-1']
    for (const url of bad) {
      let err: unknown
      try {
        parseMysqlUrl(url)
      } catch (e) {
        err = e
      }
      expect(err, url).toMatchObject({ code: 'TDG_URL_INVALID' })
      expect((err as Error).message).not.toContain('s3cret')
    }
  })
})

describe('mysql write encoding', () => {
  it('LOAD DATA fields: \\N, escapes, hex bytes, booleans, UTC timestamps', () => {
    expect(loadField(null, col('a', { kind: 'text' }))).toBe('\\N')
    expect(loadField('tab\there\nnew\\N', col('a', { kind: 'text' }))).toBe('tab\\there\\nnew\\\\N')
    expect(loadField('NULL', col('a', { kind: 'text' }))).toBe('NULL')
    expect(loadField(new Uint8Array([1, 171]), col('b', { kind: 'binary' }, { binary: true }))).toBe('01ab')
    expect(loadField(false, col('c', { kind: 'boolean' }))).toBe('0')
    expect(loadField('2024-01-02 03:04:05+00', col('d', { kind: 'timestamp', tz: true }))).toBe('2024-01-02 03:04:05.000')
  })

  it('LOAD DATA statement routes binary and bit columns through user variables', () => {
    const sql = loadDataSql(mysqlDialect, '`t`', [col('a', { kind: 'text' }), col('b', { kind: 'binary' }, { binary: true }), col('c', { kind: 'boolean' }, { bit: true })])
    expect(sql).toBe("LOAD DATA LOCAL INFILE 'tdg-stream' INTO TABLE `t` CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (`a`, @v1, @v2) SET `b` = UNHEX(@v1), `c` = CAST(@v2 AS UNSIGNED)")
  })

  it('LOAD DATA chunks are large (not one per row) and count every row', async () => {
    const rows: Value[][] = Array.from({ length: 20_000 }, (_, i) => [i, `value number ${i}`])
    let counted = 0
    const chunks: Buffer[] = []
    for await (const c of loadChunks(batches(rows, 777), [col('id', { kind: 'integer', bytes: 4 }), col('v', { kind: 'text' })], (n) => (counted = n))) chunks.push(c)
    expect(counted).toBe(20_000)
    expect(chunks.length).toBeLessThan(10)
    expect(Buffer.concat(chunks).toString('utf8').split('\n')).toHaveLength(20_001)
  })

  it('INSERT chunks respect the parameter limit, the row cap and the packet budget', async () => {
    const wide = Array.from({ length: 100 }, (_, i) => col(`c${i}`, { kind: 'integer', bytes: 4 }))
    const rows: Value[][] = Array.from({ length: 2000 }, (_, r) => wide.map((_c, i) => r * 100 + i))
    const sizes: number[] = []
    for await (const ch of insertChunks(batches(rows, 300), wide, 1e9)) {
      expect(ch.params.length).toBeLessThanOrEqual(MAX_PARAMS)
      sizes.push(ch.rows)
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2000)
    expect(Math.max(...sizes)).toBe(Math.floor(MAX_PARAMS / 100))

    const text = [col('t', { kind: 'text' })]
    const big: Value[][] = Array.from({ length: 100 }, () => ['x'.repeat(10_000)])
    const packet: number[] = []
    for await (const ch of insertChunks(batches(big, 100), text, 100_000)) packet.push(ch.rows)
    expect(packet.reduce((a, b) => a + b, 0)).toBe(100)
    expect(Math.max(...packet)).toBeLessThanOrEqual(5) // 2 × 10 kB each, escaped, under 100 kB
    expect(insertSql('`t`', ['`a`', '`b`'], 2)).toBe('INSERT INTO `t` (`a`, `b`) VALUES (?, ?), (?, ?)')
  })
})
