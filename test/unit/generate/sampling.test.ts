/**
 * The table-driven samplers behind the rule engine's speed: discrete draws through a guide table stay
 * exact, tabulated normal quantiles agree with the CDF, the fan-out picker answers the same in any access
 * order, and the compiled template's unique path is injective and keeps the email shape.
 */
import { describe, expect, it } from 'vitest'
import { discreteSampler } from '../../../src/generate/distributions.js'
import { normalCdf, normalQuantile } from '../../../src/generate/normal.js'
import { fanOutCounts, fanOutPicker } from '../../../src/generate/fan-out.js'
import { templateSource } from '../../../src/generate/template-source.js'

describe('discreteSampler', () => {
  it('draws each index in proportion to its weight; zero weights never', () => {
    const weights = [80, 0, 18, 2]
    const cum = new Float64Array(weights.length)
    weights.reduce((acc, w, j) => (cum[j] = acc + w), 0)
    const pick = discreteSampler(cum, 12345)
    const n = 400_000
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < n; i++) counts[pick(i)]!++
    expect(counts[1]).toBe(0)
    for (const j of [0, 2, 3]) expect(Math.abs(counts[j]! / n - weights[j]! / 100)).toBeLessThan(0.003)
  })

  it('handles thousands of outcomes (zipf-sized tables) without leaving the range', () => {
    const cum = new Float64Array(5000)
    let acc = 0
    for (let r = 1; r <= 5000; r++) cum[r - 1] = acc += 1 / r
    const pick = discreteSampler(cum, 7)
    let outside = 0
    let first = 0
    for (let i = 0; i < 100_000; i++) {
      const j = pick(i)
      if (j < 0 || j >= 5000 || !Number.isInteger(j)) outside++
      if (j === 0) first++
    }
    expect(outside).toBe(0)
    // P(rank 1) = 1 / H(5000) ≈ 0.1128.
    expect(Math.abs(first / 100_000 - 1 / acc)).toBeLessThan(0.004)
  })
})

describe('normal law helpers', () => {
  it('quantile inverts the CDF across (0, 1)', () => {
    for (let p = 0.0005; p < 1; p += 0.0125) expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-6)
    expect(normalQuantile(0.5)).toBeCloseTo(0, 8)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5)
    expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6)
  })
})

describe('fanOutPicker', () => {
  it('gives every child its parent by prefix sums, in order and out of order', () => {
    const f = { min: 0, max: 6, distribution: 'zipf' as const }
    const counts = fanOutCounts(1, 'orders', 'g', f, 5000)
    const expected: number[] = []
    counts.forEach((c, j) => {
      for (let x = 0; x < c; x++) expected.push(j)
    })
    const inOrder = fanOutPicker(1, 'orders', 'g', { ...f, total: expected.length }, 5000)
    const got = expected.map((_, i) => inOrder(i))
    expect(got).toEqual(expected)
    expect(inOrder(expected.length)).toBe(-1)
    // Random access (as a fixup or a batch restart would do) must agree.
    const random = fanOutPicker(1, 'orders', 'g', { ...f, total: expected.length }, 5000)
    let wrong = 0
    for (let t = 0; t < 20_000; t++) {
      const i = (t * 7919) % expected.length
      if (random(i) !== expected[i]) wrong++
    }
    expect(wrong).toBe(0)
  })
})

describe('templateSource', () => {
  const streams = { h: 1, h2: 2, h3: 3, h4: 4 }
  it('unique emails: distinct, suffix before the template @, lowercase', () => {
    const t = templateSource('{{person.firstName}}.{{person.lastName}}@Acme.test', streams, { lowercase: true, where: 'c.email' })
    const seen = new Set<string>()
    let bad = 0
    for (let k = 0; k < 50_000; k++) {
      const v = String(t.unique(k, k * 31))
      seen.add(v)
      if (!/^[^@A-Z]+\.[0-9a-z]+@acme\.test$/.test(v) || !v.endsWith(`.${k.toString(36)}@acme.test`)) bad++
    }
    expect(bad).toBe(0)
    expect(seen.size).toBe(50_000)
  })

  it('narrow columns: values are cut to maxLength and stay distinct', () => {
    const t = templateSource('{{person.firstName}} {{person.lastName}}', streams, { maxLength: 12, where: 'c.name' })
    const seen = new Set<string>()
    let long = 0
    for (let k = 0; k < 20_000; k++) {
      const v = String(t.unique(k, k))
      if (v.length > 12) long++
      seen.add(v)
      if (String(t.random(k)).length > 12) long++
    }
    expect(long).toBe(0)
    expect(seen.size).toBe(20_000)
  })

  it('without an @ the suffix goes at the end', () => {
    const t = templateSource('user-{{string.numeric(4)}}', streams, { where: 'c.login' })
    expect(String(t.unique(35, 0))).toMatch(/^user-[0-9]{4}-z$/)
  })
})
