/**
 * Which columns an invariant reads, by name (the planner's name helpers, read-only, plus patterns of
 * its own). Detection is conservative: a column is picked only when its name leaves little doubt.
 */
import type { LogicalType } from '../model/schema.js'
import { snakeName, stringSemantic, timeRole } from '../plan/semantics.js'
import type { TableRows } from './types.js'

/** A column of a table's data: name, snake_case name, logical type, position in each row. */
export interface ColumnRef {
  name: string
  snake: string
  type: LogicalType
  at: number
}

/** The columns of `t` present in its data, in table order. */
export function columnsOf(t: TableRows): ColumnRef[] {
  const out: ColumnRef[] = []
  for (const c of t.table.columns) {
    const at = t.index.get(c.name)
    if (at !== undefined) out.push({ name: c.name, snake: snakeName(c.name), type: c.type, at })
  }
  return out
}

const TEXTUAL = new Set(['string', 'text', 'enum', 'unknown'])

/** Columns holding text (strings, enums; `unknown` types read from files count as text). */
export function isTextual(c: ColumnRef): boolean {
  return TEXTUAL.has(c.type.kind)
}

/** Columns holding an instant: dates and timestamps (text columns are read only when named clearly). */
export function isTemporal(c: ColumnRef): boolean {
  return c.type.kind === 'date' || c.type.kind === 'timestamp' || ((c.type.kind === 'string' || c.type.kind === 'text' || c.type.kind === 'unknown') && /(_at|_on|_date|_time)$|^date_/.test(c.snake))
}

/** Compared per day: either side is a DATE (or its name says date and its text may hold only a day). */
export function isDateOnly(c: ColumnRef): boolean {
  return c.type.kind === 'date'
}

function one(t: TableRows, pick: (c: ColumnRef) => boolean): ColumnRef | undefined {
  return columnsOf(t).find(pick)
}

/** The row's first-name column (`first_name`, `given_name`, `fname`, …). */
export function firstNameColumn(t: TableRows): ColumnRef | undefined {
  return one(t, (c) => isTextual(c) && stringSemantic(c.name, t.table.name) === 'first-name')
}

/** The row's last-name column (`last_name`, `surname`, `family_name`, …). */
export function lastNameColumn(t: TableRows): ColumnRef | undefined {
  return one(t, (c) => isTextual(c) && stringSemantic(c.name, t.table.name) === 'last-name')
}

/**
 * The row's full-name column: `full_name`, `fullname`, `display_name`, `name_full`; plain `name` only
 * beside first and last name columns (then it can only be the person's whole name).
 */
export function fullNameColumn(t: TableRows): ColumnRef | undefined {
  const named = one(t, (c) => isTextual(c) && /^(full_?name|display_?name|name_full)$/.test(c.snake))
  if (named) return named
  if (firstNameColumn(t) && lastNameColumn(t)) return one(t, (c) => isTextual(c) && c.snake === 'name')
  return undefined
}

/** The row's own email (not a billing/support/company address). */
export function emailColumn(t: TableRows): ColumnRef | undefined {
  return one(t, (c) => isTextual(c) && /^(e_?mail|email_?address|e_?mail_addr|(user|contact|personal|primary|work|login)_email)$/.test(c.snake))
}

/** A numeric age in years. */
export function ageColumn(t: TableRows): ColumnRef | undefined {
  return one(t, (c) => (c.type.kind === 'integer' || c.type.kind === 'decimal' || c.type.kind === 'float' || c.type.kind === 'unknown') && /^(age|age_years|age_in_years)$/.test(c.snake))
}

/** A birth date (`birth_date`, `dob`, `birthday`, `date_of_birth`). */
export function birthColumn(t: TableRows): ColumnRef | undefined {
  return one(t, (c) => (isTemporal(c) || /^(dob|birthday|birth_?date|date_of_birth)$/.test(c.snake)) && timeRole(c.name) === 'birth')
}

const ADDRESS_PARTS = /(^|_)(city|town|zip|zip_?code|postal_?code|post_?code|postcode|country|country_?code|street|address|address_?line_?\d?)$/

/** The table describes an address (so a `state` column is a region, not a status). */
export function hasAddress(t: TableRows): boolean {
  return columnsOf(t).some((c) => ADDRESS_PARTS.test(c.snake))
}

/** The row's status: `status`, `<x>_status`; `state` only in a table without address columns. */
export function statusColumn(t: TableRows): ColumnRef | undefined {
  const s = one(t, (c) => isTextual(c) && /(^|_)status$/.test(c.snake))
  if (s) return s
  if (hasAddress(t)) return undefined
  return one(t, (c) => isTextual(c) && c.snake === 'state')
}

/** Address parts of one row: the unprefixed ones, or all sharing one prefix (`ship_city`, `ship_country`). */
export interface AddressColumns {
  city?: ColumnRef
  state?: ColumnRef
  zip?: ColumnRef
  country?: ColumnRef
}

/** Every address group of a table (`city`…, `billing_city`…, `ship_city`…), keyed by prefix. */
export function addressGroups(t: TableRows): AddressColumns[] {
  const groups = new Map<string, AddressColumns>()
  for (const c of columnsOf(t)) {
    if (!isTextual(c) && !(c.type.kind === 'integer' && /zip|postal|post_?code/.test(c.snake))) continue
    const m = /^(.*?_)?(city|town|state|province|region|zip|zip_?code|postal_?code|post_?code|postcode|country|country_?code)$/.exec(c.snake)
    if (!m) continue
    const prefix = m[1] ?? ''
    const g = groups.get(prefix) ?? {}
    const part = m[2]!
    if (part === 'city' || part === 'town') g.city ??= c
    else if (part === 'state' || part === 'province' || part === 'region') g.state ??= c
    else if (part.startsWith('country')) g.country ??= c
    else g.zip ??= c
    groups.set(prefix, g)
  }
  return [...groups.values()]
}
