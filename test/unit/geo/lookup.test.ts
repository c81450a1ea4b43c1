import { describe, expect, it } from 'vitest'
import {
  countryInfo, currencyOf, findCities, isCityInCountry, isCityInState, isZipInCity, knownCity, languageOf, localeCountry,
  normKey, resolveCountry, resolveState, stateOfZip, timezoneOf,
} from '../../../src/geo/index.js'

describe('geo lookups accept the usual variants', () => {
  it('countries by alpha-2, alpha-3, names in several languages and aliases', () => {
    for (const t of ['DE', 'de', 'DEU', 'Germany', 'germany', 'Deutschland', 'Allemagne', 'Alemania', 'Germania']) expect(resolveCountry(t), t).toBe('DE')
    for (const t of ['US', 'USA', 'U.S.', 'United States', 'United States of America', 'Vereinigte Staaten']) expect(resolveCountry(t), t).toBe('US')
    for (const t of ['GB', 'GBR', 'UK', 'United Kingdom', 'Great Britain', 'England', 'Royaume-Uni']) expect(resolveCountry(t), t).toBe('GB')
    expect(resolveCountry('Côte d’Ivoire')).toBe('CI')
    expect(resolveCountry('Türkiye')).toBe('TR')
    expect(resolveCountry('Atlantis')).toBeUndefined()
    expect(resolveCountry('')).toBeUndefined()
    expect(countryInfo('japan')).toMatchObject({ code: 'JP', name: 'Japan', currency: 'JPY', language: 'ja', timezone: 'Asia/Tokyo' })
  })

  it('currency and language of a country, also without places', () => {
    expect(currencyOf('DE')).toBe('EUR')
    expect(currencyOf('United Kingdom')).toBe('GBP')
    expect(currencyOf('Norway')).toBe('NOK')
    expect(currencyOf('HRV')).toBe('EUR')
    expect(currencyOf('Atlantis')).toBeUndefined()
    expect(languageOf('Brazil')).toEqual({ code: 'pt', name: 'Portuguese' })
    expect(languageOf('FI')).toEqual({ code: 'fi', name: 'Finnish' })
  })

  it('cities by name or alias, any case or accents', () => {
    expect(findCities('munich')[0]).toMatchObject({ city: 'München', state: 'Bayern', stateCode: 'BY', countryCode: 'DE' })
    expect(knownCity('MUENCHEN')).toBe(false) // transliterations are not guessed
    expect(knownCity('Koln')).toBe(true)
    expect(knownCity('Sao Paulo')).toBe(true)
    expect(knownCity('Saint Louis')).toBe(true)
    expect(knownCity('st. louis', 'US')).toBe(true)
    expect(knownCity('Port Kaylee')).toBe(false)
    expect(findCities('Portland').map((p) => p.stateCode).sort()).toEqual(['ME', 'OR'])
    expect(findCities('London', 'CA')).toHaveLength(1)
    expect(findCities('London', 'Atlantis')).toEqual([])
  })

  it('isCityInState: state name or code or ISO form; GB county or country part', () => {
    expect(isCityInState('Seattle', 'WA')).toBe(true)
    expect(isCityInState('seattle', 'washington', 'usa')).toBe(true)
    expect(isCityInState('Seattle', 'US-WA')).toBe(true)
    expect(isCityInState('Köln', 'NRW')).toBe(true)
    expect(isCityInState('Cologne', 'Nordrhein-Westfalen', 'Germany')).toBe(true)
    expect(isCityInState('Manchester', 'Greater Manchester', 'GB')).toBe(true)
    expect(isCityInState('Manchester', 'England')).toBe(true)
    expect(isCityInState('Manchester', 'NH', 'US')).toBe(true)
    expect(isCityInState('Montréal', 'Québec')).toBe(true)
    expect(isCityInState('Cork', 'Co. Cork')).toBe(true)
    expect(isCityInState('Mexico City', 'CDMX')).toBe(true)
  })

  it('isCityInState fails a wrong state and says "unknown" for an unknown city', () => {
    expect(isCityInState('Seattle', 'OR')).toBe(false)
    expect(isCityInState('Munich', 'Hessen')).toBe(false)
    expect(isCityInState('Manchester', 'Scotland', 'GB')).toBe(false)
    expect(isCityInState('Portland', 'TX')).toBe(false)
    expect(isCityInState('Seattle', 'WA', 'CA')).toBeUndefined()
    expect(isCityInState('Port Kaylee', 'WA')).toBeUndefined()
    expect(isCityInCountry('Lyon', 'France')).toBe(true)
    expect(isCityInCountry('Lyon', 'DE')).toBe(false)
    expect(isCityInCountry('Port Kaylee', 'US')).toBeUndefined()
  })

  it('stateOfZip by rule (US, CA, AU) and by known cities elsewhere', () => {
    expect(stateOfZip('10001', 'US')).toEqual({ code: 'NY', name: 'New York' })
    expect(stateOfZip('98101-1234', 'USA')?.code).toBe('WA')
    expect(stateOfZip('2108', 'US')?.code).toBe('MA') // leading zero lost in a numeric column
    expect(stateOfZip('99999', 'US')?.code).toBe('AK')
    expect(stateOfZip('96301', 'US')).toBeUndefined() // military AP
    expect(stateOfZip('abcde', 'US')).toBeUndefined()
    expect(stateOfZip('h2x 1y4', 'Canada')?.code).toBe('QC')
    expect(stateOfZip('X0A 0H0', 'CA')?.code).toBe('NU')
    expect(stateOfZip('2600', 'AU')?.code).toBe('ACT')
    expect(stateOfZip('80331', 'DE')).toEqual({ code: 'BY', name: 'Bayern' })
    expect(stateOfZip('99999', 'DE')).toBeUndefined()
    expect(stateOfZip('SW1A 1AA', 'GB')).toEqual({ code: 'ENG', name: 'Greater London' })
    expect(stateOfZip('EH11AA', 'GB')?.name).toBe('City of Edinburgh')
    expect(stateOfZip('1011 AB', 'NL')?.code).toBe('NH')
    expect(stateOfZip('10001', 'Atlantis')).toBeUndefined()
  })

  it('isZipInCity accepts the city’s codes and refuses others', () => {
    expect(isZipInCity('60614', 'Chicago')).toBe(true)
    expect(isZipInCity('90001', 'Chicago')).toBe(false)
    expect(isZipInCity('M5V 3L9', 'Toronto', 'CA')).toBe(true)
    expect(isZipInCity('01310-100', 'São Paulo')).toBe(true)
    expect(isZipInCity('150-0002', 'Tokyo')).toBe(true)
    expect(isZipInCity('D02 X285', 'Dublin')).toBe(true)
    expect(isZipInCity('M1 1AE', 'Manchester', 'GB')).toBe(true)
    expect(isZipInCity('M1 1AE', 'Manchester', 'US')).toBe(false)
    expect(isZipInCity('12345', 'Port Kaylee')).toBeUndefined()
  })

  it('resolveState and timezoneOf', () => {
    expect(resolveState('Bavaria', 'DE')).toEqual({ code: 'BY', name: 'Bayern' })
    expect(resolveState('ca', 'US')).toEqual({ code: 'CA', name: 'California' })
    expect(resolveState('Narnia', 'US')).toBeUndefined()
    expect(timezoneOf({ city: 'El Paso', state: 'TX', country: 'US' })).toBe('America/Denver')
    expect(timezoneOf({ city: 'Houston', state: 'Texas', country: 'United States' })).toBe('America/Chicago')
    expect(timezoneOf({ state: 'British Columbia', country: 'CA' })).toBe('America/Vancouver')
    expect(timezoneOf({ country: 'France' })).toBe('Europe/Paris')
    expect(timezoneOf({ city: 'Atlantis' })).toBeUndefined()
    expect(timezoneOf({ timezone: 'Asia/Tokyo', country: 'US' })).toBe('Asia/Tokyo')
  })

  it('localeCountry maps faker locales to the country whose places to use', () => {
    const cases: Record<string, string | undefined> = {
      en: 'US', en_US: 'US', 'en-GB': 'GB', en_AU_ocker: 'AU', en_BORK: 'US', en_CA: 'CA', en_IE: 'IE', en_IN: 'IN',
      de: 'DE', de_AT: 'AT', de_CH: 'CH', fr: 'FR', fr_CA: 'CA', fr_BE: 'BE', es: 'ES', es_MX: 'MX', it: 'IT', nl: 'NL',
      nl_BE: 'BE', pl: 'PL', pt_BR: 'BR', pt_PT: 'PT', ja: 'JP', ko: 'KR', zh_CN: 'CN', sv: 'SE', ru: 'RU', tr: 'TR',
      id_ID: 'ID', zu_ZA: 'ZA', fi: 'FI', cs_CZ: 'CZ', zh_TW: 'TW', nb_NO: 'NO', el: 'GR', vi: 'VN', yo_NG: 'NG',
      hr: undefined, he: undefined, eo: undefined, en_GH: undefined,
    }
    for (const [loc, cc] of Object.entries(cases)) expect(localeCountry(loc), loc).toBe(cc)
  })

  it('normKey folds case, accents, punctuation and abbreviations', () => {
    expect(normKey('Saint-Étienne')).toBe(normKey('st etienne'))
    expect(normKey('Düsseldorf')).toBe('dusseldorf')
    expect(normKey('Straße')).toBe('strasse')
    expect(normKey("Coeur d'Alene")).toBe(normKey('Coeur dAlene'))
    expect(normKey('Ft. Worth')).toBe('fort worth')
    expect(normKey('Łódź')).toBe('lodz')
  })
})
