/**
 * The validity bitmap of an Arrow column being filled (`arrow-columns.ts`): Arrow's layout (bit i set:
 * value i is not NULL), allocated only when the first NULL arrives, so columns without NULLs carry none.
 */
/** Validity bits of the values so far; allocated on the first NULL. */
export class Validity {
  bits: Uint8Array | undefined
  nulls = 0

  /** Record value `i`'s validity; `cap` is the column's capacity in values (the bitmap grows to it). */
  set(i: number, valid: boolean, cap: number): void {
    if (valid) {
      if (this.bits) this.grow(cap)[i >> 3]! |= 1 << (i & 7)
      return
    }
    if (!this.bits) {
      this.bits = new Uint8Array(Math.ceil(cap / 8))
      for (let k = 0; k < i; k++) this.bits[k >> 3]! |= 1 << (k & 7)
    }
    this.grow(cap)
    this.nulls++
  }

  private grow(cap: number): Uint8Array {
    const need = Math.ceil(cap / 8)
    if (this.bits!.length < need) {
      const b = new Uint8Array(need * 2)
      b.set(this.bits!)
      this.bits = b
    }
    return this.bits!
  }

  /** Set bits for values `at`… from `valid`'s bits [from, to) (all valid when absent); `cap` as for `set`. */
  append(at: number, valid: Uint8Array | undefined, from: number, to: number, cap: number): void {
    // What `set` does value by value, without a call per value (a writer appends every batch this way).
    if (!valid) {
      if (!this.bits) return
      const bits = this.grow(cap)
      for (let i = at, end = at + to - from; i < end; i++) bits[i >> 3]! |= 1 << (i & 7)
      return
    }
    let bits = this.bits ? this.grow(cap) : EMPTY
    let has = bits !== EMPTY
    for (let k = from; k < to; k++) {
      const i = at + k - from
      if ((valid[k >> 3]! & (1 << (k & 7))) !== 0) {
        if (has) bits[i >> 3]! |= 1 << (i & 7)
      } else if (has) this.nulls++
      else {
        // The first NULL: the bitmap starts here, every value before it valid.
        this.set(i, false, cap)
        bits = this.bits!
        has = true
      }
    }
  }

  /** `take`'s bits as a buffer of their own (undefined when no NULL), and a fresh start. */
  drain(n: number): Uint8Array | undefined {
    // The bitmap is the caller's: the next NULL starts a new one.
    return this.take(n).nullBitmap
  }

  take(n: number): { nullBitmap?: Uint8Array; nullCount: number } {
    const out = this.bits && this.nulls > 0 ? { nullBitmap: this.bits.subarray(0, Math.ceil(n / 8)), nullCount: this.nulls } : { nullCount: 0 }
    this.bits = undefined
    this.nulls = 0
    return out
  }
}

const EMPTY = new Uint8Array(0)
