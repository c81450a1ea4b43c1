/**
 * Templates that read columns of their own row (`{{first_name}}.{{last_name}}@example.com`): each
 * `{{column}}` part is the value the row writes in that column (its compiled `final`, so NULLs and all
 * are the row's own; a NULL reads as empty text), each faker part a pool as in template-source.ts. In
 * an email-shaped template (the last literal has an '@') the values are written as local parts
 * (`localPart`: `María Teresa` → `mariateresa` lowercased), as faker's own emails are.
 *
 * Unique values get digits, as people pick them (`jane.doe87@example.com`): before the last '@' of the
 * template's last literal, else at the end. The digits are `userDigits(k)`, a bijection of the domain
 * index k onto the decimal numbers of two or more digits; the text before them never ends in a digit (a
 * '_' is put between when it would), so the digits are the longest digit run before the fixed tail and
 * give k back: injective by construction. Capacity: unbounded without a length limit; with `maxLength`
 * m and a tail of t characters, 10^(m − t) − 10 values (`rowTemplateDomain`).
 */
import type { Value } from '../model/rows.js'
import { below, mix32 } from './prng.js'
import { scatter } from './scatter.js'
import { fit, POOL_SIZE } from './pools.js'
import { parseTemplate, placeholderPool, type ParsedTemplate } from './faker-call.js'
import type { Streams } from './text-sources.js'
import type { TemplateOptions, TemplateSource } from './template-source.js'

/** Compile a parsed template with `{{column}}` parts. */
export function rowTemplateSource(parsed: ParsedTemplate, s: Streams, opts: TemplateOptions & { column: (name: string) => (i: number) => Value }): TemplateSource {
  const lower = opts.lowercase === true
  const lit = parsed.literals.map((l) => (lower ? l.toLowerCase() : l))
  const last = lit[lit.length - 1]!
  const at = last.lastIndexOf('@')
  // An email-shaped template (its last literal has the '@'): the row's values become local parts.
  const email = at >= 0
  // German writes ä ö ü as ae oe ue where accents cannot go; elsewhere the accent is just dropped.
  const german = (opts.locale ?? '').startsWith('de')
  const parts: Array<(i: number) => string> = parsed.placeholders.map((p, j) => {
    if ('column' in p) {
      const read = opts.column(p.column)
      if (!lower && !email) return (i) => text(read(i))
      // Columns read are mostly pool values: transform each distinct one once.
      const seen = new Map<string, string>()
      return (i) => {
        const v = text(read(i))
        let l = seen.get(v)
        if (l === undefined) {
          l = lower ? v.toLowerCase() : v
          if (email) l = localPart(l, german)
          if (seen.size < 65_536) seen.set(v, l)
        }
        return l
      }
    }
    const pool = placeholderPool(p, j, s, lower, opts.locale)
    const h = mix32(s.h ^ Math.imul(j + 1, 0x165667b1))
    return (i) => pool[below(h, i, POOL_SIZE)]!
  })
  // The tail the digits go before: '@domain…' of the last literal, or nothing.
  const tail = at < 0 ? '' : last.slice(at)
  const lastHead = at < 0 ? last : last.slice(0, at)
  const n = parts.length
  const head = (i: number): string => {
    let out = lit[0]!
    for (let j = 0; j < n; j++) out += parts[j]!(i) + (j < n - 1 ? lit[j + 1]! : lastHead)
    return out
  }
  const max = opts.maxLength
  const digits = userDigits(s.h4)
  return {
    random: max === undefined ? (i) => head(i) + tail : (i) => fit(head(i) + tail, 0, max),
    unique: (k, i) => {
      const d = digits(k)
      let h = head(i)
      if (max !== undefined && h.length + d.length + tail.length > max) h = h.slice(0, Math.max(0, max - d.length - tail.length))
      if (h !== '' && isDigit(h.charCodeAt(h.length - 1))) {
        // Room for the separator: drop a character of the head when the value would be too long.
        if (max !== undefined && h.length + 1 + d.length + tail.length > max) h = h.slice(0, -1)
        if (h !== '' && isDigit(h.charCodeAt(h.length - 1))) h += '_'
      }
      return h + d + tail
    },
  }
}

/**
 * Distinct values a unique row-template yields: 10^(maxLength − tail) − 10 (the digit strings of two or
 * more digits that fit beside the fixed tail), capped at `big`; `big` without a length limit. Undefined
 * when `template` reads no column (another path decides its capacity).
 */
export function rowTemplateDomain(template: string, lowercase: boolean, maxLength: number | undefined, big: number): number | undefined {
  const parsed = parseTemplate(template)
  if ('error' in parsed || !parsed.placeholders.some((p) => 'column' in p)) return undefined
  if (maxLength === undefined) return big
  const last = parsed.literals[parsed.literals.length - 1]!
  const at = (lowercase ? last.toLowerCase() : last).lastIndexOf('@')
  const room = maxLength - (at < 0 ? 0 : last.length - at)
  if (room < 2) return 0
  return room >= 15 ? big : Math.min(big, Math.pow(10, room) - 10)
}

/**
 * k → decimal digits: k < 90 → 10..99, then 100..999, …, each block of L digits permuted by a seeded
 * bijection so neighbouring rows do not count visibly. Injective: blocks have different lengths.
 */
export function userDigits(seed: number): (k: number) => string {
  const perms: Array<(x: number) => number> = []
  return (k) => {
    let len = 2
    let start = 0
    let size = 90
    while (k >= start + size) {
      start += size
      size *= 10
      len++
    }
    const p = (perms[len] ??= scatter(size, seed + len))
    return String(Math.pow(10, len - 1) + p(k - start))
  }
}

const UMLAUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue' }
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ð: 'd', þ: 'th', ı: 'i' }

/**
 * A name as people write it in an email address: accents dropped (`José` → `Jose`, `ß` → `ss`; with
 * `german`, `Müller` → `Mueller`, else `Muller`), spaces, apostrophes and other signs removed
 * (`María Teresa` → `MariaTeresa`, `O'Reilly` → `OReilly`). A name in another script (nothing Latin
 * left) is kept as it is.
 */
export function localPart(name: string, german = false): string {
  const folded = (german ? name.replace(/[äöüÄÖÜ]/g, (c) => UMLAUT[c]!) : name)
    .replace(/[ßæÆœŒøØłŁđĐðþı]/g, (c) => FOLD[c]!)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]/g, '')
  return folded === '' ? name : folded
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** A row's value as template text: NULL reads as ''. */
function text(v: Value): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex')
  return String(v)
}
