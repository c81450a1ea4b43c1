/**
 * pools.ts draws lorem words, sentences and paragraphs (faker's lorem.word copies its word list per word)
 * and product names (faker evaluates a template) itself: its pools must hold exactly the values faker's own
 * methods give from the same seed, in every locale, and prefix pools the values of the whole pool — or the
 * same seed would write other rows.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { buildPool, fit, prefixPool } from '../../../src/generate/pools.js'
import { fakerFor, loadLocales, type Faker } from '../../../src/generate/locales.js'

/** The faker calls the pools made before they drew lorem text themselves. */
const FAKER_DRAWS = {
  title: (f: Faker) => f.lorem.sentence({ min: 2, max: 6 }).replace(/\.$/, ''),
  description: (f: Faker) => f.lorem.sentences({ min: 1, max: 3 }),
  slug: (f: Faker) => f.lorem.slug({ min: 2, max: 4 }),
  word: (f: Faker) => f.lorem.word(),
  words: (f: Faker) => f.lorem.words({ min: 1, max: 3 }),
  'lorem-words': (f: Faker) => f.lorem.words({ min: 1, max: 3 }),
  sentence: (f: Faker) => f.lorem.sentence(),
  paragraph: (f: Faker) => f.lorem.paragraph(),
  'product-name': (f: Faker) => f.commerce.productName(),
  company: (f: Faker) => f.company.name(),
  phone: (f: Faker) => f.phone.number({ style: 'national' }),
  sku: (f: Faker) => `${f.string.alpha({ length: 3, casing: 'upper' })}-${f.string.numeric(5)}`,
} as const

const LOCALES = ['en', 'de', 'ja', 'ru', 'fr', 'es', 'en_GB', 'nl', 'it']
const SEEDS = [0, 1, 42, 0x7fffffff, 0xdeadbeef >>> 0]

function fakerPool(draw: (f: Faker) => string, seed: number, size: number, locale: string, min = 0, max?: number): string[] {
  const f = fakerFor(locale)
  f.seed(seed)
  return Array.from({ length: size }, () => fit(draw(f), min, max))
}

describe('pools drawn without the faker method', () => {
  beforeAll(() => loadLocales(LOCALES))

  for (const [semantic, draw] of Object.entries(FAKER_DRAWS)) {
    it(`${semantic}: the values of faker's own method, every locale and seed`, () => {
      for (const locale of LOCALES) {
        for (const seed of SEEDS) {
          expect(buildPool(semantic as keyof typeof FAKER_DRAWS, seed, 0, undefined, 300, locale)).toEqual(fakerPool(draw, seed, 300, locale))
        }
      }
      // Fitted to a column: cut and padded alike.
      expect(buildPool(semantic as keyof typeof FAKER_DRAWS, 7, 4, 12, 300)).toEqual(fakerPool(draw, 7, 300, 'en', 4, 12))
    })
  }

  it('a prefix pool built only at some indices (the others skipped) reads the values of the whole pool', () => {
    for (const semantic of ['words', 'lorem-words', 'word', 'title', 'sentence', 'slug', 'description', 'paragraph', 'sku', 'phone', 'company', 'country'] as const) {
      for (const locale of ['en', 'de', 'ja']) {
        const whole = buildPool(semantic, 5, 0, 40, 2000, locale)
        const only = new Set([3, 17, 250, 251, 1999])
        const pool = prefixPool(semantic, 5, 0, 40, 2000, 2000, locale, only)
        // Picked indices from the partial build, any other from the whole pool built on demand.
        expect([3, 17, 250, 251, 1999, 0, 4, 1998].map((j) => pool.at(j))).toEqual([3, 17, 250, 251, 1999, 0, 4, 1998].map((j) => whole[j]))
      }
    }
  })

  it('a prefix pool reads the values of the whole pool, built on first read', () => {
    const whole = buildPool('description', 99, 0, 80)
    const pool = prefixPool('description', 99, 0, 80, 10)
    expect([0, 5, 9, 10, 1999].map((j) => pool.at(j))).toEqual([0, 5, 9, 10, 1999].map((j) => whole[j]))
  })
})
