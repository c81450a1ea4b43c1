import { describe, expect, it } from 'vitest'
import { sqliteDialect } from '../../../adapters/sqlite/dialect.js'
import { sqlitePathFromUrl } from '../../../adapters/sqlite/url.js'
import { isTdgError } from '../../../src/errors.js'

const t = sqliteDialect.toLogicalType
const d = sqliteDialect.classifyDefault

describe('sqliteDialect.toLogicalType', () => {
  it('maps common names with their arguments', () => {
    expect(t('INTEGER')).toEqual({ kind: 'integer', bytes: 8 })
    expect(t('int')).toEqual({ kind: 'integer', bytes: 4 })
    expect(t('BIGINT')).toEqual({ kind: 'integer', bytes: 8 })
    expect(t('SMALLINT')).toEqual({ kind: 'integer', bytes: 2 })
    expect(t('TINYINT')).toEqual({ kind: 'integer', bytes: 1 })
    expect(t('MEDIUMINT')).toEqual({ kind: 'integer', bytes: 3 })
    expect(t('UNSIGNED BIG INT')).toEqual({ kind: 'integer', bytes: 8, unsigned: true })
    expect(t('bool')).toEqual({ kind: 'boolean' })
    expect(t('Double Precision')).toEqual({ kind: 'float', bytes: 8 })
    expect(t('DECIMAL(12,4)')).toEqual({ kind: 'decimal', precision: 12, scale: 4 })
    expect(t('NUMERIC')).toEqual({ kind: 'decimal' })
    expect(t('varchar ( 40 )')).toEqual({ kind: 'string', maxLength: 40 })
    expect(t('CHARACTER VARYING(7)')).toEqual({ kind: 'string', maxLength: 7 })
    expect(t('NVARCHAR(100)')).toEqual({ kind: 'string', maxLength: 100 })
    expect(t('VARCHAR')).toEqual({ kind: 'string' })
    expect(t('CHAR(3)')).toEqual({ kind: 'string', maxLength: 3, fixed: true })
    expect(t('TEXT')).toEqual({ kind: 'text' })
    expect(t('BLOB')).toEqual({ kind: 'binary' })
    expect(t('DATETIME')).toEqual({ kind: 'timestamp', tz: false })
    expect(t('timestamp')).toEqual({ kind: 'timestamp', tz: false })
    expect(t('DATE')).toEqual({ kind: 'date' })
    expect(t('TIME')).toEqual({ kind: 'time' })
    expect(t('uuid')).toEqual({ kind: 'uuid' })
    expect(t('JSON')).toEqual({ kind: 'json' })
  })

  it('falls back to SQLite affinity rules, in SQLite order', () => {
    expect(t('POINTINT')).toEqual({ kind: 'integer', bytes: 8 })
    expect(t('NATIONAL CLOBBER')).toEqual({ kind: 'text' })
    expect(t('LONG CHARS(9)')).toEqual({ kind: 'string', maxLength: 9 })
    expect(t('BLOBBY')).toEqual({ kind: 'binary' })
    expect(t('FLOATY')).toEqual({ kind: 'float', bytes: 8 })
    expect(t('MONEYISH(5)')).toEqual({ kind: 'decimal', precision: 5 })
  })

  it('an empty declared type and STRICT ANY are unknown', () => {
    expect(t('')).toEqual({ kind: 'unknown', native: '' })
    expect(t('ANY')).toEqual({ kind: 'unknown', native: 'ANY' })
  })
})

describe('sqliteDialect.classifyDefault', () => {
  it('recognises literals', () => {
    expect(d("'abc'")).toEqual({ kind: 'literal', value: 'abc' })
    expect(d("'it''s'")).toEqual({ kind: 'literal', value: "it's" })
    expect(d('0')).toEqual({ kind: 'literal', value: 0 })
    expect(d('-1.5')).toEqual({ kind: 'literal', value: -1.5 })
    expect(d('(42)')).toEqual({ kind: 'literal', value: 42 })
    expect(d('0x1F')).toEqual({ kind: 'literal', value: 31 })
    expect(d('NULL')).toEqual({ kind: 'literal', value: null })
    expect(d('TRUE')).toEqual({ kind: 'literal', value: true })
    expect(d('false')).toEqual({ kind: 'literal', value: false })
  })

  it('recognises the current time', () => {
    for (const s of ['CURRENT_TIMESTAMP', 'current_date', 'CURRENT_TIME', "datetime('now')", "(datetime('now', 'localtime'))", "date('now')"]) {
      expect(d(s)).toEqual({ kind: 'now' })
    }
  })

  it('keeps anything else as an expression', () => {
    expect(d("strftime('%s','now')")).toEqual({ kind: 'expression', sql: "strftime('%s','now')" })
    expect(d('9223372036854775807')).toEqual({ kind: 'expression', sql: '9223372036854775807' })
    expect(d("'a' || 'b'")).toEqual({ kind: 'expression', sql: "'a' || 'b'" })
    expect(d("X'00FF'")).toEqual({ kind: 'expression', sql: "X'00FF'" })
  })
})

describe('sqliteDialect quoting and literals', () => {
  it('quotes identifiers by doubling quotes; qualify ignores the schema', () => {
    expect(sqliteDialect.quoteIdent('a"b')).toBe('"a""b"')
    expect(sqliteDialect.qualify({ schema: 'main', name: 'order' })).toBe('"order"')
    expect(sqliteDialect.limits.maxParams).toBe(32766)
  })

  it('writes literals SQLite reads back', () => {
    const text = { kind: 'text' } as const
    expect(sqliteDialect.literal(null, text)).toBe('NULL')
    expect(sqliteDialect.literal(true, { kind: 'boolean' })).toBe('1')
    expect(sqliteDialect.literal(false, { kind: 'boolean' })).toBe('0')
    expect(sqliteDialect.literal(12.5, { kind: 'float', bytes: 8 })).toBe('12.5')
    expect(sqliteDialect.literal(9007199254740993n, { kind: 'integer', bytes: 8 })).toBe('9007199254740993')
    expect(sqliteDialect.literal("it's", text)).toBe("'it''s'")
    expect(sqliteDialect.literal(new Uint8Array([0, 255, 16]), { kind: 'binary' })).toBe("X'00FF10'")
    expect(sqliteDialect.literal({ a: [1, 'x'] }, { kind: 'json' })).toBe('\'{"a":[1,"x"]}\'')
    const when = new Date('2024-02-03T04:05:06.789Z')
    expect(sqliteDialect.literal(when, { kind: 'timestamp', tz: false })).toBe("'2024-02-03T04:05:06.789Z'")
    expect(sqliteDialect.literal(when, { kind: 'date' })).toBe("'2024-02-03'")
    expect(sqliteDialect.literal(when, { kind: 'time' })).toBe("'04:05:06.789'")
  })
})

describe('sqlitePathFromUrl', () => {
  it('accepts the documented forms', () => {
    expect(sqlitePathFromUrl('sqlite:./file.db')).toBe('./file.db')
    expect(sqlitePathFromUrl('sqlite:file.db')).toBe('file.db')
    expect(sqlitePathFromUrl('sqlite:/abs/file.db')).toBe('/abs/file.db')
    expect(sqlitePathFromUrl('sqlite::memory:')).toBe(':memory:')
    expect(sqlitePathFromUrl('sqlite://./file.db')).toBe('./file.db')
    expect(sqlitePathFromUrl('sqlite:///abs/my%20file.db')).toBe('/abs/my file.db')
    expect(sqlitePathFromUrl('sqlite://localhost/abs/file.db')).toBe('/abs/file.db')
    expect(sqlitePathFromUrl('sqlite:////abs/file.db')).toBe('/abs/file.db')
    expect(sqlitePathFromUrl('file:./x.db')).toBe('./x.db')
    expect(sqlitePathFromUrl('file:///tmp/x.db?mode=ro')).toBe('/tmp/x.db')
  })

  it('rejects URLs that name no local file', () => {
    for (const url of ['sqlite:', 'sqlite://', 'sqlite://db.example.com/x.db', 'postgres://h/db']) {
      let code: string | undefined
      try {
        sqlitePathFromUrl(url)
      } catch (e) {
        code = isTdgError(e) ? e.code : undefined
      }
      expect(code, url).toBe('TDG_URL_INVALID')
    }
  })
})
