/** Shared helpers of the dialects' profiling samplers (`SqlDialect.sampling`). */

/** A share 0..1 as a percentage literal with at most 6 decimals, never 0 (`TABLESAMPLE SYSTEM (0)` reads nothing). */
export function percentText(share: number): string {
  const p = Math.min(100, Math.max(0.000001, share * 100))
  return String(Number(p.toFixed(6)))
}

/** A share 0..1 as a fraction literal with at most 9 decimals, never 0. */
export function fractionText(share: number): string {
  return String(Number(Math.min(1, Math.max(1e-9, share)).toFixed(9)))
}

/**
 * `count` ranges of about `share` of the keys in [lo, hi], one at a random place inside each of `count`
 * equal strata (so they cover the whole table and never overlap), drawn from `seed`.
 */
export function randomRanges(lo: number, hi: number, share: number, count: number, seed: number): Array<[number, number]> {
  const span = hi - lo + 1
  if (span <= 0) return []
  const k = Math.max(1, Math.min(count, Math.floor(span)))
  const stratum = span / k
  const len = Math.max(1, Math.min(Math.floor(stratum), Math.ceil((span * share) / k)))
  let s = seed >>> 0 || 1
  const next = () => {
    // xorshift32: enough for placing a few ranges.
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 4294967296
  }
  const out: Array<[number, number]> = []
  for (let i = 0; i < k; i++) {
    const start = lo + Math.floor(i * stratum)
    const room = Math.max(0, Math.floor((i + 1) * stratum) - Math.floor(i * stratum) - len)
    const a = start + Math.floor(next() * (room + 1))
    out.push([a, a + len - 1])
  }
  return out
}
