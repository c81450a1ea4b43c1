/**
 * Value distributions over an integer range [min, max] (units), drawn from index-addressable uniforms:
 * inverse CDFs (exponential, zipf) and Box-Muller (normal, lognormal), truncated to the range by
 * redrawing on fresh streams and clamped as a last resort. Shapes:
 * - uniform: flat.
 * - normal: mean at the middle, σ = range / 6.
 * - lognormal: median at min + range / 20, σ = 1 in log space (a long right tail).
 * - exponential: mean at min + range / 5, truncated exactly (inverse CDF of the truncated law).
 * - zipf: P(min + r − 1) ∝ 1 / r^1.1 for ranks r = 1 … N (most values at min, a long tail).
 */
import type { Distribution } from '../rules/schema.js'
import { mix32, uniform } from './prng.js'

/** Zipf exponent. */
export const ZIPF_S = 1.1
/** Ranges up to this size get an exact zipf table; larger ones the continuous approximation. */
const ZIPF_TABLE_MAX = 1_000_000

/** `sample(i)`: the distributed integer of row i, in [min, max]. */
export type Sampler = (i: number) => number

/** A sampler over [min, max] for `dist`, on stream `h` (further streams derived from it). */
export function distributionSampler(dist: Distribution, min: number, max: number, h: number): Sampler {
  const span = max - min
  if (span <= 0) return () => min
  const h2 = mix32(h ^ 0x68e31da4)
  const clamp = (x: number) => (x < min ? min : x > max ? max : x)
  switch (dist) {
    case 'uniform':
      return (i) => min + Math.floor(uniform(h, i) * (span + 1))
    case 'exponential': {
      const lambda = 5 / span
      const tail = 1 - Math.exp(-lambda * (span + 1))
      return (i) => clamp(min + Math.floor(-Math.log(1 - uniform(h, i) * tail) / lambda))
    }
    case 'normal':
    case 'lognormal': {
      const hs = Array.from({ length: 4 }, (_, j) => [mix32(h + j * 0x9e3779b9), mix32(h2 + j * 0x85ebca6b)] as const)
      const toValue =
        dist === 'normal'
          ? (z: number) => min + span / 2 + (z * span) / 6
          : (z: number) => min + (span / 20) * Math.exp(z)
      return (i) => {
        for (const [a, b] of hs) {
          const x = Math.round(toValue(gaussian(a, b, i)))
          if (x >= min && x <= max) return x
        }
        return clamp(Math.round(toValue(gaussian(hs[0]![0], hs[0]![1], i))))
      }
    }
    case 'zipf': {
      const n = span + 1
      if (n <= ZIPF_TABLE_MAX) {
        const cdf = new Float64Array(n)
        let acc = 0
        for (let r = 1; r <= n; r++) cdf[r - 1] = acc += 1 / Math.pow(r, ZIPF_S)
        return (i) => {
          const u = uniform(h, i) * acc
          let lo = 0
          let hi = n - 1
          while (lo < hi) {
            const mid = (lo + hi) >>> 1
            if (cdf[mid]! > u) hi = mid
            else lo = mid + 1
          }
          return min + lo
        }
      }
      // Continuous inverse CDF of 1/x^s on [1, n + 1).
      const a = 1 - ZIPF_S
      const top = Math.pow(n + 1, a) - 1
      return (i) => clamp(min + Math.floor(Math.pow(1 + uniform(h, i) * top, 1 / a)) - 1)
    }
  }
}

/** A standard normal draw for row i (Box-Muller on two streams). */
function gaussian(ha: number, hb: number, i: number): number {
  const u1 = 1 - uniform(ha, i) // (0, 1]
  const u2 = uniform(hb, i)
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)
}
