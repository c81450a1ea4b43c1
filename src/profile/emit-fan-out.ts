/**
 * Fan-out summaries (min, median, p95, max, childless share) → an empirical child-count distribution for
 * `perParent: { parent: { quantiles } }`, and the choice of which FK of a child table gets it (a table's
 * row count can follow only one parent).
 */
import type { FanOutProfile, TableProfile } from '../model/profile.js'

/**
 * 101 evenly spaced quantiles of children per parent: the profile's own when it has them (the exact
 * shape: with a few parents, or half of them childless, the summary's knots misplace the median and the
 * mean), else piecewise linear through the summary's knots:
 * (0, min), the childless share (0 below it, at least 1 above it), (0.5, median), (0.95, p95), (1, max).
 * Draws are rounded, so p50 of the drawn counts is the median.
 */
export function fanOutQuantiles(f: FanOutProfile): number[] {
  if (f.quantiles && f.quantiles.length === 101) {
    // Monotone and within [min, max] whatever the file says (a hand-edited profile).
    let last = f.min
    return f.quantiles.map((v) => (last = Math.min(f.max, Math.max(last, v))))
  }
  const knots: Array<[number, number]> = [[0, f.min]]
  const c = f.childless
  if (c > 0 && c < 1 && f.min === 0) {
    knots.push([c, 0])
    if (c < 0.95 && f.p95 >= 1) knots.push([c + 1e-6, Math.min(1, f.max)])
  }
  if (c < 0.5) knots.push([0.5, f.median])
  if (c < 0.95) knots.push([0.95, f.p95])
  knots.push([1, f.max])
  knots.sort((a, b) => a[0] - b[0])
  // Monotone: each knot at least the one before (a profile from a sample may disagree with itself).
  for (let j = 1; j < knots.length; j++) knots[j]![1] = Math.max(knots[j]![1], knots[j - 1]![1])
  const out: number[] = []
  for (let i = 0; i <= 100; i++) {
    const p = i / 100
    let j = 0
    while (j < knots.length - 2 && knots[j + 1]![0] < p) j++
    const [p0, v0] = knots[j]!
    const [p1, v1] = knots[j + 1]!
    const v = p1 <= p0 ? v1 : v0 + ((v1 - v0) * (p - p0)) / (p1 - p0)
    out.push(Math.round(v * 100) / 100)
  }
  return out
}

/**
 * The FKs whose fan-out to shape, the one setting the row count first: not self-referencing, no NULLs to
 * speak of, a parent reached by no other FK of the table (perParent names the parent); most parents
 * first (the busiest shape sets the count, the others spread the rows over their parents).
 */
export function chooseFanOuts(t: TableProfile): FanOutProfile[] {
  const byParent = new Map<string, number>()
  for (const f of t.fanOut) byParent.set(f.parent.table, (byParent.get(f.parent.table) ?? 0) + 1)
  const fit = t.fanOut.filter((f) => f.parent.table !== t.name && byParent.get(f.parent.table) === 1 && f.nullShare <= 0.01 && f.parents > 0)
  return fit.sort((a, b) => b.parents - a.parents)
}
