/**
 * Distinct values of one column in bounded memory: exact counts per value while there are at most
 * `categoryLimit` of them (the categories), then a set of the values' 32-bit hashes (open addressing in
 * an Int32Array: no per-value allocation, a fraction of a JS Set's cost) up to `DISTINCT_EXACT_CAP`
 * values — exact but for hash collisions, ≈ n²/2³³ of them (0.5 at the cap) — then a HyperLogLog
 * estimate (2^14 registers: about 0.8 % standard error) whatever the row count.
 */

import { ownString } from './reservoir.js'

/** Distinct values counted exactly up to this many; past it the count is a HyperLogLog estimate. */
export const DISTINCT_EXACT_CAP = 65_536

const HLL_BITS = 14
const HLL_SIZE = 1 << HLL_BITS

export type DistinctKey = string | number | boolean

export class DistinctCounter {
  /** Counts per value while there are at most `categoryLimit` distinct values; then undefined. */
  counts: Map<DistinctKey, number> | undefined = new Map()
  private set: HashSet32 | undefined
  private hll: Uint8Array | undefined

  constructor(
    private readonly categoryLimit: number,
    private readonly exactCap = DISTINCT_EXACT_CAP,
  ) {}

  add(key: DistinctKey): void {
    const counts = this.counts
    if (counts !== undefined) {
      const c = counts.get(key)
      if (c !== undefined) {
        counts.set(key, c + 1)
        return
      }
      if (counts.size < this.categoryLimit) {
        counts.set(typeof key === 'string' ? ownString(key) : key, 1)
        return
      }
      this.set = new HashSet32()
      for (const k of counts.keys()) this.set.add(hashKey(k))
      this.counts = undefined
    }
    this.addHash(hashKey(key))
  }

  /** `add` for a number key (the same count; no type dispatch once past the categories). */
  addNumber(x: number): void {
    if (this.counts !== undefined) return this.add(x)
    f64[0] = x
    this.addHash(fmix(Math.imul(i32[0]! ^ 0x9e3779b9, 0x85ebca6b) ^ i32[1]!))
  }

  /** `add` for a string key (the same count; no type dispatch once past the categories). */
  addString(s: string): void {
    if (this.counts !== undefined) return this.add(s)
    let h = 0x811c9dc5
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
    this.addHash(fmix(h))
  }

  private addHash(h: number): void {
    if (this.set !== undefined) {
      this.set.add(h)
      if (this.set.size > this.exactCap) {
        this.hll = new Uint8Array(HLL_SIZE)
        this.set.forEach((x) => this.hllAdd(x))
        this.set = undefined
      }
      return
    }
    this.hllAdd(h)
  }

  /** True while the count is exact. */
  get exact(): boolean {
    return this.hll === undefined
  }

  /** Distinct values seen (exact, or the HyperLogLog estimate rounded). */
  get distinct(): number {
    if (this.counts !== undefined) return this.counts.size
    if (this.set !== undefined) return this.set.size
    return hllEstimate(this.hll!)
  }

  private hllAdd(h: number): void {
    const idx = h >>> (32 - HLL_BITS)
    const rest = (h << HLL_BITS) | (1 << (HLL_BITS - 1))
    const rank = Math.clz32(rest) + 1
    const regs = this.hll!
    if (rank > regs[idx]!) regs[idx] = rank
  }
}

/** A set of non-zero 32-bit hashes (0 is stored as 1), open addressing with linear probing, grown ×4 at half full. */
export class HashSet32 {
  size = 0
  private slots = new Int32Array(4096)
  private mask = 4095

  add(hash: number): void {
    const h = hash | 0 || 1
    const slots = this.slots
    let i = h & this.mask
    for (;;) {
      const s = slots[i]!
      if (s === 0) {
        slots[i] = h
        if (++this.size * 2 > slots.length) this.grow()
        return
      }
      if (s === h) return
      i = (i + 1) & this.mask
    }
  }

  forEach(f: (hash: number) => void): void {
    for (const s of this.slots) if (s !== 0) f(s >>> 0)
  }

  private grow(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 4)
    this.mask = this.slots.length - 1
    this.size = 0
    for (const s of old) if (s !== 0) this.add(s)
  }
}

const f64 = new Float64Array(1)
const i32 = new Int32Array(f64.buffer)

/** A well-mixed 32-bit hash of a key (strings by FNV-1a, numbers by their bits, both finalised with murmur3's fmix). */
export function hashKey(key: DistinctKey): number {
  let h: number
  if (typeof key === 'string') {
    h = 0x811c9dc5
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  } else if (typeof key === 'number') {
    f64[0] = key
    h = Math.imul(i32[0]! ^ 0x9e3779b9, 0x85ebca6b) ^ i32[1]!
  } else h = key ? 1 : 2
  return fmix(h)
}

/** murmur3's 32-bit finaliser. */
function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

function hllEstimate(regs: Uint8Array): number {
  let sum = 0
  let zeros = 0
  for (let i = 0; i < regs.length; i++) {
    sum += 2 ** -regs[i]!
    if (regs[i] === 0) zeros++
  }
  const m = regs.length
  const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum
  // Small range: linear counting is the better estimate.
  if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros))
  return Math.round(raw)
}
