/**
 * Strings unique by construction: an index encoded over a small alphabet, and LIKE patterns.
 * The alphabet is lower-case [0-9a-z] so uniqueness survives case-insensitive collations.
 */

/** The 36 characters used for generated keys and wildcard positions. */
export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz'
const K = ALPHABET.length
/** Larger counts than this are treated as "unbounded" (exact beyond 2^53 does not matter for row counts). */
export const BIG = Number.MAX_SAFE_INTEGER

/** Number of strings over the alphabet with length in [minLen, maxLen] (saturating at BIG). */
export function stringSpace(minLen: number, maxLen: number): number {
  let total = 0
  for (let len = Math.max(0, minLen); len <= maxLen; len++) {
    total += Math.pow(K, len)
    if (total >= BIG) return BIG
  }
  return total
}

/**
 * Bijective base-36: 0 → '', 1 → '0', 36 → 'z', 37 → '00', … Every string over the alphabet is hit
 * exactly once, shorter strings first.
 */
export function bijective(n: number): string {
  let s = ''
  while (n > 0) {
    n -= 1
    const d = n % K
    s = ALPHABET[d]! + s
    n = (n - d) / K
  }
  return s
}

/** Index `k` → the k-th string of length ≥ minLen, shortest first (minLen 0 starts with ''). */
export function encodeAtLeast(k: number, minLen: number): string {
  return bijective(k + (minLen > 0 ? stringSpace(0, minLen - 1) : 0))
}

/** Index `k` in [0, 36^width) → exactly `width` characters. */
export function encodeFixed(k: number, width: number): string {
  let s = ''
  for (let j = 0; j < width; j++) {
    const d = k % K
    s = ALPHABET[d]! + s
    k = (k - d) / K
  }
  return s
}

/** One LIKE pattern token: literal text, `_` (one character) or `%` (any run). */
export type LikeToken = { kind: 'lit'; text: string } | { kind: 'one' } | { kind: 'any' }

/** Tokenise a LIKE pattern; `\` escapes the next character (PostgreSQL's default escape). */
export function parseLike(pattern: string): LikeToken[] {
  const out: LikeToken[] = []
  let lit = ''
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!
    if (c === '\\' && i + 1 < pattern.length) lit += pattern[++i]
    else if (c === '_' || c === '%') {
      if (lit) out.push({ kind: 'lit', text: lit })
      lit = ''
      // Runs of % are one %.
      if (c === '%' && out[out.length - 1]?.kind === 'any') continue
      out.push(c === '_' ? { kind: 'one' } : { kind: 'any' })
    } else lit += c
  }
  if (lit) out.push({ kind: 'lit', text: lit })
  return out
}

/**
 * A test for "matches the LIKE pattern", case-insensitive (SQLite's LIKE ignores ASCII case, PostgreSQL's
 * does not): for keeping values *out* of a `NOT LIKE`, matching more is the safe side.
 */
export function likeMatcher(pattern: string): (s: string) => boolean {
  const body = parseLike(pattern)
    .map((t) => (t.kind === 'lit' ? t.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : t.kind === 'one' ? '.' : '.*'))
    .join('')
  const re = new RegExp(`^${body}$`, 'is')
  return (s) => re.test(s)
}

/** Fixed length of a pattern: literals plus `_` positions. */
export function likeFixedLength(tokens: LikeToken[]): number {
  let n = 0
  for (const t of tokens) n += t.kind === 'lit' ? t.text.length : t.kind === 'one' ? 1 : 0
  return n
}

/** How many distinct strings of length ≤ maxLength (and ≥ minLength) `tokens` can produce by construction. */
export function likeSpace(tokens: LikeToken[], minLength: number, maxLength: number | undefined): number {
  const fixed = likeFixedLength(tokens)
  const ones = tokens.filter((t) => t.kind === 'one').length
  const hasAny = tokens.some((t) => t.kind === 'any')
  const max = maxLength ?? 64 + fixed
  if (fixed > max) return 0
  const oneSpace = Math.pow(K, ones)
  if (!hasAny) return fixed >= minLength ? Math.min(BIG, oneSpace) : 0
  return Math.min(BIG, oneSpace * stringSpace(anyMinLength(tokens, minLength, maxLength), max - fixed))
}

/**
 * Fewest characters the `%` runs take together: what `minLength` needs, and at least one when the
 * column has room, so `'SKU-%'` never yields the bare prefix `SKU-`.
 */
export function anyMinLength(tokens: LikeToken[], minLength: number, maxLength: number | undefined): number {
  const fixed = likeFixedLength(tokens)
  const need = Math.max(0, minLength - fixed)
  return tokens.some((t) => t.kind === 'any') && (maxLength ?? fixed + 64) > fixed ? Math.max(1, need) : need
}

/**
 * The k-th string of a pattern (injective in k): the `_` positions are the low base-36 digits of k, the
 * first `%` holds the rest (bijectively, at least `minLength` overall), other `%` stay empty.
 */
export function likeUnique(tokens: LikeToken[], k: number, minLength: number, maxLength?: number): string {
  let s = ''
  let usedAny = false
  for (const t of tokens) {
    if (t.kind === 'lit') s += t.text
    else if (t.kind === 'one') {
      const d = k % K
      s += ALPHABET[d]
      k = (k - d) / K
    } else if (!usedAny) {
      usedAny = true
      // k is consumed lazily: digits of `_` after the % are taken first by position, so compute at the end.
      s += '\u0000'
    }
  }
  if (!usedAny) return s
  return s.replace('\u0000', encodeAtLeast(k, anyMinLength(tokens, minLength, maxLength)))
}

/** A random string of a pattern: `_` and `%` filled from `draw` (0 ≤ draw(j) < 1), within the length budget. */
export function likeRandom(tokens: LikeToken[], draw: (j: number) => number, minLength: number, maxLength: number | undefined): string {
  const fixed = likeFixedLength(tokens)
  const anyCount = tokens.filter((t) => t.kind === 'any').length
  const budget = Math.max(0, Math.min(maxLength ?? fixed + 12, fixed + 12) - fixed)
  const need = Math.min(budget, anyMinLength(tokens, minLength, maxLength))
  let s = ''
  let j = 0
  let firstAny = true
  for (const t of tokens) {
    if (t.kind === 'lit') s += t.text
    else if (t.kind === 'one') s += ALPHABET[Math.floor(draw(j++) * K)]
    else {
      // The first % takes what minLength needs; every % may take a share of the rest of the budget.
      const share = Math.floor(budget / anyCount)
      let len = Math.floor(draw(j++) * (Math.max(0, share - (firstAny ? need : 0)) + 1)) + (firstAny ? need : 0)
      len = Math.min(len, budget)
      firstAny = false
      for (let c = 0; c < len; c++) s += ALPHABET[Math.floor(draw(j++) * K)]
    }
  }
  return s
}
