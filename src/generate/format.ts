/**
 * Fast text forms of generated values: dates, times, timestamps, intervals, uuids.
 * Integer arithmetic and lookup tables, no Date objects per value.
 */

import { Buffer } from 'node:buffer'

const HEX: string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'))
const PAD2: string[] = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'))
let timeTable: ((s: number) => string) | undefined

/** Days since 1970-01-01 → [year, month, day] (Howard Hinnant's civil_from_days). */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d]
}

/** [year, month, day] → days since 1970-01-01. */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** `YYYY-MM-DD` for days since the epoch (years 0–9999). */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days)
  return `${String(y).padStart(4, '0')}-${PAD2[m]}-${PAD2[d]}`
}

/** `HH:MM:SS` for seconds of the day, from a table filled as it is read. */
export function formatTime(secondOfDay: number): string {
  const t = (timeTable ??= timeTableOf())
  return t(secondOfDay)
}

let timeSpaceTable: ((s: number) => string) | undefined
let timeTzTable: ((s: number) => string) | undefined

/**
 * `prefix HH:MM:SS suffix` per second of the day, each string made the first time it is asked for and kept
 * (filling all 86,400 up front was a noticeable part of seeding a few rows).
 */
function timeTableOf(prefix = '', suffix = ''): (s: number) => string {
  const out = new Array<string | undefined>(86400)
  return (s) => (out[s] ??= `${prefix}${PAD2[Math.floor(s / 3600)]}:${PAD2[Math.floor(s / 60) % 60]}:${PAD2[s % 60]}${suffix}`)
}

/** A per-generator cache of date strings over a day range (dates repeat a lot; strings are immutable). */
export function dateFormatter(minDay: number, maxDay: number): (days: number) => string {
  const span = maxDay - minDay + 1
  if (span > 400_000 || span <= 0) return formatDate
  const cache = new Array<string | undefined>(span)
  return (days) => (cache[days - minDay] ??= formatDate(days))
}

/** Parse `YYYY-MM-DD[ T]HH:MM[:SS]` (UTC unless an offset is given) to seconds; NaN when not a timestamp. */
export function parseTimestamp(text: string): number {
  const t = text.trim().replace(' ', 'T')
  const withZone = /([zZ]|[+-]\d\d(:?\d\d)?)$/.test(t) && t.includes('T') ? t : t.includes('T') ? `${t}Z` : `${t}T00:00:00Z`
  const ms = Date.parse(withZone.replace(/([+-]\d\d)$/, '$1:00'))
  return Number.isNaN(ms) ? NaN : Math.floor(ms / 1000)
}

/** Parse `YYYY-MM-DD` to days since the epoch; NaN when not a date. */
export function parseDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim())
  return m ? daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) : NaN
}

/** Parse `HH:MM[:SS]` to seconds of the day; NaN otherwise. */
export function parseTime(text: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text.trim())
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0) : NaN
}

/** `YYYY-MM-DD HH:MM:SS` (+`+00` with a zone) for seconds since the epoch. */
export function timestampFormatter(minSec: number, maxSec: number, tz: boolean): (sec: number) => string {
  const date = dateFormatter(Math.floor(minSec / 86400), Math.floor(maxSec / 86400))
  // ' HH:MM:SS[+00]' per second of the day, so a timestamp is one concatenation of two flat strings.
  const times = tz ? (timeTzTable ??= timeTableOf(' ', '+00')) : (timeSpaceTable ??= timeTableOf(' ', ''))
  return (sec) => {
    const day = Math.floor(sec / 86400)
    return date(day) + times(sec - day * 86400)
  }
}

/** PostgreSQL interval text for a number of seconds: `3 days 04:05:06`. */
export function formatInterval(seconds: number): string {
  const days = Math.floor(seconds / 86400)
  return `${days} days ${formatTime(seconds - days * 86400)}`
}

const HEX_CODES = new Uint8Array(512)
for (let b = 0; b < 256; b++) {
  HEX_CODES[2 * b] = HEX[b]!.charCodeAt(0)
  HEX_CODES[2 * b + 1] = HEX[b]!.charCodeAt(1)
}
/** Scratch for uuid text: one flat string per uuid instead of a rope of 20 concatenations. */
const UUID = Buffer.alloc(36, 45)

function hexWord(at: number, w: number): void {
  let b = w >>> 24
  UUID[at] = HEX_CODES[2 * b]!
  UUID[at + 1] = HEX_CODES[2 * b + 1]!
  b = (w >>> 16) & 255
  UUID[at + 2] = HEX_CODES[2 * b]!
  UUID[at + 3] = HEX_CODES[2 * b + 1]!
}

/** The 16 bytes `formatUuid` spells, written big-endian to `out` at `at` (what a uuid column stores). */
export function uuidInto(w0: number, w1: number, w2: number, w3: number, out: Uint8Array, at: number): void {
  putWord(out, at, w0)
  putWord(out, at + 4, (w1 & 0xffff0fff) | 0x4000)
  putWord(out, at + 8, (w2 & 0x3fffffff) | 0x80000000)
  putWord(out, at + 12, w3)
}

function putWord(out: Uint8Array, at: number, w: number): void {
  out[at] = w >>> 24
  out[at + 1] = (w >>> 16) & 255
  out[at + 2] = (w >>> 8) & 255
  out[at + 3] = w & 255
}

/** A version-4-shaped uuid from four 32-bit words (version and variant bits forced; `w0` kept intact). */
export function formatUuid(w0: number, w1: number, w2: number, w3: number): string {
  const a = (w1 & 0xffff0fff) | 0x4000
  const b = ((w2 & 0x3fffffff) | 0x80000000) >>> 0
  hexWord(0, w0)
  hexWord(4, w0 << 16)
  hexWord(9, a)
  hexWord(14, a << 16)
  hexWord(19, b)
  hexWord(24, b << 16)
  hexWord(28, w3)
  hexWord(32, w3 << 16)
  return UUID.toString('latin1', 0, 36)
}
