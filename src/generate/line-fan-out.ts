/**
 * The built-in fan-out of a child keyed by (FK, counter), like order_items(order_id, line_no): parents
 * are visited in a seeded scattered order, each takes 1 + j children with weight `weights[j]` (mostly 1–3),
 * until the step's rows are laid out. When all parents together would take fewer rows than asked, counts
 * are 1 + a geometric draw with the mean the rows need (capped by the counter's domain), and when even
 * that falls short every parent takes the same number more. Child i belongs to the parent whose prefix-sum range holds i, and
 * its ordinal is its place in that range, so (parent, ordinal) is unique by construction. Everything
 * depends on (seed, step, FK group, parent rows, rows) only: batch size plays no part.
 */
import type { LineFanOut } from '../model/plan.js'
import { discreteSampler } from './distributions.js'
import { streamHash } from './prng.js'
import { scatter } from './scatter.js'

/** Where each child row goes. */
export interface LineLayout {
  /** Parent row index of child i (−1 outside [0, rows)). */
  parentOf(i: number): number
  /** Place of child i among its parent's children (0, 1, …). */
  ordinalOf(i: number): number
  /** Parents that get at least one child. */
  parentsUsed: number
  /** Most children of one parent. */
  maxCount: number
  /** Children every parent takes beyond its drawn count (0 unless the rows need more than any shape gives). */
  extra: number
  /** The counts are 1 + a geometric draw (the rows need more than the usual weights give). */
  geometric: boolean
  /** Mean children per parent of the shape used. */
  mean: number
}

/** The layout of `rows` children over `parentRows` parents. O(parentRows) to build, O(1) per in-order row. */
export function lineLayout(seed: string | number, childStep: string, group: string, f: LineFanOut, parentRows: number, rows: number): LineLayout {
  const h = streamHash(seed, childStep, `lines:${group}`)
  let weights = f.weights
  let mean = meanCount(weights)
  // More rows than the usual shape gives: 1 + a geometric draw with (slightly above) the mean they need.
  const geometric = parentRows > 0 && mean * parentRows < rows
  if (geometric) {
    const want = (rows / parentRows) * 1.05
    const q = 1 - 1 / want
    const n = Math.max(1, Math.min(f.max, Math.max(10, Math.ceil(want * 12))))
    weights = Array.from({ length: n }, (_, j) => Math.pow(q, j))
    mean = meanCount(weights)
  }
  const cum = new Float64Array(weights.length)
  let acc = 0
  weights.forEach((w, j) => (cum[j] = acc += w))
  const draw = discreteSampler(cum, h)
  let total = 0
  for (let s = 0; s < parentRows; s++) total += 1 + draw(s)
  const extra = parentRows === 0 || total >= rows ? 0 : Math.ceil((rows - total) / parentRows)
  // ends[s]: first child index after slot s, for the slots needed to hold `rows` children.
  const endsList: number[] = []
  let sum = 0
  let maxCount = 0
  for (let s = 0; s < parentRows && sum < rows; s++) {
    const c = 1 + draw(s) + extra
    sum += c
    endsList.push(sum)
    if (c > maxCount) maxCount = c
  }
  const ends = Float64Array.from(endsList)
  const used = ends.length
  const perm = scatter(parentRows, streamHash(seed, childStep, `lines-order:${group}`))
  let last = 0
  const slotOf = (i: number): number => {
    if (i < ends[last]! && (last === 0 || i >= ends[last - 1]!)) return last
    if (i >= ends[last]!) for (let j = last + 1, stop = Math.min(used, last + 9); j < stop; j++) if (i < ends[j]!) return (last = j)
    let lo = 0
    let hi = used - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (ends[mid]! > i) hi = mid
      else lo = mid + 1
    }
    return (last = lo)
  }
  const inRange = (i: number) => i >= 0 && i < rows && used > 0
  return {
    parentOf: (i) => (inRange(i) ? perm(slotOf(i)) : -1),
    ordinalOf: (i) => {
      if (!inRange(i)) return 0
      const s = slotOf(i)
      return s === 0 ? i : i - ends[s - 1]!
    },
    parentsUsed: used,
    maxCount,
    extra,
    geometric,
    mean: mean + extra,
  }
}

/** Mean children per parent under `weights` (weights[j] for 1 + j children). */
function meanCount(weights: number[]): number {
  let w = 0
  let m = 0
  weights.forEach((x, j) => {
    w += x
    m += x * (j + 1)
  })
  return w > 0 ? m / w : 1
}
