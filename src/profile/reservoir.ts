/**
 * Bounded, seeded reservoir sampling (Vitter's Algorithm L): after the first `capacity` items each new
 * item is kept with probability capacity / seen, but the random draws happen only at the items that are
 * kept (a geometric skip), so the cost per item past the fill is one counter comparison. Deterministic:
 * the same seed and the same item order keep the same items.
 */

/** A 32-bit seeded PRNG (mulberry32) returning floats in (0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    // Never exactly 0: log(0) would break the skip.
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296
  }
}

/** Where each offered item goes: `take()` per item gives the slot to write it to, or -1 to drop it. */
export class ReservoirSlots {
  /** Items offered so far. */
  seen = 0
  /** Items held (≤ capacity). */
  size = 0
  private w = 0
  private next = 0
  private readonly random: () => number

  constructor(
    readonly capacity: number,
    seed: number,
  ) {
    this.random = seededRandom(seed)
  }

  /** The slot for the next item (0 ≤ slot < capacity), or -1 when it is not kept. */
  take(): number {
    const n = ++this.seen
    if (this.size < this.capacity) {
      const slot = this.size++
      if (this.size === this.capacity) {
        this.w = Math.exp(Math.log(this.random()) / this.capacity)
        this.next = n + this.skip()
      }
      return slot
    }
    if (n !== this.next) return -1
    this.w *= Math.exp(Math.log(this.random()) / this.capacity)
    this.next = n + this.skip()
    return Math.floor(this.random() * this.capacity)
  }

  private skip(): number {
    return Math.floor(Math.log(this.random()) / Math.log(1 - this.w)) + 1
  }
}

/** A reservoir of numbers (Float64Array storage). */
export class NumberReservoir {
  private readonly slots: ReservoirSlots
  private readonly values: Float64Array

  constructor(capacity: number, seed: number) {
    this.slots = new ReservoirSlots(capacity, seed)
    this.values = new Float64Array(capacity)
  }

  add(x: number): void {
    const i = this.slots.take()
    if (i >= 0) this.values[i] = x
  }

  /** Items offered. */
  get seen(): number {
    return this.slots.seen
  }

  /** The kept values (a copy, sorted ascending). */
  sorted(): Float64Array {
    return this.values.slice(0, this.slots.size).sort()
  }
}

/** A reservoir of any items (array storage). */
export class ItemReservoir<T> {
  private readonly slots: ReservoirSlots
  readonly items: T[] = []

  /** `keep`: what is stored of an item that is kept (only kept items pay for it); default the item. */
  constructor(
    capacity: number,
    seed: number,
    private readonly keep?: (x: T) => T,
  ) {
    this.slots = new ReservoirSlots(capacity, seed)
  }

  add(x: T): void {
    const i = this.slots.take()
    if (i >= 0) this.items[i] = this.keep ? this.keep(x) : x
  }
}

/**
 * A copy of `s` that holds no larger string: a field cut from a 64 KB piece of a CSV file is a slice
 * of it, and keeping the slice (a reservoir item, a category key) would keep the whole piece alive.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1)
}
