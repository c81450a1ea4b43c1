/**
 * Live SQL Server catalog → `Introspection` (the same shape the T-SQL DDL parser produces).
 * One catalog query per concern (catalog.ts); this file assembles their rows.
 */
import type { ConnectionPool } from 'mssql'
import type { SqlDialect } from '../../src/adapter/adapter.js'
import { analyzeCheck } from '../../src/adapter/check-shape.js'
import { TdgError, type Issue } from '../../src/errors.js'
import type { Introspection } from '../../src/model/introspection.js'
import type { Column, DomainType, FkAction, ForeignKey, Table } from '../../src/model/schema.js'
import * as q from './catalog.js'
import { mssqlNativeType } from './types.js'

const FK_ACTIONS: Record<string, FkAction> = { NO_ACTION: 'no action', CASCADE: 'cascade', SET_NULL: 'set null', SET_DEFAULT: 'set default' }

/** `(expr)` → `expr`: the catalog wraps definitions in one pair of parentheses. */
export function unwrap(definition: string): string {
  const s = definition.trim()
  if (!s.startsWith('(') || !s.endsWith(')')) return s
  let depth = 0
  let inStr = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === "'") inStr = !inStr
    if (inStr) continue
    if (c === '(') depth++
    else if (c === ')' && --depth === 0 && i < s.length - 1) return s
  }
  return s.slice(1, -1).trim()
}

async function rows<T>(pool: ConnectionPool, sql: string): Promise<T[]> {
  // Object rows here (not the read path's array rows): catalog queries name their columns.
  const req = pool.request()
  req.arrayRowMode = false
  return (await req.query<T>(sql)).recordset ?? []
}

/**
 * Read tables, columns, keys, uniques, checks and alias types of `schemas` (every user schema when
 * empty). Catalog failures throw TDG_INTROSPECT_FAILED with the driver error as cause.
 */
export async function introspectMssql(pool: ConnectionPool, dialect: SqlDialect, schemas: string[]): Promise<Introspection> {
  try {
    return await read(pool, dialect, schemas)
  } catch (e) {
    if (e instanceof TdgError) throw e
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_INTROSPECT_FAILED', `reading the catalog of ${schemas.length > 0 ? `schema(s) ${schemas.join(', ')}` : 'the database'} failed: ${reason}`, { schemas }, { cause: e })
  }
}

async function read(pool: ConnectionPool, dialect: SqlDialect, schemas: string[]): Promise<Introspection> {
  const issues: Issue[] = []
  const ids = q.tableIds(schemas)
  const tableRows = await rows<q.TableRow>(pool, q.tablesSql(ids))
  const columnRows = await rows<q.ColumnRow>(pool, q.columnsSql(ids))
  const indexRows = await rows<q.IndexRow>(pool, q.uniqueIndexesSql(ids))
  const fkRows = await rows<q.ForeignKeyRow>(pool, q.foreignKeysSql(ids))
  const checkRows = await rows<q.CheckRow>(pool, q.checksSql(ids))
  const typeRows = await rows<q.UserTypeRow>(pool, q.USER_TYPES_SQL)

  const tables = new Map<number, Table>()
  for (const t of tableRows) tables.set(t.object_id, { schema: t.schema, name: t.name, columns: [], uniques: [], foreignKeys: [], checks: [] })

  for (const c of columnRows) {
    const table = tables.get(c.object_id)
    if (table) table.columns.push(columnFromRow(c, table.name, dialect, issues))
  }

  // Unique indexes arrive one row per key column, grouped by (table, name).
  for (const [key, group] of groupBy(indexRows, (r) => `${r.object_id}\u0000${r.name}`)) {
    const first = group[0] as q.IndexRow
    const table = tables.get(first.object_id)
    if (!table || key === '') continue
    const columns = group.map((r) => r.column_name)
    if (first.is_primary_key) table.primaryKey = { name: first.name, columns }
    else if (first.has_filter) issues.push({ code: 'INDEX_PARTIAL', message: `filtered unique index ${first.name} on ${table.name} is not modelled`, table: table.name })
    else table.uniques.push({ name: first.name, columns })
  }

  for (const [, group] of groupBy(fkRows, (r) => `${r.object_id}\u0000${r.name}`)) {
    const first = group[0] as q.ForeignKeyRow
    const table = tables.get(first.object_id)
    if (!table) continue
    const fk: ForeignKey = {
      name: first.name,
      columns: group.map((r) => r.column_name),
      references: { schema: first.ref_schema, table: first.ref_table, columns: group.map((r) => r.ref_column) },
      onDelete: FK_ACTIONS[first.on_delete] ?? 'no action',
      onUpdate: FK_ACTIONS[first.on_update] ?? 'no action',
      deferrable: false,
      initiallyDeferred: false,
    }
    table.foreignKeys.push(fk)
  }

  for (const k of checkRows) {
    const table = tables.get(k.object_id)
    if (!table) continue
    const expression = unwrap(k.definition)
    const { parsed, fullyParsed } = analyzeCheck(expression)
    if (!fullyParsed) issues.push({ code: 'CHECK_UNPARSED', message: `CHECK ${k.name} on ${table.name}: ${expression} is not fully understood; generated rows may violate it`, table: table.name })
    table.checks.push({ name: k.name, expression, parsed, fullyParsed })
  }

  const domains: DomainType[] = typeRows.map((t) => ({
    schema: t.schema,
    name: t.name,
    baseType: mssqlNativeType(t.base, t.max_length, t.precision, t.scale),
    nullable: t.is_nullable,
    checks: [],
  }))
  const ordered = [...tables.values()].map(({ schema, name, columns, primaryKey, uniques, foreignKeys, checks }): Table => ({
    schema,
    name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks,
  }))
  return { model: { dialect: 'mssql', tables: ordered, enums: [], domains }, issues }
}

/**
 * One catalog column row → a model Column. A column of an alias type declared NOT NULL (`sp_addtype
 * …, 'NOT NULL'`, `CREATE TYPE … FROM … NOT NULL`) is NOT NULL even where the server's sys.columns says
 * otherwise (TDS-compatible servers implement such types as a domain constraint and report the column
 * nullable); on SQL Server an explicit `NULL` on such a column loses, which only means tdg writes no NULLs.
 */
export function columnFromRow(c: q.ColumnRow, tableName: string, dialect: SqlDialect, issues: Issue[]): Column {
  const nativeType = mssqlNativeType(c.type_name, c.max_length, c.precision, c.scale)
  const type = dialect.toLogicalType(nativeType)
  const nullable = c.is_nullable && (c.user_type === null || c.type_is_nullable !== false)
  const col: Column = { name: c.name, nativeType, type, nullable }
  if (c.user_type !== null) col.domain = c.user_type
  if (c.is_computed) col.generated = { expression: unwrap(c.computed_definition ?? ''), stored: c.is_persisted === true }
  else if (nativeType === 'rowversion') col.generated = { expression: 'rowversion', stored: true }
  else if (c.generated_always_type !== 0) col.generated = { expression: 'system time', stored: true }
  else if (type.kind === 'unknown') {
    const what = nullable ? 'it is written as NULL (or its default)' : 'it is NOT NULL: give it a DEFAULT or a rule'
    issues.push({ code: 'TYPE_UNKNOWN', message: `column ${tableName}.${c.name} has type ${nativeType}, which tdg cannot generate; ${what}`, table: tableName, column: c.name })
  }
  if (c.is_identity) col.identity = { kind: 'always', start: Number(c.seed ?? 1), increment: Number(c.increment ?? 1) }
  if (c.default_definition !== null) col.default = dialect.classifyDefault(c.default_definition)
  return col
}

function groupBy<T>(items: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const x of items) {
    const k = key(x)
    const list = out.get(k)
    if (list) list.push(x)
    else out.set(k, [x])
  }
  return out
}
