/**
 * Value distributions over an integer range [min, max] (units), drawn from index-addressable uniforms.
 * Continuous laws are truncated to the range exactly (the quantile of the truncated law, so no redraws)
 * and their quantile is tabulated per column (QUANTILE_SEGMENTS pieces, linear in between; each point computed
 * when a row first reads it): a row costs one hash and one table lookup instead of log/exp/cos. Shapes:
 * - uniform: flat.
 * - normal: mean at the middle, σ = range / 6 (so the range is ±3σ).
 * - lognormal: median at min + range / 20, σ = 1 in log space (a long right tail).
 * - exponential: mean at min + range / 5.
 * - zipf: P(min + r − 1) ∝ 1 / r^1.1 for ranks r = 1 … N (most values at min, a long tail).
 */
import type { Distribution } from '../rules/schema.js'
import { rand32 } from './prng.js'
import { normalCdf, normalQuantile } from './normal.js'

/** Zipf exponent. */
export const ZIPF_S = 1.1
/** Ranges up to this size get an exact zipf table; larger ones the continuous approximation. */
const ZIPF_TABLE_MAX = 1_000_000
/** Pieces of a tabulated quantile function: 4096 keeps the interpolation error far below one unit of σ/100. */
const QUANTILE_SEGMENTS = 4096
const TWO_32 = 4294967296

/** `sample(i)`: the distributed integer of row i, in [min, max]. */
export type Sampler = (i: number) => number

/** A sampler over [min, max] for `dist`, on stream `h`. */
export function distributionSampler(dist: Distribution, min: number, max: number, h: number): Sampler {
  const span = max - min
  if (span <= 0) return () => min
  const clamp = (x: number) => (x < min ? min : x > max ? max : x)
  switch (dist) {
    case 'uniform':
      return (i) => min + Math.floor((rand32(h, i) / TWO_32) * (span + 1))
    case 'exponential': {
      // Continuous on [0, span + 1), floored: each integer gets the mass of its unit interval.
      const lambda = 5 / span
      const tail = 1 - Math.exp(-lambda * (span + 1))
      return tabulated(h, (u) => -Math.log(1 - u * tail) / lambda, (x) => clamp(min + Math.floor(x)))
    }
    case 'normal': {
      const lo = normalCdf(-3)
      const width = normalCdf(3) - lo
      return tabulated(h, (u) => min + span / 2 + (normalQuantile(lo + u * width) * span) / 6, (x) => clamp(Math.round(x)))
    }
    case 'lognormal': {
      // Truncated where exp(z) · range/20 reaches the range's end.
      const top = normalCdf(Math.log(20))
      return tabulated(h, (u) => min + (span / 20) * Math.exp(normalQuantile(u * top)), (x) => clamp(Math.round(x)))
    }
    case 'zipf': {
      const n = span + 1
      if (n <= ZIPF_TABLE_MAX) {
        const cum = new Float64Array(n)
        let acc = 0
        for (let r = 1; r <= n; r++) cum[r - 1] = acc += 1 / Math.pow(r, ZIPF_S)
        const pick = discreteSampler(cum, h)
        return (i) => min + pick(i)
      }
      // Continuous inverse CDF of 1/x^s on [1, n + 1).
      const a = 1 - ZIPF_S
      const top = Math.pow(n + 1, a) - 1
      return (i) => clamp(min + Math.floor(Math.pow(1 + (rand32(h, i) / TWO_32) * top, 1 / a)) - 1)
    }
  }
}

/** Row i's 32 random bits: a stream hash (`rand32`) or a draw function (e.g. a stratified one, stratified.ts). */
export type Draw32 = number | ((i: number) => number)

/** The draw function of a `Draw32`. */
export function draw32(h: Draw32): (i: number) => number {
  return typeof h === 'number' ? (i) => rand32(h, i) : h
}

/**
 * Row i's index into `cum` (cumulative weights, increasing): index j with probability ∝ cum[j] − cum[j−1].
 * A guide table jumps to the right neighbourhood, so a draw is O(1) on average and still exact.
 * With a stratified `h` the counts are the rounded cumulative shares.
 */
export function discreteSampler(cum: Float64Array, h: Draw32): (i: number) => number {
  const n = cum.length
  const total = cum[n - 1]!
  const slots = Math.min(65536, Math.max(16, n * 2))
  const guide = new Int32Array(slots)
  for (let b = 0, j = 0; b < slots; b++) {
    const at = (b / slots) * total
    while (j < n - 1 && cum[j]! <= at) j++
    guide[b] = j
  }
  const scale = slots / TWO_32
  const unit = total / TWO_32
  const draw = draw32(h)
  return (i) => {
    const r = draw(i)
    let j = guide[Math.floor(r * scale)]!
    const x = r * unit
    while (j < n - 1 && cum[j]! <= x) j++
    return j
  }
}

/** Sample `quantile(u)` (u ∈ [0, 1]) from a table of it, then map the continuous value with `out`. */
function tabulated(h: number, quantile: (u: number) => number, out: (x: number) => number): Sampler {
  // Each point is computed the first time a row reads it (NaN: not yet): a few rows cost a few quantiles,
  // not 4,097 (most of a small seed's column set-up); the values are those of the whole table.
  const t = new Float64Array(QUANTILE_SEGMENTS + 1).fill(NaN)
  const point = (j: number): number => {
    let x = t[j]!
    if (x === x) return x
    x = quantile(j / QUANTILE_SEGMENTS)
    // The open ends of infinite-tailed laws: the next point in, so interpolation stays finite.
    if (!Number.isFinite(x) && (j === 0 || j === QUANTILE_SEGMENTS)) x = point(j === 0 ? 1 : QUANTILE_SEGMENTS - 1)
    return (t[j] = x)
  }
  const scale = QUANTILE_SEGMENTS / TWO_32
  return (i) => {
    const u = rand32(h, i) * scale
    const j = Math.floor(u)
    const a = point(j)
    return out(a + (point(j + 1) - a) * (u - j))
  }
}
