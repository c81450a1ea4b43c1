/**
 * A distribution known only by its 101 percentiles (`NumericSummary.quantiles`), read back as a CDF.
 *
 * The CDF is rebuilt by linear interpolation between the percentile points: F(q[i]) = i/100, linear
 * between q[i] and q[i+1], a step where neighbouring percentiles coincide (an atom: a value many rows
 * share), 0 below q[0] and 1 from q[100] on. Wherever q[i] ≤ x < q[i+1], the sample's empirical CDF
 * at x lies in [i/100, (i+1)/100] (up to 1/n for interpolated quantiles of n values) and so does the
 * rebuilt one, so each rebuilt CDF is within 0.01 + 1/n of the empirical CDF everywhere, and the KS
 * distance of two rebuilt CDFs is within 0.02 + 1/n₁ + 1/n₂ of the exact two-sample KS distance of the
 * samples. `test/unit/report/quantile-cdf.test.ts` holds that bound against exact KS on raw samples.
 */

/** Percentile points expected in a quantile array. */
export const QUANTILE_POINTS = 101

/** F(x): share of values ≤ x under the interpolated CDF of `q` (101 ascending points). */
export function cdfAt(q: readonly number[], x: number): number {
  const last = q.length - 1
  if (last < 1 || x < q[0]!) return 0
  if (x >= q[last]!) return 1
  // Largest i with q[i] ≤ x (q[last] > x, so i < last).
  let lo = 0
  let hi = last
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (q[mid]! <= x) lo = mid
    else hi = mid
  }
  const a = q[lo]!
  const b = q[lo + 1]!
  return (lo + (x - a) / (b - a)) / last
}

/** F(x−): share of values < x under the interpolated CDF (differs from `cdfAt` only at an atom). */
export function cdfBefore(q: readonly number[], x: number): number {
  const last = q.length - 1
  if (last < 1 || x <= q[0]!) return 0
  if (x > q[last]!) return 1
  // Largest i with q[i] < x (q[0] < x ≤ q[last], so i < last).
  let lo = 0
  let hi = last
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (q[mid]! < x) lo = mid
    else hi = mid
  }
  const a = q[lo]!
  const b = q[lo + 1]!
  return (lo + (x - a) / (b - a)) / last
}

/**
 * Kolmogorov–Smirnov distance sup |F_a − F_b| of the two interpolated CDFs. Both are linear between
 * the union of their percentile points, so the supremum is reached at one of those points, either at
 * the point itself or just before it (the left limit, where an atom makes a step).
 */
export function ksFromQuantiles(a: readonly number[], b: readonly number[]): number {
  let d = 0
  for (const q of [a, b]) {
    for (const x of q) {
      d = Math.max(d, Math.abs(cdfAt(a, x) - cdfAt(b, x)), Math.abs(cdfBefore(a, x) - cdfBefore(b, x)))
    }
  }
  return Math.min(1, d)
}

/** Share of values in (lo, hi] under the interpolated CDF: a histogram bar's mass. */
export function massBetween(q: readonly number[], lo: number, hi: number): number {
  return Math.max(0, cdfAt(q, hi) - cdfAt(q, lo))
}
