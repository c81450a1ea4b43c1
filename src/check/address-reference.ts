/**
 * Reference data for address consistency. Built in: the 50 US states and DC (names and USPS codes)
 * with the 3-digit ZIP prefixes each uses, and the spellings of "United States". Cities are not known
 * here: `cityPlace` is the hook where real geo data plugs in.
 *
 * `judge` asks src/geo (the places tdg generates from: ~650 real cities of 39 countries) whether a city
 * lies in its state and country and a postal code in its state; it says "no" only where the data proves it.
 */
import { checkAddress } from '../geo/index.js'
import { letters } from './values.js'

/** Where a city lies, as far as the reference knows. */
export interface Place {
  /** State/region names or codes, normalised with `letters()`. */
  states: string[]
  /** Country codes (ISO 3166 alpha-2, uppercase). */
  countries: string[]
}

/** What address consistency may ask; every answer is `undefined` when the reference does not know. */
export interface AddressReference {
  /** The ISO alpha-2 code of a country spelled as a code or a name (`USA`, `United States` → `US`). */
  countryCode(country: string): string | undefined
  /** The country of a state/region (only where its spelling names one country). */
  stateCountry(state: string): string | undefined
  /** Whether `zip` can belong to `state` (a state of `country`). */
  zipInState(zip: string, state: string): boolean | undefined
  /** Where a city can lie. Hook for real geo data (see the TODO above); the built-in one knows none. */
  cityPlace?(city: string): Place[] | undefined
  /** One address judged whole against real places: false only for what the data can prove wrong. */
  judge?(parts: { city?: string; state?: string; zip?: string; country?: string }): boolean | undefined
}

/** [USPS code, name, 3-digit ZIP prefix ranges]. */
const US_STATES: Array<[string, string, Array<[number, number]>]> = [
  ['AL', 'Alabama', [[350, 369]]], ['AK', 'Alaska', [[995, 999]]], ['AZ', 'Arizona', [[850, 865]]],
  ['AR', 'Arkansas', [[716, 729]]], ['CA', 'California', [[900, 961]]], ['CO', 'Colorado', [[800, 816]]],
  ['CT', 'Connecticut', [[60, 69]]], ['DE', 'Delaware', [[197, 199]]], ['DC', 'District of Columbia', [[200, 205], [569, 569]]],
  ['FL', 'Florida', [[320, 349]]], ['GA', 'Georgia', [[300, 319], [398, 399]]], ['HI', 'Hawaii', [[967, 968]]],
  ['ID', 'Idaho', [[832, 838]]], ['IL', 'Illinois', [[600, 629]]], ['IN', 'Indiana', [[460, 479]]],
  ['IA', 'Iowa', [[500, 528]]], ['KS', 'Kansas', [[660, 679]]], ['KY', 'Kentucky', [[400, 427]]],
  ['LA', 'Louisiana', [[700, 714]]], ['ME', 'Maine', [[39, 49]]], ['MD', 'Maryland', [[206, 219]]],
  ['MA', 'Massachusetts', [[10, 27], [55, 55]]], ['MI', 'Michigan', [[480, 499]]], ['MN', 'Minnesota', [[550, 567]]],
  ['MS', 'Mississippi', [[386, 397]]], ['MO', 'Missouri', [[630, 658]]], ['MT', 'Montana', [[590, 599]]],
  ['NE', 'Nebraska', [[680, 693]]], ['NV', 'Nevada', [[889, 898]]], ['NH', 'New Hampshire', [[30, 38]]],
  ['NJ', 'New Jersey', [[70, 89]]], ['NM', 'New Mexico', [[870, 884]]], ['NY', 'New York', [[5, 5], [100, 149], [63, 63]]],
  ['NC', 'North Carolina', [[270, 289]]], ['ND', 'North Dakota', [[580, 588]]], ['OH', 'Ohio', [[430, 459]]],
  ['OK', 'Oklahoma', [[730, 749]]], ['OR', 'Oregon', [[970, 979]]], ['PA', 'Pennsylvania', [[150, 196]]],
  ['RI', 'Rhode Island', [[28, 29]]], ['SC', 'South Carolina', [[290, 299]]], ['SD', 'South Dakota', [[570, 577]]],
  ['TN', 'Tennessee', [[370, 385]]], ['TX', 'Texas', [[750, 799], [733, 733], [885, 885]]], ['UT', 'Utah', [[840, 847]]],
  ['VT', 'Vermont', [[50, 59]]], ['VA', 'Virginia', [[201, 201], [220, 246]]], ['WA', 'Washington', [[980, 994]]],
  ['WV', 'West Virginia', [[247, 268]]], ['WI', 'Wisconsin', [[530, 549]]], ['WY', 'Wyoming', [[820, 831]]],
]

const US_NAMES = new Set(['us', 'usa', 'unitedstates', 'unitedstatesofamerica', 'america'])

const byName = new Map(US_STATES.map((s) => [letters(s[1]), s]))
const byCode = new Map(US_STATES.map((s) => [s[0].toLowerCase(), s]))

/** A US state by its full name or USPS code. */
function usState(state: string): (typeof US_STATES)[number] | undefined {
  const l = letters(state)
  return byName.get(l) ?? byCode.get(l)
}

/**
 * The built-in reference. Only full state names say a country (`WA` is also Western Australia, `SC`
 * Santa Catarina); a ZIP is held against a state only when it has the US shape (5 digits, +4 optional).
 */
export const builtinAddressReference: AddressReference = {
  judge(parts) {
    const v = checkAddress(parts)
    if (v.verdict === 'inconsistent') return false
    // A known country alone relates nothing: only a held relation between two parts is an answer.
    return v.verdict === 'consistent' && v.held.some((h) => h !== 'country-known') ? true : undefined
  },
  countryCode(country) {
    const l = letters(country)
    if (US_NAMES.has(l)) return 'US'
    return /^[A-Za-z]{2}$/.test(country.trim()) ? country.trim().toUpperCase() : undefined
  },
  stateCountry(state) {
    return byName.has(letters(state)) ? 'US' : undefined
  },
  zipInState(zip, state) {
    const s = usState(state)
    const m = /^\s*(\d{3})\d{2}(-\d{4})?\s*$/.exec(zip)
    if (!s || !m) return undefined
    const prefix = Number(m[1])
    return s[2].some(([lo, hi]) => prefix >= lo && prefix <= hi)
  },
}
