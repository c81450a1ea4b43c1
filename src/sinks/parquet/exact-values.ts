/**
 * Exact conversions of cell values to Parquet's physical numbers: decimals to unscaled integers, dates to
 * days, times and timestamps to microseconds, uuids to 16 bytes. No float arithmetic on decimals or
 * fractions of a second, so nothing is rounded. Each returns `undefined` when the value cannot be
 * represented exactly; the caller refuses it naming table.column (never the value).
 */
import { daysFromCivil } from '../../generate/format.js'

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/
/** The common spelling (`-12.50`), read without the general path's string surgery. */
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/
const ZEROS = '0'.repeat(64)

/**
 * The unscaled integer of a decimal value at `scale` (`12.5` at scale 2 → 1250n), checked against
 * `precision` digits. Text, numbers (their shortest round-trip spelling, what CSV writes) and bigints
 * are read; digits beyond the scale are accepted only when they are zeros.
 */
export function unscaledDecimal(v: unknown, scale: number, precision: number): bigint | undefined {
  const n = unscaledDecimalValue(v, scale, precision)
  return typeof n === 'number' ? BigInt(n) : n
}

/**
 * `unscaledDecimal`, as a number when the value is a plain decimal whose unscaled value is a safe
 * integer (what generated decimals are: no BigInt per value), else as a bigint.
 */
export function unscaledDecimalValue(v: unknown, scale: number, precision: number): bigint | number | undefined {
  if (typeof v === 'string') {
    const fast = plainUnscaled(v, scale, precision)
    if (fast !== undefined) return fast
  } else if (typeof v === 'number') {
    const fast = numberUnscaled(v, scale, precision)
    if (fast !== undefined) return fast
  }
  let text: string
  if (typeof v === 'bigint') text = v.toString()
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined
    text = String(v)
  } else if (typeof v === 'string') text = v.trim()
  else return undefined
  const plain = PLAIN_DECIMAL.exec(text)
  if (plain) {
    const frac = plain[3] ?? ''
    if (frac.length <= scale && scale - frac.length <= ZEROS.length) {
      const int = plain[2] as string
      let lead = 0
      while (lead < int.length - 1 && int.charCodeAt(lead) === 48) lead++
      const digits = int.slice(lead) + frac + ZEROS.slice(0, scale - frac.length)
      if (digits.replace(/^0+/, '').length > precision) return undefined
      return BigInt(plain[1] + digits)
    }
  }
  const m = DECIMAL_TEXT.exec(text)
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined
  const exp = m[4] === undefined ? 0 : Number(m[4])
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 1000) return undefined
  // digits × 10^(exp - fraction length) = value; shift to `scale` fraction digits.
  let digits = `${m[2]}${m[3] ?? ''}`.replace(/^0+(?=\d)/, '')
  let shift = scale - ((m[3] ?? '').length - exp)
  if (shift >= 0) digits += '0'.repeat(shift)
  else {
    const dropped = digits.slice(shift)
    if (/[^0]/.test(dropped.padStart(-shift, '0'))) return undefined // would round
    digits = digits.slice(0, shift) || '0'
    shift = 0
  }
  digits = digits.replace(/^0+(?=\d)/, '')
  if (digits.length > precision && digits !== '0') return undefined
  const n = BigInt(digits)
  return m[1] === '-' ? -n : n
}

/**
 * `unscaledDecimal` of a plain `-123.45` whose unscaled value is a safe integer (≤ 15 digits), read
 * digit by digit into a double (exact there) and made a bigint once: what generated decimals look like,
 * without the regex, string surgery and BigInt parse per value. Undefined for anything else (the general
 * path then decides, so results are identical).
 */
function plainUnscaled(s: string, scale: number, precision: number): number | undefined {
  const len = s.length
  let i = 0
  const neg = len > 0 && s.charCodeAt(0) === 45
  if (neg) i++
  let n = 0
  let digits = 0
  let frac = -1
  let any = false
  for (; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c === 46) {
      if (frac >= 0 || !any) return undefined
      frac = 0
      continue
    }
    const d = c - 48
    if (d < 0 || d > 9) return undefined
    any = true
    if (frac >= 0) frac++
    n = n * 10 + d
    if (n > 0) digits++
  }
  if (!any || frac === 0) return undefined
  const f = frac < 0 ? 0 : frac
  if (f > scale || digits + (scale - f) > 15) return undefined
  for (let k = f; k < scale; k++) n *= 10
  if (n !== 0 && String(n).length > precision) return undefined
  return neg && n !== 0 ? -n : n
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k)
/** Unscaled values below this are the only decimal of their scale that rounds to their double (2^50 ≪ 2^53). */
const UNIQUE_BELOW = 2 ** 50

/**
 * `unscaledDecimal` of a number (what generated decimals are) without its text: u = round(v · 10^scale)
 * is the answer exactly when u / 10^scale is v again (division is correctly rounded) and |u| < 2^50,
 * where no other decimal of that scale rounds to v — so v's shortest spelling, what the text path reads,
 * is that decimal. Undefined for anything else (the text path then decides, so results are identical).
 */
function numberUnscaled(v: number, scale: number, precision: number): number | undefined {
  if (scale > 15) return undefined
  const p = POW10[scale] as number
  const u = Math.round(v * p)
  if (!(Math.abs(u) < UNIQUE_BELOW) || u / p !== v) return undefined
  if (precision < POW10.length && Math.abs(u) >= (POW10[precision] as number)) return undefined
  return u === 0 ? 0 : u
}

/** Bytes of a FIXED_LEN_BYTE_ARRAY that holds every unscaled value of `precision` digits (two's complement). */
export function decimalByteLength(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n
  let bytes = 1
  while (max >= 1n << BigInt(8 * bytes - 1)) bytes++
  return bytes
}

const DATE_TEXT = /^(-?\d{4,})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01: `YYYY-MM-DD` text, or a Date (its UTC day, as CSV spells it). */
export function epochDays(v: unknown): number | undefined {
  if (v instanceof Date) {
    const ms = v.getTime()
    return Number.isFinite(ms) ? Math.floor(ms / 86_400_000) : undefined
  }
  if (typeof v !== 'string') return undefined
  const fast = isoDays(v, 0)
  if (fast !== undefined) return fast
  const m = DATE_TEXT.exec(v.trim())
  if (!m) return undefined
  return civilDays(Number(m[1]), Number(m[2]), Number(m[3]))
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** Days of a valid calendar date; 2023-02-30 is refused rather than rolled into March. */
function civilDays(y: number, mo: number, d: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1) return undefined
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  if (d > (mo === 2 && leap ? 29 : (MONTH_DAYS[mo - 1] as number))) return undefined
  return daysFromCivil(y, mo, d)
}

/** Two ASCII digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48
  const b = s.charCodeAt(i + 1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** `YYYY-MM-DD` at `at` of `s` (the spelling tdg generates), without a regex; undefined when not that. */
function isoDays(s: string, at: number): number | undefined {
  return s.length > at + 10 && at === 0 ? undefined : isoDaysIn(s, at)
}

/** `isoDays` of the ten characters at `at`, whatever follows them. */
function isoDaysIn(s: string, at: number): number | undefined {
  if (s.length < at + 10 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return undefined
  const hi = digits2(s, at)
  const lo = digits2(s, at + 2)
  const mo = digits2(s, at + 5)
  const d = digits2(s, at + 8)
  if (hi < 0 || lo < 0 || mo < 0 || d < 0) return undefined
  return civilDays(hi * 100 + lo, mo, d)
}

/** `HH:MM[:SS[.ffffff]]`, then an optional offset `Z`, `±HH`, `±HH:MM`, `±HHMM`. */
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([zZ])|([+-])(\d{2})(?::?(\d{2}))?)?$/

/** Microseconds of a clock time and its offset east of UTC in microseconds (null when none given). */
function clockMicros(text: string): { micros: bigint; offset: bigint | null; exact: boolean } | undefined {
  const m = TIME_TEXT.exec(text)
  if (!m) return undefined
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)]
  if (mi > 59 || s > 60 || h > 24 || (h === 24 && (mi > 0 || s > 0))) return undefined
  const frac = m[4] ?? ''
  // Digits past the microsecond would be rounded away: exact only when they are zeros.
  const exact = !/[^0]/.test(frac.slice(6))
  const micros = BigInt(h * 3600 + mi * 60 + s) * 1_000_000n + BigInt(frac.slice(0, 6).padEnd(6, '0'))
  let offset: bigint | null = null
  if (m[5]) offset = 0n
  else if (m[6]) offset = (m[6] === '-' ? -1n : 1n) * BigInt(Number(m[7]) * 3600 + Number(m[8] ?? 0) * 60) * 1_000_000n
  return { micros, offset, exact }
}

const DAY_MICROS = 86_400_000_000n

/**
 * Microseconds since midnight. In a `tz` column (adjusted to UTC) an offset moves the time to UTC; a
 * time without one is taken as UTC. In a column without a zone an offset is refused: which clock it
 * meant is not known. A Date is its UTC time of day, as CSV spells it.
 */
export function timeMicros(v: unknown, tz: boolean): bigint | undefined {
  if (v instanceof Date) {
    const ms = v.getTime()
    return Number.isFinite(ms) ? BigInt(((ms % 86_400_000) + 86_400_000) % 86_400_000) * 1000n : undefined
  }
  if (typeof v !== 'string') return undefined
  const c = clockMicros(v.trim())
  if (!c || !c.exact) return undefined
  if (c.offset === null) return c.micros
  if (!tz) return undefined
  return (((c.micros - c.offset) % DAY_MICROS) + DAY_MICROS) % DAY_MICROS
}

const TIMESTAMP_TEXT = /^(-?\d{4,}-\d{2}-\d{2})(?:[ T](.+))?$/

/**
 * Microseconds since the epoch. Text `YYYY-MM-DD[ T]HH:MM[:SS[.ffffff]][offset]`: an offset moves a
 * `tz` column's instant to UTC and is refused in a column without a zone (see `timeMicros`); a Date is
 * its instant (milliseconds).
 */
export function timestampMicros(v: unknown, tz: boolean): bigint | undefined {
  const n = timestampMicrosValue(v, tz)
  return typeof n === 'number' ? BigInt(n) : n
}

/** `timestampMicros`, as a number for tdg's own spelling where the microseconds are a safe integer, else a bigint. */
export function timestampMicrosValue(v: unknown, tz: boolean): bigint | number | undefined {
  if (v instanceof Date) {
    const ms = v.getTime()
    return Number.isFinite(ms) ? BigInt(ms) * 1000n : undefined
  }
  if (typeof v !== 'string') return undefined
  // `YYYY-MM-DD HH:MM:SS`, `+00` for a zoned column: what tdg generates, read without a regex.
  if ((v.length === 19 || (tz && v.length === 22 && v.endsWith('+00'))) && v.charCodeAt(10) === 32 && v.charCodeAt(13) === 58 && v.charCodeAt(16) === 58) {
    // The date read in place: no slice (a new string per value).
    const days = isoDaysIn(v, 0)
    const h = digits2(v, 11)
    const mi = digits2(v, 14)
    const sec = digits2(v, 17)
    if (days !== undefined && h >= 0 && h < 24 && mi >= 0 && mi < 60 && sec >= 0 && sec < 60) {
      // No BigInt where the microseconds are a safe integer (years ~1685–2255).
      const micros = (days * 86_400 + h * 3600 + mi * 60 + sec) * 1_000_000
      return Number.isSafeInteger(micros) ? micros : BigInt(days * 86_400 + h * 3600 + mi * 60 + sec) * 1_000_000n
    }
  }
  const m = TIMESTAMP_TEXT.exec(v.trim())
  if (!m) return undefined
  const days = epochDays(m[1])
  if (days === undefined) return undefined
  if (m[2] === undefined) return BigInt(days) * DAY_MICROS
  const c = clockMicros(m[2].trim())
  if (!c || !c.exact) return undefined
  if (c.offset !== null && !tz) return undefined
  return BigInt(days) * DAY_MICROS + c.micros - (c.offset ?? 0n)
}

const UUID_TEXT = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i

const HEX_VALUE = new Int8Array(128).fill(-1)
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i
}

/** The canonical `8-4-4-4-12` spelling, decoded without a regex or an intermediate Buffer. */
function canonicalUuid(v: string): Uint8Array | undefined {
  const out = new Uint8Array(16)
  return canonicalUuidInto(v, out, 0) ? out : undefined
}

/**
 * The 16 bytes of a uuid in the canonical `8-4-4-4-12` spelling written to `out` at `at` (no object
 * per value); false, with `out` partly written, when `v` is not that spelling.
 */
export function canonicalUuidInto(v: string, out: Uint8Array, at: number): boolean {
  if (v.length !== 36) return false
  let j = at
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (v.charCodeAt(i) !== 45) return false
      i--
      continue
    }
    const a = v.charCodeAt(i)
    const b = v.charCodeAt(i + 1)
    const x = a < 128 ? (HEX_VALUE[a] as number) : -1
    const y = b < 128 ? (HEX_VALUE[b] as number) : -1
    if ((x | y) < 0) return false
    out[j++] = (x << 4) | y
  }
  return true
}

/** The 16 bytes of a uuid (text with or without dashes or braces, or 16 bytes). */
export function uuidBytes(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v.length === 16 ? v : undefined
  if (typeof v !== 'string') return undefined
  const fast = canonicalUuid(v)
  if (fast) return fast
  const m = UUID_TEXT.exec(v.trim())
  if (!m) return undefined
  return Uint8Array.from(Buffer.from(m.slice(1).join(''), 'hex'))
}

/** An integer value as a bigint (numbers that are whole, bigints, integer text); undefined otherwise. */
export function integerValue(v: unknown): bigint | undefined {
  if (typeof v === 'bigint') return v
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : undefined
  if (typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v)) return BigInt(v.trim())
  if (typeof v === 'boolean') return v ? 1n : 0n
  return undefined
}
