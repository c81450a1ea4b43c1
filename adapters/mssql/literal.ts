/**
 * SQL literals in T-SQL spelling, for the SQL exporter: `N'…'` for character data (quotes doubled),
 * `0x…` for binary, `1`/`0` for bit, language-independent ISO 8601 text for dates and times
 * (`'2024-05-01'`, `'2024-05-01T10:20:30.123'`, `'…+00:00'` for datetimeoffset).
 */
import { match } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'
import type { Value } from '../../src/model/rows.js'

/** `N'…'` with embedded quotes doubled. */
export function nstring(s: string): string {
  return `N'${s.replace(/'/g, "''")}'`
}

/**
 * A table name as the string argument of `DBCC CHECKIDENT ('[schema].[table]', …)`: a plain `'…'` literal,
 * which SQL Server and the TDS-compatible servers (Babelfish) both accept — the latter reject `N'…'` there.
 * A name with non-ASCII characters keeps `N'…'`: a plain literal would pass through the database's code
 * page and could name another table (or none).
 */
export function tableNameString(qualified: string): string {
  return /^[\x20-\x7e]*$/.test(qualified) ? plain(qualified) : nstring(qualified)
}

/** `'…'` (non-Unicode: only for ASCII text such as dates, numbers and uuids). */
function plain(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

function hex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase()}`
}

/** A Date as the ISO text SQL Server reads the same whatever SET LANGUAGE / DATEFORMAT say. */
function dateText(d: Date, type: LogicalType): string {
  const iso = d.toISOString() // always UTC, millisecond precision
  return match(type)
    .with({ kind: 'date' }, () => iso.slice(0, 10))
    .with({ kind: 'time' }, () => iso.slice(11, 23))
    .with({ kind: 'timestamp', tz: true }, () => `${iso.slice(0, 23)}+00:00`)
    .otherwise(() => iso.slice(0, 23))
}

/** A number as T-SQL: finite numbers bare; NaN and ±Infinity have no T-SQL form and become NULL. */
function numberLiteral(n: number): string {
  return Number.isFinite(n) ? String(n) : 'NULL'
}

/**
 * A literal for `value` in a column of logical type `type`. Booleans are bit 1/0; json values that are
 * not strings are serialised into `N'…'`; arrays and objects too (SQL Server has no array type).
 */
export function mssqlLiteral(value: Value, type: LogicalType): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'number') {
    return match(type)
      .with({ kind: 'boolean' }, () => (value ? '1' : '0'))
      .with({ kind: 'string' }, { kind: 'text' }, { kind: 'enum' }, { kind: 'set' }, { kind: 'json' }, () => nstring(String(value)))
      .otherwise(() => numberLiteral(value))
  }
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'string') {
    return match(type)
      // `datetime` reads '2020-04-14 03:35:21' and '2020-04-14' by SET DATEFORMAT / LANGUAGE (ydm under dmy);
      // with a `T` (and a time) the text is ISO 8601, read the same way under every setting.
      .with({ kind: 'timestamp' }, () => plain(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00` : value.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T')))
      .with({ kind: 'date' }, { kind: 'time' }, { kind: 'uuid' }, () => plain(value))
      .with({ kind: 'decimal' }, { kind: 'integer' }, { kind: 'float' }, () => (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) ? value : nstring(value)))
      .with({ kind: 'boolean' }, () => (['1', 't', 'true', 'y', 'yes', 'on'].includes(value.toLowerCase()) ? '1' : '0'))
      .with({ kind: 'binary' }, () => hex(Buffer.from(value, 'utf8')))
      .otherwise(() => nstring(value))
  }
  if (value instanceof Date) return plain(dateText(value, type))
  if (value instanceof Uint8Array) return hex(value)
  return nstring(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))
}
