/**
 * PostgreSQL native ↔ logical types. Input is the canonical spelling `format_type(atttypid, atttypmod)`
 * gives (`character varying(40)`, `timestamp(6) with time zone`, `integer[]`), which is also what the DDL
 * parser produces, so both sources map through this one function.
 */
import { match, P } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'

/** `name(a[,b])…` → its numeric modifiers, e.g. `numeric(5,2)` → [5, 2]. */
function modifiers(native: string): number[] {
  const m = /\(([\d\s,]+)\)/.exec(native)
  return m?.[1] ? m[1].split(',').map((s) => Number(s.trim())) : []
}

/** The type name without modifiers: `character varying(40)` → `character varying`. */
function baseName(native: string): string {
  return native.replace(/\([^)]*\)/g, '').replace(/\s+/g, ' ').trim()
}

/**
 * Map a canonical PostgreSQL type name to a logical type. Arrays map to `{kind:'array'}` of their
 * element; names this function does not know (extension types, composites, enums it cannot see the
 * labels of) give `{kind:'unknown', native}` — enum columns are filled in by the introspector/parser.
 */
export function postgresLogicalType(nativeType: string): LogicalType {
  const native = nativeType.trim()
  if (native.endsWith('[]')) return { kind: 'array', element: postgresLogicalType(native.replace(/(\[\])+$/, '')) }
  const lower = native.toLowerCase()
  const mods = modifiers(lower)
  const base = baseName(lower)
  return match(base)
    .returnType<LogicalType>()
    .with('smallint', 'int2', () => ({ kind: 'integer', bytes: 2 }))
    .with('integer', 'int', 'int4', () => ({ kind: 'integer', bytes: 4 }))
    .with('bigint', 'int8', () => ({ kind: 'integer', bytes: 8 }))
    .with('oid', 'xid', 'cid', () => ({ kind: 'integer', bytes: 4, unsigned: true }))
    .with('numeric', 'decimal', () => decimal(mods))
    .with('money', () => ({ kind: 'decimal', scale: 2 }))
    .with('real', 'float4', () => ({ kind: 'float', bytes: 4 }))
    .with('double precision', 'float8', () => ({ kind: 'float', bytes: 8 }))
    .with('boolean', 'bool', () => ({ kind: 'boolean' }))
    .with('character varying', 'varchar', () => (mods[0] !== undefined ? { kind: 'string', maxLength: mods[0] } : { kind: 'string' }))
    .with('character', 'char', 'bpchar', () => ({ kind: 'string', maxLength: mods[0] ?? 1, fixed: true }))
    .with('"char"', () => ({ kind: 'string', maxLength: 1, fixed: true }))
    .with('name', () => ({ kind: 'string', maxLength: 63 }))
    .with('text', 'citext', () => ({ kind: 'text' }))
    .with('uuid', () => ({ kind: 'uuid' }))
    .with('date', () => ({ kind: 'date' }))
    .with('time without time zone', 'time', () => ({ kind: 'time', tz: false }))
    .with('time with time zone', 'timetz', () => ({ kind: 'time', tz: true }))
    .with('timestamp without time zone', 'timestamp', () => ({ kind: 'timestamp', tz: false }))
    .with('timestamp with time zone', 'timestamptz', () => ({ kind: 'timestamp', tz: true }))
    .with(P.string.startsWith('interval'), () => ({ kind: 'interval' }))
    .with('json', () => ({ kind: 'json' }))
    .with('jsonb', () => ({ kind: 'json', binary: true }))
    .with('bytea', () => ({ kind: 'binary' }))
    .with('inet', 'cidr', () => ({ kind: 'inet' }))
    .otherwise(() => ({ kind: 'unknown', native: nativeType }))
}

function decimal(mods: number[]): LogicalType {
  const [precision, scale] = mods
  if (precision === undefined) return { kind: 'decimal' }
  return { kind: 'decimal', precision, scale: scale ?? 0 }
}
