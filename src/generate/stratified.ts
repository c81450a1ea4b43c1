/**
 * Stratified draws: the n rows of a step each get their own slice [p/n, (p+1)/n) of the unit interval,
 * p = π(i) a keyed permutation of the row positions. A weighted column then holds each value's share as
 * closely as whole rows allow (every count within one of n·weight, the counts summing to n), and an
 * empirical distribution's sample has exactly one row per n-quantile, so a small table looks like its
 * rules instead of wandering by sampling noise (±1/√n). Still `value = f(seed, table, column, row)`:
 * π is a pure function of (stream, n, i). Rows beyond n (a caller compiling past the step's rows) fall
 * back to independent draws of the same stream, and so do steps of more than STRATIFY_MAX_ROWS rows.
 *
 * A column's NULL share can take part (`Strata.nulls`): the first positions are its NULL rows, and the
 * value draws are stratified over the remaining positions only, so the non-NULL rows hold the shares too.
 */
import { mix32, rand32 } from './prng.js'

const TWO_32 = 4294967296
/**
 * Steps with more rows draw independently, exactly as before stratification: there the sampling noise
 * (~1/√n: a share within ±0.4 % at 65 536 rows) is far below what a fidelity report can see, and the
 * permutation (~8 hashes a row) would cost generation speed where it matters.
 */
export const STRATIFY_MAX_ROWS = 65_536

/** Row positions of one column: a keyed permutation of its step's rows; the first `nulls` are its NULL rows. */
export interface Strata {
  /** False when the rows are too many to stratify (STRATIFY_MAX_ROWS): every draw is independent. */
  active: boolean
  rows: number
  nulls: number
  /** Row i's position in [0, rows); −1 beyond the rows (or when the rows are too many to stratify). */
  position(i: number): number
}

/** Strata of `rows` rows keyed by stream `h`, `nulls` of them NULL (clamped to [0, rows]). */
export function strata(rows: number, nulls: number, h: number): Strata {
  const n = Math.max(0, Math.floor(rows))
  const perm = n > 0 && n <= STRATIFY_MAX_ROWS ? keyedPermutation(n, h) : undefined
  return { active: perm !== undefined, rows: n, nulls: Math.min(n, Math.max(0, Math.round(nulls))), position: perm ? (i) => (i >= 0 && i < n ? perm(i) : -1) : () => -1 }
}

/**
 * A bijection of [0, n) keyed by `h`: a 4-round balanced Feistel network over the smallest square power
 * of two ≥ n, cycle-walked back into [0, n) (fewer than 4 rounds of walking on average).
 */
export function keyedPermutation(n: number, h: number): (i: number) => number {
  if (n <= 1) return () => 0
  let bits = 1
  while (2 ** (2 * bits) < n) bits++
  const mask = (1 << bits) - 1
  const k0 = mix32(h ^ 0x243f6a88)
  const k1 = mix32(h ^ 0x85a308d3)
  const k2 = mix32(h ^ 0x13198a2e)
  const k3 = mix32(h ^ 0x03707344)
  const round = (x: number) => {
    let l = x >>> bits
    let r = x & mask
    let t = l ^ (mix32(r ^ k0) & mask)
    l = r
    r = t
    t = l ^ (mix32(r ^ k1) & mask)
    l = r
    r = t
    t = l ^ (mix32(r ^ k2) & mask)
    l = r
    r = t
    t = l ^ (mix32(r ^ k3) & mask)
    return (r << bits) | t
  }
  return (i) => {
    let x = round(i)
    while (x >= n) x = round(x)
    return x
  }
}

/**
 * Row i's 32-bit draw in [0, 2^32), stratified over the non-NULL positions of `st` (the NULL rows over
 * theirs): within its slice at the centre (`jitter` undefined: the counts of a discrete draw are the
 * rounded cumulative shares) or at a uniform point drawn from stream `jitter` (continuous draws).
 * Rows outside the strata draw `rand32(fallback, i)`.
 */
export function stratifiedDraw(st: Strata, fallback: number, jitter?: number): (i: number) => number {
  if (!st.active) return (i) => rand32(fallback, i)
  const { rows, nulls } = st
  const live = rows - nulls
  const at = jitter === undefined ? () => 0.5 : (i: number) => rand32(jitter, i) / TWO_32
  return (i) => {
    const p = st.position(i)
    if (p < 0) return rand32(fallback, i)
    const u = p >= nulls ? (p - nulls + at(i)) / live : (p + at(i)) / nulls
    return Math.floor(u * TWO_32)
  }
}

/** Whether row i is one of the strata's NULL rows (undefined beyond them: the caller's own null draw decides). */
export function stratumIsNull(st: Strata, i: number): boolean | undefined {
  const p = st.position(i)
  return p < 0 ? undefined : p < st.nulls
}
