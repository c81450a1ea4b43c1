/** Small statistics for the profile tests: percentiles, KS distance against quantiles, TVD. */

/** 101 percentiles (linear interpolation between order statistics), like NumericSummary.quantiles. */
export function percentiles(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b)
  return Array.from({ length: 101 }, (_, i) => {
    const x = (i / 100) * (s.length - 1)
    const j = Math.floor(x)
    return j + 1 < s.length ? s[j]! + (s[j + 1]! - s[j]!) * (x - j) : s[j]!
  })
}

/** CDF at x of the piecewise-linear distribution through evenly spaced quantiles `q`. */
export function quantileCdf(q: number[], x: number): number {
  const n = q.length
  if (x < q[0]!) return 0
  if (x >= q[n - 1]!) return 1
  let j = 0
  while (j < n - 2 && q[j + 1]! <= x) j++
  const a = q[j]!
  const b = q[j + 1]!
  return (j + (b > a ? (x - a) / (b - a) : 1)) / (n - 1)
}

/**
 * Kolmogorov–Smirnov distance between a sample and the target quantiles. `unit`: values are rounded to
 * multiples of it (integers, cents, days), so the target is compared on the same grid (CDF at x + unit/2).
 */
export function ksToQuantiles(sample: number[], q: number[], unit = 0): number {
  const s = [...sample].sort((a, b) => a - b)
  let d = 0
  for (let i = 0; i < s.length; ) {
    let j = i
    while (j < s.length && s[j] === s[i]) j++
    const x = s[i]!
    const target = (y: number) => quantileCdf(q, unit > 0 ? y + unit / 2 : y)
    const before = unit > 0 ? quantileCdf(q, x - unit / 2) : target(x - 1e-12)
    d = Math.max(d, Math.abs(j / s.length - target(x)), Math.abs(i / s.length - before))
    i = j
  }
  return d
}

/** Two-sample KS distance. */
export function ks2(a: number[], b: number[]): number {
  const x = [...a].sort((p, q) => p - q)
  const y = [...b].sort((p, q) => p - q)
  let i = 0
  let j = 0
  let d = 0
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!)
    while (i < x.length && x[i]! <= v) i++
    while (j < y.length && y[j]! <= v) j++
    d = Math.max(d, Math.abs(i / x.length - j / y.length))
  }
  return d
}

/** Total variation distance between two share maps. */
export function tvd(p: Map<string, number>, q: Map<string, number>): number {
  const keys = new Set([...p.keys(), ...q.keys()])
  let s = 0
  for (const k of keys) s += Math.abs((p.get(k) ?? 0) - (q.get(k) ?? 0))
  return s / 2
}

/** Shares of each value. */
export function shares(values: Array<string | number | boolean | null>): Map<string, number> {
  const m = new Map<string, number>()
  for (const v of values) m.set(String(v), (m.get(String(v)) ?? 0) + 1)
  for (const [k, c] of m) m.set(k, c / values.length)
  return m
}

/** Median of numbers. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

/** A seeded uniform in [0, 1) (mulberry32), for building source data. */
export { rng } from '../../support/profile-fixtures.js'
