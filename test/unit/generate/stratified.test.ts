/**
 * Stratified draws (src/generate/stratified.ts) and what they give a small table: the keyed permutation is
 * a bijection, a weighted rule's counts are within one row of n·weight, an empirical column has one row
 * per n-quantile, the NULL rows are exactly the rounded share, and every value is still a pure function of
 * (seed, table, column, row) — a batch size or order of access changes nothing.
 */
import { describe, expect, it } from 'vitest'
import { keyedPermutation, strata, stratifiedDraw, stratumIsNull, STRATIFY_MAX_ROWS } from '../../../src/generate/stratified.js'
import { rand32 } from '../../../src/generate/prng.js'
import { discreteSampler } from '../../../src/generate/distributions.js'
import { quantileSampler } from '../../../src/generate/empirical.js'
import { fanOutCounts } from '../../../src/generate/fan-out.js'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { generateBatches } from '../../../src/generate/index.js'
import { parseRules } from '../../../src/rules/load.js'
import { col, int, model, table, varchar } from '../plan/model-builders.js'

describe('keyedPermutation', () => {
  it('is a bijection of [0, n) for sizes around powers of two, and the key changes it', () => {
    for (const n of [1, 2, 3, 4, 5, 15, 16, 17, 90, 255, 256, 257, 1000, 4097]) {
      const perm = keyedPermutation(n, 99)
      const seen = new Uint8Array(n)
      for (let i = 0; i < n; i++) seen[perm(i)]!++
      expect(seen.every((c) => c === 1), `n = ${n}`).toBe(true)
    }
    const a = keyedPermutation(1000, 1)
    const b = keyedPermutation(1000, 2)
    let same = 0
    for (let i = 0; i < 1000; i++) if (a(i) === b(i)) same++
    expect(same).toBeLessThan(20)
  })
})

describe('stratified draws', () => {
  it('a weighted draw over n rows gives each value round(n·weight) ± 1 rows, summing to n', () => {
    const weights = [0.5556, 0.1111, 0.1111, 0.1111, 0.1111]
    const cum = new Float64Array(weights.length)
    weights.reduce((acc, w, j) => (cum[j] = acc + w), 0)
    for (const n of [9, 29, 90, 290, 1001]) {
      const pick = discreteSampler(cum, stratifiedDraw(strata(n, 0, 7), 7))
      const counts = weights.map(() => 0)
      for (let i = 0; i < n; i++) counts[pick(i)]!++
      const total = weights.reduce((a, b) => a + b, 0)
      for (const [j, w] of weights.entries()) expect(Math.abs(counts[j]! - (n * w) / total), `n ${n} value ${j}`).toBeLessThanOrEqual(1)
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n)
    }
  })

  it('an empirical draw has exactly one row in each n-quantile slice (KS ≤ 1/n)', () => {
    const points = Array.from({ length: 101 }, (_, j) => j * j)
    const n = 90
    const x = quantileSampler(points, stratifiedDraw(strata(n, 0, 3), 3, 4))
    const slots = new Uint8Array(n)
    for (let i = 0; i < n; i++) {
      const v = x(i)
      // The inverse of the piecewise-linear quantile function: u of value v.
      let j = 0
      while (j < 99 && points[j + 1]! <= v) j++
      const u = (j + (v - points[j]!) / (points[j + 1]! - points[j]!)) / 100
      slots[Math.min(n - 1, Math.floor(u * n))]!++
    }
    expect([...slots].every((c) => c === 1)).toBe(true)
  })

  it('NULL rows are exactly the rounded share; the non-NULL rows hold the weights among themselves', () => {
    const st = strata(290, 0.8276 * 290, 11)
    const cum = Float64Array.from([0.2, 0.4, 0.6, 0.8, 1])
    const pick = discreteSampler(cum, stratifiedDraw(st, 11))
    const counts = [0, 0, 0, 0, 0]
    let nulls = 0
    for (let i = 0; i < 290; i++) {
      if (stratumIsNull(st, i)) nulls++
      else counts[pick(i)]!++
    }
    expect(nulls).toBe(240)
    expect(counts).toEqual([10, 10, 10, 10, 10])
  })

  it('a step of more than STRATIFY_MAX_ROWS rows draws exactly the independent rand32 draws', () => {
    const st = strata(STRATIFY_MAX_ROWS + 1, 10, 5)
    expect(st.active).toBe(false)
    const d = stratifiedDraw(st, 21)
    for (const i of [0, 1, 1000, 70_000]) expect(d(i)).toBe(rand32(21, i))
    expect(strata(STRATIFY_MAX_ROWS, 10, 5).active).toBe(true)
  })

  it('rows beyond the strata draw independently (no error, same stream)', () => {
    const st = strata(10, 2, 5)
    expect(st.position(10)).toBe(-1)
    expect(stratumIsNull(st, 10)).toBeUndefined()
    const d = stratifiedDraw(st, 5)
    expect(d(10)).toBeGreaterThanOrEqual(0)
    expect(d(10)).toBeLessThan(4294967296)
  })

  it('fan-out counts from quantiles follow them over a few parents: the median child count is the rule’s', () => {
    const quantiles = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
      .concat(Array.from({ length: 60 }, (_, j) => Math.round((j + 1) * 5.4 * 100) / 100))
    const counts = [...fanOutCounts(5, 'orders', 'g', { min: 0, max: 324, distribution: 'uniform', quantiles }, 60)].sort((a, b) => a - b)
    const median = (counts[29]! + counts[30]!) / 2
    const want = quantiles[50]!
    expect(Math.abs(median - want) / want).toBeLessThan(0.1)
    expect(counts.filter((c) => c === 0).length).toBeGreaterThanOrEqual(23)
  })
})

describe('a small seeded table follows its weighted rule', () => {
  const staff = table('staff', [col('id', int(4), { identity: { kind: 'always' } }), col('title', varchar(40), { nullable: true })], { primaryKey: { columns: ['id'] } })

  it('90 rows of 4 titles with a NULL share: counts are the rounded shares, whatever the batch size', () => {
    const rules = parseRules('tables:\n  staff:\n    rows: 90\n    columns:\n      title:\n        values: [Sales Representative, Manager, Coordinator, Vice President]\n        weights: [0.6, 0.2, 0.1, 0.1]\n        nullRate: 0.1\n', 'r.yaml')
    const plan = buildPlan(model([staff]), { rows: 10, seed: 3, rules })
    const step = plan.steps.find((s) => s.table.name === 'staff')!
    expect(step.rows).toBe(90)
    const titles = (batchSize: number) => [...generateBatches(plan, step, { batchSize })].flatMap((b) => b.rows.map((r) => r[b.columns.indexOf('title')]!))
    const forward = titles(1000)
    expect(titles(7)).toEqual(forward)
    const count = (v: string | null) => forward.filter((x) => x === v).length
    expect(count(null)).toBe(9)
    // 81 non-NULL rows: 48.6, 16.2, 8.1, 8.1 → within one row each.
    expect(Math.abs(count('Sales Representative') - 48.6)).toBeLessThanOrEqual(1)
    expect(Math.abs(count('Manager') - 16.2)).toBeLessThanOrEqual(1)
    expect(Math.abs(count('Coordinator') - 8.1)).toBeLessThanOrEqual(1)
    expect(Math.abs(count('Vice President') - 8.1)).toBeLessThanOrEqual(1)
    // Another seed deals them to other rows.
    const other = buildPlan(model([staff]), { rows: 10, seed: 4, rules })
    const o = [...generateBatches(other, other.steps[0]!, { batchSize: 100 })].flatMap((b) => b.rows.map((r) => r[b.columns.indexOf('title')]!))
    expect(o).not.toEqual(forward)
  })
})
