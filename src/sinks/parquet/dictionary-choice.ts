/**
 * Whether a fixed-width column chunk is worth a dictionary. arrow-rs dictionary-encodes every column until
 * its dictionary page passes a size limit, even when nearly every value is distinct (timestamps, prices):
 * it then spends the dictionary's hashing for a larger file. Dictionary indices cost a few bits per row on
 * top of each distinct value, so it pays only when values repeat; tdg asks for one when at most half of a
 * group's values are distinct. Counting stops as soon as that is exceeded.
 */

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
  const w = size >> 2
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, n * w)
  // Open addressing over first occurrences (index + 1), load ≤ 1/2 until the limit is passed.
  let cap = 1024
  while (cap < 2 * (limit + 1)) cap *= 2
  const slots = new Int32Array(cap)
  const mask = cap - 1
  let distinct = 0
  for (let i = 0; i < n; i++) {
    const at = i * w
    let h = 0x811c9dc5
    for (let k = 0; k < w; k++) h = Math.imul(h ^ (words[at + k] as number), 0x01000193)
    h ^= h >>> 15
    let s = h & mask
    for (;;) {
      const j = slots[s] as number
      if (j === 0) {
        slots[s] = i + 1
        if (++distinct > limit) return true
        break
      }
      const other = (j - 1) * w
      let same = true
      for (let k = 0; k < w && same; k++) same = words[at + k] === words[other + k]
      if (same) break
      s = (s + 1) & mask
    }
  }
  return false
}

/** A dictionary pays for a group of `n` values with at most this many distinct ones. */
export function dictionaryLimit(n: number): number {
  return Math.floor(n / 2)
}
