/**
 * Shapes of the geographic reference data (src/geo). Data files hold compact tuples; `places.ts` turns
 * them into frozen `Place` objects once, on first use.
 */

/**
 * One city row: `[names, stateCode, postal, lat, lon, populationThousands, timezone?]`.
 * - `names`: the usual name first, then aliases separated by `|` (exonyms, spellings without accents).
 * - `stateCode`: a key of the country's `states` table.
 * - `postal`: space-separated tokens; a digit token `NNNNN+k` is the range NNNNN … NNNNN+k-1 (without
 *   `+k`, the one code), any other token is a prefix (GB outward code, CA FSA, IE routing key, JP
 *   3-digit area) that the country's postal format completes (`postal.ts`).
 * - `populationThousands`: approximate city population (city proper or urban core), the draw weight.
 * - `timezone`: IANA zone when it differs from the state's or country's.
 */
export type CityRow = readonly [names: string, stateCode: string, postal: string, lat: number, lon: number, populationThousands: number, timezone?: string]

/** A state-like subdivision: `names` (`Name|Alias…`) and, when it differs from the country's, its IANA zone. */
export type StateRow = readonly [names: string, timezone?: string]

/** The places of one country. */
export interface CountryPlaces {
  /** ISO 3166-1 alpha-2. */
  readonly code: string
  /** Subdivisions by code (the `stateCode` of a place: USPS code, ISO 3166-2 suffix, …). */
  readonly states: Readonly<Record<string, StateRow>>
  readonly cities: readonly CityRow[]
  /**
   * GB only: the larger part a state (county) belongs to, by the state's code prefix — see gb.ts.
   * Left out elsewhere.
   */
  readonly regionOf?: (stateCode: string) => string | undefined
}

/** Facts about a country (`data/countries.ts`). */
export interface CountryInfo {
  /** ISO 3166-1 alpha-2, upper case. */
  readonly code: string
  /** English short name (Intl.DisplayNames, e.g. "United States", "Germany"). */
  readonly name: string
  /** ISO 4217 currency code. */
  readonly currency: string
  /** Main language, ISO 639-1. */
  readonly language: string
  /** IANA time zone of the capital / most people. */
  readonly timezone: string
}

/** A language: ISO 639-1 code and English name. */
export interface Language {
  readonly code: string
  readonly name: string
}

/**
 * One real place, consistent by construction: the city lies in the state, the state in the country, the
 * postal code belongs to the city, lat/lon is inside the city.
 */
export interface Place {
  readonly city: string
  /** Subdivision name (US state, German Bundesland, French région, UK county, Canadian province …). */
  readonly state: string
  /** Subdivision code (USPS code, ISO 3166-2 suffix; GB: the country part ENG/SCT/WLS/NIR). */
  readonly stateCode: string
  /** Postal code in the country's usual spelling ("10001", "SW1A 1AA", "M5V 2T6", "01310-100"). */
  readonly zip: string
  /** English short country name. */
  readonly country: string
  /** ISO 3166-1 alpha-2. */
  readonly countryCode: string
  readonly lat: number
  readonly lon: number
  /** IANA time zone. */
  readonly timezone: string
  /** Approximate city population, thousands (the draw weight). */
  readonly population: number
}
