/**
 * KS from quantiles against the exact two-sample KS on the raw samples: the bound documented in
 * src/report/quantile-cdf.ts (|approx − exact| ≤ 0.02 + 1/n + 1/m) must hold for continuous,
 * skewed, heavy-tailed and discrete distributions alike, and the rebuilt CDF must behave at atoms.
 */
import { describe, expect, it } from 'vitest'
import { cdfAt, cdfBefore, ksFromQuantiles, massBetween } from '../../../src/report/quantile-cdf.js'
import { normal, quantiles, rng } from '../../support/profile-fixtures.js'
// Exact two-sample KS: sup over all values of |F_a − F_b| of the empirical CDFs.
import { ks2 } from '../profile/stats.js'


type Draw = (u: () => number) => number
const laws: Record<string, Draw> = {
  'normal(0,1)': (u) => normal(u),
  'normal(0.3,1)': (u) => 0.3 + normal(u),
  'normal(0,1.5)': (u) => 1.5 * normal(u),
  'exponential(1)': (u) => -Math.log(1 - u()),
  'lognormal(0,1)': (u) => Math.exp(normal(u)),
  'uniform(0,1)': (u) => u(),
  'uniform(0.1,1.1)': (u) => 0.1 + u(),
  'poisson-ish(3)': (u) => Math.floor(-Math.log(1 - u()) * 3),
  'poisson-ish(4)': (u) => Math.floor(-Math.log(1 - u()) * 4),
  'bernoulli(0.5)': (u) => (u() < 0.5 ? 1 : 0),
  'bernoulli(0.6)': (u) => (u() < 0.6 ? 1 : 0),
  'dice': (u) => 1 + Math.floor(u() * 6),
  'pareto(1.5)': (u) => (1 - u()) ** (-1 / 1.5),
}

const pairs: Array<[string, string]> = [
  ['normal(0,1)', 'normal(0,1)'],
  ['normal(0,1)', 'normal(0.3,1)'],
  ['normal(0,1)', 'normal(0,1.5)'],
  ['exponential(1)', 'lognormal(0,1)'],
  ['uniform(0,1)', 'uniform(0.1,1.1)'],
  ['poisson-ish(3)', 'poisson-ish(4)'],
  ['bernoulli(0.5)', 'bernoulli(0.6)'],
  ['dice', 'poisson-ish(3)'],
  ['pareto(1.5)', 'lognormal(0,1)'],
  ['normal(0,1)', 'uniform(0,1)'],
]

describe('KS distance from 101 quantiles', () => {
  for (const [la, lb] of pairs) {
    for (const [n, m] of [[500, 5000], [3000, 3000]] as const) {
      it(`${la} (n=${n}) against ${lb} (m=${m}): within 0.02 + 1/n + 1/m of the exact KS`, () => {
        const u = rng(n * 31 + m + la.length * 7 + lb.length)
        const a = Array.from({ length: n }, () => laws[la]!(u))
        const b = Array.from({ length: m }, () => laws[lb]!(u))
        const exact = ks2(a, b)
        const approx = ksFromQuantiles(quantiles(a), quantiles(b))
        expect(Math.abs(approx - exact), `approx ${approx.toFixed(4)} exact ${exact.toFixed(4)}`).toBeLessThanOrEqual(0.02 + 1 / n + 1 / m)
      })
    }
  }

  it('is 0 for identical quantiles and 1 for disjoint ranges, and symmetric', () => {
    const q = quantiles(Array.from({ length: 1000 }, (_, i) => i))
    const far = q.map((x) => x + 10_000)
    expect(ksFromQuantiles(q, q)).toBe(0)
    expect(ksFromQuantiles(q, far)).toBe(1)
    const u = rng(5)
    const a = quantiles(Array.from({ length: 800 }, () => normal(u)))
    const b = quantiles(Array.from({ length: 800 }, () => 0.5 + normal(u)))
    expect(ksFromQuantiles(a, b)).toBeCloseTo(ksFromQuantiles(b, a), 12)
    // A half-sigma shift of a normal: the population KS is 2Φ(0.25) − 1 ≈ 0.197.
    expect(ksFromQuantiles(a, b)).toBeGreaterThan(0.14)
    expect(ksFromQuantiles(a, b)).toBeLessThan(0.26)
  })

  it('takes the supremum just before a shared atom (left limits), not only at the percentile points', () => {
    // 70 % of a and 90 % of b are exactly 5; below, a rises to 0.30 and b to 0.10 just before 5.
    const a = Array.from({ length: 101 }, (_, i) => (i < 30 ? i / 6 : 5))
    const b = Array.from({ length: 101 }, (_, i) => (i < 10 ? i / 2 : 5))
    expect(cdfBefore(a, 5)).toBeCloseTo(0.3, 12)
    expect(cdfBefore(b, 5)).toBeCloseTo(0.1, 12)
    expect(ksFromQuantiles(a, b)).toBeCloseTo(0.2, 9)
  })

  it('rebuilds the CDF linearly between percentiles and as a step at an atom', () => {
    const lin = Array.from({ length: 101 }, (_, i) => i * 2)
    expect(cdfAt(lin, -1)).toBe(0)
    expect(cdfAt(lin, 0)).toBeCloseTo(0, 12)
    expect(cdfAt(lin, 50)).toBeCloseTo(0.25, 12)
    expect(cdfAt(lin, 51)).toBeCloseTo(0.255, 12)
    expect(cdfAt(lin, 200)).toBe(1)
    // 40 % of the values are exactly 5: an atom.
    const atom = Array.from({ length: 101 }, (_, i) => (i < 30 ? i / 6 : i <= 70 ? 5 : 5 + (i - 70) / 10))
    expect(cdfBefore(atom, 5)).toBeCloseTo(0.29 + (5 - 29 / 6) / (5 - 29 / 6) / 100, 12)
    expect(cdfAt(atom, 5)).toBeCloseTo(0.7, 12)
    expect(massBetween(atom, 4.99, 5)).toBeGreaterThan(0.39)
  })
})
