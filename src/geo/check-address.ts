/**
 * One address judged as a whole, for `tdg check`: do its city, state, postal code and country belong
 * together? Only what the reference data can prove is judged; what it cannot is "unknown", never wrong.
 */
import { findCities, isCityInState, stateOfZip } from './lookup.js'
import { resolveCountry } from './countries.js'
import { geoIndex } from './places.js'
import { normKey } from './normalize.js'

/** The parts of an address a row may have (any may be missing, null or empty). */
export interface AddressParts {
  readonly city?: string | null
  readonly state?: string | null
  readonly zip?: string | null
  readonly country?: string | null
}

/** A relation `checkAddress` verified. */
export type AddressRelation = 'country-known' | 'city-in-country' | 'city-in-state' | 'state-in-country' | 'zip-in-state'

/** The verdict on one address. */
export interface AddressVerdict {
  /**
   * `inconsistent`: a relation the data can check fails (Seattle in Oregon, a Texas ZIP in Ohio, a
   * country that is no country); `consistent`: at least one relation checked and none failed;
   * `unknown`: nothing could be checked (cities and countries tdg has no data for).
   */
  readonly verdict: 'consistent' | 'inconsistent' | 'unknown'
  /** Relations that held. */
  readonly held: readonly AddressRelation[]
  /** The relation that failed, when inconsistent. */
  readonly failed?: AddressRelation
}

const present = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== ''

/** Countries whose state table lists every subdivision, so an unknown state name is wrong there. */
const COMPLETE_STATES = new Set(['US', 'CA', 'AU', 'DE'])
/** US territories and military "states" the table leaves out but addresses use. */
const US_EXTRA = new Set(['pr', 'puerto rico', 'gu', 'guam', 'vi', 'virgin islands', 'as', 'american samoa', 'mp', 'northern mariana islands', 'aa', 'ae', 'ap'].map(normKey))

/**
 * Judge an address: the country resolves (code or name); a known city lies in that state (see
 * `isCityInState`: Seattle, OR fails; Berlin, NH is unknown); a state names a
 * subdivision where tdg knows them all (US, CA, AU, DE); a ZIP/postal code lies in that state where
 * codes follow states (US, CA, AU). Never failed, because the data cannot prove it: a city unknown in
 * a country (towns share names: Paris TX), a city's own postal codes (the data lists only some).
 */
export function checkAddress(a: AddressParts): AddressVerdict {
  const held: AddressRelation[] = []
  const fail = (failed: AddressRelation): AddressVerdict => ({ verdict: 'inconsistent', held, failed })
  let cc: string | undefined
  if (present(a.country)) {
    cc = resolveCountry(a.country)
    if (cc === undefined) return fail('country-known')
    held.push('country-known')
  }
  const places = cc !== undefined ? geoIndex().byCountry.get(cc) : undefined
  const stateKeys = present(a.state) && places ? places.stateByKey.get(normKey(a.state)) : undefined
  if (present(a.state) && places && !stateKeys) {
    if (COMPLETE_STATES.has(places.info.code) && !(cc === 'US' && US_EXTRA.has(normKey(a.state)))) return fail('state-in-country')
  } else if (stateKeys) held.push('state-in-country')
  if (present(a.city) && cc !== undefined && findCities(a.city, cc).length > 0) held.push('city-in-country')
  if (present(a.city) && present(a.state)) {
    const inState = isCityInState(a.city, a.state, cc)
    if (inState === false) return fail('city-in-state')
    if (inState === true) held.push('city-in-state')
  }
  if (present(a.zip) && stateKeys && places && (cc === 'US' || cc === 'CA' || cc === 'AU')) {
    const zs = stateOfZip(a.zip, cc)
    if (zs) {
      if (!stateKeys.some((k) => places.states.get(k)!.code === zs.code)) return fail('zip-in-state')
      held.push('zip-in-state')
    }
  }
  return { verdict: held.length > 0 ? 'consistent' : 'unknown', held }
}
