/**
 * Row coherence for places: a table's street, city, state, postal code, country and lat/lon columns
 * become fields of one real place per row (the `address` generator, data from src/geo). A country
 * column tdg does not generate freely (a CHECK list, a rule, a default share) is followed instead:
 * the place lies in the row's country. Columns whose CHECKs the place values could break keep their
 * own generator.
 */
import type { AddressField } from '../model/plan.js'
import type { DraftColumnView } from './draft-column.js'
import type { ColumnConstraints } from './column-constraints.js'
import { snakeName } from './semantics.js'

/** The draft columns this step reads and rewrites. */
export type AddressColumn = Pick<DraftColumnView, 'name' | 'column' | 'spec' | 'reason'>

const COUNTRY_NAME = /(^|_)country(_code|_name|_iso|_iso2)?$|^iso2$/

/** Room each field needs to be written whole (a longer value is cut, which a city name should not be). */
const MIN_LENGTH: Record<AddressField, number> = { street: 12, line: 30, city: 12, state: 2, 'state-code': 2, zip: 5, country: 12, 'country-code': 2, lat: 0, lon: 0 }

/**
 * Group the address columns of one table in place. `country`: the place's country when the table has no
 * country column (the locale's; undefined = drawn by real-world weight); a country column tdg fills itself
 * is drawn by real-world weight. Returns the grouped column names.
 */
export function applyAddressGroup(
  columns: AddressColumn[],
  cons: (name: string) => ColumnConstraints,
  inKey: (name: string) => boolean,
  covered: Set<string>,
  country: string | undefined,
): string[] {
  const members: Array<{ c: AddressColumn; field: AddressField }> = []
  let follow: string | undefined
  for (const c of columns) {
    if (inKey(c.name)) continue
    const field = fieldOf(c)
    // A literal DEFAULT is what most rows get (realism.ts): a country with one is followed, any other
    // column with one keeps it.
    const literal = c.column.default?.kind === 'literal' && c.column.default.value !== null
    if (!field || covered.has(c.name) || literal) {
      // A country column tdg does not generate freely (a CHECK list, a default share, a rule) is followed.
      if (!follow && COUNTRY_NAME.test(snakeName(c.name)) && c.spec.kind !== 'null') follow = c.name
      continue
    }
    const k = cons(c.name)
    const free = k.likes.length === 0 && k.notLikes.length === 0 && k.exclude.every((v) => v === '') && k.inList === undefined && k.equals === undefined && k.lower.length === 0 && k.upper.length === 0
    const max = c.spec.kind === 'faker' || c.spec.kind === 'string' ? c.spec.maxLength : undefined
    if (field === 'country' || field === 'country-code') {
      // A country column with its own say (a list, a default, a rule) is followed, not replaced.
      if (!free || c.spec.kind !== 'faker') {
        if (!follow) follow = c.name
        continue
      }
    }
    if (!free || (max !== undefined && max < MIN_LENGTH[field])) continue
    members.push({ c, field })
  }
  const places = members.filter((m) => m.field !== 'lat' && m.field !== 'lon').length
  if (places + (follow ? 1 : 0) < 2) return []
  // A country column tdg fills itself is drawn by real-world weight; without one the place is in `country`.
  if (members.some((m) => m.field === 'country' || m.field === 'country-code')) country = undefined
  for (const m of members) {
    const c = m.c
    const len = c.spec.kind === 'faker' || c.spec.kind === 'string' ? { minLength: c.spec.minLength, ...(c.spec.maxLength !== undefined ? { maxLength: c.spec.maxLength } : {}) } : { minLength: 0 }
    const scale = c.spec.kind === 'number' ? { scale: c.spec.scale } : {}
    c.spec = { kind: 'address', field: m.field, group: 'address', ...(follow ? { countryFrom: follow } : {}), ...(country ? { country } : {}), ...len, ...scale }
    c.reason = `${c.reason}; the row's place (${follow ? `in the row's ${follow}` : country ? `in ${country}` : 'countries by real-world weight'})`
  }
  return members.map((m) => m.c.name)
}

/** The place field a column holds, by its chosen generator and name. */
function fieldOf(c: AddressColumn): AddressField | undefined {
  const n = snakeName(c.name)
  if (c.spec.kind === 'number') {
    if (/(^|_)lat(itude)?$/.test(n)) return 'lat'
    if (/(^|_)(lng|lon|long|longitude)$/.test(n)) return 'lon'
    return undefined
  }
  if (c.spec.kind !== 'faker') return undefined
  switch (c.spec.semantic) {
    case 'street':
      return 'street'
    case 'address':
      return 'line'
    case 'city':
      return 'city'
    case 'state':
      // `CHAR(2) state` and `state_code` hold codes.
      return /code|abbr/.test(n) || (c.spec.maxLength !== undefined && c.spec.maxLength <= 3) ? 'state-code' : 'state'
    case 'zip':
      return 'zip'
    case 'country':
      return 'country'
    case 'country-code':
      return 'country-code'
    default:
      return undefined
  }
}
