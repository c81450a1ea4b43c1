/**
 * Collision-free choice for `fake` with `unique: true`. Each original (its anchor hash) proposes
 * candidates 0, 1, 2, … (each already carrying a keyed disambiguator, so candidate 0 almost never
 * collides); the guard takes the first candidate no other original holds, compared case-folded (a
 * `_ci` collation or a `lower(email)` index sees `A@x` and `a@x` as one).
 *
 * Guaranteed: within one compiled masker (one column of one run), distinct originals get distinct
 * values, and one original always gets one value. Across columns and runs: one original gets the same
 * value unless one of its earlier candidates was taken by another original first — a collision of the
 * keyed candidate 0, rare by construction (see each field's disambiguator), so such a value may then
 * depend on the order rows arrive. Memory: one entry per distinct value written, a 52-bit fingerprint of
 * the case-folded value (numbers, not strings: no garbage per row). Two values sharing a fingerprint
 * only make the second take its next candidate: uniqueness never depends on fingerprints being distinct.
 */
import { TdgError } from '../../errors.js'

export const MAX_CANDIDATES = 64

export class UniqueGuard {
  private readonly seen: FingerprintTable

  /** `expected`: distinct values it will likely hold (a hint, capped: the table still grows past it). */
  constructor(
    private readonly where: string,
    expected = 0,
  ) {
    this.seen = new FingerprintTable(expected)
  }

  /**
   * The first candidate not held by another anchor (53 bits of the original's keyed hash: see `anchorOf`),
   * trying candidates `from`, `from` + 1, … (`from` > 0 after `claim` found the earlier ones taken).
   */
  pick(anchor: number, candidate: (t: number) => string, from = 0): string {
    for (let t = from; t < MAX_CANDIDATES; t++) {
      const v = candidate(t)
      const folded = foldedFingerprint(v)
      const owner = this.seen.claim(folded, anchor)
      if (owner === undefined) return v
      if (owner === anchor) return v
    }
    throw new TdgError('TDG_MASK_UNSATISFIABLE', `${this.where}: masker 'fake' found no unused value after ${MAX_CANDIDATES} candidates: the column is too short for unique fake values`, {
      column: this.where,
      masker: 'fake',
    })
  }

  /**
   * Claim the value of fingerprint `fp` (see `foldedFingerprint`) for `anchor`, as `pick` does its first
   * candidate: true when it was free or already `anchor`'s. A batch claims its rows' first candidates
   * back to back this way, so the table's cache misses overlap instead of coming one per row.
   */
  claim(fp: number, anchor: number): boolean {
    return this.seen.claim(fp, anchor) === undefined
  }

  /**
   * Touch the home slots of fingerprints `fps[from..to)` before claiming them: independent loads the
   * processor overlaps, where each claim's own probe would wait for its cache miss in turn.
   */
  warm(fps: Float64Array, from: number, to: number): void {
    this.seen.warm(fps, from, to)
  }

  /** Distinct values written so far. */
  get size(): number {
    return this.seen.size
  }
}

/** Tails of up to this many digits are kept as strings, all made at first use: no string built per row. */
const CACHED_DIGITS = 4
const tails: string[][] = []
const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]

/** `n` (a non-negative integer) as its last `digits` decimal digits, zero-padded. */
export function digitTail(n: number, digits: number): string {
  const m = n % (POW10[digits] ?? Math.pow(10, digits))
  if (digits > CACHED_DIGITS) return String(m).padStart(digits, '0')
  // Filled whole, in order: an array filled at random indices goes sparse (a dictionary V8 hashes into at
  // every read; ~15% of a unique email's cost).
  const cache = (tails[digits] ??= Array.from({ length: POW10[digits]! }, (_, i) => String(i).padStart(digits, '0')))
  return cache[m]!
}

/** An original's identity for the guard: 53 bits of its keyed hash (a number: no string per row). */
export function anchorOf(hi: number, lo: number): number {
  return (hi >>> 0) * 2097152 + (lo >>> 11)
}

/** The fingerprint lanes' multipliers (odd: a lane tells apart two strings differing in one character). */
const MA = 0x01000193
const MB = 0x5bd1e995
/** MA^k and MB^k mod 2^32 for k < POWERS (appending a known piece of k characters: a = a·MA^k + its lane). */
export const POWERS = 64
export const POW_A = new Int32Array(POWERS)
export const POW_B = new Int32Array(POWERS)
POW_A[0] = POW_B[0] = 1
for (let k = 1; k < POWERS; k++) (POW_A[k] = Math.imul(POW_A[k - 1]!, MA)), (POW_B[k] = Math.imul(POW_B[k - 1]!, MB))

/**
 * A 52-bit fingerprint of `v` case-folded (ASCII folded in place; other text through toLowerCase): two
 * polynomial hashes of its characters mod 2^32 (its lanes) and its length, mixed. Polynomial, so the
 * fingerprint of a concatenation follows from its pieces' lanes (a = a·MA^k + the next piece's lane, k
 * its length: POW_A, POW_B; see unique-email.ts): a piece whose lanes are known is not read again.
 */
export function foldedFingerprint(v: string): number {
  let a = 0
  let b = 0
  for (let i = 0; i < v.length; i++) {
    let c = v.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
    else if (c > 127) return foldedFingerprint(v.toLowerCase().replace(/[^\x00-\x7f]/g, (ch) => `\u0000${ch.charCodeAt(0)}`))
    a = (Math.imul(a, MA) + c) | 0
    b = (Math.imul(b, MB) + c) | 0
  }
  return mixLanes(a, b, v.length)
}

/**
 * The lanes of `s` (see `foldedFingerprint`) into `out[at]`, `out[at + 1]`; false (and nothing written)
 * when `s` holds a non-ASCII character.
 */
export function lanesOf(s: string, out: Int32Array, at: number): boolean {
  let a = 0
  let b = 0
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
    else if (c > 127) return false
    a = (Math.imul(a, MA) + c) | 0
    b = (Math.imul(b, MB) + c) | 0
  }
  out[at] = a
  out[at + 1] = b
  return true
}

/**
 * 52 bits from the lanes and the length (murmur3's finaliser on each lane: every bit reaches the kept ones):
 * `foldedFingerprint` of a string whose lanes (see `lanesOf`) are `a`, `b` and length `n`.
 */
export function mixLanes(a: number, b: number, n: number): number {
  let x = a ^ Math.imul(n, 0x9e3779b1)
  x ^= x >>> 16
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  let y = b
  y ^= y >>> 16
  y = Math.imul(y, 0x85ebca6b)
  y ^= y >>> 13
  y = Math.imul(y, 0xc2b2ae35)
  y ^= y >>> 16
  return (x >>> 0) * 0x100000 + ((y >>> 0) & 0xfffff)
}

/** Most slots a table is sized for up front (2^21: 32 MB, what 1M values grow it to anyway). */
const PRESIZE_MAX = 1 << 21

/**
 * A fingerprint's home slot before masking: its low and high words mixed. Integer truncations, not `%`
 * and `Math.floor` on the double (a floating-point modulo per probe and per rehashed entry).
 */
function slotOf(fp: number): number {
  return (fp >>> 0) ^ ((fp / 0x100000000) | 0)
}

/**
 * fingerprint → anchor, open addressing over one typed array of (key, owner) pairs: a probe touches one
 * cache line, and a Map keyed by 52-bit numbers would allocate a heap number per entry and rehash
 * objects; this allocates only when it doubles. Anchors are 53-bit integers (exact in a double); 0 marks an empty slot, so fingerprints are stored + 1.
 */
class FingerprintTable {
  private slots: Float64Array
  private used = 0
  /** The sum `warm` read (kept, so its loads are not optimised away). */
  private touched = 0

  /** Room for `expected` entries at most half full, between 2^12 and PRESIZE_MAX slots: fewer rehashes of a big column. */
  constructor(expected: number) {
    let n = 1 << 12
    while (n < PRESIZE_MAX && n < expected * 2) n *= 2
    this.slots = new Float64Array(2 * n)
  }

  /** The owner of `fp` if another anchor holds it; undefined when it was free (now `anchor`'s) or already `anchor`'s. */
  claim(fp: number, anchor: number): number | undefined {
    const key = fp + 1
    const slots = this.slots
    const mask = (slots.length >>> 1) - 1
    let i = slotOf(fp) & mask
    for (;;) {
      const k = slots[2 * i]!
      if (k === 0) break
      if (k === key) {
        const owner = slots[2 * i + 1]!
        return owner === anchor ? undefined : owner
      }
      i = (i + 1) & mask
    }
    slots[2 * i] = key
    slots[2 * i + 1] = anchor
    if (++this.used * 2 > mask + 1) this.grow()
    return undefined
  }

  get size(): number {
    return this.used
  }

  /** See `UniqueGuard.warm`. */
  warm(fps: Float64Array, from: number, to: number): void {
    const slots = this.slots
    const mask = (slots.length >>> 1) - 1
    let x = 0
    for (let j = from; j < to; j++) x += slots[2 * (slotOf(fps[j]!) & mask)]!
    this.touched = x
  }

  private grow(): void {
    const old = this.slots
    const n = old.length >>> 1
    const slots = new Float64Array(4 * n)
    const mask = (slots.length >>> 1) - 1
    for (let j = 0; j < n; j++) {
      const k = old[2 * j]!
      if (k === 0) continue
      const fp = k - 1
      let i = slotOf(fp) & mask
      while (slots[2 * i] !== 0) i = (i + 1) & mask
      slots[2 * i] = k
      slots[2 * i + 1] = old[2 * j + 1]!
    }
    this.slots = slots
  }
}
