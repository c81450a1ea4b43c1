/**
 * The row's place: one real place per (plan, step, group, row) from src/geo, from which every address
 * column of the row reads its field, so street, city, state, postal code, country and coordinates
 * belong together. Street names come from faker's locale data, read once; no faker call per row.
 */
import { fakerFor } from './locales.js'
import { definitionList } from './faker-lists.js'
import type { AddressField } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import { cityAt, cityZip, hasPlaces, pointNear, resolveCountry, type CityEntry, type Place } from '../geo/index.js'
import { below, hashString, mix32, streamHash, uniform } from './prng.js'
import { fit } from './pools.js'

/** One row's place and street. */
export interface AddressRecord {
  readonly place: Place
  /** `place` but for the postal code (the city's first): what every field but zip reads, with no copy made. */
  readonly base: Place
  readonly street: string
  readonly lat: number
  readonly lon: number
}

const streets = new Map<string, Street>()

/** How a locale writes a street address: `<number> <name> <suffix>` (en) or `<name> <number>` (de, fr …). */
interface Street {
  names: string[]
  suffixes: string[]
  numberFirst: boolean
}

function streetParts(locale: string | undefined): Street {
  const key = locale ?? 'en'
  const have = streets.get(key)
  if (have) return have
  const faker = fakerFor(key)
  const loc = faker.definitions.location as unknown as Record<string, unknown>
  const people = faker.definitions.person as unknown as Record<string, unknown>
  // A locale with its own street names (de: "Goethestraße") uses them whole; en builds "<name> <suffix>"
  // from person names, as its street patterns do.
  const own = definitionList(loc.street_name)
  const suffixes = definitionList(loc.street_suffix)
  const names = own.length > 0 && key !== 'en' ? own : [...definitionList(people.last_name), ...definitionList(people.first_name, 'generic')]
  const street: Street = {
    names: names.length > 0 ? names : ['Main'],
    suffixes: own.length > 0 && key !== 'en' ? [''] : suffixes.length > 0 ? suffixes : ['Street'],
    numberFirst: key === 'en' || key.startsWith('en_') || key === 'fr' || key.startsWith('fr_'),
  }
  streets.set(key, street)
  return street
}

/**
 * `f(row) → record` for one address group of a step, cached for the last row asked. `countryOf(i)`: the
 * row's country column value, followed when it names a country with places; `fixed`: else this country.
 */
export function addressRecords(seed: string | number, stepId: string, group: string, countryOf?: (i: number) => Value, fixed?: string, locale?: string): (i: number) => AddressRecord {
  const s = streetParts(locale)
  const h = streamHash(seed, stepId, `address:${group}`)
  const [hu, hv, hw, hn, hs, hb] = [1, 2, 3, 4, 5, 6].map((j) => mix32(h ^ hashString(`a${j}`)))
  const known = new Map<string, string | undefined>()
  const countryCode = (v: Value): string | undefined => {
    if (typeof v !== 'string' || v === '') return undefined
    if (!known.has(v)) {
      const c = resolveCountry(v)
      known.set(v, c && hasPlaces(c) ? c : undefined)
    }
    return known.get(v)
  }
  const street = (i: number): string => {
    // US house numbers run into the thousands; a European street rarely passes a few hundred.
    const number = 1 + below(hb!, i, s.numberFirst ? (below(hb! ^ 0x2545f491, i, 9) < 6 ? 999 : 9999) : below(hb! ^ 0x2545f491, i, 9) < 7 ? 60 : 240)
    const name = `${s.names[below(hn!, i, s.names.length)]} ${s.suffixes[below(hs!, i, s.suffixes.length)]}`.trim()
    return s.numberFirst ? `${number} ${name}` : `${name} ${number}`
  }
  const point = (place: Place, i: number) => pointNear(place, uniform(hw!, i))
  const zip = (e: CityEntry, i: number) => cityZip(e, uniform(hv!, i))
  let lastI = -1
  let last: AddressRecord | undefined
  return (i) => {
    if (i === lastI && last) return last
    const country = (countryOf ? countryCode(countryOf(i)) : undefined) ?? fixed
    last = new LazyAddress(cityAt(country, uniform(hu!, i)), i, street, point, zip)
    lastI = i
    return last
  }
}

/**
 * A row's address whose street, coordinates and postal code are made on first read: a column asking for
 * the city alone (a masked `city`) pays neither for the street's strings nor for a copy of the place
 * with its drawn zip. Each part is the same pure function of the row either way.
 */
class LazyAddress implements AddressRecord {
  private s: string | undefined
  private p: { lat: number; lon: number } | undefined
  private full: Place | undefined

  constructor(
    private readonly city: CityEntry,
    private readonly i: number,
    private readonly makeStreet: (i: number) => string,
    private readonly makePoint: (place: Place, i: number) => { lat: number; lon: number },
    private readonly makeZip: (city: CityEntry, i: number) => string,
  ) {}

  get base(): Place {
    return this.city.place
  }

  get place(): Place {
    return (this.full ??= { ...this.city.place, zip: this.makeZip(this.city, this.i) })
  }

  get street(): string {
    return (this.s ??= this.makeStreet(this.i))
  }

  get lat(): number {
    return (this.p ??= this.makePoint(this.city.place, this.i)).lat
  }

  get lon(): number {
    return (this.p ??= this.makePoint(this.city.place, this.i)).lon
  }
}

/** The value of `field` in a record, fitted to the column. */
export function addressField(field: AddressField, r: AddressRecord, opts: { minLength: number; maxLength?: number; scale?: number }): Value {
  // Only the postal code differs between `place` and `base`: the other fields read no copy.
  const p = field === 'zip' || field === 'line' ? r.place : r.base
  const text = (s: string) => fit(s, opts.minLength, opts.maxLength)
  const round = (x: number) => {
    const f = Math.pow(10, opts.scale ?? 6)
    return Math.round(x * f) / f
  }
  switch (field) {
    case 'street':
      return text(r.street)
    case 'line':
      return text(`${r.street}, ${p.city}, ${p.stateCode} ${p.zip}`)
    case 'city':
      return text(p.city)
    case 'state':
      return text(p.state)
    case 'state-code':
      return text(p.stateCode)
    case 'zip':
      return text(p.zip)
    case 'country':
      return text(p.country)
    case 'country-code':
      return text(p.countryCode)
    case 'lat':
      return round(r.lat)
    case 'lon':
      return round(r.lon)
  }
}
