import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { createRowGenerator, fixupStream, generateBatches, rowStream } from '../../../src/generate/index.js'
import { below, below32, mix32, rand32, streamHash } from '../../../src/generate/prng.js'
import { bijective, encodeAtLeast, likeRandom, likeSpace, likeUnique, parseLike, stringSpace } from '../../../src/generate/strings.js'
import { civilFromDays, daysFromCivil, formatDate, formatUuid, parseTimestamp } from '../../../src/generate/format.js'
import { domainSize } from '../../../src/plan/domain.js'
import type { LogicalType, Table } from '../../../src/model/schema.js'
import type { Value } from '../../../src/model/rows.js'
import { col, int, model, table, usersTable, varchar } from '../plan/model-builders.js'
import { likeRegExp, validate } from './validate.js'

const ALL_TYPES: Array<[string, LogicalType]> = [
  ['i1', int(1)],
  ['u1', int(1, true)],
  ['i2', int(2)],
  ['u2', int(2, true)],
  ['i3', int(3)],
  ['i4', int(4)],
  ['u4', int(4, true)],
  ['i8', int(8)],
  ['u8', int(8, true)],
  ['d52', { kind: 'decimal', precision: 5, scale: 2 }],
  ['d30', { kind: 'decimal', precision: 3, scale: 0 }],
  ['d_any', { kind: 'decimal' }],
  ['d20_4', { kind: 'decimal', precision: 20, scale: 4 }],
  ['f4', { kind: 'float', bytes: 4 }],
  ['f8', { kind: 'float', bytes: 8 }],
  ['b', { kind: 'boolean' }],
  ['s1', varchar(1)],
  ['s5', varchar(5)],
  ['s_any', varchar()],
  ['ch3', { kind: 'string', maxLength: 3, fixed: true }],
  ['t', { kind: 'text' }],
  ['u', { kind: 'uuid' }],
  ['dt', { kind: 'date' }],
  ['tm', { kind: 'time' }],
  ['tmz', { kind: 'time', tz: true }],
  ['ts', { kind: 'timestamp', tz: false }],
  ['tsz', { kind: 'timestamp', tz: true }],
  ['iv', { kind: 'interval' }],
  ['j', { kind: 'json' }],
  ['jb', { kind: 'json', binary: true }],
  ['bin', { kind: 'binary', maxLength: 4 }],
  ['en', { kind: 'enum', values: ['x', 'y'] }],
  ['st', { kind: 'set', values: ['r', 'g', 'b'] }],
  ['arr', { kind: 'array', element: int(2) }],
  ['arr_s', { kind: 'array', element: varchar(4) }],
  ['ip', { kind: 'inet' }],
]

function rowsOf(t: Table, n: number, seed: number | string = 7) {
  const plan = buildPlan(model([t]), { rows: n, seed })
  const step = plan.steps[0]!
  const rows = [...generateBatches(plan, step, { batchSize: 1000 })].flatMap((b) => b.rows)
  return { plan, step, rows, columns: createRowGenerator(plan, step).columns }
}

describe('values by logical type', () => {
  it('every type stays within its bounds (random picks, with NULLs)', () => {
    const t = table('all_types', ALL_TYPES.map(([name, type]) => col(name, type, { nullable: true })))
    const { rows, columns } = rowsOf(t, 5000)
    expect(validate(model([t]), new Map([['all_types', { columns, rows }]]))).toEqual([])
    const nulls = rows.filter((r) => r[0] === null).length
    expect(nulls).toBeGreaterThan(300)
    expect(nulls).toBeLessThan(700)
  })

  it('every type that can be unique is unique by construction (one UNIQUE per column)', () => {
    const uniqueable = ALL_TYPES.filter(([, ty]) => ty.kind !== 'array' && ty.kind !== 'json')
    const t = table(
      'uniq',
      uniqueable.map(([name, type]) => col(name, type)),
      { uniques: uniqueable.map(([name]) => ({ columns: [name] })) },
    )
    const { plan, rows, columns } = rowsOf(t, 20_000)
    // Small domains cap the count: varchar(1) has 36 values, boolean 2.
    expect(plan.steps[0]!.rows).toBe(2)
    const wide = table('wide', uniqueable.filter(([n]) => !['b', 's1', 'en', 'st', 'i1', 'u1', 'd30', 'ch3', 'bin'].includes(n)).map(([n, ty]) => col(n, ty)), {
      uniques: uniqueable.filter(([n]) => !['b', 's1', 'en', 'st', 'i1', 'u1', 'd30', 'ch3', 'bin'].includes(n)).map(([n]) => ({ columns: [n] })),
    })
    const w = rowsOf(wide, 20_000)
    expect(w.rows.length).toBe(20_000)
    expect(validate(model([wide]), new Map([['wide', { columns: w.columns, rows: w.rows }]]))).toEqual([])
    expect(validate(model([t]), new Map([['uniq', { columns, rows }]]))).toEqual([])
  })

  it('small unique domains are used completely: varchar(1) 36, char(2) fixed, tinyint key 1..127, decimal(3,0) 1999', () => {
    for (const [type, n] of [
      [varchar(1), 36],
      [int(1), 127],
      [{ kind: 'decimal', precision: 3, scale: 0 } as LogicalType, 1999],
      [{ kind: 'string', maxLength: 2, fixed: true } as LogicalType, 36 * 36],
    ] as const) {
      const t = table('d', [col('v', type)], { primaryKey: { columns: ['v'] } })
      const { rows, columns, step } = rowsOf(t, 100_000)
      expect(step.rows).toBe(n)
      expect(new Set(rows.map((r) => r[0])).size).toBe(n)
      expect(validate(model([t]), new Map([['d', { columns, rows }]]))).toEqual([])
    }
  })

  it('composite unique (enum, int) is a mixed-radix decomposition of the row index', () => {
    const t = table('s', [col('k', { kind: 'enum', values: ['a', 'b', 'c'] }), col('n', int(2))], { uniques: [{ columns: ['k', 'n'] }] })
    const { rows, step } = rowsOf(t, 1_000_000)
    expect(step.rows).toBe(3 * 65536)
    expect(new Set(rows.map((r) => `${String(r[0])}|${String(r[1])}`)).size).toBe(step.rows)
  })

  it('column names pick realistic pools and ranges', () => {
    const { rows, columns } = rowsOf(usersTable(), 2000)
    const get = (c: string) => rows.map((r) => r[columns.indexOf(c)]!)
    expect(get('email').every((e) => /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(String(e)))).toBe(true)
    expect(new Set(get('email')).size).toBe(2000)
    expect(new Set(get('first_name')).size).toBeGreaterThan(200)
    for (const b of get('birth_date')) if (b !== null) expect(Number(String(b).slice(0, 4))).toBeGreaterThanOrEqual(2025 - 90)
    for (const b of get('balance')) expect(Number(b)).toBeGreaterThanOrEqual(1)
    const active = get('is_active').filter((x) => x === true).length
    expect(active / 2000).toBeGreaterThan(0.75)
    const ts = table('ev', [col('created_at', { kind: 'timestamp', tz: true }), col('updated_at', { kind: 'timestamp', tz: true })])
    const ev = rowsOf(ts, 2000)
    for (const r of ev.rows) expect(String(r[1]) >= String(r[0])).toBe(true)
  })

  it('different seeds give different values; the same seed the same', () => {
    const a = rowsOf(usersTable(), 50, 1).rows
    const b = rowsOf(usersTable(), 50, 2).rows
    expect(rowsOf(usersTable(), 50, 1).rows).toEqual(a)
    expect(a[3]).not.toEqual(b[3])
  })
})

describe('engine primitives', () => {
  it('rand32 is index-addressable and well spread', () => {
    const h = streamHash(42, 't', 'c')
    expect(rand32(h, 123)).toBe(rand32(h, 123))
    const buckets = new Array(10).fill(0)
    for (let i = 0; i < 100_000; i++) buckets[below(h, i, 10)]++
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500)
    expect(below(h, 5, 2 ** 40)).toBeLessThan(2 ** 40)
    expect(rand32(h, 2 ** 40)).not.toBe(rand32(h, 0))
  })

  it('below32 draws what below draws for n up to 2^32, at indexes past 2^31 too', () => {
    const h = streamHash(7, 't', 'c')
    for (let j = 0; j < 20_000; j++) {
      const i = (j * 2_654_435_761) % 2 ** 32
      for (const n of [1, 2, 100, 1563, 2 ** 32]) expect(below32(h, i, n)).toBe(below(h, i, n))
    }
  })

  it('mix32 is a bijection on a sample (uuids and ips rely on it)', () => {
    const seen = new Set<number>()
    for (let i = 0; i < 200_000; i++) seen.add(mix32(i))
    expect(seen.size).toBe(200_000)
  })

  it('bijective base-36 enumerates every string once, shortest first', () => {
    const all = Array.from({ length: 36 + 36 * 36 + 1 }, (_, k) => bijective(k))
    expect(all[0]).toBe('')
    expect(new Set(all).size).toBe(all.length)
    expect(all.slice(1).every((s) => s.length >= 1 && s.length <= 2)).toBe(true)
    expect(encodeAtLeast(0, 3)).toHaveLength(3)
    expect(stringSpace(1, 3)).toBe(36 + 1296 + 46656)
  })

  it('LIKE patterns: unique strings match and fit; random ones match', () => {
    for (const pattern of ['AB-__%', '%x', 'a_b_c', '%', '\\_%_', 'p%q%r']) {
      const tokens = parseLike(pattern)
      const re = likeRegExp(pattern)
      const space = Math.min(likeSpace(tokens, 0, 10), 5000)
      const seen = new Set<string>()
      for (let k = 0; k < space; k++) {
        const s = likeUnique(tokens, k, 0)
        expect(re.test(s)).toBe(true)
        expect(s.length).toBeLessThanOrEqual(10)
        seen.add(s)
      }
      expect(seen.size).toBe(space)
      for (let i = 0; i < 200; i++) expect(re.test(likeRandom(tokens, (j) => ((i * 31 + j * 17) % 100) / 100, 0, 10))).toBe(true)
    }
  })

  it('dates, timestamps and uuids format correctly', () => {
    for (const d of [-25567, -1, 0, 1, 11016, 18262, 19782, 2932896]) {
      const [y, m, day] = civilFromDays(d)
      expect(daysFromCivil(y, m, day)).toBe(d)
      expect(formatDate(d)).toBe(new Date(d * 86400000).toISOString().slice(0, 10))
    }
    expect(parseTimestamp('2020-01-01 00:00:01')).toBe(1577836801)
    expect(formatUuid(0xdeadbeef, 0, 0xffffffff, 1)).toBe('deadbeef-0000-4000-bfff-ffff00000001')
  })

  it('domain sizes agree with what the generators can produce', () => {
    expect(domainSize({ kind: 'number', min: 1, max: 10, start: 1, scale: 0, as: 'integer', exclude: [3, 99] })).toBe(9)
    expect(domainSize({ kind: 'string', minLength: 1, maxLength: 3 })).toBe(47988)
    expect(domainSize({ kind: 'like', pattern: 'A_', minLength: 0 })).toBe(36)
  })

  it('rows are identical for any batch size and start/end split', () => {
    const plan = buildPlan(model([usersTable()]), { rows: 10_000, seed: 9 })
    const step = plan.steps[0]!
    const flat = (bs: number, ranges: Array<[number, number]>) => ranges.flatMap(([start, end]) => [...generateBatches(plan, step, { batchSize: bs, start, end })].flatMap((b) => b.rows))
    const a: Value[][] = flat(10_000, [[0, 10_000]])
    expect(flat(1, [[0, 300]])).toEqual(a.slice(0, 300))
    expect(flat(333, [[0, 4000], [4000, 4001], [4001, 10_000]])).toEqual(a)
  })
})

describe('streams', () => {
  it('rowStream yields the same batches as generateBatches, fixupStream the fixup rows', async () => {
    const m = model([
      table('a', [col('id', int()), col('b_id', int(), { nullable: true })], { primaryKey: { columns: ['id'] }, foreignKeys: [{ columns: ['b_id'], references: { table: 'b', columns: ['id'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false }] }),
      table('b', [col('id', int()), col('a_id', int())], { primaryKey: { columns: ['id'] }, foreignKeys: [{ columns: ['a_id'], references: { table: 'a', columns: ['id'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false }] }),
    ])
    const plan = buildPlan(m, { rows: 100, seed: 3 })
    const got: Value[][] = []
    for await (const b of rowStream(plan, plan.steps[0]!, { batchSize: 30 })) got.push(...b.rows)
    expect(got).toEqual([...generateBatches(plan, plan.steps[0]!)].flatMap((b) => b.rows))
    const fixed: Value[][] = []
    for await (const b of fixupStream(plan, plan.fixups[0]!, { batchSize: 7 })) {
      expect(b.columns).toEqual(['id', 'b_id'])
      fixed.push(...b.rows)
    }
    expect(fixed.length).toBeGreaterThan(80)
    for (const [id, bId] of fixed) {
      expect(id as number).toBeGreaterThanOrEqual(1)
      expect(bId as number).toBeLessThanOrEqual(100)
    }
  })
})
