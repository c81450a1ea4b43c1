/** Which country's places go with a faker locale. */
import { hasPlaces } from './places.js'

/** The country a bare language code means when a locale has no region. */
const LANGUAGE_COUNTRY: Readonly<Record<string, string>> = {
  en: 'US', de: 'DE', fr: 'FR', es: 'ES', it: 'IT', nl: 'NL', pl: 'PL', pt: 'BR', ja: 'JP', ko: 'KR', ru: 'RU', tr: 'TR',
  sv: 'SE', zh: 'CN', id: 'ID', cy: 'GB', ta: 'IN', zu: 'ZA', af: 'ZA', cs: 'CZ', da: 'DK', el: 'GR', fi: 'FI', he: 'IL',
  hr: 'HR', hu: 'HU', lv: 'LV', mk: 'MK', ro: 'RO', sk: 'SK', sl: 'SI', uk: 'UA', ur: 'PK', vi: 'VN', fa: 'IR', th: 'TH',
  nb: 'NO', ar: 'SA', bn: 'BD', ka: 'GE', hy: 'AM', az: 'AZ', ne: 'NP', dv: 'MV', yo: 'NG',
}

/**
 * The ISO alpha-2 country whose places fit a faker locale code ("en" → US, "en_GB" → GB, "de_CH" → CH,
 * "pt_BR" → BR, "ja" → JP; "-" and "_" alike, any case): the locale's region when it has one, else the
 * language's main country. `undefined` when tdg has no places for that country (fi, cs, el …) or the
 * locale is not one (en_BORK falls back to its language: US).
 */
export function localeCountry(locale: string): string | undefined {
  const [lang, region] = locale.trim().split(/[-_]/) as [string, string | undefined]
  // Membership only: building the index (every country's places) costs ~0.1 s a plan may never need.
  const r = region?.toUpperCase()
  if (r && /^[A-Z]{2}$/.test(r)) return hasPlaces(r) ? r : undefined
  const c = LANGUAGE_COUNTRY[lang.toLowerCase()]
  return c !== undefined && hasPlaces(c) ? c : undefined
}
