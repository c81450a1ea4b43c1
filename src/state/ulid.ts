import { randomBytes } from 'node:crypto'

/** Crockford's base32 alphabet (no I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A ULID generator: `() => '01J…'` (26 characters). */
export type UlidFactory = (now?: number) => string

/**
 * A ULID generator (https://github.com/ulid/spec): 48 bits of milliseconds then 80 random bits, as 26
 * Crockford base32 characters, so ids sort by time as text. Monotonic within one millisecond: a second id in
 * the same (or an earlier, clock-stepped-back) millisecond is the previous random part plus one.
 */
export function ulidFactory(): UlidFactory {
  let lastMs = -1
  let last: number[] = [] // 16 base32 digits of the random part
  return (now = Date.now()) => {
    if (now <= lastMs) {
      increment(last)
      now = lastMs
    } else {
      lastMs = now
      const bytes = randomBytes(16)
      last = Array.from(bytes, (b) => b & 31)
    }
    let time = ''
    let t = now
    for (let i = 0; i < 10; i++) {
      time = ALPHABET[t % 32]! + time
      t = Math.floor(t / 32)
    }
    return time + last.map((d) => ALPHABET[d]).join('')
  }
}

/** Add one to a base32 number held as digits (most significant first); wraps around at 32^16. */
function increment(digits: number[]): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < 31) {
      digits[i]!++
      return
    }
    digits[i] = 0
  }
}

/** One process-wide generator, so ids of one process are strictly increasing. */
export const ulid: UlidFactory = ulidFactory()

/** The time (ms since the epoch) a ULID carries. */
export function ulidTime(id: string): number {
  let t = 0
  for (const ch of id.slice(0, 10)) t = t * 32 + ALPHABET.indexOf(ch)
  return t
}
