/**
 * One pool value per call, drawn on a seeded faker the way faker's own methods draw it (same numbers,
 * same values), and the matching skips that consume a value's numbers without building it. pools.ts
 * builds pools from these.
 */
import { match } from 'ts-pattern'
import type { Semantic } from '../model/plan.js'
import type { Randomizer } from '@faker-js/faker'
import type { SkippingRandomizer } from './mersenne.js'
import { DEFAULT_LOCALE, type Faker } from './locales.js'

/*
 * faker's lorem words, sentences and paragraphs, drawn with the same calls on its seeded generator as
 * `f.lorem.words/sentence/sentences/paragraph` make (one `number.int` for a count, then one
 * `helpers.arrayElement` per word), so a pool holds the same values; faker's `lorem.word()` copies the
 * whole word list for every word, which was most of the cost of a pool (and of `seed --rows 1`'s start-up).
 * test/unit/generate/pool-draws.test.ts holds them equal to faker's own.
 */

/**
 * `f.number.int({ min, max })` for integers min ≤ max, read off faker's seeded generator as faker does
 * (no draw when min = max, else one `next()` scaled to the range): the same number, without the option
 * parsing and checks of each call, which are most of a draw's cost while the code is still cold
 * (a pool built for a few rows at start-up).
 */
function int(f: Faker, min: number, max: number): number {
  const r = randomizerOf(f)
  if (r === undefined) return f.number.int({ min, max })
  return min === max ? min : Math.floor(r.next() * (max - min + 1) + min)
}

/** `f.helpers.arrayElement(list)` the same way: one `next()` for two or more elements; faker for the rest (it throws on none). */
function pick<T>(f: Faker, list: readonly T[]): T {
  const r = randomizerOf(f)
  return list.length > 1 && r !== undefined ? list[Math.floor(r.next() * list.length)]! : f.helpers.arrayElement(list)
}

/**
 * `f.helpers.weightedArrayElement(list)` the same way: one `number.float({ min: 0, max: total })`, which is
 * `next() × total`, then the first value whose running weight passes it; faker for an empty list or a
 * weight ≤ 0 (it throws).
 */
function weighted<T>(f: Faker, list: ReadonlyArray<{ weight: number; value: T }>): T {
  const r = randomizerOf(f)
  if (r === undefined || list.length === 0 || list.some((e) => e.weight <= 0)) return f.helpers.weightedArrayElement(list as Array<{ weight: number; value: T }>)
  let total = 0
  for (const e of list) total += e.weight
  const x = r.next() * total
  let run = 0
  for (const e of list) {
    run += e.weight
    if (x < run) return e.value
  }
  return list[list.length - 1]!.value
}

/**
 * faker's seeded generator, which its `number` methods read (`fakerCore.randomizer` in faker 10, not in
 * its typings); undefined where a faker version has none: then `int` and `pick` call faker's methods.
 */
function randomizerOf(f: Faker): Randomizer | undefined {
  return (f as unknown as { fakerCore?: { randomizer?: Randomizer } }).fakerCore?.randomizer
}

/** `f.lorem.words({ min, max })`. */
function loremWords(f: Faker, min: number, max: number): string {
  const list = f.definitions.lorem.word
  const n = int(f, min, max)
  if (n <= 0) return ''
  let out = pick(f, list)
  for (let j = 1; j < n; j++) out += ` ${pick(f, list)}`
  return out
}

/** `f.lorem.sentence({ min, max })`: the words, capitalized, with a full stop. */
function loremSentence(f: Faker, min: number, max: number): string {
  const t = loremWords(f, min, max)
  return `${t.charAt(0).toUpperCase() + t.substring(1)}.`
}

/** `f.lorem.sentences({ min, max })` (`paragraph()` is 3 to 3): sentences of 3 to 10 words, space-separated. */
function loremSentences(f: Faker, min: number, max: number): string {
  const n = int(f, min, max)
  let out = ''
  for (let j = 0; j < n; j++) out += j === 0 ? loremSentence(f, 3, 10) : ` ${loremSentence(f, 3, 10)}`
  return out
}

/** faker's product-name pattern where it is this one template (English and most locales). */
const PRODUCT_PATTERN = '{{commerce.productAdjective}} {{commerce.productMaterial}} {{commerce.product}}'

/**
 * `f.commerce.productName()`: where the locale's pattern is PRODUCT_PATTERN, its three words drawn with the
 * calls its template makes (one `helpers.arrayElement` each, a one-pattern list draws nothing), without
 * faker's template evaluation (4× the cost); any other pattern through faker.
 */
function productName(f: Faker): string {
  const p = f.definitions.commerce.product_name
  if (p.pattern.length !== 1 || p.pattern[0] !== PRODUCT_PATTERN) return f.commerce.productName()
  return `${pick(f, p.adjective)} ${pick(f, p.material)} ${pick(f, p.product)}`
}

/** Split templates by their text: a locale has a handful, and a company pool splits one per last name. */
const splitTemplates = new Map<string, readonly string[]>()

/** A template split into literal text and `{{placeholder}}` names: [text, name, text, name, …, text]. */
function templateParts(template: string): readonly string[] {
  let parts = splitTemplates.get(template)
  if (parts === undefined) splitTemplates.set(template, (parts = template.split(/\{\{([^}]*)\}\}/)))
  return parts
}

/** Per faker: its company-name templates as parts, or null when they use other placeholders (faker draws). */
const companyTemplates = new WeakMap<Faker, Array<readonly string[]> | null>()

function companyParts(f: Faker): Array<readonly string[]> | null {
  let parts = companyTemplates.get(f)
  if (parts !== undefined) return parts
  const raw = f.rawDefinitions
  const lastNames = raw.person?.last_name_pattern
  // person.lastName(): a sex drawn, then a weighted pattern of `{{person.last_name.generic}}` only.
  const simpleLastName =
    lastNames != null &&
    Object.keys(lastNames).join() === 'generic' &&
    Object.keys(raw.person?.last_name ?? {}).join() === 'generic' &&
    lastNames.generic!.every((w) => templateParts(w.value).every((x, i) => i % 2 === 0 ? !x.includes('{{') : x === 'person.last_name.generic'))
  parts = (raw.company?.name_pattern ?? []).map(templateParts)
  const known = (x: string, i: number) => (i % 2 === 0 ? !x.includes('{{') : x === 'person.lastName' || x === 'company.legal_entity_type')
  const entityTypes = Array.isArray(raw.company?.legal_entity_type) && raw.company.legal_entity_type.length > 0
  if (!simpleLastName || !entityTypes || parts.length === 0 || !parts.every((p) => p.every(known))) parts = null
  companyTemplates.set(f, parts)
  return parts
}

/**
 * `f.company.name()`: where its templates name only last names and legal entity types, each placeholder
 * drawn with the calls faker's evaluation makes (the template by `helpers.arrayElement`; a last name as
 * `person.lastName()` does: `sexType()`, a weighted pattern, a generic name per placeholder; an entity
 * type by `helpers.arrayElement`), without evaluating templates (most of a company pool's cost); otherwise
 * through faker.
 */
function companyName(f: Faker): string {
  const templates = companyParts(f)
  if (!templates) return f.company.name()
  const parts = pick(f, templates)
  let out = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    out += parts[i] === 'person.lastName' ? lastName(f) : pick(f, f.rawDefinitions.company!.legal_entity_type as string[])
    out += parts[i + 1]!
  }
  return out
}

/** `f.person.lastName()` for a locale whose last-name patterns are generic names only (companyParts checks). */
function lastName(f: Faker): string {
  pick(f, SEX_TYPES) // f.person.sexType(): its draw, unused
  const pattern = templateParts(weighted(f, f.rawDefinitions.person!.last_name_pattern!.generic!))
  const names = f.definitions.person.last_name.generic!
  let out = pattern[0]!
  for (let i = 1; i < pattern.length; i += 2) out += pick(f, names) + pattern[i + 1]!
  return out
}

/** What `f.person.sexType()` draws from. */
const SEX_TYPES = ['female', 'male']

/**
 * `f.phone.number({ style: 'national' })`: a format by `helpers.arrayElement`, then each `#` a digit
 * (`number.int(9)`) and each `!` a digit from 2 to 9, as faker's symbol replacement draws them; a locale
 * without national formats through faker (it throws).
 */
function phone(f: Faker): string {
  const formats = f.definitions.phone_number?.format?.national
  if (formats === undefined || formats.length === 0) return f.phone.number({ style: 'national' })
  const format = pick(f, formats)
  let out = ''
  for (let i = 0; i < format.length; i++) {
    const c = format.charAt(i)
    out += c === '#' ? int(f, 0, 9) : c === '!' ? int(f, 2, 9) : c
  }
  return out
}

const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']
const DIGITS = [...'0123456789']

/**
 * `${f.string.alpha({ length: 3, casing: 'upper' })}-${f.string.numeric(5)}`: one `helpers.arrayElement`
 * per character from A–Z, then from 0–9, as faker's `fromCharacters` makes them (without copying and
 * filtering the alphabet for every value).
 */
function sku(f: Faker): string {
  return `${pick(f, UPPER)}${pick(f, UPPER)}${pick(f, UPPER)}-${pick(f, DIGITS)}${pick(f, DIGITS)}${pick(f, DIGITS)}${pick(f, DIGITS)}${pick(f, DIGITS)}`
}

/** A generator of one pool value for a semantic. */
export function drawFor(semantic: Semantic | 'lorem-words', locale: string): (f: Faker) => string {
  return match(semantic)
    .with('email', () => (f: Faker) => f.internet.email().toLowerCase())
    .with('first-name', () => (f: Faker) => f.person.firstName())
    .with('last-name', () => (f: Faker) => f.person.lastName())
    .with('full-name', () => (f: Faker) => `${f.person.firstName()} ${f.person.lastName()}`)
    .with('username', () => (f: Faker) => f.internet.username().toLowerCase())
    .with('password', () => (f: Faker) => f.string.alphanumeric(24))
    .with('phone', () => phone)
    .with('street', () => (f: Faker) => f.location.streetAddress())
    .with('address', () => (f: Faker) => `${f.location.streetAddress()}, ${f.location.city()}`)
    .with('city', () => (f: Faker) => f.location.city())
    .with('state', () => (f: Faker) => f.location.state())
    .with('zip', () => (locale === DEFAULT_LOCALE ? (f: Faker) => f.location.zipCode('#####') : (f: Faker) => f.location.zipCode()))
    .with('country', () => (f: Faker) => f.location.country())
    .with('country-code', () => (f: Faker) => f.location.countryCode())
    .with('company', () => companyName)
    .with('job-title', () => (f: Faker) => f.person.jobTitle())
    .with('url', () => (f: Faker) => f.internet.url())
    .with('ip', () => (f: Faker) => f.internet.ipv4())
    .with('currency', () => (f: Faker) => f.finance.currencyCode())
    .with('title', () => (f: Faker) => loremSentence(f, 2, 6).replace(/\.$/, ''))
    .with('product-name', () => productName)
    .with('description', () => (f: Faker) => loremSentences(f, 1, 3))
    .with('slug', () => (f: Faker) => f.helpers.slugify(loremWords(f, 2, 4)))
    .with('sku', () => sku)
    .with('iban', () => (f: Faker) => f.finance.iban())
    .with('color', () => (f: Faker) => f.color.human())
    .with('gender', () => (f: Faker) => f.person.sex())
    .with('word', () => (f: Faker) => pick(f, f.definitions.lorem.word))
    .with('words', 'lorem-words', () => (f: Faker) => loremWords(f, 1, 3))
    .with('sentence', () => (f: Faker) => loremSentence(f, 3, 10))
    .with('paragraph', () => (f: Faker) => loremSentences(f, 3, 3))
    .exhaustive()
}

/*
 * Skips: the draws of one pool value made without the value (no strings built, cut or collected), for a
 * prefix pool's indices that no row reads. Each consumes exactly the numbers its value's draw does, so the
 * values after it are unchanged; undefined where a value has no skip (faker draws it, the value is dropped).
 */

/** Consume one `pick(f, list)`. */
function skipPick(f: Faker, r: Randomizer, list: readonly unknown[]): void {
  if (list.length > 1) r.next()
  else f.helpers.arrayElement(list)
}

/** `n` calls of `r.next()` whose numbers are not used: skipped at once where `r` can (mersenne.ts). */
function skipNext(r: Randomizer, n: number): void {
  if ((r as Partial<SkippingRandomizer>).skip !== undefined) (r as SkippingRandomizer).skip(n)
  else for (let j = 0; j < n; j++) r.next()
}

/** Consume one `loremWords(f, min, max)` (`list`: the locale's words, read once by the caller). */
function skipWords(f: Faker, r: Randomizer, min: number, max: number, list: readonly string[] = f.definitions.lorem.word): void {
  const n = min === max ? min : Math.floor(r.next() * (max - min + 1) + min)
  if (list.length > 1) skipNext(r, n)
  else for (let j = 0; j < n; j++) skipPick(f, r, list)
}

/** Consume one `loremSentences(f, min, max)` (`list` as in skipWords). */
function skipSentences(f: Faker, r: Randomizer, min: number, max: number, list: readonly string[] = f.definitions.lorem.word): void {
  const n = min === max ? min : Math.floor(r.next() * (max - min + 1) + min)
  for (let j = 0; j < n; j++) skipWords(f, r, 3, 10, list)
}

/** Consume one `companyName(f)` (its `templates`: companyParts), the lists it reads looked up once. */
function companySkip(f: Faker, r: Randomizer, templates: Array<readonly string[]>): () => void {
  const entityTypes = f.rawDefinitions.company!.legal_entity_type as string[]
  const lastName = lastNameSkip(f, r)
  return () => {
    const parts = pick(f, templates)
    for (let i = 1; i < parts.length; i += 2) {
      if (parts[i] === 'person.lastName') lastName()
      else skipPick(f, r, entityTypes)
    }
  }
}

/** Consume one `lastName(f)`: the sex drawn, a weighted pattern (its value decides how many names follow), the names. */
function lastNameSkip(f: Faker, r: Randomizer): () => void {
  const patterns = f.rawDefinitions.person!.last_name_pattern!.generic!
  const names = f.definitions.person.last_name.generic!
  return () => {
    skipPick(f, r, SEX_TYPES)
    const pattern = templateParts(weighted(f, patterns))
    for (let i = 1; i < pattern.length; i += 2) skipPick(f, r, names)
  }
}

/** Consume one `phone(f)`: the format picked, then one draw per `#` or `!` in it. */
function phoneSkip(f: Faker, r: Randomizer, formats: readonly string[]): () => void {
  const draws = new Map<string, number>()
  return () => {
    const format = pick(f, formats)
    let n = draws.get(format)
    if (n === undefined) {
      n = 0
      for (let i = 0; i < format.length; i++) if (format.charAt(i) === '#' || format.charAt(i) === '!') n++
      draws.set(format, n)
    }
    skipNext(r, n)
  }
}

/** The skip of a semantic's value on `f`, where drawFor draws the value itself (see drawFor). */
export function skipFor(semantic: Semantic | 'lorem-words', f: Faker): ((f: Faker) => void) | undefined {
  const r = randomizerOf(f)
  if (r === undefined) return undefined
  // The locale's word list, read on the first skip (a Proxy read each time otherwise).
  let words: readonly string[] | undefined
  switch (semantic) {
    case 'company': {
      const templates = companyParts(f)
      return templates ? companySkip(f, r, templates) : undefined
    }
    case 'phone': {
      const formats = f.definitions.phone_number?.format?.national
      return formats === undefined || formats.length === 0 ? undefined : phoneSkip(f, r, formats)
    }
    case 'country': {
      // f.location.country(): one helpers.arrayElement of the locale's list (faker for one element). A locale
      // without countries (faker throws on reading them) draws each value, and fails as drawing it does.
      let list: readonly string[]
      try {
        list = f.definitions.location.country
      } catch {
        return undefined
      }
      return () => skipPick(f, r, list)
    }
    case 'words':
    case 'lorem-words':
      return () => skipWords(f, r, 1, 3, (words ??= f.definitions.lorem.word))
    case 'word':
      return () => skipPick(f, r, (words ??= f.definitions.lorem.word))
    case 'title':
      return () => skipWords(f, r, 2, 6, (words ??= f.definitions.lorem.word))
    case 'sentence':
      return () => skipWords(f, r, 3, 10, (words ??= f.definitions.lorem.word))
    case 'slug':
      return () => skipWords(f, r, 2, 4, (words ??= f.definitions.lorem.word))
    case 'description':
      return () => skipSentences(f, r, 1, 3, (words ??= f.definitions.lorem.word))
    case 'paragraph':
      return () => skipSentences(f, r, 3, 3, (words ??= f.definitions.lorem.word))
    case 'sku':
      return () => skipNext(r, 8)
    default:
      return undefined
  }
}

