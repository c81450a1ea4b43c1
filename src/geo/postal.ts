/**
 * Postal codes of a city: its tokens (see `CityRow.postal`) completed in the country's spelling.
 * A code is chosen by a number v ∈ [0,1): which token, then which code of a range, then the suffix
 * characters, each digit of v in turn — so every v gives one code and nearby v give nearby codes.
 */

/** One postal token of a city: a numeric range or a prefix the country format completes. */
export type PostalToken =
  | { readonly kind: 'range'; readonly start: number; readonly count: number; readonly width: number }
  | { readonly kind: 'prefix'; readonly text: string }

/** Parse `"10001+282 10451"` / `"SW1A EC1A"` into tokens. */
export function parseTokens(spec: string): PostalToken[] {
  return spec.split(/\s+/).filter(Boolean).map((t) => {
    const m = /^(\d+)(?:\+(\d+))?$/.exec(t)
    if (!m) return { kind: 'prefix', text: t }
    return { kind: 'range', start: Number(m[1]), count: m[2] === undefined ? 1 : Number(m[2]), width: m[1]!.length }
  })
}

/** How a country completes a numeric code (`n`) or prefix (`x`): the suffix alphabet per added character. */
interface PostalFormat {
  /** Characters added after the base code, one alphabet per position. */
  readonly suffix: readonly string[]
  /** Join base and suffix ("-", " ", ""). */
  readonly join: string
  /** Re-spell a 5-digit base ("12345" → "123 45" in SE, "12-345" in PL). */
  readonly respell?: (base: string) => string
}

const D = '0123456789'
/** Royal Mail inward-code letters (no C I K M O V). */
const GB_L = 'ABDEFGHJLNPQRSTUWXYZ'
/** Canada Post LDU letters (no D F I O Q U). */
const CA_L = 'ABCEGHJKLMNPRSTVWXYZ'
/** Dutch postcode letters (no F I O Q U Y). */
const NL_L = 'ABCDEGHJKLMNPRSTVWXZ'
/** Eircode unique-identifier characters. */
const IE_C = 'ACDEFHKNPRTVWXY0123456789'

const FORMATS: Readonly<Record<string, PostalFormat>> = {
  BR: { suffix: [D, D, D], join: '-' },
  PT: { suffix: [D, D, D], join: '-' },
  JP: { suffix: [D, D, D, D], join: '-' },
  NL: { suffix: [NL_L, NL_L], join: ' ' },
  GB: { suffix: [D, GB_L, GB_L], join: ' ' },
  CA: { suffix: [D, CA_L, D], join: ' ' },
  IE: { suffix: [IE_C, IE_C, IE_C, IE_C], join: ' ' },
  SE: { suffix: [], join: '', respell: (b) => `${b.slice(0, 3)} ${b.slice(3)}` },
  CZ: { suffix: [], join: '', respell: (b) => `${b.slice(0, 3)} ${b.slice(3)}` },
  GR: { suffix: [], join: '', respell: (b) => `${b.slice(0, 3)} ${b.slice(3)}` },
  PL: { suffix: [], join: '', respell: (b) => `${b.slice(0, 2)}-${b.slice(2)}` },
}
const PLAIN: PostalFormat = { suffix: [], join: '' }

/** Take one choice of `n` from r ∈ [0,1) and return it with the rest of r, again in [0,1). */
function digit(r: number, n: number): [number, number] {
  const x = r * n
  const i = Math.min(n - 1, Math.floor(x))
  return [i, Math.min(x - i, 1 - Number.EPSILON)]
}

/**
 * The postal code number `v` ∈ [0,1) picks among a city's tokens, in the spelling of `countryCode`
 * (v = 0: the first code of the first token).
 */
export function postalAt(countryCode: string, tokens: readonly PostalToken[], v: number): string {
  const fmt = FORMATS[countryCode] ?? PLAIN
  let [ti, r] = digit(v, tokens.length)
  const t = tokens[ti]!
  let base: string
  if (t.kind === 'range') {
    let k: number
    ;[k, r] = digit(r, t.count)
    base = String(t.start + k).padStart(t.width, '0')
    if (fmt.respell) base = fmt.respell(base)
  } else base = t.text
  if (fmt.suffix.length === 0) return base
  let tail = ''
  for (const alphabet of fmt.suffix) {
    let c: number
    ;[c, r] = digit(r, alphabet.length)
    tail += alphabet[c]
  }
  return base + fmt.join + tail
}

/**
 * The leading number of a postal code, where its country's codes start with one ("SW1A 1AA" → undefined,
 * "01310-100" → "01310", "1011 AB" → "1011", SE "123 45" → "12345").
 */
export function numericBase(countryCode: string, zip: string): string | undefined {
  const s = zip.trim()
  const fmt = FORMATS[countryCode]
  if (fmt?.respell) return /^\d{2,3}[- ]?\d{2,3}$/.test(s) ? s.replace(/[- ]/g, '') : undefined
  const m = /^(\d+)(?:[- ]?[0-9A-Za-z]+)?$/.exec(s)
  return m ? m[1] : undefined
}
