/**
 * SQL Server native ↔ logical types. Input is the catalog spelling both the live introspector and the
 * DDL parser produce: `TYPE_NAME(system_type_id)` plus length (in characters for n-types, `max` for
 * the large ones), precision/scale or fractional-second scale: `nvarchar(40)`, `nvarchar(max)`,
 * `decimal(12,2)`, `datetime2(7)`, `varbinary(max)`, `int`, `uniqueidentifier`.
 */
import { match, P } from 'ts-pattern'
import type { LogicalType } from '../../src/model/schema.js'

/** `name(a[,b])` → name and its arguments (`max` kept as text). */
function split(native: string): { base: string; args: string[] } {
  const m = /^\s*([a-z_0-9 ]+?)\s*(?:\(([^)]*)\))?\s*$/i.exec(native)
  if (!m) return { base: native.trim().toLowerCase(), args: [] }
  return { base: (m[1] as string).toLowerCase(), args: m[2] ? m[2].split(',').map((s) => s.trim().toLowerCase()) : [] }
}

/**
 * Map a canonical SQL Server type to a logical type. `(max)` strings are `text`; `tinyint` is an
 * unsigned byte; `money` is decimal(19,4); `rowversion` is 8 binary bytes the server writes itself;
 * `xml`, `sql_variant`, `hierarchyid` and the spatial types are `unknown` (written as NULL or default).
 */
export function mssqlLogicalType(nativeType: string): LogicalType {
  const { base, args } = split(nativeType)
  const len = args[0]
  const max = len === 'max'
  const n = len !== undefined && !max ? Number(len) : undefined
  return match(base)
    .returnType<LogicalType>()
    .with('bigint', () => ({ kind: 'integer', bytes: 8 }))
    .with('int', 'integer', () => ({ kind: 'integer', bytes: 4 }))
    .with('smallint', () => ({ kind: 'integer', bytes: 2 }))
    .with('tinyint', () => ({ kind: 'integer', bytes: 1, unsigned: true }))
    .with('bit', () => ({ kind: 'boolean' }))
    .with('decimal', 'numeric', () => ({ kind: 'decimal', precision: Number(args[0] ?? 18), scale: Number(args[1] ?? 0) }))
    .with('money', () => ({ kind: 'decimal', precision: 19, scale: 4 }))
    .with('smallmoney', () => ({ kind: 'decimal', precision: 10, scale: 4 }))
    .with('float', () => ({ kind: 'float', bytes: 8 }))
    .with('real', () => ({ kind: 'float', bytes: 4 }))
    .with('date', () => ({ kind: 'date' }))
    .with('time', () => ({ kind: 'time' }))
    .with('datetime', 'datetime2', 'smalldatetime', () => ({ kind: 'timestamp', tz: false }))
    .with('datetimeoffset', () => ({ kind: 'timestamp', tz: true }))
    .with('char', 'nchar', () => ({ kind: 'string', maxLength: n ?? 1, fixed: true }))
    .with('varchar', 'nvarchar', () => (max ? { kind: 'text' } : { kind: 'string', maxLength: n ?? 1 }))
    .with('text', 'ntext', () => ({ kind: 'text' }))
    .with('sysname', () => ({ kind: 'string', maxLength: 128 }))
    .with('uniqueidentifier', () => ({ kind: 'uuid' }))
    .with('binary', () => ({ kind: 'binary', maxLength: n ?? 1 }))
    .with('varbinary', () => (max ? { kind: 'binary' } : { kind: 'binary', maxLength: n ?? 1 }))
    .with('image', () => ({ kind: 'binary' }))
    .with('rowversion', 'timestamp', () => ({ kind: 'binary', maxLength: 8 }))
    .with(P.string, () => ({ kind: 'unknown', native: nativeType }))
    .exhaustive()
}

/**
 * The canonical spelling from catalog numbers (sys.columns / sys.types): `name` is
 * `TYPE_NAME(system_type_id)`, `maxLength` in bytes (-1 = max), `precision`/`scale` as stored.
 */
export function mssqlNativeType(name: string, maxLength: number, precision: number, scale: number): string {
  const base = name.toLowerCase()
  if (base === 'timestamp') return 'rowversion'
  if (base === 'sysname') return 'nvarchar(128)'
  if (base === 'varchar' || base === 'char' || base === 'varbinary' || base === 'binary') return `${base}(${maxLength === -1 ? 'max' : maxLength})`
  if (base === 'nvarchar' || base === 'nchar') return `${base}(${maxLength === -1 ? 'max' : maxLength / 2})`
  if (base === 'decimal' || base === 'numeric') return `${base}(${precision},${scale})`
  if (base === 'datetime2' || base === 'time' || base === 'datetimeoffset') return `${base}(${scale})`
  return base
}
