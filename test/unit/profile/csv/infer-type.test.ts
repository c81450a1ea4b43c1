import { describe, expect, it } from 'vitest'
import { fieldConverter } from '../../../../src/profile/csv/convert.js'
import { ColumnInference } from '../../../../src/profile/csv/infer-type.js'

function infer(values: string[]) {
  const inf = new ColumnInference()
  for (const v of values) inf.see(v)
  return inf.result()
}

describe('ColumnInference', () => {
  it.each([
    [['1', '2', '-300'], 'integer', 'smallint'],
    [['1', '70000'], 'integer', 'integer'],
    [['1', '3000000000'], 'integer', 'bigint'],
    [['007', '12'], 'string', 'varchar(3)'],
    [['1.50', '22.125', '3'], 'decimal', 'decimal(5,3)'],
    [['0.123456789', '1.5'], 'float', 'double precision'],
    [['1e-5', '2.5'], 'float', 'double precision'],
    [['0', '1', '1', '0'], 'boolean', 'boolean(0/1)'],
    [['1', '1', '1'], 'integer', 'smallint'],
    [['true', 'FALSE', 'True'], 'boolean', 'boolean(false/true)'],
    [['t', 'f'], 'boolean', 'boolean(f/t)'],
    [['Y', 'Y'], 'string', 'varchar(1)'],
    [['yes', 'yes'], 'boolean', 'boolean(yes)'],
    [['yes', 'no', 'Y', 'n'], 'boolean', 'boolean(n/no/y/yes)'],
    [['2024-01-31', '1999-12-01'], 'date', 'date'],
    [['31/01/2024', '01/02/2024'], 'date', 'date(DD/MM/YYYY)'],
    [['01/31/2024', '02/01/2024'], 'date', 'date(MM/DD/YYYY)'],
    [['01/02/2024', '03/04/2024'], 'date', 'date(DD/MM/YYYY, ambiguous)'],
    [['2024-01-31 12:00:00', '2024-02-01T08:30'], 'timestamp', 'timestamp'],
    [['2024-01-31 12:00:00+00', '2024-01-31T12:00:00Z', '2024-01-31 12:00:00.123+01:30'], 'timestamp', 'timestamp with time zone'],
    [['31/01/2024 12:00', '01/02/2024 08:15:00'], 'timestamp', 'timestamp(DD/MM/YYYY)'],
    [['2024-13-01'], 'string', 'varchar(10)'],
    [['2024-01-31 25:00:00'], 'string', 'varchar(19)'],
    [['8a0e5bd2-5f6e-4c4e-9a55-3c8d5f0f6a11', 'E1F2A3B4-0000-4000-8000-000000000000'], 'uuid', 'uuid'],
    [['{"a":1}', '[1,2]'], 'json', 'json'],
    [['{"a":1}', '{broken'], 'string', 'varchar(7)'],
    [['Ada', 'Grace Hopper'], 'string', 'varchar(12)'],
    [[' 12', '13'], 'string', 'varchar(3)'],
  ])('%j → %s %s', (values, kind, native) => {
    const r = infer(values)
    expect(r.type.kind).toBe(kind)
    expect(r.nativeType).toBe(native)
  })

  it('sizes integers and decimals from the values', () => {
    expect(infer(['-32768', '32767']).type).toEqual({ kind: 'integer', bytes: 2 })
    expect(infer(['-32769']).type).toEqual({ kind: 'integer', bytes: 4 })
    expect(infer(['12345.67', '1.5']).type).toEqual({ kind: 'decimal', precision: 7, scale: 2 })
  })

  it('widens on a contradicting value, whenever it comes', () => {
    const ints = Array.from({ length: 20_000 }, (_, i) => String(i + 1))
    expect(infer([...ints, '2.5']).type.kind).toBe('decimal')
    expect(infer([...ints, '2.5', 'n/a']).type.kind).toBe('string')
    expect(infer(['0', '1', '0', '2']).type.kind).toBe('integer')
    expect(infer(['2024-01-01', '2024-01-02', 'soon']).type).toEqual({ kind: 'string', maxLength: 10 })
  })

  it('empty fields are NULL; NULL and \\N only when they are the only marker', () => {
    const a = infer(['1', '', '3'])
    expect([a.type.kind, a.nullable, a.nullTokens]).toEqual(['integer', true, []])
    const b = infer(['1', 'NULL', '3'])
    expect([b.type.kind, b.nullable, b.nullTokens]).toEqual(['integer', true, ['NULL']])
    const c = infer(['1', '\\N', '3'])
    expect([c.type.kind, c.nullTokens]).toEqual(['integer', ['\\N']])
    // Beside empty fields, the marker is a value: text.
    const d = infer(['1', '', 'NULL'])
    expect([d.type.kind, d.nullTokens]).toEqual(['string', []])
    const e = infer(['', ''])
    expect([e.type.kind, e.nullable]).toEqual(['string', true])
    expect(infer(['1', '2']).nullable).toBe(false)
  })
})

describe('fieldConverter', () => {
  const conv = (values: string[]) => {
    const f = fieldConverter(infer(values))
    return values.map((v) => f(v))
  }

  it('converts to numbers, booleans, Dates, JSON and NULL', () => {
    expect(conv(['1', '', '-3'])).toEqual([1, null, -3])
    expect(conv(['1.25', '3'])).toEqual([1.25, 3])
    expect(conv(['yes', 'N', 'TRUE'])).toEqual([true, false, true])
    expect(conv(['0', '1'])).toEqual([false, true])
    expect(conv(['2024-01-31'])).toEqual([new Date(Date.UTC(2024, 0, 31))])
    expect(conv(['31/01/2024', '01/02/2024'])).toEqual([new Date(Date.UTC(2024, 0, 31)), new Date(Date.UTC(2024, 1, 1))])
    expect(conv(['01/31/2024'])).toEqual([new Date(Date.UTC(2024, 0, 31))])
    expect(conv(['2024-01-31 12:30:15', '2024-01-31T12:30'])).toEqual([new Date(Date.UTC(2024, 0, 31, 12, 30, 15)), new Date(Date.UTC(2024, 0, 31, 12, 30))])
    expect(conv(['2024-01-31 12:00:00+02', '2024-01-31T12:00:00.5Z', '2024-01-31 12:00:00-01:30'])).toEqual([
      new Date(Date.UTC(2024, 0, 31, 10)),
      new Date(Date.UTC(2024, 0, 31, 12, 0, 0, 500)),
      new Date(Date.UTC(2024, 0, 31, 13, 30)),
    ])
    expect(conv(['{"a":[1]}'])).toEqual([{ a: [1] }])
    expect(conv(['1', 'NULL'])).toEqual([1, null])
    expect(conv(['x', ''])).toEqual(['x', null])
  })

  it('gives epoch milliseconds for dates with epochMs, and a lenient JSON column keeps a text that is no JSON', () => {
    const ts = ['2024-01-31 12:00:00+0530', '2024-01-31 12:00:00-03', '2024-01-31 12:00:00+05:30']
    const f = fieldConverter(infer(ts), { epochMs: true })
    expect(ts.map((v) => f(v))).toEqual([Date.UTC(2024, 0, 31, 6, 30), Date.UTC(2024, 0, 31, 15), Date.UTC(2024, 0, 31, 6, 30)])
    expect(fieldConverter(infer(['2024-01-31']), { epochMs: true })('2024-02-29')).toBe(Date.UTC(2024, 1, 29))
    const json = fieldConverter(infer(['{"a":1}']), { lenient: true })
    expect(json('{"a":1}')).toEqual({ a: 1 })
    expect(json('{oops')).toBe('{oops')
    expect(() => fieldConverter(infer(['{"a":1}']))('{oops')).toThrow()
  })
})
