/**
 * A company's domain, website and generic mailbox, made from its name (the `company-web` generator):
 * `Rempel, Hills and Kohler` → `rempelhills.com`. Pure functions of the name and the row.
 */
import type { Value } from '../model/rows.js'
import { localPart } from './row-templates.js'
import { below } from './prng.js'

/** Words a company name carries that its domain drops. */
const NOISE = new Set(['and', 'und', 'et', 'the', 'inc', 'llc', 'ltd', 'plc', 'gmbh', 'ag', 'kg', 'sa', 'sas', 'srl', 'bv', 'co', 'corp', 'corporation', 'company', 'group', 'sons', 'son', 'holding', 'holdings', 'partners', 'de', 'la', 'le'])
const TLDS = ['com', 'com', 'com', 'com', 'com', 'com', 'com', 'io', 'net', 'co', 'org']
const BOXES = ['info', 'contact', 'hello', 'sales', 'office', 'support']

/** The domain label a name gives (`Schmidt - Kuhn GmbH` → `schmidtkuhn`); `company` when nothing is left. */
export function domainLabel(name: string): string {
  const words = name
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => localPart(w, true).toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((w) => w !== '' && !NOISE.has(w))
  return words.slice(0, 2).join('') || 'company'
}

/**
 * The row's value: `form` of the company named `name`. `k`: a unique column's domain index, which
 * `opts.tail` writes as digits before the TLD (so values stay unique whatever the names); `h` a per-column hash.
 */
export function companyWeb(name: Value, i: number, form: 'domain' | 'url' | 'email', opts: { h: number; tail?: (k: number) => string; maxLength?: number }, k?: number): string | null {
  if (name === null || name === undefined) return null
  const tld = TLDS[below(opts.h, i, TLDS.length)]!
  const tail = k !== undefined && opts.tail ? opts.tail(k) : ''
  const prefix = form === 'url' ? (below(opts.h ^ 0x27d4eb2f, i, 10) < 7 ? 'https://www.' : 'https://') : form === 'email' ? `${BOXES[below(opts.h ^ 0x165667b1, i, BOXES.length)]}@` : ''
  let label = domainLabel(String(name))
  const room = opts.maxLength === undefined ? Infinity : opts.maxLength - prefix.length - tail.length - tld.length - 1
  if (label.length > room) label = label.slice(0, Math.max(1, room))
  return `${prefix}${label}${tail}.${tld}`
}
