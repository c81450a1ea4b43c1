/**
 * The row's person: one record per (plan, step, group, row) from which every person column of the row
 * reads its field, so first name, last name, full name, email and username agree. Records are pure
 * functions of the row index (hashes of the seed), cached for the last row so the columns of one row
 * build it once. Name lists are faker's locale data, read once; no faker call per row.
 */
import { fakerFor } from './locales.js'
import { definitionList } from './faker-lists.js'
import { localPart } from './row-templates.js'
import type { PersonField } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import { below, below32, hashString, mix32, streamHash } from './prng.js'
import { fit } from './pools.js'

/** One row's person. */
export interface PersonRecord {
  /** Handles write umlauts as ae/oe/ue. */
  german: boolean
  sex: 'female' | 'male'
  first: string
  last: string
  /** `handlePart` of first and last name, looked up by list index (no string hashing per row). */
  firstHandle: string
  lastHandle: string
  /** Email/username pattern choice and the free-mail domain, fixed per row. */
  pattern: number
  domain: string
  /** `@` and the domain, one string (an email appends it in one step). */
  atDomain: string
  /** Two digits some people add to their handle (non-unique columns only). */
  extra: number
}

interface NameLists {
  /** `Müller` → `mueller` in handles. */
  german: boolean
  female: string[]
  male: string[]
  last: string[]
  domains: string[]
  /** `@` + each domain. */
  atDomains: string[]
  domainWeights: number[]
  /** The domain index of each weight unit (index w of the weighted draw → domain). */
  domainOf: Uint16Array
}

const lists = new Map<string, NameLists>()

/** A loaded faker locale's name lists (arrays or `{ generic, female, male }` objects), read once. */
function nameLists(locale: string | undefined): NameLists {
  const key = locale ?? 'en'
  const have = lists.get(key)
  if (have) return have
  const faker = fakerFor(key)
  const p = faker.definitions.person as unknown as Record<string, unknown>
  const domains = [...new Set([...((faker.definitions.internet as unknown as { free_email?: string[] }).free_email ?? []), 'outlook.com', 'icloud.com'])]
  // Real shares lean on the biggest providers; the rest split what is left.
  const share: Record<string, number> = { 'gmail.com': 40, 'yahoo.com': 14, 'hotmail.com': 12, 'outlook.com': 12, 'icloud.com': 8 }
  const out: NameLists = {
    german: key === 'de' || key.startsWith('de_'),
    female: definitionList(p.first_name, 'female'),
    male: definitionList(p.first_name, 'male'),
    last: definitionList(p.last_name, 'generic'),
    domains,
    atDomains: domains.map((d) => `@${d}`),
    domainWeights: domains.map((d) => share[d] ?? 4),
    domainOf: new Uint16Array(0),
  }
  out.domainOf = Uint16Array.from(out.domainWeights.flatMap((w, d) => new Array<number>(w).fill(d)))
  lists.set(key, out)
  return out
}

/**
 * `f(row) → record` for one group of a step, cached for the last row asked. `reuse`: every call rewrites
 * one record object (no allocation per row), for a caller that reads it before asking for another row.
 */
export function personRecords(seed: string | number, stepId: string, group: string, sexOf?: (i: number) => Value, locale?: string, reuse = false): (i: number) => PersonRecord {
  const l = nameLists(locale)
  const [hs, hf, hl, hp, hd, hx] = personStreams(seed, stepId, group)
  const total = l.domainWeights.reduce((a, b) => a + b, 0)
  // Handles of the lists' names by index, filled as drawn.
  const femaleHandles = new Array<string | undefined>(l.female.length)
  const maleHandles = new Array<string | undefined>(l.male.length)
  const lastHandles = new Array<string | undefined>(l.last.length)
  let lastI = -1
  let last: PersonRecord | undefined
  return (i) => {
    if (i === lastI && last) return last
    const sex = (sexOf ? sexFrom(sexOf(i)) : undefined) ?? (below(hs!, i, 2) === 0 ? 'female' : 'male')
    const female = sex === 'female'
    const names = female ? l.female : l.male
    const d = l.domainOf[below(hd!, i, total)]!
    const fi = below(hf!, i, names.length)
    const li = below(hl!, i, l.last.length)
    const first = names[fi]!
    const lastName = l.last[li]!
    const fh = female ? femaleHandles : maleHandles
    const firstHandle = (fh[fi] ??= handlePart(first, l.german))
    const lastHandle = (lastHandles[li] ??= handlePart(lastName, l.german))
    const pattern = below(hp!, i, 100)
    const extra = 10 + below(hx!, i, 90)
    if (reuse && last) {
      last.sex = sex
      last.first = first
      last.last = lastName
      last.firstHandle = firstHandle
      last.lastHandle = lastHandle
      last.pattern = pattern
      last.domain = l.domains[d]!
      last.atDomain = l.atDomains[d]!
      last.extra = extra
    } else last = { german: l.german, sex, first, last: lastName, firstHandle, lastHandle, pattern, domain: l.domains[d]!, atDomain: l.atDomains[d]!, extra }
    lastI = i
    return last
  }
}

/** What a unique email reads of row i's person (see `emailDraws`). */
export interface EmailDraws {
  /**
   * Row i's draws into `out`, the same as `personRecords`'s record of row i (no gender column): [0] 1 when
   * female, [1] the first name's index in that sex's list, [2] the last name's index, [3] the pattern,
   * [4] the domain's index.
   */
  draw(i: number, out: Int32Array): void
  /** `PersonRecord.firstHandle` of first name `fi` of the female (1) or male (0) list, and `lastHandle` of last name `li`. */
  firstHandle(female: number, fi: number): string
  lastHandle(li: number): string
  /** The lists' lengths: male first names, female first names, last names. */
  readonly sizes: readonly [number, number, number]
  /** `PersonRecord.atDomain` by domain index. */
  readonly atDomains: readonly string[]
}

/**
 * The draws of `personRecords(seed, stepId, group, undefined, locale)` that an email needs, as numbers and
 * without a record (no two-digit extra, no names): a unique email built per row reads only these.
 */
export function emailDraws(seed: string | number, stepId: string, group: string, locale?: string): EmailDraws {
  const l = nameLists(locale)
  const [hs, hf, hl, hp, hd] = personStreams(seed, stepId, group) as [number, number, number, number, number]
  const total = l.domainWeights.reduce((a, b) => a + b, 0)
  const nf = l.female.length
  const nm = l.male.length
  const nl = l.last.length
  const domainOf = l.domainOf
  // Handles by list (0 male, 1 female, 2 last) and index, made at first use: filled whole with a mark no
  // handle equals (handles are lowercase ASCII letters), so one load answers both "made?" and the handle.
  const handles = [new Array<string>(nm).fill(UNMADE), new Array<string>(nf).fill(UNMADE), new Array<string>(nl).fill(UNMADE)]
  const handle = (list: number, names: string[], i: number): string => {
    const h = handles[list]![i]!
    return h !== UNMADE ? h : (handles[list]![i] = handlePart(names[i]!, l.german))
  }
  return {
    draw(i, out) {
      const female = below32(hs, i, 2) === 0 ? 1 : 0
      out[0] = female
      out[1] = below32(hf, i, female === 1 ? nf : nm)
      out[2] = below32(hl, i, nl)
      out[3] = below32(hp, i, 100)
      out[4] = domainOf[below32(hd, i, total)]!
    },
    firstHandle: (female, fi) => (female === 1 ? handle(1, l.female, fi) : handle(0, l.male, fi)),
    lastHandle: (li) => handle(2, l.last, li),
    sizes: [nm, nf, nl],
    atDomains: l.atDomains,
  }
}

/** Not a handle (see `emailDraws`). */
const UNMADE = '\u0000'

/** The draw streams of one person group: sex, first name, last name, pattern, domain, digits. */
function personStreams(seed: string | number, stepId: string, group: string): number[] {
  const h = streamHash(seed, stepId, `person:${group}`)
  return [1, 2, 3, 4, 5, 6].map((j) => mix32(h ^ hashString(`p${j}`)))
}

/**
 * A first or last name column of a group whose sex is drawn (no gender column) as list indices: the
 * locale's names fitted to the column (first names: female then male) and row i's index, the name
 * `personRecords` draws for row i, computed without its record (pooled typed cells).
 */
export function personNameList(seed: string | number, stepId: string, group: string, field: 'first' | 'last', minLength: number, maxLength: number | undefined, locale?: string): { values: string[]; index(i: number): number } {
  const l = nameLists(locale)
  const [hs, hf, hl] = personStreams(seed, stepId, group) as [number, number, number]
  const fitted = (names: string[]) => names.map((n) => fit(n, minLength, maxLength))
  if (field === 'last') {
    const n = l.last.length
    return { values: fitted(l.last), index: (i) => below(hl, i, n) }
  }
  const f = l.female.length
  const m = l.male.length
  return { values: fitted([...l.female, ...l.male]), index: (i) => (below(hs, i, 2) === 0 ? below(hf, i, f) : f + below(hf, i, m)) }
}

/** A gender column's value read as a sex: `F`, `female`, `w`, `Frau`, `M`, `male`, `Herr` …; else undefined. */
export function sexFrom(v: Value): 'female' | 'male' | undefined {
  if (typeof v !== 'string' || v === '') return undefined
  if (/^(f|female|w|woman|women|frau|mrs|ms|miss|girl|weiblich)\b/i.test(v)) return 'female'
  if (/^(m|male|man|men|herr|mr|boy|männlich)\b/i.test(v)) return 'male'
  return undefined
}

const handles = [new Map<string, string>(), new Map<string, string>()]

/** Lowercase ASCII letters of a name as people write it in a handle (`O'Connor` → `oconnor`, German `Müller` → `mueller`). */
export function handlePart(name: string, german = false): string {
  // Names come from a few thousand list entries: fold each once.
  const cache = handles[german ? 1 : 0]!
  let h = cache.get(name)
  if (h === undefined) cache.set(name, (h = localPart(name, german).toLowerCase().replace(/[^a-z]/g, '')))
  return h
}

/**
 * An email's local part without its digits, as three pieces (head, separator, rest; either of the last
 * two may be empty) written into `out`: by pattern share (percent), the ways people really build them.
 * In pieces so a caller can read the characters without building the string (unique masking's
 * fingerprint).
 */
export function emailLocalParts(r: Pick<PersonRecord, 'firstHandle' | 'lastHandle' | 'pattern'>, out: string[]): void {
  const f = r.firstHandle || 'user'
  const l = r.lastHandle || 'mail'
  const p = r.pattern
  out[0] = p < 50 ? f : p < 70 ? f[0]! : p < 78 ? f : p < 86 ? l : f
  out[1] = p < 35 ? '.' : p < 50 ? '' : p < 60 ? '.' : p < 70 ? '' : p < 78 ? '_' : p < 86 ? '.' : ''
  out[2] = p < 78 ? l : p < 86 ? f : p < 93 ? l[0]! : ''
}

const LOCAL = ['', '', '']

/** An email's local part (see `emailLocalParts`); non-unique ones sometimes end in two digits. */
function emailLocal(r: PersonRecord, unique: boolean): string {
  emailLocalParts(r, LOCAL)
  const base = `${LOCAL[0]!}${LOCAL[1]!}${LOCAL[2]!}`
  // Unique values get digits from the index instead (see `withDigits`).
  return unique || r.pattern < 70 ? base : `${base}${r.extra}`
}

function username(r: PersonRecord, unique: boolean): string {
  const f = r.firstHandle || 'user'
  const l = r.lastHandle || 'name'
  const p = r.pattern
  const base = p < 30 ? `${f[0]}${l}` : p < 50 ? `${f}.${l}` : p < 65 ? `${f}${l}` : p < 75 ? `${f}_${l}` : p < 88 ? f : `${l}${f[0]}`
  return unique || p < 60 ? base : `${base}${r.extra}`
}

/**
 * `k` as exactly `digits` decimal digits, scrambled by a bijection of [0, 10^digits) so consecutive rows
 * do not count up visibly. Injective in k for k < 10^digits.
 */
export function indexDigits(k: number, digits: number, h: number): string {
  return digitsOf(digits, h)(k)
}

/** PADDED[w][x]: x < 10^w as exactly w digits (w = 1, 2, 3). */
const PADDED = [0, 1, 2, 3].map((w) => Array.from({ length: w === 0 ? 0 : 10 ** w }, (_, x) => String(x).padStart(w, '0')))

/** `indexDigits` for one (digits, h), its constants computed once. */
export function digitsOf(digits: number, h: number): (k: number) => string {
  const n = Math.pow(10, digits)
  // An affine map x → (a·x + b) mod n is a bijection when gcd(a, n) = 1: a is odd and not a multiple of 5.
  let a = (h % n) | 1
  while (a % 5 === 0) a += 2
  const b = mix32(h) % n
  // a·k < n² stays exact in doubles up to n ≈ 9.4e7 (7 digits); beyond, BigInt.
  if (digits >= 1 && n <= 94_906_265) {
    // Spelled from padded 1–3 digit strings (a lookup and a short concatenation each): String + padStart
    // of the double per row cost about twice as much on every unique email and username.
    const head = PADDED[((digits - 1) % 3) + 1] as string[]
    const chunks = Math.floor((digits - 1) / 3)
    return (k) => {
      let x = (((a * (k % n)) % n) + b) % n
      let s = ''
      for (let c = 0; c < chunks; c++) {
        s = (PADDED[3] as string[])[x % 1000]! + s
        x = Math.floor(x / 1000)
      }
      return head[x]! + s
    }
  }
  return (k) => String(Number((BigInt(a) * BigInt(k) + BigInt(b)) % BigInt(n))).padStart(digits, '0')
}

/**
 * `fit(s, minLength, maxLength)` of `s`, a concatenation whose last piece is `last`: when `s` already fits
 * and `last` ends in a character trimEnd keeps, `s` as it is. fit's trimEnd would flatten the
 * concatenation into a new string on every row; left as it is, it is read once where it is written.
 */
function fitJoined(s: string, last: string, minLength: number, maxLength: number | undefined): string {
  const c = last.charCodeAt(last.length - 1)
  // Printable ASCII other than space: not whitespace (anything else goes through fit, which decides).
  if (c > 32 && c < 127 && s.length >= minLength && (maxLength === undefined || s.length <= maxLength)) return s
  return fit(s, minLength, maxLength)
}

/**
 * The value of `field` for row i. `k`: the domain index of a unique column (its digits make the value
 * unique); `digits`: how many. Values are fitted into [minLength, maxLength]; a unique value keeps its
 * digits and its domain whole, shortening the name part.
 */
export function personField(field: PersonField, r: PersonRecord, opts: { tail: (k: number) => string; minLength: number; maxLength?: number }, k?: number): string {
  const unique = k !== undefined
  const tail = unique ? opts.tail(k) : ''
  const max = opts.maxLength
  switch (field) {
    case 'first':
      return fit(r.first, opts.minLength, max)
    case 'last':
      return fit(r.last, opts.minLength, max)
    case 'full':
      return fitJoined(`${r.first} ${r.last}`, r.last, opts.minLength, max)
    case 'email': {
      const at = `${tail}${r.atDomain}`
      let local = emailLocal(r, unique)
      if (max !== undefined && local.length + at.length > max) local = local.slice(0, Math.max(1, max - at.length)).replace(/[._]+$/, '') || local[0]!
      return fitJoined(`${local}${at}`, r.atDomain || tail || local, opts.minLength, undefined)
    }
    case 'username': {
      let name = username(r, unique)
      if (max !== undefined && name.length + tail.length > max) name = name.slice(0, Math.max(1, max - tail.length)).replace(/[._]+$/, '') || name[0]!
      return fitJoined(`${name}${tail}`, tail || name, opts.minLength, undefined)
    }
  }
}
