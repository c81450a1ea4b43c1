/**
 * How tdg values become SQLite values: the one conversion shared by the SQL literal writer and the
 * bound-parameter insert path, so a value exported as SQL and a value inserted directly are the same text.
 */
import { match } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'
import type { Value } from '../../src/model/rows.js'

/** What better-sqlite3 binds: it rejects booleans, Dates and plain objects. */
export type SqliteBindable = string | number | bigint | Buffer | null

/**
 * Text for a Date: `YYYY-MM-DD` for a date column, `HH:MM:SS.sss` for a time column, else full ISO 8601
 * (UTC, `…T…Z`), which SQLite's date functions read back. Without a type, full ISO.
 */
export function dateText(d: Date, type?: LogicalType): string {
  const iso = d.toISOString()
  return match(type)
    .with({ kind: 'date' }, () => iso.slice(0, 10))
    .with({ kind: 'time' }, () => iso.slice(11, 23))
    .otherwise(() => iso)
}

/** Timestamp/time columns with a zone: their generated text carries an offset. */
function zoned(type: LogicalType): boolean {
  return (type.kind === 'timestamp' || type.kind === 'time') && type.tz === true
}

/** An offset of hours only at the end (`+00`, `-05`), the form PostgreSQL prints and tdg generates. */
const HOUR_OFFSET = /[+-]\d\d$/

/**
 * Zoned text in a form SQLite's date functions read: they need `±HH:MM` or `Z` and return NULL for a
 * bare `±HH` (`datetime('2021-12-07 09:41:16+00')` is NULL), so `+00` becomes `+00:00`. Other text is kept.
 */
export function sqliteZoneText(text: string): string {
  return HOUR_OFFSET.test(text) ? `${text}:00` : text
}

/**
 * Convert a value for binding: booleans → 1/0, Date → text (see `dateText`), zoned timestamp/time text
 * → `±HH:MM` offsets (see `sqliteZoneText`), Uint8Array → Buffer,
 * arrays/objects → JSON text; strings, numbers, bigints and null pass through.
 */
export function toSqliteValue(value: Value, type?: LogicalType): SqliteBindable {
  // Plain typeof checks: ts-pattern over the recursive Value type is too deep for the compiler.
  if (typeof value === 'string') return type !== undefined && zoned(type) ? sqliteZoneText(value) : value
  if (value === null || typeof value === 'number' || typeof value === 'bigint') return value
  if (typeof value === 'boolean') return value ? 1 : 0
  if (value instanceof Date) return dateText(value, type)
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)
  return JSON.stringify(value)
}
