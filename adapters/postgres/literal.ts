/**
 * SQL literals in PostgreSQL spelling, for the SQL exporter and for fixups written as text.
 * Assumes `standard_conforming_strings = on` (the default since 9.1): backslashes are not escapes.
 */
import { match } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'
import type { Value } from '../../src/model/rows.js'

/** Quote a string as a PostgreSQL literal, doubling embedded quotes. */
export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/** A number as SQL: finite numbers bare, NaN/±Infinity as quoted special values. */
function numberLiteral(n: number): string {
  if (Number.isNaN(n)) return "'NaN'"
  if (!Number.isFinite(n)) return n > 0 ? "'Infinity'" : "'-Infinity'"
  return String(n)
}

/**
 * A literal for `value` in a column of logical type `type`. Arrays are written as array-literal text
 * (`'{…}'`), which PostgreSQL coerces to any array type, enum arrays included; json values that are not
 * strings are serialised; Date gives ISO text (a date only for `date` columns).
 */
export function postgresLiteral(value: Value, type: LogicalType): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'boolean') {
    return match(type.kind)
      .with('integer', 'decimal', 'float', () => (value ? '1' : '0'))
      .otherwise(() => (value ? 'TRUE' : 'FALSE'))
  }
  if (typeof value === 'number') {
    return match(type)
      .with({ kind: 'boolean' }, () => (value ? 'TRUE' : 'FALSE'))
      .with({ kind: 'interval' }, () => quoteString(`${value} seconds`))
      .with({ kind: 'string' }, { kind: 'text' }, { kind: 'enum' }, { kind: 'json' }, () => quoteString(String(value)))
      .otherwise(() => numberLiteral(value))
  }
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'string') return quoteString(value)
  if (value instanceof Date) return quoteString(type.kind === 'date' ? isoDate(value) : value.toISOString())
  if (value instanceof Uint8Array) return `'\\x${hex(value)}'::bytea`
  if (Array.isArray(value)) {
    if (type.kind === 'json') return quoteString(JSON.stringify(value))
    return quoteString(arrayText(value))
  }
  return quoteString(JSON.stringify(value))
}

/** PostgreSQL array-literal text: `{1,"a b",NULL,{2,3}}`. */
function arrayText(values: Value[]): string {
  const parts = values.map((v): string => {
    if (v === null || v === undefined) return 'NULL'
    if (Array.isArray(v)) return arrayText(v)
    if (typeof v === 'number' || typeof v === 'bigint') return String(v)
    if (typeof v === 'boolean') return v ? 't' : 'f'
    let s: string
    if (v instanceof Date) s = v.toISOString()
    else if (v instanceof Uint8Array) s = `\\x${hex(v)}`
    else if (typeof v === 'string') s = v
    else s = JSON.stringify(v)
    return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
  })
  return `{${parts.join(',')}}`
}
