/**
 * Faker value pools: built once per (seed, table, column, locale), then drawn by index — no faker call
 * per row. Only the locale modules a plan names are loaded (see locales.ts; the package root would load
 * every locale).
 */
import type { Semantic } from '../model/plan.js'
import { DEFAULT_LOCALE, fakerFor } from './locales.js'
import { drawFor, skipFor } from './faker-draws.js'

/** Default pool size: enough variety for realistic data, small enough to build in milliseconds. */
export const POOL_SIZE = 2000

/**
 * `size` values for a semantic from the faker of `locale` (default English; it must be loaded: see
 * locales.ts) seeded with `seedHash`, each fitted to [minLength, maxLength] (cut at a word boundary where
 * possible, padded with 'x'), trailing spaces removed because PAD SPACE collations compare them away.
 * Zip codes are 5 digits in English, the locale's own format otherwise.
 */
export function buildPool(semantic: Semantic | 'lorem-words', seedHash: number, minLength = 0, maxLength?: number, size = POOL_SIZE, locale = DEFAULT_LOCALE): string[] {
  return drawPool(semantic, seedHash, minLength, maxLength, size, locale) as string[]
}

/** `buildPool`, but with `only`, the indices outside it are skipped where the semantic can (left undefined). */
function drawPool(semantic: Semantic | 'lorem-words', seedHash: number, minLength: number, maxLength: number | undefined, size: number, locale: string, only?: ReadonlySet<number>): Array<string | undefined> {
  const draw = drawFor(semantic, locale)
  const faker = fakerFor(locale)
  faker.seed(seedHash)
  const skip = only === undefined ? undefined : skipFor(semantic, faker)
  const out = new Array<string | undefined>(size)
  for (let j = 0; j < size; j++) {
    if (skip !== undefined && !only!.has(j)) skip(faker)
    else out[j] = fit(draw(faker), minLength, maxLength)
  }
  return out
}

/**
 * A pool of `size` values of which only the first `prefix` are built, on the first read: the values of
 * `buildPool(…, size, …)`, the same at every index (a pool is one seeded sequence of draws, so its prefix is
 * a shorter pool), the rest built the first time an index past the prefix is asked for. Used for steps of a
 * few rows, which read a handful of indices of a 2,000-value pool (start-up of `seed --rows 1`).
 */
export interface PrefixPool {
  readonly size: number
  at(j: number): string
}

/**
 * A PrefixPool of `buildPool(semantic, seedHash, minLength, maxLength, size, locale)` whose first read builds
 * `prefix` values; with `only`, of those only the indices in it (the others' draws are skipped where the
 * semantic can: see skipFor), and any other index builds the whole pool.
 */
export function prefixPool(semantic: Semantic | 'lorem-words', seedHash: number, minLength: number, maxLength: number | undefined, prefix: number, size = POOL_SIZE, locale = DEFAULT_LOCALE, only?: ReadonlySet<number>): PrefixPool {
  // Built on the first read: a column whose values never read the pool (a narrow unique one) builds nothing.
  let built: Array<string | undefined> | undefined
  return {
    size,
    at: (j) => {
      built ??= drawPool(semantic, seedHash, minLength, maxLength, Math.min(prefix, size), locale, only)
      return (j < built.length ? built[j] : undefined) ?? (built = buildPool(semantic, seedHash, minLength, maxLength, size, locale))[j]!
    },
  }
}

/** Fit a string into [minLength, maxLength]. */
export function fit(s: string, minLength: number, maxLength: number | undefined): string {
  if (maxLength !== undefined && s.length > maxLength) {
    const cut = s.slice(0, maxLength)
    const space = cut.lastIndexOf(' ')
    s = space >= Math.max(1, minLength) && space > maxLength / 2 ? cut.slice(0, space) : cut
  }
  s = s.trimEnd()
  if (s.length < minLength) s = s + 'x'.repeat(minLength - s.length)
  return s
}
