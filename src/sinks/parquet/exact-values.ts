/**
 * Exact conversions of cell values to Parquet's physical numbers: decimals to unscaled integers, dates to
 * days, times and timestamps to microseconds, uuids to 16 bytes. No float arithmetic on decimals or
 * fractions of a second, so nothing is rounded. Each returns `undefined` when the value cannot be
 * represented exactly; the caller refuses it naming table.column (never the value).
 */
import { daysFromCivil } from '../../generate/format.js'

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/**
 * The unscaled integer of a decimal value at `scale` (`12.5` at scale 2 → 1250n), checked against
 * `precision` digits. Text, numbers (their shortest round-trip spelling, what CSV writes) and bigints
 * are read; digits beyond the scale are accepted only when they are zeros.
 */
export function unscaledDecimal(v: unknown, scale: number, precision: number): bigint | undefined {
  let text: string
  if (typeof v === 'bigint') text = v.toString()
  else if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined
    text = String(v)
  } else if (typeof v === 'string') text = v.trim()
  else return undefined
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
  const m = DATE_TEXT.exec(v.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined
  const days = daysFromCivil(y, mo, d)
  // 2023-02-30 would roll into March: refuse it rather than write another day.
  return civilMatches(days, y, mo, d) ? days : undefined
}

function civilMatches(days: number, y: number, mo: number, d: number): boolean {
  const dt = new Date(days * 86_400_000)
  return dt.getUTCFullYear() === y && dt.getUTCMonth() + 1 === mo && dt.getUTCDate() === d
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
  if (v instanceof Date) {
    const ms = v.getTime()
    return Number.isFinite(ms) ? BigInt(ms) * 1000n : undefined
  }
  if (typeof v !== 'string') return undefined
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

/** The 16 bytes of a uuid (text with or without dashes or braces, or 16 bytes). */
export function uuidBytes(v: unknown): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v.length === 16 ? v : undefined
  if (typeof v !== 'string') return undefined
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
