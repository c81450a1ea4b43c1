/** NumericSummary from exact min/max/mean and a (sorted) sample of the values. */
import type { NumericSummary } from '../model/profile.js'

/** Running exact parts of a summary; the quantiles come from a reservoir. */
export class NumericStats {
  n = 0
  min = Infinity
  max = -Infinity
  sum = 0
  integral = true

  add(x: number): void {
    this.n++
    if (x < this.min) this.min = x
    if (x > this.max) this.max = x
    this.sum += x
    if (this.integral && !Number.isInteger(x)) this.integral = false
  }
}

/**
 * 101 quantiles (p0 … p100, linear interpolation between order statistics of `sorted`), with p0 and
 * p100 the exact min and max. Undefined when no value was seen.
 */
export function summarize(stats: NumericStats, sorted: Float64Array): NumericSummary | undefined {
  if (stats.n === 0 || sorted.length === 0) return undefined
  const quantiles = quantiles101(sorted)
  quantiles[0] = stats.min
  quantiles[100] = stats.max
  return { min: stats.min, max: stats.max, mean: stats.sum / stats.n, quantiles, integral: stats.integral }
}

/** quantiles[i] = the i-th percentile of `sorted` (ascending), interpolated. */
export function quantiles101(sorted: Float64Array | number[]): number[] {
  const n = sorted.length
  const out: number[] = new Array(101)
  for (let i = 0; i <= 100; i++) {
    const pos = (i / 100) * (n - 1)
    const lo = Math.floor(pos)
    const hi = Math.min(n - 1, lo + 1)
    const f = pos - lo
    out[i] = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * f
  }
  return out
}
