/**
 * Weighted draws of places, countries, currencies, languages and time zones. Every draw is a pure
 * function of uniform numbers in [0,1) (the caller's PRNG output for (seed, table, column, row)), so the
 * same numbers give the same answer and nothing here holds state besides the index built once.
 */
import { TdgError } from '../errors.js'
import type { CountryInfo, Language, Place } from './types.js'
import { postalAt } from './postal.js'
import { CURRENCY_WEIGHTS, LANGUAGE_WEIGHTS } from './data/countries.js'
import { geoIndex, pickCumulative, type CityEntry, type CountryIndex } from './places.js'
import { language, resolveCountry } from './countries.js'

/** Country index for a code or name with places; a caller that did not check `hasPlaces` is a bug in tdg. */
function countryIndexOf(country: string): CountryIndex {
  const code = resolveCountry(country)
  const c = code === undefined ? undefined : geoIndex().byCountry.get(code)
  if (!c) throw new TdgError('TDG_INTERNAL', `no places for country '${country}': check hasPlaces() before drawing`, { country })
  return c
}

/** True when `placeAt` can draw places of this country (code, alpha-3 or name). */
export function hasPlaces(country: string): boolean {
  const code = resolveCountry(country)
  return code !== undefined && geoIndex().byCountry.has(code)
}

/** ISO alpha-2 codes of the countries with places, most weight first. */
export function placeCountries(): readonly string[] {
  return geoIndex().drawOrder.map((c) => c.info.code)
}

/**
 * A real place drawn by `u` ∈ [0,1): in `country` (alpha-2, alpha-3 or name) when given, else in a
 * country drawn as by `countryAt(u)`; cities weighted by population, so big cities come up more.
 * `v` ∈ [0,1) picks the postal code among the city's codes (omitted: the city's first code, and the
 * returned object is shared and frozen). Same arguments → same place, and without a country the
 * country is exactly `countryAt(u)`'s, so a country column drawn by `countryAt(u)` and city/state/zip
 * columns drawn by `placeAt(undefined, u, …)` with the same u agree. Throws TDG_INTERNAL for a country
 * without places (check `hasPlaces` first).
 */
export function placeAt(country: string | undefined, u: number, v?: number): Place {
  const e = cityAt(country, u)
  if (v === undefined) return e.place
  return { ...e.place, zip: cityZip(e, v) }
}

/**
 * The city `placeAt(country, u, …)` draws, as its index entry: its `place` is the one `placeAt` returns
 * but for the postal code (the city's first), so a caller needing no zip pays for no copy.
 */
export function cityAt(country: string | undefined, u: number): CityEntry {
  let c: CountryIndex
  let rest = u
  if (country === undefined) {
    const g = geoIndex()
    let i: number
    ;[i, rest] = pickCumulative(g.countryCumulative, u)
    c = g.drawOrder[i]!
  } else c = countryIndexOf(country)
  const [k] = pickCumulative(c.cumulative, rest)
  return c.cities[k]!
}

/** The postal code `placeAt(…, v)` gives a place in city `e`. */
export function cityZip(e: CityEntry, v: number): string {
  return postalAt(e.place.countryCode, e.tokens, v)
}

/**
 * A country drawn by `u` ∈ [0,1) with real-world weights: nominal GDP 2023 (World Bank), over the
 * countries with places (see data/countries.ts). Returns a shared frozen object.
 */
export function countryAt(u: number): CountryInfo {
  const g = geoIndex()
  return g.drawOrder[pickCumulative(g.countryCumulative, u)[0]]!.info
}

function cumulativeOf(weights: ReadonlyArray<readonly [string, number]>): Float64Array {
  const out = new Float64Array(weights.length)
  let s = 0
  weights.forEach(([, w], i) => (out[i] = s += w))
  return out
}

const currencyCumulative = cumulativeOf(CURRENCY_WEIGHTS)
const languageCumulative = cumulativeOf(LANGUAGE_WEIGHTS)

/** An ISO 4217 currency drawn by `u` ∈ [0,1), weighted by share of FX turnover (BIS 2022): USD, EUR, JPY, GBP, CNY … */
export function currencyAt(u: number): string {
  return CURRENCY_WEIGHTS[pickCumulative(currencyCumulative, u)[0]]![0]
}

/** A language drawn by `u` ∈ [0,1), weighted by total speakers (Ethnologue 2023): en, zh, hi, es, fr … */
export function languageAt(u: number): Language {
  return language(LANGUAGE_WEIGHTS[pickCumulative(languageCumulative, u)[0]]![0])
}

/** An IANA time zone drawn by `u` ∈ [0,1): the zone of `placeAt(undefined, u)`, so it follows where people are. */
export function timezoneAt(u: number): string {
  return placeAt(undefined, u).timezone
}

/** Kilometres per degree of latitude. */
const KM_PER_DEG = 111.32

/**
 * A point near a place's centre, drawn by `w` ∈ [0,1), uniform over a disc whose radius grows with the
 * city (0.2·√(population in thousands) km, 1–6 km: about the built-up core at ~8 000 people/km², so
 * points stay inside the city), rounded to 5 decimals (≈ 1 m). Use it for lat/lon columns so rows of
 * one city do not all share one point.
 */
export function pointNear(place: Pick<Place, 'lat' | 'lon' | 'population'>, w: number): { lat: number; lon: number } {
  const radiusKm = Math.min(6, Math.max(1, 0.2 * Math.sqrt(place.population)))
  const a = w * 1024
  const angle = (Math.floor(a) / 1024) * 2 * Math.PI
  const r = radiusKm * Math.sqrt(a - Math.floor(a))
  const lat = place.lat + (r * Math.sin(angle)) / KM_PER_DEG
  const lon = place.lon + (r * Math.cos(angle)) / (KM_PER_DEG * Math.cos((place.lat * Math.PI) / 180))
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 }
}

/**
 * How many places `placeAt` can return in `country` (every country when undefined): the domain size a
 * planner needs before promising UNIQUE city values.
 */
export function placeCount(country?: string): number {
  if (country !== undefined) return countryIndexOf(country).cities.length
  return geoIndex().drawOrder.reduce((s, c) => s + c.cities.length, 0)
}

/**
 * The i-th place, 0 ≤ i < `placeCount(country)` (taken modulo that count), in data order — countries by
 * weight, then cities as listed — for picks by index (unique columns); `v` as in `placeAt`.
 */
export function placeByIndex(country: string | undefined, i: number, v?: number): Place {
  const n = placeCount(country)
  let k = ((Math.floor(i) % n) + n) % n
  let c: CountryIndex | undefined = country !== undefined ? countryIndexOf(country) : undefined
  if (!c)
    for (const d of geoIndex().drawOrder) {
      if (k < d.cities.length) {
        c = d
        break
      }
      k -= d.cities.length
    }
  const e = c!.cities[k]!
  return v === undefined ? e.place : { ...e.place, zip: postalAt(c!.info.code, e.tokens, v) }
}
