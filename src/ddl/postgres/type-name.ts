/**
 * A parsed TypeName → the canonical spelling `format_type()` gives in a live catalog, plus what the
 * name refers to (builtin, enum, domain, serial pseudo-type). Keeping the spelling identical is what
 * lets a DDL file and an introspected database map through the same `dialect.toLogicalType`.
 */
import type { Node, TypeName } from 'libpg-query'
import type { LogicalType } from '../../model/schema.js'
import { nodeAs, strings } from './ast.js'
import { displayTypeName, enumModelName } from './names.js'
import type { DdlState } from './state.js'

/** What a column's declared type resolved to. */
export interface ResolvedType {
  nativeType: string
  type: LogicalType
  /** For serial/bigserial/smallserial. */
  serial?: boolean
  /** Display name of the domain the column is declared with. */
  domain?: string
  domainNotNull?: boolean
  /** True when tdg does not know the type (an Issue is due). */
  unknown?: boolean
}

const SIMPLE: Record<string, string> = {
  int2: 'smallint', int4: 'integer', int8: 'bigint', int: 'integer', integer: 'integer', smallint: 'smallint', bigint: 'bigint',
  float4: 'real', real: 'real', float8: 'double precision', bool: 'boolean', boolean: 'boolean',
  timestamptz: 'timestamp with time zone', timetz: 'time with time zone', char: '"char"', decimal: 'numeric',
}
const SERIALS: Record<string, string> = {
  serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint',
}

/** Builtins whose spelling depends on modifiers. */
const MODDED = new Set(['varchar', 'bpchar', 'numeric', 'bit', 'varbit', 'time', 'timestamp', 'interval'])

// Interval field masks (1 << YEAR=2, MONTH=1, DAY=3, HOUR=10, MINUTE=11, SECOND=12) as format_type prints them.
const INTERVAL_FIELDS: Record<number, string> = {
  4: 'year', 2: 'month', 8: 'day', 1024: 'hour', 2048: 'minute', 4096: 'second', 6: 'year to month',
  1032: 'day to hour', 3080: 'day to minute', 7176: 'day to second', 3072: 'hour to minute', 7168: 'hour to second', 6144: 'minute to second',
}

function typmods(tn: TypeName): number[] {
  return (tn.typmods ?? []).map((m: Node) => {
    const c = nodeAs<{ ival?: { ival?: number } }>(m, 'A_Const')
    return c?.ival ? (c.ival.ival ?? 0) : NaN
  })
}

/** Canonical spelling of a builtin type from its (pg_catalog) name and modifiers. */
function builtinName(name: string, mods: number[]): string {
  const m = mods.filter((x) => !Number.isNaN(x))
  const paren = (xs: number[]) => (xs.length > 0 ? `(${xs.join(',')})` : '')
  switch (name) {
    case 'varchar': return `character varying${paren(m.slice(0, 1))}`
    case 'bpchar': return m.length > 0 ? `character${paren(m.slice(0, 1))}` : 'bpchar'
    case 'numeric': return m.length === 0 ? 'numeric' : `numeric(${m[0]},${m[1] ?? 0})`
    case 'bit': return `bit${paren(m.slice(0, 1))}`
    case 'varbit': return `bit varying${paren(m.slice(0, 1))}`
    case 'time': return `time${paren(m.slice(0, 1))} without time zone`
    case 'timetz': return `time${paren(m.slice(0, 1))} with time zone`
    case 'timestamp': return `timestamp${paren(m.slice(0, 1))} without time zone`
    case 'timestamptz': return `timestamp${paren(m.slice(0, 1))} with time zone`
    case 'interval': {
      const [mask, precision] = m
      const fields = mask !== undefined && mask !== 0x7fff ? INTERVAL_FIELDS[mask] : undefined
      const p = precision !== undefined && precision !== 0xffff ? `(${precision})` : ''
      return fields ? `interval ${fields}${p}` : `interval${p}`
    }
    default: return SIMPLE[name] ?? name
  }
}

/**
 * Resolve a column or domain type. User types (enums, domains) are looked up through the search_path;
 * anything else is treated as a builtin or extension type and spelled as `format_type` would.
 */
export function resolveType(state: DdlState, tn: TypeName): ResolvedType {
  const names = strings(tn.names)
  const isArray = (tn.arrayBounds?.length ?? 0) > 0
  const name = names[names.length - 1] ?? ''
  const schema = names.length > 1 ? names[names.length - 2] : undefined
  const wrap = (r: ResolvedType): ResolvedType =>
    isArray ? { ...r, nativeType: `${r.nativeType}[]`, type: { kind: 'array', element: r.type } } : r

  if (schema !== 'pg_catalog') {
    const en = state.findEnum(schema, name)
    if (en) {
      const display = displayTypeName(en.schema ?? 'public', en.name)
      return wrap({ nativeType: display, type: { kind: 'enum', values: [...en.values], name: enumModelName(en.schema ?? 'public', en.name) } })
    }
    const dom = state.findDomain(schema, name)
    if (dom) {
      const d = dom.domain
      return wrap({
        nativeType: d.baseType, type: dom.baseLogical,
        domain: displayTypeName(d.schema ?? 'public', d.name), domainNotNull: !d.nullable,
      })
    }
    const serialBase = schema === undefined ? SERIALS[name] : undefined
    if (serialBase) return { nativeType: serialBase, type: state.dialect.toLogicalType(serialBase), serial: true }
  }
  const builtin = schema === 'pg_catalog' || (schema === undefined && (name in SIMPLE || MODDED.has(name)))
  const nativeType = builtin ? builtinName(name, typmods(tn)) : displayTypeName(schema ?? 'public', name)
  const type = state.dialect.toLogicalType(nativeType)
  return wrap({ nativeType, type, unknown: type.kind === 'unknown' })
}
