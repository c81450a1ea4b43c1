/**
 * Seeded, index-addressable randomness: every draw is a pure function of (stream hash, row index),
 * so a value never depends on batch size, order of work or which worker computes it.
 * 32-bit Math.imul mixing only: BigInt would be an order of magnitude slower in the hot path.
 */

const TWO_32 = 4294967296

/** lowbias32 (Chris Wellons): a bijective 32-bit finaliser with near-ideal avalanche. */
export function mix32(x: number): number {
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  x ^= x >>> 16
  return x >>> 0
}

/** FNV-1a over UTF-16 code units, finalised with mix32; `h` chains several strings. */
export function hashString(s: string, h = 0x811c9dc5): number {
  let x = h >>> 0
  for (let i = 0; i < s.length; i++) x = Math.imul(x ^ s.charCodeAt(i), 0x01000193)
  return mix32(x)
}

/** The hash of one random stream: (seed, table, column, salt). Salts separate draws of one cell. */
export function streamHash(seed: string | number, table: string, column: string, salt = ''): number {
  let h = hashString(String(seed))
  h = hashString(table, h ^ 0x9e3779b9)
  h = hashString(column, h ^ 0x85ebca6b)
  return salt === '' ? h : hashString(salt, h ^ 0xc2b2ae35)
}

/** 32 random bits for row `i` of stream `h` (two mixing rounds; indexes ≥ 2^32 fold in their high part). */
export function rand32(h: number, i: number): number {
  return rand32s(h, i) >>> 0
}

/**
 * `rand32`'s bits as a signed 32-bit integer, the rounds written out: a call returning an unsigned word
 * ≥ 2^31 hands back a heap number (an allocation) when it is not inlined, which made each `below`
 * cost several times its arithmetic.
 */
function rand32s(h: number, i: number): number {
  let x = (i ^ h) | 0
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  x ^= x >>> 16
  if (i >= TWO_32) x = mix32(x ^ Math.floor(i / TWO_32))
  x = (x + h) | 0
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  return x ^ (x >>> 16)
}

/** Uniform in [0, 1) with 32 bits of resolution. */
export function uniform(h: number, i: number): number {
  return (rand32s(h, i) >>> 0) / TWO_32
}

/**
 * `below` for n ≤ 2^32 (the same values), without the wide case: small enough for the compiler to inline
 * where a row makes several draws at once.
 */
export function below32(h: number, i: number, n: number): number {
  return Math.floor(((rand32s(h, i) >>> 0) / TWO_32) * n)
}

/** Uniform integer in [0, n); n may exceed 2^32 (then 53 bits are drawn). */
export function below(h: number, i: number, n: number): number {
  if (n <= TWO_32) return below32(h, i, n)
  const hi = rand32s(h, i) >>> 5
  const lo = rand32s(h ^ 0x5bd1e995, i) >>> 6
  return Math.floor(((hi * 67108864 + lo) / 9007199254740992) * n)
}
