/**
 * Reading cells of any source the same way: a database driver's values (numbers, bigints, Dates, ISO
 * text) and file text (CSV gives strings only) become numbers, instants, booleans and text.
 */
import type { Value } from '../model/rows.js'

/** The cell as trimmed text; `undefined` for NULL, binary, arrays and objects. */
export function text(v: Value | undefined): string | undefined {
  if (v === null || v === undefined) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString()
  return undefined
}

/** The cell as a finite number; `undefined` when it is not one. */
export function num(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v)
  return undefined
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/

/**
 * The cell as an instant in ms since the epoch; `undefined` when it is not a date or timestamp. Text
 * without a zone is read as UTC (tdg writes UTC, and both sides of one comparison are read alike).
 * Numbers are not dates here: epoch seconds and Julian days cannot be told apart by value.
 */
export function instant(v: Value | undefined): number | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.getTime()
  if (typeof v !== 'string') return undefined
  const s = v.trim()
  const d = DATE_ONLY.exec(s)
  if (d) return Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))
  const m = DATE_TIME.exec(s)
  if (!m) return undefined
  const base = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Math.round(Number(m[7] ?? 0) * 1000))
  const zone = m[8]
  if (!zone || zone === 'Z') return base
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!
  const offset = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000
  return z[1] === '+' ? base - offset : base + offset
}

/** Start of the UTC day of an instant: comparisons with a DATE column are made per day. */
export function day(ms: number): number {
  return Math.floor(ms / 86_400_000) * 86_400_000
}

/** The cell as a boolean (true/false, t/f, 1/0, yes/no, y/n); `undefined` otherwise. */
export function bool(v: Value | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) === 1 ? true : Number(v) === 0 ? false : undefined
  if (typeof v !== 'string') return undefined
  const s = v.trim().toLowerCase()
  if (['true', 't', '1', 'yes', 'y'].includes(s)) return true
  if (['false', 'f', '0', 'no', 'n'].includes(s)) return false
  return undefined
}

/** Lowercase letters only, accents stripped: `José-María` → `josemaria`. */
export function letters(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
}

/** A key for joining cells across tables of one source (`1`, `1n` and `'1'` are one key). */
export function joinKey(values: Array<Value | undefined>): string | undefined {
  const parts: string[] = []
  for (const v of values) {
    const t = text(v)
    if (t === undefined) return undefined
    parts.push(t.trim())
  }
  return parts.join('\u0000')
}

const SECRET = /pass(word|wd)?|secret|token|(^|_)hash|_hash$|salt|api_?key|(^|_)ssn$|social_security|credit_?card|card_?number|cvv|cvc|iban|private|(^|_)otp|(^|_)pin$/

/** Columns whose values never appear in a report (examples show only row numbers). */
export function isSecret(snake: string): boolean {
  return SECRET.test(snake)
}

/** A short printable example of a value (at most 40 characters). */
export function shortValue(v: Value | undefined): string {
  const t = text(v)
  if (t === undefined) return v === null || v === undefined ? 'NULL' : '…'
  return t.length > 40 ? `${t.slice(0, 37)}…` : t
}
