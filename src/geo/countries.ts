/**
 * Country resolution (alpha-2, alpha-3, names in several languages, common aliases) and per-country
 * facts: currency and language of any country tdg knows, not only those with places.
 */
import { faker } from '@faker-js/faker/locale/base'
import type { CountryInfo, Language } from './types.js'
import { normKey } from './normalize.js'
import { COUNTRY_ROWS, MORE_COUNTRIES } from './data/countries.js'
import { geoIndex } from './places.js'

/** Languages whose country names are accepted ("Deutschland", "Allemagne", "Alemania" → DE). */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'tr', 'da', 'fi', 'cs']

/** Names people write that no display-name table holds. */
const ALIASES: Readonly<Record<string, string>> = {
  USA: 'US', 'U.S.': 'US', 'U.S.A.': 'US', 'United States of America': 'US', America: 'US', UK: 'GB', 'U.K.': 'GB',
  'Great Britain': 'GB', Britain: 'GB', England: 'GB', Scotland: 'GB', Wales: 'GB', 'Northern Ireland': 'GB',
  Holland: 'NL', 'The Netherlands': 'NL', Korea: 'KR', 'Republic of Korea': 'KR', 'Russian Federation': 'RU',
  'Czech Republic': 'CZ', 'Ivory Coast': 'CI', Turkey: 'TR', 'Türkiye': 'TR', 'Viet Nam': 'VN', UAE: 'AE',
  "People's Republic of China": 'CN', PRC: 'CN', 'Republic of Ireland': 'IE', Eire: 'IE', 'Éire': 'IE',
}

interface CountryMaps {
  byName: Map<string, string>
  alpha3: Map<string, string>
  currency: Map<string, string>
  language: Map<string, string>
}

let maps: CountryMaps | undefined

function countryMaps(): CountryMaps {
  if (maps) return maps
  const byName = new Map<string, string>()
  const alpha3 = new Map<string, string>()
  const codes = faker.definitions.location.country_code
  for (const { alpha2, alpha3: a3 } of codes) {
    alpha3.set(a3, alpha2)
    byName.set(normKey(alpha2), alpha2)
  }
  for (const lang of NAME_LANGUAGES) {
    const names = new Intl.DisplayNames(lang, { type: 'region', fallback: 'none' })
    for (const { alpha2 } of codes) {
      const n = names.of(alpha2)
      if (n && !byName.has(normKey(n))) byName.set(normKey(n), alpha2)
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) byName.set(normKey(alias), code)
  const currency = new Map<string, string>()
  const language = new Map<string, string>()
  for (const [code, a3, cur, lang] of COUNTRY_ROWS) {
    alpha3.set(a3, code)
    currency.set(code, cur)
    language.set(code, lang)
  }
  for (const item of MORE_COUNTRIES.split(' ')) {
    const [code, cur, lang] = item.split(':') as [string, string, string]
    currency.set(code, cur)
    language.set(code, lang)
  }
  maps = { byName, alpha3, currency, language }
  return maps
}

/**
 * The ISO 3166-1 alpha-2 code of a country written as alpha-2 ("de", "DE"), alpha-3 ("DEU"), an English
 * or other common-language name ("Germany", "Deutschland", "Allemagne") or alias ("USA", "UK");
 * case and accents do not matter. `undefined` when nothing matches.
 */
export function resolveCountry(text: string): string | undefined {
  const t = text.trim()
  if (!t) return undefined
  // the common case, without building the name maps
  if (/^[A-Z]{2}$/.test(t) && geoIndex().byCountry.has(t)) return t
  const m = countryMaps()
  if (/^[A-Za-z]{3}$/.test(t)) {
    const a2 = m.alpha3.get(t.toUpperCase())
    if (a2) return a2
  }
  return m.byName.get(normKey(t))
}

/** Facts of a country tdg has places for (by code or name), else `undefined`. */
export function countryInfo(country: string): CountryInfo | undefined {
  const code = resolveCountry(country)
  return code === undefined ? undefined : geoIndex().byCountry.get(code)?.info
}

/** ISO 4217 currency of a country (code or name), e.g. `currencyOf('DE') === 'EUR'`; `undefined` if unknown. */
export function currencyOf(country: string): string | undefined {
  const code = resolveCountry(country)
  return code === undefined ? undefined : countryMaps().currency.get(code)
}

/** Built on first use: ICU's display names cost start-up to a run that names no language. */
let languageNames: Intl.DisplayNames | undefined
const languageCache = new Map<string, Language>()

/** A language by ISO 639-1 code with its English name (`{ code: 'de', name: 'German' }`), one frozen object per code. */
export function language(code: string): Language {
  let l = languageCache.get(code)
  if (!l) {
    l = Object.freeze({ code, name: (languageNames ??= new Intl.DisplayNames('en', { type: 'language' })).of(code) ?? code })
    languageCache.set(code, l)
  }
  return l
}

/** Main language of a country (code or name): ISO 639-1 code and English name; `undefined` if unknown. */
export function languageOf(country: string): Language | undefined {
  const code = resolveCountry(country)
  const lang = code === undefined ? undefined : countryMaps().language.get(code)
  return lang === undefined ? undefined : language(lang)
}
