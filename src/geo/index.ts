/**
 * src/geo — real places and world facts, consistent by construction, drawn by uniform numbers.
 * Pure data + functions: no I/O, no state beyond an index built on first use. See docs/architecture.md.
 */
export type { CountryInfo, Language, Place } from './types.js'
export { normKey } from './normalize.js'
export { countryName, type CityEntry } from './places.js'
export { countryInfo, currencyOf, language, languageOf, resolveCountry } from './countries.js'
export { cityAt, cityZip, countryAt, currencyAt, hasPlaces, languageAt, placeAt, placeByIndex, placeCount, placeCountries, pointNear, timezoneAt } from './draw.js'
export {
  findCities, isCityInCountry, isCityInState, isZipInCity, knownCity, resolveState, stateOfZip, timezoneOf,
  type PlaceLike, type StateRef,
} from './lookup.js'
export { localeCountry } from './locale.js'
export { checkAddress, type AddressParts, type AddressRelation, type AddressVerdict } from './check-address.js'
