/**
 * Checks for data tdg did not necessarily write (`tdg check`): is this city known, is it in that state,
 * which state does a postal code belong to, which time zone does a place have. Every input is tolerant
 * of case, accents, abbreviations ("St." = "Saint"), state code vs name and country code vs name.
 */
import type { Place } from './types.js'
import { normKey } from './normalize.js'
import { numericBase, type PostalToken } from './postal.js'
import { US_ZIP_PREFIXES } from './data/us-zip-prefixes.js'
import { geoIndex, type CityEntry, type CountryIndex, type StateEntry } from './places.js'
import { resolveCountry } from './countries.js'

/** A subdivision as lookups report it. */
export interface StateRef {
  /** As `Place.stateCode`. */
  readonly code: string
  readonly name: string
}

/** The entries named `city`, in `country` when given; `undefined` when the country is given but unknown. */
function entries(city: string, country?: string): readonly CityEntry[] | undefined {
  const all = geoIndex().citiesByKey.get(normKey(city)) ?? []
  if (country === undefined) return all
  const code = resolveCountry(country)
  if (code === undefined) return undefined
  return all.filter((e) => e.place.countryCode === code)
}

function countryOf(e: CityEntry): CountryIndex {
  return geoIndex().byCountry.get(e.place.countryCode)!
}

/** Every state key of a country that `state` names (a GB country part names many counties). */
function stateKeys(c: CountryIndex, state: string): readonly string[] {
  return c.stateByKey.get(normKey(state)) ?? []
}

/** The known places named `city` (name or alias, any spelling), in `country` when given. */
export function findCities(city: string, country?: string): Place[] {
  return (entries(city, country) ?? []).map((e) => e.place)
}

/** True when `city` is a city tdg knows (in `country` when given). */
export function knownCity(city: string, country?: string): boolean {
  return (entries(city, country)?.length ?? 0) > 0
}

/**
 * Whether `city` lies in `state` (name, code or ISO form, e.g. "California", "CA", "US-CA"; GB: county
 * or country part), in `country` when given. `false` when the state is one of a country where tdg
 * knows a city of that name, and every such city is in another state (Seattle, OR). `undefined` when
 * it cannot tell: the city, the given country, or the state in the city's countries is not known
 * (Berlin, NH — Berlin is known only in Germany, which has no state NH) — unknown is not wrong.
 */
export function isCityInState(city: string, state: string, country?: string): boolean | undefined {
  const list = (entries(city, country) ?? []).filter((e) => stateKeys(countryOf(e), state).length > 0)
  if (list.length === 0) return undefined
  return list.some((e) => stateKeys(countryOf(e), state).includes(e.stateKey))
}

/**
 * Whether tdg knows a city of that name in `country` (code or name). `undefined` when it knows none
 * anywhere; `false` when only in other countries — which does not prove an address wrong (towns share
 * names: Paris, Texas), so `checkAddress` never fails on it.
 */
export function isCityInCountry(city: string, country: string): boolean | undefined {
  const all = entries(city)
  if (!all || all.length === 0) return undefined
  const code = resolveCountry(country)
  return all.some((e) => e.place.countryCode === code)
}

function tokenMatches(countryCode: string, t: PostalToken, zip: string): boolean {
  if (t.kind === 'prefix') {
    const z = zip.toUpperCase().replace(/\s+/g, ' ').trim()
    return z === t.text || z.startsWith(`${t.text} `) || (z.length > t.text.length && z.startsWith(t.text) && countryCode !== 'GB')
  }
  const raw = numericBase(countryCode, zip)
  if (raw === undefined) return false
  // a numeric column drops leading zeros ("02108" stored as 2108)
  const base = raw.padStart(t.width, '0')
  const n = Number(base.slice(0, t.width))
  return n >= t.start && n < t.start + t.count
}

/** GB outward code: the part before the space or, without one, all but the 3-character inward code. */
function gbOutward(zip: string): string {
  const z = zip.toUpperCase().trim()
  return z.includes(' ') ? z.split(/\s+/)[0]! : z.slice(0, -3)
}

/** Whether `zip` is one of the postal codes tdg knows for `city` (in `country` when given); `undefined` for an unknown city. */
export function isZipInCity(zip: string, city: string, country?: string): boolean | undefined {
  const list = entries(city, country)
  if (!list || list.length === 0) return undefined
  return list.some((e) => {
    const cc = e.place.countryCode
    const z = cc === 'GB' ? gbOutward(zip) : zip
    return e.tokens.some((t) => tokenMatches(cc, t, z))
  })
}

const CA_FIRST: Readonly<Record<string, string>> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
}

/** Australia Post ranges: `[first, last, state]`. */
const AU_RANGES: ReadonlyArray<readonly [number, number, string]> = [
  [200, 299, 'ACT'], [800, 999, 'NT'], [1000, 2599, 'NSW'], [2600, 2618, 'ACT'], [2619, 2899, 'NSW'], [2900, 2920, 'ACT'],
  [2921, 2999, 'NSW'], [3000, 3999, 'VIC'], [4000, 4999, 'QLD'], [5000, 5999, 'SA'], [6000, 6999, 'WA'], [7000, 7999, 'TAS'],
  [8000, 8999, 'VIC'], [9000, 9999, 'QLD'],
]

function ref(s: StateEntry | undefined): StateRef | undefined {
  return s ? { code: s.code, name: s.name } : undefined
}

/** A state key by the postal system's own rule, for countries whose codes follow states. */
function stateKeyByRule(cc: string, zip: string): string | undefined {
  const z = zip.trim().toUpperCase()
  if (cc === 'US') {
    const m = /^(\d{3,5})(?:-\d{4})?$/.exec(z)
    if (!m) return undefined
    const p = Number(m[1]!.padStart(5, '0').slice(0, 3))
    return US_ZIP_PREFIXES.find(([a, b]) => p >= a && p <= b)?.[2]
  }
  if (cc === 'CA') {
    if (!/^[A-Z]\d[A-Z] ?(\d[A-Z]\d)?$/.test(z)) return undefined
    if (z[0] === 'X') return /^X0[ABC]/.test(z) ? 'NU' : 'NT'
    return CA_FIRST[z[0]!]
  }
  if (cc === 'AU') {
    if (!/^\d{4}$/.test(z)) return undefined
    const n = Number(z)
    return AU_RANGES.find(([a, b]) => n >= a && n <= b)?.[2]
  }
  return undefined
}

/**
 * The state a postal code belongs to in `country` (code or name). US (USPS 3-digit prefixes), CA
 * (first letter of the FSA) and AU (Australia Post ranges) by rule, any code; elsewhere only codes of
 * cities tdg knows, and only when they all lie in one state. `undefined` when it cannot tell.
 */
export function stateOfZip(zip: string, country: string): StateRef | undefined {
  const cc = resolveCountry(country)
  const c = cc === undefined ? undefined : geoIndex().byCountry.get(cc)
  if (!c || cc === undefined) return undefined
  if (cc === 'US' || cc === 'CA' || cc === 'AU') {
    const key = stateKeyByRule(cc, zip)
    return key === undefined ? undefined : ref(c.states.get(key))
  }
  const z = cc === 'GB' ? gbOutward(zip) : zip
  const keys = new Set(c.cities.filter((e) => e.tokens.some((t) => tokenMatches(cc, t, z))).map((e) => e.stateKey))
  return keys.size === 1 ? ref(c.states.get([...keys][0]!)) : undefined
}

/** What `timezoneOf` reads: any of city, state and country (code or name). */
export interface PlaceLike {
  readonly city?: string | null
  readonly state?: string | null
  readonly country?: string | null
  readonly countryCode?: string | null
  readonly timezone?: string | null
}

/**
 * The IANA time zone of a place: a `Place`'s own zone; else the known city's (matching the state and
 * country when given), else the state's, else the country's main zone. `undefined` when none is known.
 */
export function timezoneOf(place: PlaceLike): string | undefined {
  if (place.timezone) return place.timezone
  const countryText = place.countryCode ?? place.country ?? undefined
  const cc = countryText ? resolveCountry(countryText) : undefined
  if (countryText && cc === undefined) return undefined
  if (place.city) {
    let list = entries(place.city, cc) ?? []
    if (place.state) list = list.filter((e) => stateKeys(countryOf(e), place.state!).includes(e.stateKey))
    if (list.length > 0) return list[0]!.place.timezone
  }
  const c = cc === undefined ? undefined : geoIndex().byCountry.get(cc)
  if (!c) return undefined
  if (place.state) {
    const keys = stateKeys(c, place.state)
    if (keys.length > 0) return c.states.get(keys[0]!)!.timezone
  }
  return c.info.timezone
}

/** The state a name or code denotes in `country` (`resolveState('Bavaria', 'DE')` → `{ code: 'BY', name: 'Bayern' }`). */
export function resolveState(state: string, country: string): StateRef | undefined {
  const cc = resolveCountry(country)
  const c = cc === undefined ? undefined : geoIndex().byCountry.get(cc)
  if (!c) return undefined
  const keys = stateKeys(c, state)
  return keys.length === 1 ? ref(c.states.get(keys[0]!)) : undefined
}
