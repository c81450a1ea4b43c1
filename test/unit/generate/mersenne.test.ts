/**
 * mersenne.ts replaces faker's generator on tdg's faker instances: it must give faker's numbers exactly,
 * for every kind of seed faker takes, and `skip(n)` must leave it where n calls of `next()` would — or
 * the same seed would write other rows.
 */
import { generateMersenne53Randomizer } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { skippingRandomizer } from '../../../src/generate/mersenne.js'
import { fakerFor } from '../../../src/generate/locales.js'

const SEEDS: Array<number | number[]> = [0, 1, 42, -7, 3.7, 2 ** 31, 2 ** 32 + 5, 2 ** 53 - 1, 0xdeadbeef, [1, 2, 3], [0x123, 0x234, 0x345, 0x456], [-1.5, 1e10], Array.from({ length: 700 }, (_, i) => i * 7919)]

function draws(r: { next(): number }, n: number): number[] {
  return Array.from({ length: n }, () => r.next())
}

describe('skippingRandomizer', () => {
  it("gives faker's numbers for number and array seeds, across several twists", () => {
    for (const seed of SEEDS) {
      const faker = generateMersenne53Randomizer()
      faker.seed(seed)
      const ours = skippingRandomizer()
      ours.seed(seed)
      expect(draws(ours, 2000), `seed ${JSON.stringify(seed).slice(0, 40)}`).toEqual(draws(faker, 2000))
    }
  })

  it('skip(n) is n calls of next(), at and across the 312-call twist boundary', () => {
    for (const seed of [5, 2 ** 32 - 1, [9, 8, 7]]) {
      const faker = generateMersenne53Randomizer()
      faker.seed(seed)
      const ours = skippingRandomizer()
      ours.seed(seed)
      for (const n of [0, 1, 310, 311, 312, 313, 624, 1000, 5, 4096]) {
        draws(faker, n)
        ours.skip(n)
        expect(draws(ours, 3)).toEqual(draws(faker, 3))
      }
    }
  })

  it('unseeded, it starts somewhere random, as faker does (the locale modules are shared with the rest of the process)', () => {
    expect(draws(skippingRandomizer(), 4)).not.toEqual(draws(skippingRandomizer(), 4))
  })

  it("is the generator of tdg's faker: seeding it gives faker's own values", () => {
    const f = fakerFor('en')
    const reference = generateMersenne53Randomizer()
    f.seed(1234)
    reference.seed(1234)
    const r = (f as unknown as { fakerCore: { randomizer: { next(): number } } }).fakerCore.randomizer
    expect(draws(r, 50)).toEqual(draws(reference, 50))
    expect('skip' in r).toBe(true)
  })
})
