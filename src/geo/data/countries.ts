/**
 * Facts and draw weights of the countries tdg has places for, and currency/language of many more.
 *
 * Country weights: nominal GDP 2023, current US$ billions, World Bank WDI (NY.GDP.MKTP.CD), rounded —
 * a proxy for how often a country shows up in business data (customers, orders, suppliers). It makes
 * the draw top-heavy (US ≈ 30 %, CN ≈ 19 %, DE, JP, IN, GB, FR, IT, BR, CA …) over the 39 countries
 * below, which hold ≈ 88 % of world GDP (≈ 105 000); countries without places are never drawn.
 */

/** `[alpha2, alpha3, currency (ISO 4217), language (ISO 639-1), IANA zone of most people, weight]`. */
export type CountryRow = readonly [string, string, string, string, string, number]

export const COUNTRY_ROWS: readonly CountryRow[] = [
  ['US', 'USA', 'USD', 'en', 'America/New_York', 27361], ['CN', 'CHN', 'CNY', 'zh', 'Asia/Shanghai', 17795],
  ['DE', 'DEU', 'EUR', 'de', 'Europe/Berlin', 4456], ['JP', 'JPN', 'JPY', 'ja', 'Asia/Tokyo', 4213],
  ['IN', 'IND', 'INR', 'hi', 'Asia/Kolkata', 3550], ['GB', 'GBR', 'GBP', 'en', 'Europe/London', 3340],
  ['FR', 'FRA', 'EUR', 'fr', 'Europe/Paris', 3031], ['IT', 'ITA', 'EUR', 'it', 'Europe/Rome', 2255],
  ['BR', 'BRA', 'BRL', 'pt', 'America/Sao_Paulo', 2174], ['CA', 'CAN', 'CAD', 'en', 'America/Toronto', 2140],
  ['RU', 'RUS', 'RUB', 'ru', 'Europe/Moscow', 2021], ['MX', 'MEX', 'MXN', 'es', 'America/Mexico_City', 1789],
  ['AU', 'AUS', 'AUD', 'en', 'Australia/Sydney', 1724], ['KR', 'KOR', 'KRW', 'ko', 'Asia/Seoul', 1713],
  ['ES', 'ESP', 'EUR', 'es', 'Europe/Madrid', 1581], ['ID', 'IDN', 'IDR', 'id', 'Asia/Jakarta', 1371],
  ['NL', 'NLD', 'EUR', 'nl', 'Europe/Amsterdam', 1118], ['TR', 'TUR', 'TRY', 'tr', 'Europe/Istanbul', 1108],
  ['CH', 'CHE', 'CHF', 'de', 'Europe/Zurich', 885], ['PL', 'POL', 'PLN', 'pl', 'Europe/Warsaw', 811],
  ['AR', 'ARG', 'ARS', 'es', 'America/Argentina/Buenos_Aires', 641], ['BE', 'BEL', 'EUR', 'nl', 'Europe/Brussels', 632],
  ['SE', 'SWE', 'SEK', 'sv', 'Europe/Stockholm', 593], ['IE', 'IRL', 'EUR', 'en', 'Europe/Dublin', 545],
  ['AT', 'AUT', 'EUR', 'de', 'Europe/Vienna', 516], ['ZA', 'ZAF', 'ZAR', 'en', 'Africa/Johannesburg', 377],
  ['PT', 'PRT', 'EUR', 'pt', 'Europe/Lisbon', 287], ['TW', 'TWN', 'TWD', 'zh', 'Asia/Taipei', 756],
  ['TH', 'THA', 'THB', 'th', 'Asia/Bangkok', 515], ['NO', 'NOR', 'NOK', 'nb', 'Europe/Oslo', 485],
  ['VN', 'VNM', 'VND', 'vi', 'Asia/Ho_Chi_Minh', 430], ['DK', 'DNK', 'DKK', 'da', 'Europe/Copenhagen', 404],
  ['NG', 'NGA', 'NGN', 'en', 'Africa/Lagos', 363], ['RO', 'ROU', 'RON', 'ro', 'Europe/Bucharest', 351],
  ['CZ', 'CZE', 'CZK', 'cs', 'Europe/Prague', 343], ['FI', 'FIN', 'EUR', 'fi', 'Europe/Helsinki', 300],
  ['NZ', 'NZL', 'NZD', 'en', 'Pacific/Auckland', 253], ['GR', 'GRC', 'EUR', 'el', 'Europe/Athens', 243],
  ['HU', 'HUN', 'HUF', 'hu', 'Europe/Budapest', 212],
]

/**
 * English short names of COUNTRY_ROWS (`Intl.DisplayNames('en', { type: 'region' })` of Node 20's ICU 78.2 /
 * CLDR 48, test/unit/geo/data.test.ts holds them equal): the names tdg writes without initializing ICU's
 * display names, which cost more start-up than the rest of a small seed's planning.
 */
export const COUNTRY_NAMES_EN: Readonly<Record<string, string>> = {
  US: 'United States', CN: 'China', DE: 'Germany', JP: 'Japan', IN: 'India', GB: 'United Kingdom', FR: 'France',
  IT: 'Italy', BR: 'Brazil', CA: 'Canada', RU: 'Russia', MX: 'Mexico', AU: 'Australia', KR: 'South Korea',
  ES: 'Spain', ID: 'Indonesia', NL: 'Netherlands', TR: 'Türkiye', CH: 'Switzerland', PL: 'Poland', AR: 'Argentina',
  BE: 'Belgium', SE: 'Sweden', IE: 'Ireland', AT: 'Austria', ZA: 'South Africa', PT: 'Portugal', TW: 'Taiwan',
  TH: 'Thailand', NO: 'Norway', VN: 'Vietnam', DK: 'Denmark', NG: 'Nigeria', RO: 'Romania', CZ: 'Czechia',
  FI: 'Finland', NZ: 'New Zealand', GR: 'Greece', HU: 'Hungary',
}

/**
 * Currency and main language of other countries (`CC:CUR:lang`), for `currencyOf` / `languageOf` on
 * data tdg did not write. Currencies as in ISO 4217 (2024); where two circulate, the one in daily use.
 */
export const MORE_COUNTRIES =
  'AD:EUR:ca AE:AED:ar AF:AFN:ps AL:ALL:sq AM:AMD:hy AO:AOA:pt AZ:AZN:az BA:BAM:bs BB:BBD:en BD:BDT:bn BG:BGN:bg ' +
  'BH:BHD:ar BO:BOB:es BS:BSD:en BT:BTN:dz BW:BWP:en BY:BYN:be CI:XOF:fr CL:CLP:es CM:XAF:fr CO:COP:es CR:CRC:es ' +
  'CU:CUP:es CY:EUR:el DO:DOP:es DZ:DZD:ar EC:USD:es EE:EUR:et EG:EGP:ar ET:ETB:am ' +
  'FJ:FJD:en GE:GEL:ka GH:GHS:en GT:GTQ:es HK:HKD:zh HN:HNL:es HR:EUR:hr HT:HTG:ht IL:ILS:he ' +
  'IQ:IQD:ar IR:IRR:fa IS:ISK:is JM:JMD:en JO:JOD:ar KE:KES:sw KG:KGS:ky KH:KHR:km KW:KWD:ar KZ:KZT:kk LA:LAK:lo ' +
  'LB:LBP:ar LI:CHF:de LK:LKR:si LT:EUR:lt LU:EUR:lb LV:EUR:lv LY:LYD:ar MA:MAD:ar MC:EUR:fr MD:MDL:ro ME:EUR:sr ' +
  'MG:MGA:mg MK:MKD:mk MM:MMK:my MN:MNT:mn MT:EUR:mt MU:MUR:en MV:MVR:dv MY:MYR:ms MZ:MZN:pt NA:NAD:en ' +
  'NI:NIO:es NP:NPR:ne OM:OMR:ar PA:USD:es PE:PEN:es PG:PGK:en PH:PHP:tl PK:PKR:ur PR:USD:es ' +
  'PY:PYG:es QA:QAR:ar RS:RSD:sr RW:RWF:rw SA:SAR:ar SD:SDG:ar SG:SGD:en SI:EUR:sl SK:EUR:sk SM:EUR:it ' +
  'SN:XOF:fr SV:USD:es SY:SYP:ar TJ:TJS:tg TM:TMT:tk TN:TND:ar TT:TTD:en TZ:TZS:sw UA:UAH:uk ' +
  'UG:UGX:en UY:UYU:es UZ:UZS:uz VA:EUR:it VE:VES:es XK:EUR:sq YE:YER:ar ZM:ZMW:en'

/**
 * Currency draw weights: share of global FX turnover, BIS Triennial Central Bank Survey 2022
 * (percent of 200, each trade counts two currencies).
 */
export const CURRENCY_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['USD', 88.5], ['EUR', 30.5], ['JPY', 16.7], ['GBP', 12.9], ['CNY', 7.0], ['AUD', 6.4], ['CAD', 6.2], ['CHF', 5.2],
  ['HKD', 2.6], ['SGD', 2.4], ['SEK', 2.2], ['KRW', 1.9], ['NOK', 1.7], ['NZD', 1.7], ['INR', 1.6], ['MXN', 1.5],
  ['TWD', 1.1], ['ZAR', 1.0], ['BRL', 0.9], ['DKK', 0.7], ['PLN', 0.7], ['THB', 0.4], ['ILS', 0.4], ['IDR', 0.4],
  ['CZK', 0.4], ['AED', 0.4], ['TRY', 0.4], ['HUF', 0.3], ['CLP', 0.2], ['SAR', 0.2], ['PHP', 0.2], ['MYR', 0.2],
  ['COP', 0.2], ['RUB', 0.2], ['RON', 0.1],
]

/**
 * Language draw weights: total speakers (first + second language), millions, Ethnologue 2023 top
 * languages (rounded; Chinese = Mandarin, Arabic = Standard Arabic).
 */
export const LANGUAGE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['en', 1456], ['zh', 1138], ['hi', 610], ['es', 559], ['fr', 310], ['ar', 274], ['bn', 273], ['pt', 264], ['ru', 255],
  ['ur', 232], ['id', 199], ['de', 133], ['ja', 123], ['mr', 99], ['te', 96], ['tr', 90], ['ta', 87], ['vi', 85],
  ['tl', 83], ['ko', 82], ['fa', 79], ['ha', 79], ['sw', 72], ['jv', 68], ['it', 68], ['pa', 67], ['gu', 62], ['th', 61],
  ['kn', 59], ['am', 58], ['pl', 41], ['uk', 33], ['nl', 25], ['ro', 24], ['el', 13], ['sv', 13], ['hu', 13], ['cs', 11],
  ['he', 9],
]
