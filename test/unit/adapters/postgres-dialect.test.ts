import { describe, expect, it } from 'vitest'
import { postgresDialect as d } from '../../../adapters/postgres/dialect.js'

describe('postgresDialect', () => {
  it('quotes identifiers and qualifies tables', () => {
    expect(d.id).toBe('postgres')
    expect(d.quoteIdent('a"b')).toBe('"a""b"')
    expect(d.quoteIdent('order')).toBe('"order"')
    expect(d.qualify({ schema: 'inventory', name: 'with space' })).toBe('"inventory"."with space"')
    expect(d.qualify({ name: 'größe' })).toBe('"größe"')
    expect(d.limits.maxParams).toBe(65535)
  })

  it('writes literals', () => {
    expect(d.literal(null, { kind: 'text' })).toBe('NULL')
    expect(d.literal(42, { kind: 'integer', bytes: 4 })).toBe('42')
    expect(d.literal(-1.5, { kind: 'decimal' })).toBe('-1.5')
    expect(d.literal(Number.NaN, { kind: 'float', bytes: 8 })).toBe("'NaN'")
    expect(d.literal(12345678901234567890n, { kind: 'decimal' })).toBe('12345678901234567890')
    expect(d.literal(true, { kind: 'boolean' })).toBe('TRUE')
    expect(d.literal(false, { kind: 'boolean' })).toBe('FALSE')
    expect(d.literal("it's", { kind: 'text' })).toBe("'it''s'")
    expect(d.literal('a\\b', { kind: 'text' })).toBe("'a\\b'")
    expect(d.literal(new Date('2024-02-03T04:05:06.789Z'), { kind: 'timestamp', tz: true })).toBe("'2024-02-03T04:05:06.789Z'")
    expect(d.literal(new Date('2024-02-03T00:00:00Z'), { kind: 'date' })).toBe("'2024-02-03'")
    expect(d.literal(new Uint8Array([0, 255, 16]), { kind: 'binary' })).toBe("'\\x00ff10'::bytea")
    expect(d.literal([1, 2, null], { kind: 'array', element: { kind: 'integer', bytes: 4 } })).toBe("'{1,2,NULL}'")
    expect(d.literal(['a b', 'c"d', "e'f"], { kind: 'array', element: { kind: 'text' } })).toBe(`'{"a b","c\\"d","e''f"}'`)
    expect(d.literal({ a: 1, b: "x'" }, { kind: 'json', binary: true })).toBe(`'{"a":1,"b":"x''"}'`)
    expect(d.literal([1, 'x'], { kind: 'json' })).toBe(`'[1,"x"]'`)
    expect(d.literal('{"already":"text"}', { kind: 'json' })).toBe(`'{"already":"text"}'`)
  })

  it('maps canonical format_type spellings to logical types', () => {
    const cases: Array<[string, unknown]> = [
      ['smallint', { kind: 'integer', bytes: 2 }],
      ['integer', { kind: 'integer', bytes: 4 }],
      ['bigint', { kind: 'integer', bytes: 8 }],
      ['numeric(5,2)', { kind: 'decimal', precision: 5, scale: 2 }],
      ['numeric', { kind: 'decimal' }],
      ['real', { kind: 'float', bytes: 4 }],
      ['double precision', { kind: 'float', bytes: 8 }],
      ['boolean', { kind: 'boolean' }],
      ['character varying(40)', { kind: 'string', maxLength: 40 }],
      ['character varying', { kind: 'string' }],
      ['character(3)', { kind: 'string', maxLength: 3, fixed: true }],
      ['text', { kind: 'text' }],
      ['citext', { kind: 'text' }],
      ['uuid', { kind: 'uuid' }],
      ['date', { kind: 'date' }],
      ['time without time zone', { kind: 'time', tz: false }],
      ['time(3) with time zone', { kind: 'time', tz: true }],
      ['timestamp without time zone', { kind: 'timestamp', tz: false }],
      ['timestamp(6) with time zone', { kind: 'timestamp', tz: true }],
      ['interval', { kind: 'interval' }],
      ['interval day to second(3)', { kind: 'interval' }],
      ['json', { kind: 'json' }],
      ['jsonb', { kind: 'json', binary: true }],
      ['bytea', { kind: 'binary' }],
      ['inet', { kind: 'inet' }],
      ['cidr', { kind: 'inet' }],
      ['money', { kind: 'decimal', scale: 2 }],
      ['xml', { kind: 'unknown', native: 'xml' }],
      ['order_status', { kind: 'unknown', native: 'order_status' }],
      ['integer[]', { kind: 'array', element: { kind: 'integer', bytes: 4 } }],
      ['character varying(20)[]', { kind: 'array', element: { kind: 'string', maxLength: 20 } }],
    ]
    for (const [native, logical] of cases) expect(d.toLogicalType(native), native).toEqual(logical)
  })

  it('classifies defaults in catalog and DDL spelling', () => {
    const cases: Array<[string, unknown]> = [
      ["nextval('orders_id_seq'::regclass)", { kind: 'sequence', sequence: 'orders_id_seq' }],
      ["nextval('inventory.bins_id_seq'::regclass)", { kind: 'sequence', sequence: 'inventory.bins_id_seq' }],
      [`nextval('"Order_id_seq"'::regclass)`, { kind: 'sequence', sequence: 'Order_id_seq' }],
      ["nextval('orders_id_seq')", { kind: 'sequence', sequence: 'orders_id_seq' }],
      ["'abc'::character varying", { kind: 'literal', value: 'abc' }],
      ["'abc'", { kind: 'literal', value: 'abc' }],
      ["'it''s'::text", { kind: 'literal', value: "it's" }],
      ["'{}'::text[]", { kind: 'literal', value: '{}' }],
      ['0', { kind: 'literal', value: 0 }],
      ["'-1'::integer", { kind: 'literal', value: -1 }],
      ['(-1)', { kind: 'literal', value: -1 }],
      ['-1', { kind: 'literal', value: -1 }],
      ['0.5', { kind: 'literal', value: 0.5 }],
      ['(0)::numeric', { kind: 'literal', value: 0 }],
      ["'1.50'::numeric", { kind: 'literal', value: 1.5 }],
      ['true', { kind: 'literal', value: true }],
      ['false', { kind: 'literal', value: false }],
      ["'t'::boolean", { kind: 'literal', value: true }],
      ['NULL', { kind: 'literal', value: null }],
      ['NULL::text', { kind: 'literal', value: null }],
      ["'pending'::order_status", { kind: 'literal', value: 'pending' }],
      ['now()', { kind: 'now' }],
      ['CURRENT_TIMESTAMP', { kind: 'now' }],
      ['CURRENT_TIMESTAMP(3)', { kind: 'now' }],
      ['CURRENT_DATE', { kind: 'now' }],
      ['LOCALTIMESTAMP', { kind: 'now' }],
      ['statement_timestamp()', { kind: 'now' }],
      ['transaction_timestamp()', { kind: 'now' }],
      ['clock_timestamp()', { kind: 'now' }],
      ["('now'::text)::date", { kind: 'now' }],
      ["CAST('now'::text AS date)", { kind: 'now' }],
      ['gen_random_uuid()', { kind: 'expression', sql: 'gen_random_uuid()' }],
      ['(total * 1.2)', { kind: 'expression', sql: '(total * 1.2)' }],
      ["(now() + '1 day'::interval)", { kind: 'expression', sql: "(now() + '1 day'::interval)" }],
    ]
    for (const [sql, def] of cases) expect(d.classifyDefault(sql), sql).toEqual(def)
  })

  it('truncates all tables in one statement and restarts their identities and owned sequences', () => {
    expect(d.truncateSql([{ schema: 'shop', name: 'lines' }, { name: 'orders' }])).toEqual(['TRUNCATE TABLE "shop"."lines", "orders" RESTART IDENTITY'])
    expect(d.truncateSql([])).toEqual([])
  })
})
