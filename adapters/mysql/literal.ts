/**
 * Values → MySQL text: SQL literals (SQL exporter, fixups) and the plain text a column accepts
 * (LOAD DATA fields, INSERT parameters). Dates are written in UTC as `YYYY-MM-DD HH:MM:SS.ffffff`
 * (MySQL rejects ISO `T…Z`); tdg's sessions run with `time_zone = '+00:00'` so TIMESTAMP reads them as UTC.
 * Assumes the default sql_mode (backslash is an escape character in strings).
 */
import { match } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'
import type { Value } from '../../src/model/rows.js'

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\x1a': '\\Z' }

/** Quote a string as a MySQL literal: backslash, quote, NUL and Ctrl-Z escaped. */
export function quoteString(s: string): string {
  return `'${s.replace(/[\\'\0\x1a]/g, (c) => ESCAPES[c] as string)}'`
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** A Date as MySQL DATETIME text in UTC (`YYYY-MM-DD HH:MM:SS.mmm`), or only the date/time part. */
export function dateText(d: Date, type: LogicalType | undefined): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  if (type?.kind === 'date') return date
  if (type?.kind === 'time') return time
  return `${date} ${time}`
}

/** A trailing zone on timestamp text (`+00`, `+02:00`, `Z`): MySQL wants UTC text without one. */
const ZONED = /(?:[+-]\d{2}(?::?\d{2})?|Z)$/

/**
 * The text MySQL accepts for `value` in a column of `type`, or null for SQL NULL. Booleans → 1/0;
 * Date → UTC text; zoned timestamp text → UTC text; IPv4 text in an IPv6-only column → IPv4-mapped;
 * arrays/objects → JSON; set arrays → `a,b`.
 * Binary is returned as-is (the caller sends bytes).
 */
export function mysqlText(value: Value | undefined, type: LogicalType | undefined): string | Uint8Array | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') {
    if ((type?.kind === 'timestamp' || type?.kind === 'time') && ZONED.test(value)) return zonedToUtc(value, type)
    if (type?.kind === 'inet' && type.ipv6 === true) return ipv6Text(value)
    return value
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (value instanceof Date) return dateText(value, type)
  if (value instanceof Uint8Array) return value
  if (Array.isArray(value) && type?.kind === 'set') return value.map((v) => String(v)).join(',')
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

/** Dotted IPv4 text, as tdg generates it for inet columns. */
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * Address text an IPv6-only column (MariaDB INET6) accepts: IPv4 `a.b.c.d` becomes IPv4-mapped
 * `::ffff:a.b.c.d` (the same address; INET6 rejects bare IPv4), anything else is kept.
 */
export function ipv6Text(text: string): string {
  return IPV4.test(text) ? `::ffff:${text}` : text
}

function zonedToUtc(text: string, type: LogicalType): string {
  if (type.kind === 'time') return text.replace(ZONED, '')
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? text.replace(ZONED, '') : dateText(d, type)
}

/**
 * A MySQL literal for `value` in a column of logical type `type`: numbers bare (NaN/Infinity → NULL,
 * which MySQL cannot store), booleans 1/0 (TRUE/FALSE are the same), bytes as `X'…'`, the rest quoted.
 */
export function mysqlLiteral(value: Value, type: LogicalType): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'NULL'
    return match(type.kind)
      .with('string', 'text', 'enum', 'set', 'json', () => quoteString(String(value)))
      .otherwise(() => String(value))
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return mysqlText(value, type) as string
  if (value instanceof Uint8Array) return `X'${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`
  const text = mysqlText(value, type)
  return text === null ? 'NULL' : quoteString(text as string)
}
