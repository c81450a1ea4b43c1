/**
 * A bounded set of one column's values for key and FK-candidate tests: at most `limit` entries
 * (default 65,536), kept by consistent hash sampling — a value is kept when its 32-bit hash is below the
 * column's threshold, halved whenever the set overflows. Every column keeps the same values (those with
 * hash below its threshold), so `child ⊆ parent` tested on the entries below the smaller threshold is
 * the inclusion test on a uniform sample of the values, and a duplicate among kept entries disproves
 * uniqueness. Values are kept as a 53-bit hash of their text (collisions ~ n²/2⁵⁴, negligible); integers
 * have one text form (no sign `+`, no leading zero), so integer columns compare by their texts too.
 */

/** Default most entries per column. */
export const KEY_SET_LIMIT = 1 << 16

export class KeySet {
  private readonly set = new Set<number>()
  /** Values with hash ≥ threshold are not kept (2³² keeps every value). */
  threshold = 2 ** 32
  /** A kept value was seen twice: the column is not unique. */
  duplicate = false
  constructor(private readonly limit = KEY_SET_LIMIT) {}

  /** True when every distinct value seen is held (the threshold never dropped). */
  get exact(): boolean {
    return this.threshold === 2 ** 32
  }

  get size(): number {
    return this.set.size
  }

  /** Add one non-empty field text (kept when its hash is below the threshold; thins the set past the limit). */
  add(text: string): void {
    const h = fnv1a(text, 0x811c9dc5)
    if (h >= this.threshold) return
    const key = h * 2097152 + (mixHash(text) & 0x1fffff)
    const before = this.set.size
    this.set.add(key)
    if (this.set.size === before) this.duplicate = true
    else if (this.set.size > this.limit) this.thin()
  }

  private thin(): void {
    while (this.set.size > this.limit) {
      this.threshold /= 2
      for (const k of this.set) if (this.hashOf(k) >= this.threshold) this.set.delete(k)
    }
  }

  private hashOf(key: number): number {
    return Math.floor(key / 2097152)
  }

  /** Whether every entry of `this` that `other` would keep is in `other` (non-empty: at least one entry compared). */
  within(other: KeySet): boolean {
    const t = Math.min(this.threshold, other.threshold)
    let compared = 0
    for (const k of this.set) {
      if (this.hashOf(k) >= t) continue
      if (!other.set.has(k)) return false
      compared++
    }
    return compared > 0
  }
}

/** 32-bit FNV-1a over UTF-16 code units. */
function fnv1a(s: string, seed: number): number {
  let h = seed
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** A second, independent 32-bit hash (multiply-xorshift per code unit) for the low bits of the key. */
function mixHash(s: string): number {
  let h = 0x9747b28c
  for (let i = 0; i < s.length; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 0x5bd1e995)
    h ^= h >>> 15
  }
  return h >>> 0
}
