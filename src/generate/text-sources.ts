/**
 * Non-numeric value sources: strings, faker pools, LIKE patterns, uuids, inet, binary, json, choices, sets.
 * `at(k, i)` is injective in k (the unique path); `random(i)` is a seeded draw. `i` only picks cosmetic
 * parts (a pool prefix) that never affect uniqueness.
 */
import type { Value } from '../model/rows.js'
import type { Semantic } from '../model/plan.js'
import { below, mix32, rand32, uniform } from './prng.js'
import { formatUuid, uuidInto } from './format.js'
import { buildPool, POOL_SIZE, prefixPool, type PrefixPool } from './pools.js'
import { encodeAtLeast, encodeFixed, likeRandom, likeUnique, parseLike } from './strings.js'

export interface TextSource {
  at(k: number, i: number): Value
  random(i: number): Value
  /** `random(i)` is `values[index(i)]`: a list drawn by index (the pooled typed cells of typed-cells.ts). */
  pooled?: { values: readonly string[]; index(i: number): number }
}

/** Streams of one column: h is the value stream; h2..h4 extra streams for multi-word values. */
export interface Streams {
  h: number
  h2: number
  h3: number
  h4: number
}

/**
 * Pool-backed strings. Unique values are `prefix + sep + suffix` where the suffix is the index in
 * base 36 (no `sep` in it, so the part after the last `sep` gives k back): injective whatever the
 * prefix. When the column is too narrow for that, the value is the suffix alone (lengths capped in the plan).
 */
export function poolSource(
  pool: string[] | PrefixPool,
  s: Streams,
  opts: { minLength: number; maxLength?: number; fixed?: boolean; email?: boolean },
): TextSource {
  const eager = Array.isArray(pool)
  const n = eager ? pool.length : pool.size
  const get = eager ? (j: number) => pool[j]! : pool.at
  const max = opts.maxLength
  const min = opts.fixed && max !== undefined ? max : opts.minLength
  const sep = opts.email ? '.' : '-'
  // Emails split once into local part and '@domain' (a prefix pool: on use); the suffix goes between them.
  const localOf = (v: string) => (v.lastIndexOf('@') < 0 ? v : v.slice(0, v.lastIndexOf('@')))
  const domainOf = (v: string) => (v.lastIndexOf('@') < 0 ? '' : v.slice(v.lastIndexOf('@')))
  const locals = opts.email && eager ? pool.map(localOf) : undefined
  const domains = opts.email && eager ? pool.map(domainOf) : undefined
  const local = locals ? (j: number) => locals[j]! : opts.email ? (j: number) => localOf(get(j)) : get
  const domain = domains ? (j: number) => domains[j]! : opts.email ? (j: number) => domainOf(get(j)) : () => ''
  const uniqueAt = (k: number, i: number): string => {
    // Base 36 is injective and never contains `sep`.
    const suffix = k.toString(36)
    if (max === undefined || max >= suffix.length + 2) {
      const j = below(s.h, i, n)
      let base = local(j)
      let domain_ = domain(j)
      // Too narrow for the domain: keep the unique local part (still injective: no '@' at all).
      if (max !== undefined && suffix.length + 2 + domain_.length > max) domain_ = ''
      const room = max === undefined ? Infinity : max - suffix.length - 1 - domain_.length
      if (base.length > room) base = base.slice(0, room)
      const short = min - (base.length + 1 + suffix.length + domain_.length)
      if (short > 0) base += 'x'.repeat(short)
      return `${base}${sep}${suffix}${domain_}`
    }
    return opts.fixed ? encodeFixed(k, max) : encodeAtLeast(k, Math.max(1, min))
  }
  const index = (i: number) => below(s.h, i, n)
  return { at: uniqueAt, random: (i) => get(index(i)), ...(eager ? { pooled: { values: pool, index } } : {}) }
}

/** Build the pool of a faker semantic (or generic words) fitted to the column, in `locale` (default English). */
export function semanticPool(semantic: Semantic | 'lorem-words', poolSeed: number, minLength: number, maxLength: number | undefined, locale?: string): string[] {
  return buildPool(semantic, poolSeed, minLength, maxLength, undefined, locale)
}

/**
 * The pool of `semanticPool(…)` for a step of `rows` rows whose values are picked by `below(h, i, POOL_SIZE)`
 * (poolSource): only the values at the indices rows 0…rows−1 pick are built now (the draws before them
 * skipped where pools.ts can, else built); any other index builds the whole pool. The same values as
 * `semanticPool`, at a fraction of the cost for a few rows.
 */
export function smallStepPool(semantic: Semantic | 'lorem-words', poolSeed: number, minLength: number, maxLength: number | undefined, h: number, rows: number, locale?: string): PrefixPool {
  const picked = new Set<number>()
  let top = 0
  for (let i = 0; i < rows; i++) {
    const j = below(h, i, POOL_SIZE)
    picked.add(j)
    top = Math.max(top, j)
  }
  return prefixPool(semantic, poolSeed, minLength, maxLength, top + 1, POOL_SIZE, locale, picked)
}

/** Strings matching a LIKE pattern. */
export function likeSource(spec: { pattern: string; minLength: number; maxLength?: number }, s: Streams): TextSource {
  const tokens = parseLike(spec.pattern)
  const hashes = Array.from({ length: 32 }, (_, j) => mix32(s.h2 + j * 0x9e3779b9))
  return {
    at: (k) => likeUnique(tokens, k, spec.minLength, spec.maxLength),
    random: (i) => likeRandom(tokens, (j) => uniform(hashes[j & 31]! ^ (j >>> 5), i), spec.minLength, spec.maxLength),
  }
}

/** Version-4-shaped uuids; the first 32 bits are a bijection of the index, so they are always unique. */
export function uuidSource(s: Streams): TextSource & { bytesAt(k: number, out: Uint8Array, offset: number): void } {
  // w0 is a bijection of k (uniqueness); the other words are cheap mixes chained from it.
  const at = (k: number): string => {
    const w0 = mix32((k >>> 0) ^ s.h)
    const hi = k >= 4294967296 ? Math.floor(k / 4294967296) & 0xffff : 0
    const w1 = mix32(w0 ^ s.h2) ^ hi
    const w2 = mix32(w1 ^ s.h3)
    return formatUuid(w0, w1, w2, mix32(w2 ^ s.h4))
  }
  // The same uuid as its 16 bytes (a typed Parquet column takes these instead of the text).
  const bytesAt = (k: number, out: Uint8Array, offset: number): void => {
    const w0 = mix32((k >>> 0) ^ s.h)
    const hi = k >= 4294967296 ? Math.floor(k / 4294967296) & 0xffff : 0
    const w1 = mix32(w0 ^ s.h2) ^ hi
    const w2 = mix32(w1 ^ s.h3)
    uuidInto(w0, w1, w2, mix32(w2 ^ s.h4), out, offset)
  }
  return { at, random: (i) => at(i), bytesAt }
}

/** IPv4 addresses; the unique path is a 32-bit bijection of the index. */
export function inetSource(s: Streams): TextSource {
  const text = (w: number) => `${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`
  return { at: (k) => text(mix32((k >>> 0) ^ s.h)), random: (i) => text(rand32(s.h, i)) }
}

/** Byte strings; the unique path writes k big-endian into the first bytes. */
export function binarySource(spec: { minLength: number; maxLength: number }, s: Streams): TextSource {
  const make = (i: number, k: number | undefined) => {
    const len = spec.minLength + below(s.h2, i, spec.maxLength - spec.minLength + 1)
    const out = new Uint8Array(Math.max(len, k === undefined ? 0 : Math.min(spec.maxLength, 8)))
    for (let b = 0; b < out.length; b += 4) {
      const w = rand32(s.h + b, i)
      for (let j = 0; j < 4 && b + j < out.length; j++) out[b + j] = (w >>> (j * 8)) & 255
    }
    if (k !== undefined) {
      let x = k
      for (let b = Math.min(out.length, 6) - 1; b >= 0; b--) {
        out[b] = x % 256
        x = Math.floor(x / 256)
      }
    }
    return out
  }
  return { at: (k, i) => make(i, k), random: (i) => make(i, undefined) }
}

/** Small JSON documents from a fixed pool of shapes; the unique path carries the index. */
export function jsonSource(s: Streams): TextSource {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'red', 'green', 'blue', 'north', 'south']
  const pool = Array.from({ length: 256 }, (_, j) => {
    const w = mix32(s.h ^ j)
    return { key: words[w % words.length]!, n: w % 1000, flag: (w & 1) === 1, tags: [words[(w >>> 8) % words.length]!] }
  })
  return { at: (k, i) => ({ id: k, ...pool[below(s.h2, i, 256)]! }), random: (i) => pool[below(s.h2, i, 256)]! }
}

/** One of a list of values (enums, IN lists). */
export function choiceSource(values: Array<string | number>, s: Streams): TextSource {
  const n = values.length
  return { at: (k) => values[k % n]!, random: (i) => values[below(s.h, i, n)]! }
}

/** A subset of up to 30 values, comma-joined (MySQL SET); the unique path uses k as the bit mask. */
export function setSource(values: string[], s: Streams): TextSource {
  const n = Math.min(values.length, 30)
  const text = (mask: number) => {
    const parts: string[] = []
    for (let b = 0; b < n; b++) if (mask & (1 << b)) parts.push(values[b]!)
    return parts.join(',')
  }
  return { at: (k) => text(k), random: (i) => text(rand32(s.h, i) & ((1 << n) - 1)) }
}
