/**
 * How the leak check compares values without keeping or printing them: each value becomes a canonical,
 * case-folded text and then a 52-bit fingerprint (two independent 32-bit FNV-1a/murmur-style hashes
 * folded into one double), so the sets it holds are numbers, not originals. A collision can only
 * over-report (a false survivor), never hide one.
 */
import type { Value } from '../model/rows.js'

/** Canonical text of a value for comparison: trimmed, case- and accent-folded, dates as ISO. */
export function canonical(v: Value): string | undefined {
  if (v === null || v === undefined) return undefined
  let s: string
  if (typeof v === 'string') s = v
  else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') s = String(v)
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? '' : v.toISOString()
  else if (v instanceof Uint8Array) s = Buffer.from(v).toString('hex')
  else s = JSON.stringify(v)
  s = s.trim()
  if (s === '') return undefined
  // Accents folded so "Müller" and "muller" meet; NFKD splits letters from their marks.
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
}

/** A 52-bit fingerprint of a string (exact in a double). */
export function fingerprint(s: string): number {
  let h1 = 0x811c9dc5
  let h2 = 0x9747b28c
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  h1 ^= h1 >>> 16
  h1 = Math.imul(h1, 0x85ebca6b)
  h1 ^= h1 >>> 13
  return (h1 >>> 0) * 0x100000 + ((h2 >>> 0) & 0xfffff)
}

/** Digits only (phones, cards, IBAN and id numbers written with other separators). */
export function digitsOf(s: string): string {
  return s.replace(/\D+/g, '')
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g
const NUMBERISH = /[+(]?\d[\d\s().\/-]{4,}\d/g
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'._-]*/gu

/**
 * The pieces of a (canonical) text that could be an identifying value written inside it: the whole text,
 * each email, each run of digits with separators (as digits), and every window of 1–5 words. Windows are
 * joined by one space, as `canonical` leaves a single-line value.
 */
export function pieces(text: string, out: (fp: number) => void, outDigits: (fp: number) => void): void {
  out(fingerprint(text))
  for (const m of text.matchAll(EMAIL)) out(fingerprint(m[0]))
  for (const m of text.matchAll(NUMBERISH)) {
    const d = digitsOf(m[0])
    if (d.length >= 6) outDigits(fingerprint(d))
  }
  const words = text.match(WORD)
  if (!words || words.length < 2) return
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!
    out(fingerprint(w))
    for (let j = i + 1; j < Math.min(words.length, i + 5); j++) {
      w += ' ' + words[j]!
      out(fingerprint(w))
    }
  }
}

/** The word-normalised form of a canonical identifying value (single spaces between its words). */
export function wordForm(text: string): string {
  const words = text.match(WORD)
  return words ? words.join(' ') : text
}
