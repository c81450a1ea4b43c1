/**
 * Column-name semantics: `email` → an email pool, `price` → 1–1000 with cents, `birth_date` → plausible
 * ages. Names are normalised to snake_case first (`firstName` → `first_name`). Pure data lookups.
 */
import type { Semantic } from '../model/plan.js'

/** Fixed "now" of generated data (not the wall clock: plans must be reproducible). */
export const ANCHOR_YEAR = 2025

/** Names already normalised: a plan asks for the same few names thousands of times (its passes, per column). */
const snakeNames = new Map<string, string>()

/** `firstName`, `First-Name` → `first_name`. */
export function snakeName(name: string): string {
  let snake = snakeNames.get(name)
  if (snake === undefined) {
    snake = name
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .toLowerCase()
    // Bounded: a long-lived process (tdg serve) plans many schemas.
    if (snakeNames.size >= 10_000) snakeNames.clear()
    snakeNames.set(name, snake)
  }
  return snake
}

const PERSON_TABLES = /(user|customer|person|people|employee|author|contact|member|staff|student|patient|client|account|profile|driver|teacher|owner)/
const PRODUCT_TABLES = /(product|item|article|good|book|course|service)/
const COMPANY_TABLES = /(compan|organi[sz]ation|supplier|vendor|shipper|manufacturer|brand|tenant|partner)/

/** String semantics, first match wins. */
const STRING_RULES: Array<[RegExp, Semantic]> = [
  [/(^|_)e_?mail(_address|_addr)?$|^email/, 'email'],
  [/^(first|given|fore)_?name$|^fname$/, 'first-name'],
  [/^(last|family|sur)_?name$|^lname$|^surname$/, 'last-name'],
  [/^(full|display|contact|customer|employee|person|author)_?name$|^name_full$/, 'full-name'],
  [/(^|_)(user_?name|login|handle|nick_?name|screen_?name)$/, 'username'],
  [/pass_?word|passwd|^pwd|_hash$|^hash$/, 'password'],
  [/phone|mobile|(^|_)fax$|(^|_)tel(ephone)?$|cell$/, 'phone'],
  [/^(street|street_address|address_?line_?1|address1|addr|address_1)$/, 'street'],
  [/(^|_)address$/, 'address'],
  [/(^|_)(city|town)(_name)?$/, 'city'],
  [/(^|_)(state|province|region)(_name)?$/, 'state'],
  [/zip|postal|post_?code/, 'zip'],
  [/country_?code|^iso2$|^country_iso$/, 'country-code'],
  [/(^|_)country(_name)?$/, 'country'],
  [/job_?title|^position$|occupation/, 'job-title'],
  [/(company|organi[sz]ation|employer|supplier|vendor)(_name)?$/, 'company'],
  [/(^|_)(url|website|homepage|web_?site|link|avatar|image|photo|picture)(_url)?$/, 'url'],
  [/(^|_)ip(_?address|_?addr)?$/, 'ip'],
  [/currency/, 'currency'],
  [/^(title|subject|headline|heading|caption)$/, 'title'],
  [/(product|item)_?name$/, 'product-name'],
  [/desc(ription)?$|(^|_)bio$|comment|(^|_)notes?$|summary|(^|_)body$|content|message|remarks?|about/, 'description'],
  [/slug/, 'slug'],
  [/(^|_)sku$|product_code|item_code/, 'sku'],
  [/iban/, 'iban'],
  [/colou?r/, 'color'],
  [/(^|_)(gender|sex)$/, 'gender'],
]

/** The string semantic of a column, if its name says one. */
export function stringSemantic(column: string, table: string): Semantic | undefined {
  const n = snakeName(column)
  for (const [re, s] of STRING_RULES) if (re.test(n)) return s
  if (n === 'name' || n === `${snakeName(table).replace(/s$/, '')}_name`) {
    const t = snakeName(table)
    if (PERSON_TABLES.test(t)) return 'full-name'
    if (COMPANY_TABLES.test(t)) return 'company'
    if (PRODUCT_TABLES.test(t)) return 'product-name'
    if (/city/.test(t)) return 'city'
    if (/countr/.test(t)) return 'country'
    return 'words'
  }
  if (/_name$/.test(n)) return 'words'
  return undefined
}

/** A value range by name, for numbers (in value units). */
export interface NumberSemantic {
  min: number
  max: number
  scale?: number
  reason: string
}

const NUMBER_RULES: Array<[RegExp, NumberSemantic]> = [
  [/salary|wage|income/, { min: 20000, max: 200000, scale: 2, reason: 'salary' }],
  [/price|amount|total|cost|balance|fee|subtotal|freight|revenue|payment|charge|tax/, { min: 1, max: 1000, scale: 2, reason: 'money amount' }],
  [/(^|_)lat(itude)?$/, { min: -90, max: 90, scale: 6, reason: 'latitude' }],
  [/(^|_)(lng|lon|long|longitude)$/, { min: -180, max: 180, scale: 6, reason: 'longitude' }],
  [/(^|_)age$/, { min: 18, max: 90, reason: 'age' }],
  [/quantity|(^|_)qty$|(^|_)units?(_in_stock|_on_order)?$|stock|(^|_)count$/, { min: 1, max: 100, reason: 'quantity' }],
  [/rating|stars|(^|_)score$/, { min: 1, max: 5, reason: 'rating' }],
  [/(^|_)year$/, { min: 1950, max: ANCHOR_YEAR, reason: 'year' }],
  [/discount/, { min: 0, max: 0.25, scale: 2, reason: 'discount' }],
  [/percent|pct/, { min: 0, max: 100, scale: 2, reason: 'percentage' }],
]

/** The number semantic of a column, if its name says one. */
export function numberSemantic(column: string): NumberSemantic | undefined {
  const n = snakeName(column)
  for (const [re, s] of NUMBER_RULES) if (re.test(n)) return s
  return undefined
}

/** Temporal roles by name. */
export type TimeRole = 'birth' | 'created' | 'updated' | 'other'

export function timeRole(column: string): TimeRole {
  const n = snakeName(column)
  if (/birth|(^|_)dob$|birthday/.test(n)) return 'birth'
  if (/(^|_)(created|inserted|registered|signup|signed_up|joined|added)(_at|_on|_date|_time)?$|^creation_(date|time)$/.test(n)) return 'created'
  if (/(^|_)(updated|modified|changed|edited|last_modified)(_at|_on|_date|_time)?$/.test(n)) return 'updated'
  return 'other'
}

/** Column names that hold uuids in string columns. */
export function looksLikeUuid(column: string): boolean {
  return /(^|_)(uuid|guid)$/.test(snakeName(column))
}
