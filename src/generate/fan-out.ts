/**
 * Per-parent fan-out: each parent row j gets a child count drawn (from the seed) from a distribution over
 * [min, max] (empirical quantiles: stratified over the parents, stratified.ts); children are laid out
 * parent after parent, so child i belongs to the parent whose prefix sum range holds i. The planner uses
 * the total as the child table's row count; the generator maps a child index to its parent index by
 * binary search over the same prefix sums.
 */
import type { FanOut } from '../model/plan.js'
import { distributionSampler } from './distributions.js'
import { mix32, streamHash } from './prng.js'
import { quantileSampler } from './empirical.js'
import { scatter } from './scatter.js'
import { strata, stratifiedDraw } from './stratified.js'

type FanOutShape = Pick<FanOut, 'min' | 'max' | 'distribution' | 'quantiles' | 'rows'>

/**
 * Child counts of each of `parentRows` parents (deterministic in seed, child step and FK group): drawn
 * from the distribution (or the empirical quantiles, rounded), then, with a fixed `rows`, evened out to
 * exactly that total (see `evenOut`).
 */
export function fanOutCounts(seed: string | number, childStep: string, group: string, f: FanOutShape, parentRows: number): Int32Array {
  const h = streamHash(seed, childStep, `fanout:${group}`)
  const out = new Int32Array(parentRows)
  if (f.quantiles) {
    // Stratified over the parents, at the centre of each parent's slice: the counts' own quantiles (the
    // median too) follow the rule's even for a few parents.
    const x = quantileSampler(f.quantiles, stratifiedDraw(strata(parentRows, 0, mix32(h ^ 0x510e527f)), h))
    for (let j = 0; j < parentRows; j++) out[j] = Math.min(f.max, Math.max(f.min, Math.round(x(j))))
  } else {
    const sample = distributionSampler(f.distribution, f.min, f.max, h)
    for (let j = 0; j < parentRows; j++) out[j] = sample(j)
  }
  if (f.rows !== undefined && parentRows > 0) evenOut(out, f.rows, f.min, f.max, mix32(h ^ 0x7f4a7c15))
  return out
}

/**
 * Make `counts` sum to `total`: one child more (or less) per parent, parents in a seeded order, pass
 * after pass, within [min, max] while that can hold, beyond max (or down to 0) when it cannot. The
 * drawn shape moves by at most the passes needed, usually one partial pass (the draws' sum is close).
 */
function evenOut(counts: Int32Array, total: number, min: number, max: number, h: number): void {
  const n = counts.length
  let sum = 0
  for (const c of counts) sum += c
  const order = scatter(n, h)
  const up = sum < total
  let strict = true
  while (sum !== total) {
    let moved = false
    for (let k = 0; k < n && sum !== total; k++) {
      const j = order(k)
      const c = counts[j]!
      if (up ? strict && c >= max : c <= (strict ? min : 0)) continue
      counts[j] = c + (up ? 1 : -1)
      sum += up ? 1 : -1
      moved = true
    }
    if (!moved) {
      if (!strict) break
      strict = false
    }
  }
}

/** Sum of the child counts: the child table's row count. */
export function fanOutTotal(seed: string | number, childStep: string, group: string, f: FanOutShape, parentRows: number): number {
  let total = 0
  for (const c of fanOutCounts(seed, childStep, group, f, parentRows)) total += c
  return total
}

/** Parent index of child i (−1 beyond the total). */
export function fanOutPicker(seed: string | number, childStep: string, group: string, f: FanOut, parentRows: number): (i: number) => number {
  return fanOutLayout(seed, childStep, group, f, parentRows).parentOf
}

/**
 * Parent index of child i (−1 beyond the total) and its place among that parent's children (0, 1, …):
 * what a counter column of a (FK, counter) key numbers the children by.
 */
export function fanOutLayout(seed: string | number, childStep: string, group: string, f: FanOut, parentRows: number): { parentOf: (i: number) => number; ordinalOf: (i: number) => number } {
  const counts = fanOutCounts(seed, childStep, group, f, parentRows)
  // ends[j] = first child index after parent j's children.
  const ends = new Float64Array(parentRows)
  let acc = 0
  for (let j = 0; j < parentRows; j++) ends[j] = acc += counts[j]!
  // Rows are mostly generated in order, so the previous lookup's parent or one a few places on is
  // usually the answer: check those before the binary search.
  let last = 0
  const parentOf = (i: number): number => {
    if (i >= acc || i < 0) return -1
    if (i < ends[last]! && (last === 0 || i >= ends[last - 1]!)) return last
    if (i >= ends[last]!) {
      // A few steps forward (parents with no children have empty ranges) before searching.
      for (let j = last + 1, stop = Math.min(parentRows, last + 9); j < stop; j++) if (i < ends[j]!) return (last = j)
    }
    let lo = 0
    let hi = parentRows - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (ends[mid]! > i) hi = mid
      else lo = mid + 1
    }
    return (last = lo)
  }
  return {
    parentOf,
    ordinalOf: (i) => {
      const j = parentOf(i)
      return j <= 0 ? Math.max(0, i) : i - ends[j - 1]!
    },
  }
}
