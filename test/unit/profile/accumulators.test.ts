/** The profiler's accumulators, each against an answer computed independently (sorting, counting). */
import { describe, expect, it } from 'vitest'
import { DISTINCT_EXACT_CAP, DistinctCounter, HashSet32 } from '../../../src/profile/distinct.js'
import { NumericStats, quantiles101, summarize } from '../../../src/profile/numeric-summary.js'
import { NumberReservoir, ReservoirSlots } from '../../../src/profile/reservoir.js'
import { inferPattern } from '../../../src/profile/pattern.js'
import { seasonality } from '../../../src/profile/seasonality.js'
import { parseTemporalText, toEpochMs } from '../../../src/profile/values.js'
import { fanOutStats } from '../../../src/profile/fan-out.js'

/** Exact percentile with linear interpolation (numpy's default), computed the slow way. */
function exactPercentile(values: number[], p: number): number {
  const s = Float64Array.from(values).sort()
  const pos = (p / 100) * (s.length - 1)
  const lo = Math.floor(pos)
  return s[lo]! + (s[Math.min(s.length - 1, lo + 1)]! - s[lo]!) * (pos - lo)
}

describe('quantiles', () => {
  it('are exact when every value fits the reservoir', () => {
    const values = Array.from({ length: 1001 }, (_, i) => ((i * 7919) % 1001) / 10)
    const stats = new NumericStats()
    const r = new NumberReservoir(20_000, 7)
    for (const v of values) {
      stats.add(v)
      r.add(v)
    }
    const s = summarize(stats, r.sorted())!
    expect(s.quantiles).toHaveLength(101)
    for (const p of [0, 1, 25, 50, 73, 99, 100]) expect(s.quantiles[p]).toBeCloseTo(exactPercentile(values, p), 9)
    expect(s.min).toBe(0)
    expect(s.max).toBe(100)
    expect(s.mean).toBeCloseTo(50, 9)
    expect(s.integral).toBe(false)
  })

  it('from a bounded reservoir over 300 000 values are within 1.5 % of the range, min/max/mean stay exact, and the same seed gives the same result', () => {
    const n = 300_000
    const value = (i: number) => ((i * 2654435761) % 1_000_003) ** 2 / 1e9 // skewed, not in order
    const run = (seed: number) => {
      const stats = new NumericStats()
      const r = new NumberReservoir(20_000, seed)
      for (let i = 0; i < n; i++) {
        const v = value(i)
        stats.add(v)
        r.add(v)
      }
      return summarize(stats, r.sorted())!
    }
    const a = run(1)
    const all = Array.from({ length: n }, (_, i) => value(i))
    const range = a.max - a.min
    for (const p of [5, 10, 25, 50, 75, 90, 95]) expect(Math.abs(a.quantiles[p]! - exactPercentile(all, p)) / range, `p${p}`).toBeLessThan(0.015)
    expect(a.min).toBe(all.reduce((m, x) => Math.min(m, x), Infinity))
    expect(a.max).toBe(all.reduce((m, x) => Math.max(m, x), -Infinity))
    expect(a.mean).toBeCloseTo(all.reduce((s, x) => s + x, 0) / n, 6)
    expect(run(1).quantiles).toEqual(a.quantiles)
    expect(run(2).quantiles).not.toEqual(a.quantiles)
  })

  it('keeps each item with probability capacity / seen (Algorithm L is uniform)', () => {
    // 2000 runs of a 10-slot reservoir over 100 items: each item is held in about 10 % of the runs.
    const held = new Array<number>(100).fill(0)
    for (let seed = 1; seed <= 2000; seed++) {
      const slots = new ReservoirSlots(10, seed)
      const at = new Array<number>(10)
      for (let i = 0; i < 100; i++) {
        const k = slots.take()
        if (k >= 0) at[k] = i
      }
      for (const i of at) held[i]!++
    }
    for (const h of held) expect(h / 2000).toBeGreaterThan(0.06)
    for (const h of held) expect(h / 2000).toBeLessThan(0.14)
    expect(held.slice(0, 10).reduce((a, b) => a + b) / 20000).toBeCloseTo(0.1, 1)
  })

  it('quantiles101 interpolates between order statistics', () => {
    expect(quantiles101([10, 20])[50]).toBe(15)
    expect(quantiles101([3])[0]).toBe(3)
    expect(quantiles101([3])[100]).toBe(3)
  })
})

describe('distinct values', () => {
  it('are exact below the cap, keep category counts while few, and are a close estimate past the cap', () => {
    const few = new DistinctCounter(50)
    for (let i = 0; i < 1000; i++) few.add(['a', 'b', 'c'][i % 3]!)
    expect(few.distinct).toBe(3)
    expect(Object.fromEntries(few.counts!)).toEqual({ a: 334, b: 333, c: 333 })

    const mid = new DistinctCounter(50)
    for (let i = 0; i < 200_000; i++) mid.add(`v${i % 40_000}`)
    expect(mid.counts).toBeUndefined()
    expect(mid.exact).toBe(true)
    expect(mid.distinct).toBe(40_000)

    const many = new DistinctCounter(50)
    for (let i = 0; i < 1_000_000; i++) many.add(i % 3 === 0 ? i * 1.5 : `k${i}`)
    expect(many.exact).toBe(false)
    expect(Math.abs(many.distinct - 1_000_000) / 1_000_000).toBeLessThan(0.03)
    expect(DISTINCT_EXACT_CAP).toBe(65_536)
  })

  it('count the same through addNumber / addString as through add, in every phase', () => {
    for (const n of [30, 5000, 200_000]) {
      const generic = new DistinctCounter(50)
      const typed = new DistinctCounter(50)
      for (let i = 0; i < n; i++) {
        const x = (i * 7919) % (n / 2) + 0.25
        const s = `e${(i * 31) % n}@x.org`
        generic.add(x)
        generic.add(s)
        typed.addNumber(x)
        typed.addString(s)
      }
      expect(typed.distinct).toBe(generic.distinct)
      expect(typed.exact).toBe(generic.exact)
      expect(typed.counts && Object.fromEntries(typed.counts)).toEqual(generic.counts && Object.fromEntries(generic.counts))
    }
  })

  it('tell numbers, strings and booleans apart and count 0 and 1 as values', () => {
    const d = new DistinctCounter(2)
    for (const v of [1, '1', true, 0, '0', false, 1, true]) d.add(v)
    expect(d.distinct).toBe(6)
    const set = new HashSet32()
    for (const h of [0, 1, 0, 5, 5, 2 ** 31, -1]) set.add(h)
    // 0 is stored as 1: the two count once.
    expect(set.size).toBe(4)
  })
})

describe('pattern inference', () => {
  it('gives one short pattern when every value fits it', () => {
    expect(inferPattern(['AB1234', 'XZ0001', 'QQ9876'])).toBe('[A-Z]{2}[0-9]{4}')
    expect(inferPattern(['ALFKI', 'BONAP', 'WOLZA'])).toBe('[A-Z]{5}')
    expect(inferPattern(['INV-2024-001', 'INV-2023-117'])).toBe('[A-Z]{3}-[0-9]{4}-[0-9]{3}')
    expect(inferPattern(['123', '4567', '89'])).toBe('[0-9]{2,4}')
    expect(inferPattern(['a.b', 'c.d1'])).toBeUndefined()
  })

  it('gives none for words, mixed shapes, spaces or long text', () => {
    expect(inferPattern(['Maria', 'Ana', 'Thomas'])).toBeUndefined()
    expect(inferPattern(['AB12', '12AB'])).toBeUndefined()
    expect(inferPattern(['AB 12', 'CD 34'])).toBeUndefined()
    expect(inferPattern(['A'.repeat(30)])).toBeUndefined()
    expect(inferPattern([])).toBeUndefined()
    expect(inferPattern(['ÄB12'])).toBeUndefined()
  })
})

describe('temporal values', () => {
  it('parse SQL and ISO text as UTC like Date.parse of the zoned ISO form', () => {
    const cases: Array<[string, string]> = [
      ['2024-03-05', '2024-03-05T00:00:00Z'],
      ['2024-03-05 13:14:15', '2024-03-05T13:14:15Z'],
      ['2024-03-05T13:14:15.25', '2024-03-05T13:14:15.250Z'],
      ['2024-03-05 13:14:15.123456+02', '2024-03-05T13:14:15.123+02:00'],
      ['2024-03-05 13:14:15-05:30', '2024-03-05T13:14:15-05:30'],
      ['2024-03-05T13:14Z', '2024-03-05T13:14:00Z'],
    ]
    for (const [text, iso] of cases) expect(parseTemporalText(text), text).toBe(Date.parse(iso))
    expect(Number.isNaN(parseTemporalText('not a date'))).toBe(true)
    expect(toEpochMs(new Date(Date.UTC(2020, 0, 1)))).toBe(Date.UTC(2020, 0, 1))
  })

  it('seasonality counts ISO weekdays (Monday first), months and UTC hours', () => {
    // 2024-01-01 was a Monday.
    const mon = Date.UTC(2024, 0, 1, 9)
    const sat = Date.UTC(2024, 5, 8, 23)
    const s = seasonality([mon, mon, sat, Date.UTC(2024, 5, 9, 9)], false)!
    expect(s.weekday).toEqual([0.5, 0, 0, 0, 0, 0.25, 0.25])
    expect(s.month[0]).toBe(0.5)
    expect(s.month[5]).toBe(0.5)
    expect(s.hour![9]).toBe(0.75)
    expect(s.hour![23]).toBe(0.25)
    expect(seasonality([mon], true)!.hour).toBeUndefined()
    expect(seasonality([], true)).toBeUndefined()
  })
})

describe('fan-out summary', () => {
  it('gives min, median, p95, max, mean and the childless share of per-parent counts', () => {
    const counts = [0, 0, 1, 2, 2, 3, 10, 1, 1, 0]
    const s = fanOutStats(counts)
    expect(s).toMatchObject({ parents: 10, childless: 0.3, min: 0, max: 10, mean: 2 })
    expect(s.median).toBe(exactPercentile(counts, 50))
    expect(s.p95).toBeCloseTo(exactPercentile(counts, 95), 9)
    expect(fanOutStats([])).toMatchObject({ parents: 0, median: 0 })
  })
})
