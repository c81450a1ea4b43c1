/**
 * faker's seeded generator (MT19937, 53-bit floats from two 32-bit outputs, seeded from a number or an
 * array as faker 10 seeds it), number for number, with one thing faker's lacks: `skip(n)`, which moves the
 * generator past n `next()` calls without computing them. Pools of faker values for a few rows skip the
 * draws of the values before the ones they need (pools.ts, faker-draws.ts): a lorem paragraph is ~50
 * draws, ~1,000 values are skipped per column on average, and stepping faker's generator one call at a
 * time while the code is still cold was most of `seed --rows 1`'s generation time. locales.ts installs one
 * on every faker instance (faker reads `fakerCore.randomizer` at each draw);
 * test/unit/generate/mersenne.test.ts holds it equal to faker's own.
 */
import type { Randomizer } from '@faker-js/faker'

const N = 624
const M = 397
const MATRIX_A = 0x9908b0df
const UPPER = 0x80000000
const LOWER = 0x7fffffff

/** A randomizer that can skip: `skip(n)` leaves it where n calls of `next()` would. */
export interface SkippingRandomizer extends Randomizer {
  skip(n: number): void
}

/**
 * The state from a number seed (init_genrand) or an array (init_by_array), as faker's: int32 arithmetic
 * throughout (the Int32Array keeps each word modulo 2^32, which is all faker's bit operations read of them).
 */
function initialState(seed: number | readonly number[]): Int32Array {
  return typeof seed === 'number' ? fromNumber(seed) : fromArray(seed)
}

function fromNumber(seed: number): Int32Array {
  const t = new Int32Array(N)
  t[0] = seed
  for (let i = 1; i < N; i++) {
    const prev = t[i - 1]! ^ (t[i - 1]! >>> 30)
    t[i] = Math.imul(1812433253, prev) + i
  }
  return t
}

function fromArray(key: readonly number[]): Int32Array {
  const t = fromNumber(19650218)
  let i = 1
  let j = 0
  for (let k = Math.max(N, key.length); k !== 0; k--) {
    const prev = t[i - 1]! ^ (t[i - 1]! >>> 30)
    t[i] = Math.trunc((t[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j)
    i++
    j++
    if (i >= N) {
      t[0] = t[N - 1]!
      i = 1
    }
    if (j >= key.length) j = 0
  }
  for (let k = N - 1; k !== 0; k--) {
    t[i] = Math.trunc((t[i]! ^ Math.imul(t[i - 1]! ^ (t[i - 1]! >>> 30), 1566083941)) - i)
    i++
    if (i >= N) {
      t[0] = t[N - 1]!
      i = 1
    }
  }
  t[0] = UPPER
  return t
}

/** The next 624 words (the "twist"), in place. */
function twist(s: Int32Array): void {
  for (let k = 0; k < N - M; k++) {
    const y = (s[k]! & UPPER) | (s[k + 1]! & LOWER)
    s[k] = s[k + M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  }
  for (let k = N - M; k < N - 1; k++) {
    const y = (s[k]! & UPPER) | (s[k + 1]! & LOWER)
    s[k] = s[k + M - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
  }
  const y = (s[N - 1]! & UPPER) | (s[0]! & LOWER)
  s[N - 1] = s[M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A)
}

class Mersenne {
  private states: Int32Array
  private index = 0

  constructor(seed: number | readonly number[]) {
    this.states = initialState(seed)
    twist(this.states)
  }

  seed(seed: number | readonly number[]): void {
    this.states = initialState(seed)
    twist(this.states)
    this.index = 0
  }

  private nextU32(): number {
    let y = this.states[this.index]!
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    y ^= y >>> 18
    if (++this.index >= N) {
      twist(this.states)
      this.index = 0
    }
    return y >>> 0
  }

  /** faker's nextF53: 27 + 26 bits of two outputs, in [0, 1). */
  next(): number {
    const a = this.nextU32() >>> 5
    const b = this.nextU32() >>> 6
    return (a * 67108864 + b) * (1 / 9007199254740992)
  }

  /** Past `n` calls of next(): 2n outputs, the words twisted as they run out and nothing else computed. */
  skip(n: number): void {
    let words = 2 * n
    while (words > 0) {
      const step = Math.min(words, N - this.index)
      this.index += step
      words -= step
      if (this.index >= N) {
        twist(this.states)
        this.index = 0
      }
    }
  }
}

/**
 * A faker-compatible randomizer seeded with `seed`; by default, like faker's own, from Math.random — the locale
 * modules' faker instances are shared with anything else in the process that imports them, and an unseeded
 * faker there must stay random.
 */
export function skippingRandomizer(seed: number | readonly number[] = Math.ceil(Math.random() * (2 ** 53 - 1))): SkippingRandomizer {
  const mt = new Mersenne(seed)
  return {
    next: () => mt.next(),
    seed: (s: number | number[]) => mt.seed(s),
    skip: (n: number) => mt.skip(n),
  }
}
