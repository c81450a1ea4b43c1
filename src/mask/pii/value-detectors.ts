/**
 * What one sampled value looks like: shape regexes backed by validators (mod-97 for IBANs, Luhn for
 * cards, check letters/digits for national ids) and name dictionaries. Each detector answers yes/no for
 * one string; `value-profile.ts` turns the answers into shares per column. Nothing here keeps a value.
 */
import { isIP } from 'node:net'
import { bsnValid, cpfValid, dniValid, ibanValid, luhnValid, nirValid } from './checksums.js'
import { foldName, type NameDictionary } from './name-dictionary.js'

/** What a value can look like. `pii-in-text`: longer text that contains an email, phone, card, IBAN, national id or a person's full name. */
export type ValueKind = 'email' | 'phone' | 'iban' | 'card' | 'national-id' | 'ip' | 'full-name' | 'first-name' | 'last-name' | 'pii-in-text'

const EMAIL = /^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/

export function isEmail(s: string): boolean {
  return s.length <= 254 && EMAIL.test(s.trim())
}

/**
 * E.164 (`+4930123456`) or a national shape: 7–15 digits, only digits, spaces and `()+-./`, an optional
 * extension (`x123`, `ext. 12`), and something phone-like (a leading + or 0, a separator or parentheses).
 * Dates (`2024-01-05`), times and plain decimals are not phones.
 */
export function isPhone(s: string): boolean {
  const t = s.trim().replace(/\s*(?:x|ext\.?|extension|poste|durchwahl)\s*\d{1,5}$/i, '')
  if (!/^[+(]?[\d\s().\-/]+$/.test(t)) return false
  // A run of digits alone is a phone only with a trunk prefix (`0301234567`); else it is an id or amount.
  if (/^\d+$/.test(t)) return /^0\d{8,11}$/.test(t)
  if (/^\d{4}-\d{2}-\d{2}|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^-?\d+\.\d+$|^\d{1,2}:\d{2}/.test(t)) return false
  const digits = t.replace(/\D/g, '')
  if (digits.length < 7 || digits.length > 15) return false
  return /^\+[1-9]|^\(|^0|[\s().\-/]/.test(t)
}

/** 13–19 digits (spaces or dashes allowed) with a card network's leading digit and a valid Luhn check. */
export function isCardNumber(s: string): boolean {
  const t = s.trim()
  if (!/^\d[\d -]{11,22}\d$/.test(t)) return false
  const d = t.replace(/[ -]/g, '')
  return d.length >= 13 && d.length <= 19 && /^[2-6]/.test(d) && luhnValid(d)
}

export function isIban(s: string): boolean {
  return ibanValid(s.trim())
}

/**
 * A national id of a known shape that validates: US SSN (`123-45-6789`, no 000/666/9xx area), UK NINO,
 * Spanish DNI/NIE, Brazilian CPF, French NIR, Italian codice fiscale, Dutch BSN (11-test; weak alone: a
 * random 9-digit number passes one time in 11, so it counts only when `weak` is allowed).
 */
export function isNationalId(s: string, weak = false): boolean {
  const t = s.trim().toUpperCase()
  if (/^(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$/.test(t)) return true
  if (/^(?![DFIQUV])[A-Z](?![DFIQUVO])[A-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]$/.test(t)) return true
  if (dniValid(t) || cpfValid(t) || nirValid(t)) return true
  if (/^[A-Z]{6}\d{2}[A-EHLMPR-T]\d{2}[A-Z]\d{3}[A-Z]$/.test(t)) return true
  return weak && bsnValid(t)
}

export function isIp(s: string): boolean {
  return isIP(s.trim()) !== 0
}

const PARTICLES = new Set(['de', 'da', 'do', 'dos', 'das', 'del', 'della', 'di', 'du', 'la', 'le', 'van', 'von', 'der', 'den', 'ten', 'ter', 'y', 'e', 'bin', 'al', 'mc'])
const WORD = /^\p{Lu}[\p{L}'’.-]*$/u

/**
 * A person's full name: 2–5 words, each capitalised (or a particle like `de`, `van`), the first a known
 * first name (a dictionary of several locales) or the last a known last name; `Last, First` too.
 */
export function isFullName(s: string, dict: NameDictionary): boolean {
  const t = s.trim()
  if (t.length < 4 || t.length > 80) return false
  const comma = /^([^,]+),\s*([^,]+)$/.exec(t)
  const words = (comma ? `${comma[2]} ${comma[1]}` : t).split(/\s+/)
  if (words.length < 2 || words.length > 5) return false
  if (!words.every((w) => WORD.test(w) || PARTICLES.has(w))) return false
  const first = foldName(words[0]!.replace(/\.$/, ''))
  const last = foldName(words[words.length - 1]!)
  return dict.first.has(first) || (dict.last.has(last) && words[0]!.length > 1)
}

/** One capitalised word (or two, hyphenated or spaced: `Jean-Luc`, `Mary Ann`) every part of which is a known first name. */
export function isFirstName(s: string, dict: NameDictionary): boolean {
  const parts = s.trim().split(/[\s-]+/)
  return parts.length <= 2 && parts.every((p) => WORD.test(p) && dict.first.has(foldName(p)))
}

/** A known last name (all of a double-barrelled one's parts, particles aside). */
export function isLastName(s: string, dict: NameDictionary): boolean {
  const parts = s.trim().split(/[\s-]+/).filter((p) => !PARTICLES.has(p))
  return parts.length >= 1 && parts.length <= 3 && parts.every((p) => WORD.test(p) && dict.last.has(foldName(p)))
}

const PHONE_IN_TEXT = /(?:\+\d[\d ()./-]{7,18}\d|\(\d{1,5}\)\s?\d[\d .-]{4,12}\d|\b0\d{1,4}[ /-]\d[\d -]{4,10}\d)/
const DIGIT_RUN = /\b\d[\d -]{11,22}\d\b/g
const IBAN_IN_TEXT = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/
const SSN_IN_TEXT = /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/
// Overlapping pairs (`Customer Maria Anders`: `Customer Maria`, then `Maria Anders`), so the second word is a lookahead.
const CAP_PAIR = /(?<!\p{L})(\p{Lu}[\p{Ll}'’-]+)(?=\s+(\p{Lu}[\p{Ll}'’-]+)(?!\p{L}))/gu

/** Free text (three words or more) containing an email, a phone number, a card, an IBAN, an SSN or a "First Last" name. */
export function hasPiiInText(s: string, dict: NameDictionary): boolean {
  if (!/\S+\s+\S+\s+\S+/.test(s)) return false
  if (EMAIL_IN_TEXT.test(s) || PHONE_IN_TEXT.test(s) || SSN_IN_TEXT.test(s)) return true
  const iban = IBAN_IN_TEXT.exec(s)
  if (iban && ibanValid(iban[0])) return true
  for (const m of s.matchAll(DIGIT_RUN)) if (isCardNumber(m[0])) return true
  for (const m of s.matchAll(CAP_PAIR)) {
    if (!dict.first.has(foldName(m[1]!))) continue
    // Mid-sentence, a known first name before a capitalised word is a name; at a sentence start (`Will Power`) the last name must be known too.
    const sentenceStart = /(^|[.!?:])\s*$/.test(s.slice(0, m.index))
    if (!sentenceStart || dict.last.has(foldName(m[2]!))) return true
  }
  return false
}

/** Every kind `s` looks like. */
export function valueKinds(s: string, dict: NameDictionary): ValueKind[] {
  const out: ValueKind[] = []
  if (isEmail(s)) out.push('email')
  if (isIban(s)) out.push('iban')
  if (isCardNumber(s)) out.push('card')
  else if (isPhone(s)) out.push('phone')
  if (isNationalId(s)) out.push('national-id')
  if (isIp(s)) out.push('ip')
  if (isFullName(s, dict)) out.push('full-name')
  if (isFirstName(s, dict)) out.push('first-name')
  if (isLastName(s, dict)) out.push('last-name')
  if (out.length === 0 && hasPiiInText(s, dict)) out.push('pii-in-text')
  return out
}
