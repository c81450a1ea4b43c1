import { describe, expect, it } from 'vitest'
import { faker } from '@faker-js/faker/locale/en_US'
import { PLACE_TABLES, countryName, geoIndex } from '../../../src/geo/places.js'
import { parseTokens, postalAt } from '../../../src/geo/postal.js'
import { US_ZIP_PREFIXES } from '../../../src/geo/data/us-zip-prefixes.js'
import { COUNTRY_NAMES_EN, COUNTRY_ROWS, CURRENCY_WEIGHTS, LANGUAGE_WEIGHTS } from '../../../src/geo/data/countries.js'
import { COUNTRY_BOXES, US_STATE_BOXES, inBox } from './bounds.js'

const table = (cc: string) => PLACE_TABLES.find((t) => t.code === cc)!

/** Every code of a city's tokens (ranges expanded), with a few suffix variants. */
function codesOf(cc: string, postal: string): string[] {
  const tokens = parseTokens(postal)
  const out: string[] = []
  const n = tokens.reduce((s, t) => s + (t.kind === 'range' ? t.count : 1), 0)
  const steps = Math.min(n * 3, 3000)
  for (let i = 0; i < steps; i++) out.push(postalAt(cc, tokens, (i + 0.5) / steps))
  return out
}

function usPrefixState(zip: string): string | undefined {
  const p = Number(zip.slice(0, 3))
  return US_ZIP_PREFIXES.find(([a, b]) => p >= a && p <= b)?.[2]
}

describe('geo data: coverage', () => {
  it('has all 50 US states and DC, each with a city, and ≥ 150 US cities', () => {
    const us = table('US')
    expect(Object.keys(us.states)).toHaveLength(51)
    const withCity = new Set(us.cities.map((c) => c[1]))
    expect([...Object.keys(us.states)].filter((s) => !withCity.has(s))).toEqual([])
    expect(us.cities.length).toBeGreaterThanOrEqual(150)
  })

  it('has the promised city counts per country', () => {
    const min: Record<string, number> = { DE: 40, GB: 30, FR: 25, CA: 25 }
    for (const t of PLACE_TABLES) expect(t.cities.length, t.code).toBeGreaterThanOrEqual(min[t.code] ?? 5)
    expect(PLACE_TABLES.length).toBeGreaterThanOrEqual(15)
    expect(Object.keys(table('DE').states)).toHaveLength(16)
    expect(Object.keys(table('CA').states)).toHaveLength(13)
  })

  it('US state names and codes agree with faker’s en_US lists (an independent source)', () => {
    const names = faker.definitions.location.state as string[]
    const abbr = faker.definitions.location.state_abbr as string[]
    const us = table('US')
    abbr.forEach((code, i) => expect(us.states[code]?.[0].split('|')[0], code).toBe(names[i]))
  })

  it('every country with places is weighted, and only those', () => {
    expect(new Set(COUNTRY_ROWS.map((r) => r[0]))).toEqual(new Set(PLACE_TABLES.map((t) => t.code)))
  })

  it('the English country names written without ICU are ICU’s, for every weighted country', () => {
    // A Node.js whose CLDR renames a country fails here: regenerate COUNTRY_NAMES_EN from Intl.DisplayNames.
    const icu = new Intl.DisplayNames('en', { type: 'region' })
    expect(COUNTRY_NAMES_EN).toEqual(Object.fromEntries(COUNTRY_ROWS.map((r) => [r[0], icu.of(r[0])])))
    for (const [code] of COUNTRY_ROWS) expect(countryName(code)).toBe(icu.of(code))
    expect(countryName('HM')).toBe(icu.of('HM')) // no places: ICU's name
  })
})

describe('geo data: every entry is consistent', () => {
  it('each city names a known state; no city is listed twice in one state', () => {
    for (const t of PLACE_TABLES) {
      const seen = new Set<string>()
      for (const [names, state] of t.cities) {
        expect(t.states[state], `${t.code} ${names}`).toBeDefined()
        const key = `${names.split('|')[0]}/${state}`
        expect(seen.has(key), `${t.code} ${key}`).toBe(false)
        seen.add(key)
      }
    }
  })

  it('every code of every US city lies in its state by the USPS 3-digit prefixes', () => {
    const bad: string[] = []
    for (const [names, state, postal] of table('US').cities)
      for (const zip of codesOf('US', postal)) if (usPrefixState(zip) !== state) bad.push(`${names} ${state} ${zip}`)
    expect(bad).toEqual([])
  })

  it('Canadian FSAs start with the province letter, AU postcodes lie in the state ranges', () => {
    const first: Record<string, string> = { NL: 'A', NS: 'B', PE: 'C', NB: 'E', QC: 'GHJ', ON: 'KLMNP', MB: 'R', SK: 'S', AB: 'T', BC: 'V', NT: 'X', NU: 'X', YT: 'Y' }
    for (const [names, state, postal] of table('CA').cities)
      for (const fsa of postal.split(' ')) expect(first[state], `${names} ${fsa}`).toContain(fsa[0])
    const au: Record<string, [number, number]> = { NSW: [2000, 2999], ACT: [2600, 2620], VIC: [3000, 3999], QLD: [4000, 4999], SA: [5000, 5999], WA: [6000, 6999], TAS: [7000, 7999], NT: [800, 999] }
    for (const [names, state, postal] of table('AU').cities)
      for (const z of codesOf('AU', postal)) expect(Number(z) >= au[state]![0] && Number(z) <= au[state]![1], `${names} ${z}`).toBe(true)
  })

  it('French codes start with the département of the city; German PLZ with the Leitregion of the Land', () => {
    const dept: Record<string, string> = {
      Paris: '75', Marseille: '13', Lyon: '69', Toulouse: '31', Nice: '06', Nantes: '44', Montpellier: '34', Strasbourg: '67',
      Bordeaux: '33', Lille: '59', Rennes: '35', Reims: '51', Toulon: '83', 'Saint-Étienne': '42', 'Le Havre': '76', Grenoble: '38',
      Dijon: '21', Angers: '49', Nîmes: '30', 'Clermont-Ferrand': '63', Tours: '37', Orléans: '45', Rouen: '76', Caen: '14',
      Brest: '29', Limoges: '87', Ajaccio: '20', Metz: '57', Besançon: '25', Perpignan: '66', Amiens: '80',
    }
    for (const [names, , postal] of table('FR').cities) {
      const city = names.split('|')[0]!
      expect(dept[city], city).toBeDefined()
      for (const z of codesOf('FR', postal)) expect(z.slice(0, 2), `${city} ${z}`).toBe(dept[city])
    }
    // first PLZ digit by Land (Deutsche Post Leitzonen; BB spans 0 and 1)
    const zone: Record<string, string> = { SN: '0', TH: '09', ST: '03', BE: '1', BB: '01', MV: '1', HH: '2', SH: '2', HB: '2', NI: '2345', NW: '345', HE: '3456', RP: '56', SL: '6', BW: '6789', BY: '89' }
    for (const [names, state, postal] of table('DE').cities)
      for (const z of codesOf('DE', postal)) expect(zone[state], `${names} ${z}`).toContain(z[0])
  })

  it('UK postcode areas belong to the county’s country part', () => {
    // Royal Mail postcode areas wholly in Scotland, Wales and Northern Ireland (the rest used here are English)
    const part: Record<string, string> = { AB: 'SCT', DD: 'SCT', EH: 'SCT', G: 'SCT', IV: 'SCT', KY: 'SCT', PA: 'SCT', CF: 'WLS', SA: 'WLS', NP: 'WLS', LL: 'WLS', LD: 'WLS', BT: 'NIR' }
    for (const [names, state, postal] of table('GB').cities)
      for (const out of postal.split(' ')) expect(part[/^[A-Z]+/.exec(out)![0]] ?? 'ENG', `${names} ${out}`).toBe(state.split('-')[0])
  })

  it('postal codes have the country’s shape', () => {
    const shape: Record<string, RegExp> = {
      US: /^\d{5}$/, DE: /^\d{5}$/, FR: /^\d{5}$/, IT: /^\d{5}$/, ES: /^\d{5}$/, MX: /^\d{5}$/, TR: /^\d{5}$/, ID: /^\d{5}$/,
      KR: /^\d{5}$/, CH: /^\d{4}$/, AT: /^\d{4}$/, BE: /^\d{4}$/, AU: /^\d{4}$/, ZA: /^\d{4}$/, AR: /^\d{4}$/, CN: /^\d{6}$/,
      IN: /^\d{6}$/, RU: /^\d{6}$/, BR: /^\d{5}-\d{3}$/, PT: /^\d{4}-\d{3}$/, JP: /^\d{3}-\d{4}$/, NL: /^\d{4} [A-Z]{2}$/,
      SE: /^\d{3} \d{2}$/, PL: /^\d{2}-\d{3}$/, GB: /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, CA: /^[A-Z]\d[A-Z] \d[A-Z]\d$/,
      IE: /^[A-Z]\d{2} [A-Z\d]{4}$/, CZ: /^\d{3} \d{2}$/, GR: /^\d{3} \d{2}$/, DK: /^\d{4}$/, NO: /^\d{4}$/, HU: /^\d{4}$/,
      NZ: /^\d{4}$/, FI: /^\d{5}$/, TH: /^\d{5}$/, RO: /^\d{6}$/, NG: /^\d{6}$/, VN: /^\d{6}$/, TW: /^\d{3}$/,
    }
    for (const t of PLACE_TABLES) {
      expect(shape[t.code], t.code).toBeDefined()
      for (const [names, , postal] of t.cities)
        for (const z of codesOf(t.code, postal).slice(0, 50)) expect(z, `${t.code} ${names}`).toMatch(shape[t.code]!)
    }
  })

  it('lat/lon lie in the state (US) and country bounding boxes', () => {
    for (const [names, state, , lat, lon] of table('US').cities) expect(inBox(US_STATE_BOXES[state]!, lat, lon), `${names} ${state}`).toBe(true)
    for (const t of PLACE_TABLES)
      for (const [names, , , lat, lon] of t.cities) expect(inBox(COUNTRY_BOXES[t.code]!, lat, lon), `${t.code} ${names}`).toBe(true)
  })

  it('every time zone is a zone the runtime knows, and places carry their state’s zone unless set', () => {
    const zones = new Set<string>()
    for (const c of geoIndex().drawOrder) for (const e of c.cities) zones.add(e.place.timezone)
    for (const z of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone: z }), z).not.toThrow()
    const pl = geoIndex().byCountry.get('US')!.cities.find((e) => e.place.city === 'El Paso')!
    expect(pl.place.timezone).toBe('America/Denver')
  })

  it('weights are positive and sum sensibly', () => {
    for (const t of PLACE_TABLES) for (const c of t.cities) expect(c[5], c[0]).toBeGreaterThan(0)
    const gdp = COUNTRY_ROWS.reduce((s, r) => s + r[5], 0)
    expect(gdp).toBeGreaterThan(80_000) // US$ bn: ≈ 85 % of world GDP 2023 (≈ 105 000)
    expect(gdp).toBeLessThan(105_000)
    const fx = CURRENCY_WEIGHTS.reduce((s, [, w]) => s + w, 0)
    expect(fx).toBeGreaterThan(190) // BIS shares add to 200 %
    expect(fx).toBeLessThanOrEqual(200)
    expect(new Set(CURRENCY_WEIGHTS.map(([c]) => c)).size).toBe(CURRENCY_WEIGHTS.length)
    expect(new Set(LANGUAGE_WEIGHTS.map(([c]) => c)).size).toBe(LANGUAGE_WEIGHTS.length)
    const supported = new Set(Intl.supportedValuesOf('currency'))
    for (const [c] of CURRENCY_WEIGHTS) expect(supported.has(c), c).toBe(true)
  })
})
