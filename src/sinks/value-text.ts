/**
 * Text spellings of values shared by the file encoders: dates by column type, bytes as hex, and
 * PostgreSQL array literals (what `COPY … CSV` and `psql \copy` read back into array columns).
 */
import { match, P } from 'ts-pattern'
import type { Value } from '../model/rows.js'
import type { LogicalType } from '../model/schema.js'
import { jsonValue } from './json-value.js'

/** Spells a Date as text. */
export type DateSpelling = (d: Date) => string

const fullIso: DateSpelling = (d) => d.toISOString()
const dateOnly: DateSpelling = (d) => d.toISOString().slice(0, 10)
const timeOnly: DateSpelling = (d) => d.toISOString().slice(11, 23)

/**
 * How a column spells Dates, chosen once per column: `YYYY-MM-DD` in a date column, `HH:MM:SS.sss` in a
 * time column, else the full UTC instant (`toISOString()`). The spellings throw RangeError for an
 * invalid Date.
 */
export function dateSpelling(type: LogicalType | undefined): DateSpelling {
  return match(type)
    .with({ kind: 'date' }, () => dateOnly)
    .with({ kind: 'time' }, () => timeOnly)
    .otherwise(() => fullIso)
}

/** ISO 8601 text for a Date in a column of `type` (see `dateSpelling`). */
export function dateText(d: Date, type: LogicalType | undefined): string {
  return dateSpelling(type)(d)
}

/** View bytes as a Buffer without copying. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** PostgreSQL bytea hex input: `\x` followed by lowercase hex. */
export function byteaHex(bytes: Uint8Array): string {
  return `\\x${asBuffer(bytes).toString('hex')}`
}

// An element must be quoted when it is empty, spells NULL, or holds a character the array parser treats
// specially: braces, quote, comma, backslash or white space.
const NEEDS_ARRAY_QUOTES = /^$|^null$|[{}",\\\s]/i

/** The element type of an array type, or undefined. */
function elementType(type: LogicalType | undefined): LogicalType | undefined {
  return match(type)
    .with({ kind: 'array', element: P.select() }, (e) => e)
    .otherwise(() => undefined)
}

/**
 * PostgreSQL array-literal text, e.g. `{1,"a b",NULL,{2,3}}`: NULL elements bare, strings quoted when
 * they need it with `\` and `"` backslash-escaped, nested arrays as nested braces, objects as JSON text,
 * bytes as `\x…`, dates by the element type (see `dateText`).
 */
export function pgArrayText(values: readonly Value[], type: LogicalType | undefined): string {
  const elem = elementType(type) ?? type
  const date = dateSpelling(elem)
  const parts = values.map((v): string => {
    if (v === null || v === undefined) return 'NULL'
    if (Array.isArray(v)) return pgArrayText(v, elem)
    if (typeof v === 'number') return String(v) // NaN/Infinity/-Infinity: PostgreSQL's spelling
    if (typeof v === 'bigint') return v.toString()
    if (typeof v === 'boolean') return v ? 't' : 'f'
    let s: string
    if (typeof v === 'string') s = v
    else if (v instanceof Date) s = date(v)
    else if (v instanceof Uint8Array) s = byteaHex(v)
    else s = jsonValue(v)
    return NEEDS_ARRAY_QUOTES.test(s) ? `"${s.replace(/[\\"]/g, '\\$&')}"` : s
  })
  return `{${parts.join(',')}}`
}
