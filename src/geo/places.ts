/**
 * The place index: every data table turned once (on first use of its country) into frozen `Place` objects,
 * cumulative draw weights per country and over countries, and name maps for tolerant lookups.
 */
import type { CountryInfo, CountryPlaces, Place } from './types.js'
import { normKey } from './normalize.js'
import { parseTokens, postalAt, type PostalToken } from './postal.js'
import { COUNTRY_NAMES_EN, COUNTRY_ROWS } from './data/countries.js'
import { US } from './data/us.js'
import { DE } from './data/de.js'
import { GB } from './data/gb.js'
import { FR } from './data/fr.js'
import { CA } from './data/ca.js'
import { AT, BE, CH, ES, IE, IT, NL, PL, PT, RU, SE, TR } from './data/europe.js'
import { AU, CN, ID, IN, JP, KR } from './data/asia-pacific.js'
import { AR, BR, MX, ZA } from './data/americas-africa.js'
import { CZ, DK, FI, GR, HU, NG, NO, NZ, RO, TH, TW, VN } from './data/more.js'

/** Every country with places, in no particular order (draw order comes from COUNTRY_ROWS). */
export const PLACE_TABLES: readonly CountryPlaces[] = [US, DE, GB, FR, CA, IT, ES, NL, CH, SE, PL, BE, AT, IE, PT, TR, RU, JP, CN, IN, KR, AU, ID, BR, MX, AR, ZA, CZ, DK, FI, NO, GR, HU, RO, NZ, TW, NG, TH, VN]

/** One city of the index. */
export interface CityEntry {
  /** The place with the city's first postal code. */
  readonly place: Place
  /** Normalised name and aliases (computed on first read: drawing places never needs them). */
  readonly keys: readonly string[]
  /** Key of the state in its country's `states` table (GB: `ENG-3`). */
  readonly stateKey: string
  readonly tokens: readonly PostalToken[]
  readonly weight: number
}

/** A subdivision of the index. */
export interface StateEntry {
  readonly key: string
  readonly name: string
  /** What `Place.stateCode` reports (GB: the country part). */
  readonly code: string
  /** GB: England, Scotland, Wales, Northern Ireland. */
  readonly region?: string
  readonly timezone: string
}

/** One country of the index. */
export interface CountryIndex {
  readonly info: CountryInfo
  readonly cities: readonly CityEntry[]
  /** cumulative[i] = weight of cities 0..i. */
  readonly cumulative: Float64Array
  readonly states: ReadonlyMap<string, StateEntry>
  /** Normalised state name, alias, code, ISO `CC-XX` form → state key (built on first read). */
  readonly stateByKey: ReadonlyMap<string, readonly string[]>
}

/** The whole index. */
export interface GeoIndex {
  readonly byCountry: ReadonlyMap<string, CountryIndex>
  /** Countries with places in draw order, with cumulative GDP weights. */
  readonly drawOrder: readonly CountryIndex[]
  readonly countryCumulative: Float64Array
  /** Normalised city name → entries in any country (built on first read). */
  readonly citiesByKey: ReadonlyMap<string, readonly CityEntry[]>
}

let regionNames: Intl.DisplayNames | undefined

/**
 * English short name of an ISO 3166-1 alpha-2 code ("US" → "United States"): from COUNTRY_NAMES_EN for the
 * countries with places, else ICU's display names (built on first use: initializing them costs start-up).
 */
export function countryName(code: string): string {
  return COUNTRY_NAMES_EN[code] ?? (regionNames ??= new Intl.DisplayNames('en', { type: 'region' })).of(code) ?? code
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k)
  if (list) {
    if (!list.includes(v)) list.push(v)
  } else map.set(k, [v])
}

/**
 * One country's part of the index. The name keys (`normKey`: Unicode folding, a few ms per thousand names)
 * are computed on first read only: drawing places (a seed's address columns) never reads them, lookups
 * (`tdg check`, tolerant resolution) do.
 */
function buildCountry(table: CountryPlaces, info: CountryInfo): CountryIndex {
  const states = new Map<string, StateEntry>()
  const stateNames: Array<[key: string, names: string[], region: string | undefined, code: string]> = []
  for (const [key, [names, tz]] of Object.entries(table.states)) {
    const all = names.split('|')
    const region = table.regionOf?.(key)
    const code = region ? key.split('-')[0]! : key
    states.set(key, Object.freeze({ key, name: all[0]!, code, region, timezone: tz ?? info.timezone }))
    stateNames.push([key, all, region, code])
  }
  let stateByKey: Map<string, string[]> | undefined
  const stateKeys = (): Map<string, string[]> => {
    if (stateByKey) return stateByKey
    stateByKey = new Map<string, string[]>()
    for (const [key, all, region, code] of stateNames) {
      for (const n of [...all, code, `${info.code}-${code}`]) push(stateByKey, normKey(n), key)
      if (region) push(stateByKey, normKey(region), key)
    }
    return stateByKey
  }
  const cities: CityEntry[] = []
  const cumulative = new Float64Array(table.cities.length)
  let sum = 0
  table.cities.forEach(([names, stateKey, postal, lat, lon, pop, tz], i) => {
    const state = states.get(stateKey)
    if (!state) throw new Error(`geo data: ${info.code} city ${names} names unknown state ${stateKey}`)
    const all = names.split('|')
    const tokens = parseTokens(postal)
    const place: Place = Object.freeze({
      city: all[0]!, state: state.name, stateCode: state.code, zip: postalAt(info.code, tokens, 0), country: info.name,
      countryCode: info.code, lat, lon, timezone: tz ?? state.timezone, population: pop,
    })
    let keys: readonly string[] | undefined
    cities.push(Object.freeze({ place, get keys() { return (keys ??= Object.freeze(all.map(normKey))) }, stateKey, tokens, weight: pop }))
    sum += pop
    cumulative[i] = sum
  })
  return { info, cities, cumulative, states, get stateByKey() { return stateKeys() } }
}

/**
 * A country whose cities, weights and states are built on first read: a draw reads one or a few
 * countries, building all 39 (tens of thousands of frozen places) was most of a small seed's first
 * address value.
 */
function lazyCountry(table: CountryPlaces, info: CountryInfo): CountryIndex {
  let built: CountryIndex | undefined
  const get = (): CountryIndex => (built ??= buildCountry(table, info))
  return {
    info,
    get cities() { return get().cities },
    get cumulative() { return get().cumulative },
    get states() { return get().states },
    get stateByKey() { return get().stateByKey },
  }
}

let index: GeoIndex | undefined

/** The index, built on first call (a few milliseconds). */
let placeCodes: ReadonlySet<string> | undefined

/** True when the index has places for ISO alpha-2 `code` (the countries of `geoIndex().byCountry`), without building it. */
export function hasPlaces(code: string): boolean {
  placeCodes ??= new Set(COUNTRY_ROWS.map(([c]) => c))
  return placeCodes.has(code)
}

export function geoIndex(): GeoIndex {
  if (index) return index
  const tables = new Map(PLACE_TABLES.map((t) => [t.code, t]))
  const byCountry = new Map<string, CountryIndex>()
  const drawOrder: CountryIndex[] = []
  const countryCumulative = new Float64Array(COUNTRY_ROWS.length)
  let sum = 0
  COUNTRY_ROWS.forEach(([code, , currency, language, timezone, weight], i) => {
    const table = tables.get(code)
    if (!table) throw new Error(`geo data: no places for weighted country ${code}`)
    const info: CountryInfo = Object.freeze({ code, name: countryName(code), currency, language, timezone })
    const c = lazyCountry(table, info)
    byCountry.set(code, c)
    drawOrder.push(c)
    sum += weight
    countryCumulative[i] = sum
  })
  let citiesByKey: Map<string, CityEntry[]> | undefined
  const cityKeys = (): Map<string, CityEntry[]> => {
    if (citiesByKey) return citiesByKey
    citiesByKey = new Map<string, CityEntry[]>()
    for (const c of drawOrder) for (const e of c.cities) for (const k of e.keys) push(citiesByKey, k, e)
    return citiesByKey
  }
  index = { byCountry, drawOrder, countryCumulative, get citiesByKey() { return cityKeys() } }
  return index
}

/**
 * The slot of `u` ∈ [0,1) in a cumulative weight table, and u's position inside that slot rescaled
 * to [0,1) (so one uniform number can drive a further draw).
 */
export function pickCumulative(cumulative: Float64Array, u: number): [number, number] {
  const total = cumulative[cumulative.length - 1]!
  const x = Math.min(Math.max(u, 0), 1 - Number.EPSILON) * total
  let lo = 0
  let hi = cumulative.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (cumulative[mid]! > x) hi = mid
    else lo = mid + 1
  }
  const start = lo === 0 ? 0 : cumulative[lo - 1]!
  const width = cumulative[lo]! - start
  return [lo, Math.min(Math.max((x - start) / width, 0), 1 - Number.EPSILON)]
}
