/**
 * What reads and writes need to know about one table: its quoted name, kind and columns.
 * Looked up on the connection doing the work, so it sees the transaction's own DDL.
 */
import type pg from 'pg'
import type { SqlDialect } from '../../src/adapter/adapter.js'
import { TdgError } from '../../src/errors.js'
import type { TableRef } from '../../src/model/schema.js'

export interface RelationColumn {
  name: string
  /** format_type spelling, usable in casts (`$1::character varying(40)`). */
  nativeType: string
  /** json/jsonb (also through a domain): non-string values are sent as JSON, arrays included. */
  json: boolean
  /** '' | 'a' (GENERATED ALWAYS AS IDENTITY) | 'd' (BY DEFAULT). */
  identity: string
  generated: boolean
  /** An array of an enum: pg has no parser for it, so reads cast it to text[]. */
  enumArray: boolean
}

export interface Relation {
  schema: string
  name: string
  /** relkind: r table, p partitioned, v view, m matview, f foreign. */
  kind: string
  /** `"schema"."name"`, quoted by the dialect. */
  qualified: string
  columns: RelationColumn[]
}

/** The columns of the relations named by the arrays $1 (schemas) and $2 (names), in column order per relation. */
const RELATIONS_SQL = `
select n.nspname as schema, c.relname as name, c.relkind as kind, a.attname as column_name,
  format_type(a.atttypid, a.atttypmod) as native_type,
  format_type(case when t.typtype = 'd' then t.typbasetype else t.oid end, null) in ('json', 'jsonb') as is_json,
  a.attidentity as identity, a.attgenerated <> '' as generated,
  coalesce((select e.typtype = 'e' from pg_type e where e.oid = t.typelem and t.typcategory = 'A'), false) as enum_array
from unnest($1::text[], $2::text[]) as r(schema, name)
join pg_namespace n on n.nspname = r.schema
join pg_class c on c.relnamespace = n.oid and c.relname = r.name
left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
left join pg_type t on t.oid = a.atttypid
where c.relkind in ('r', 'p', 'v', 'm', 'f')
order by n.nspname, c.relname, a.attnum`

interface RelationRow {
  schema: string
  name: string
  kind: string
  column_name: string | null
  native_type: string | null
  is_json: boolean | null
  identity: string | null
  generated: boolean | null
  enum_array: boolean | null
}

/** Look a table up; TDG_TABLE_NOT_FOUND when it does not exist (in `defaultSchema` when unqualified). */
export async function lookupRelation(client: pg.ClientBase, dialect: SqlDialect, table: TableRef, defaultSchema: string): Promise<Relation> {
  const schema = table.schema ?? defaultSchema
  const rel = (await lookupRelations(client, dialect, [table], defaultSchema)).get(relationKey(table, defaultSchema))
  if (!rel) throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${schema}.${table.name} does not exist`, { schema, table: table.name })
  return rel
}

/** The key of `table` in lookupRelations' map: schema (`defaultSchema` when unqualified) and name. */
export function relationKey(table: TableRef, defaultSchema: string): string {
  return `${table.schema ?? defaultSchema}\u0000${table.name}`
}

/**
 * Look tables up in one query, by relationKey; a table that does not exist is absent from the map (no
 * error: lookupRelation raises it).
 */
export async function lookupRelations(client: pg.ClientBase, dialect: SqlDialect, tables: TableRef[], defaultSchema: string): Promise<Map<string, Relation>> {
  const out = new Map<string, Relation>()
  if (tables.length === 0) return out
  // Each table once: a name given twice would list its columns twice.
  const unique = [...new Map(tables.map((t) => [relationKey(t, defaultSchema), t])).values()]
  const res = await client.query<RelationRow>(RELATIONS_SQL, [unique.map((t) => t.schema ?? defaultSchema), unique.map((t) => t.name)])
  for (const r of res.rows) {
    const key = relationKey({ schema: r.schema, name: r.name }, defaultSchema)
    let rel = out.get(key)
    if (!rel) out.set(key, (rel = { schema: r.schema, name: r.name, kind: r.kind, qualified: dialect.qualify({ schema: r.schema, name: r.name }), columns: [] }))
    if (r.column_name === null) continue
    rel.columns.push({
      name: r.column_name,
      nativeType: r.native_type ?? 'text',
      json: r.is_json === true,
      identity: r.identity ?? '',
      generated: r.generated === true,
      enumArray: r.enum_array === true,
    })
  }
  return out
}

/** The relation's columns named in `names`, in that order; TDG_WRITE_FAILED-style error text when one is missing. */
export function pickColumns(rel: Relation, names: string[]): RelationColumn[] | string {
  const out: RelationColumn[] = []
  for (const n of names) {
    const c = rel.columns.find((x) => x.name === n)
    if (!c) return n
    out.push(c)
  }
  return out
}
