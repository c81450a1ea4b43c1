/**
 * Whether a fixed-width column chunk is worth a dictionary. arrow-rs dictionary-encodes every column until
 * its dictionary page passes a size limit, even when nearly every value is distinct (timestamps, prices):
 * it then spends the dictionary's hashing for a larger file. Dictionary indices cost a few bits per row on
 * top of each distinct value, so it pays only when values repeat; tdg asks for one when at most half of a
 * group's values are distinct. Counting stops as soon as that is exceeded.
 */

/** One fixed-width column of a row group whose dictionary is decided where the group is encoded. */
export interface RepeatCheck {
  name: string
  /** The group's values, packed (a copy of the column's buffer, 4-byte aligned). */
  bytes: Uint8Array
  /** Bytes per value: 4, 8 or 16 (1 or 2 also counted). */
  size: number
}

/**
 * The columns of `checks` whose values in their row group are not worth a dictionary (`distinctExceeds`
 * half their count), in the order given. Run where the group is encoded (the encoder thread), not on
 * the writer's thread that fills the next one; needs no Arrow library (the values come as bytes).
 */
export function nonRepeating(checks: readonly RepeatCheck[]): string[] {
  return checks.filter((c) => {
    const n = Math.floor(c.bytes.length / c.size)
    return distinctExceeds(c.bytes, c.size, n, dictionaryLimit(n))
  }).map((c) => c.name)
}

/**
 * True when the `n` values of `bytes` (each `size` bytes wide, packed) hold more than `limit` distinct
 * bit patterns. `size` is 1, 2, 4, 8 or 16; `bytes` starts 4-byte aligned.
 */
export function distinctExceeds(bytes: Uint8Array, size: number, n: number, limit: number): boolean {
  if (limit >= n) return false
  if (size <= 2) {
    // At most 65,536 patterns: one flag each.
    const seen = new Uint8Array(size === 1 ? 256 : 65536)
    const view = size === 1 ? bytes : new Uint16Array(bytes.buffer, bytes.byteOffset, n)
    let distinct = 0
    for (let i = 0; i < n; i++) {
      const v = view[i] as number
      if (seen[v] === 0) {
        seen[v] = 1
        if (++distinct > limit) return true
      }
    }
    return false
  }
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, n * (size >> 2))
  // Open addressing over first occurrences (index + 1), load ≤ 1/2 until the limit is passed; one
  // monomorphic loop per width (this runs on every value of a group on the writer's thread).
  let cap = 1024
  while (cap < 2 * (limit + 1)) cap *= 2
  const slots = new Int32Array(cap)
  if (size === 4) return exceeds32(words, n, limit, slots)
  if (size === 8) return exceeds64(words, n, limit, slots)
  return exceeds128(words, n, limit, slots)
}

function exceeds32(words: Int32Array, n: number, limit: number, slots: Int32Array): boolean {
  const mask = slots.length - 1
  let distinct = 0
  for (let i = 0; i < n; i++) {
    const a = words[i] as number
    let s = mix(Math.imul(a, 0x9e3779b1)) & mask
    for (;;) {
      const j = slots[s] as number
      if (j === 0) {
        slots[s] = i + 1
        if (++distinct > limit) return true
        break
      }
      if (words[j - 1] === a) break
      s = (s + 1) & mask
    }
  }
  return false
}

function exceeds64(words: Int32Array, n: number, limit: number, slots: Int32Array): boolean {
  const mask = slots.length - 1
  let distinct = 0
  for (let i = 0; i < n; i++) {
    const a = words[2 * i] as number
    const b = words[2 * i + 1] as number
    let s = mix(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & mask
    for (;;) {
      const j = slots[s] as number
      if (j === 0) {
        slots[s] = i + 1
        if (++distinct > limit) return true
        break
      }
      const o = 2 * (j - 1)
      if (words[o] === a && words[o + 1] === b) break
      s = (s + 1) & mask
    }
  }
  return false
}

function exceeds128(words: Int32Array, n: number, limit: number, slots: Int32Array): boolean {
  const mask = slots.length - 1
  let distinct = 0
  for (let i = 0; i < n; i++) {
    const at = 4 * i
    const a = words[at] as number
    const b = words[at + 1] as number
    const c = words[at + 2] as number
    const d = words[at + 3] as number
    let s = mix(Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ Math.imul(d, 0x27d4eb2f)) & mask
    for (;;) {
      const j = slots[s] as number
      if (j === 0) {
        slots[s] = i + 1
        if (++distinct > limit) return true
        break
      }
      const o = 4 * (j - 1)
      if (words[o] === a && words[o + 1] === b && words[o + 2] === c && words[o + 3] === d) break
      s = (s + 1) & mask
    }
  }
  return false
}

function mix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x7feb352d)
  return h ^ (h >>> 15)
}

/** A dictionary pays for a group of `n` values with at most this many distinct ones. */
export function dictionaryLimit(n: number): number {
  return Math.floor(n / 2)
}
