/**
 * What reads and writes need to know about one table: its quoted name and columns with their types,
 * looked up on the connection (or transaction) doing the work, so it sees the transaction's own DDL.
 */
import sql, { type ConnectionPool, type Transaction } from 'mssql'
import { TdgError } from '../../src/errors.js'
import type { TableRef } from '../../src/model/schema.js'
import { DEFAULT_SCHEMA, qualify } from './dialect.js'
import { mssqlNativeType } from './types.js'

export interface RelationColumn {
  name: string
  /** Canonical type (`nvarchar(40)`, `decimal(12,2)`, …). */
  nativeType: string
  /** TYPE_NAME(system_type_id) and the raw catalog numbers, for driver types. */
  typeName: string
  maxLength: number
  precision: number
  scale: number
  nullable: boolean
  identity: boolean
  computed: boolean
}

export interface Relation {
  schema: string
  name: string
  /** `[schema].[name]`. */
  qualified: string
  columns: RelationColumn[]
}

const RELATION_SQL = `
SELECT s.name AS [schema], o.name AS [table], c.name,
  CASE WHEN ut.is_user_defined = 0 THEN ut.name ELSE TYPE_NAME(c.system_type_id) END AS type_name,
  c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity,
  CAST(CASE WHEN c.is_computed = 1 OR TYPE_NAME(c.system_type_id) = 'timestamp' OR COALESCE(c.generated_always_type, 0) <> 0 THEN 1 ELSE 0 END AS bit) AS computed
FROM sys.objects o
JOIN sys.schemas s ON s.schema_id = o.schema_id
JOIN sys.columns c ON c.object_id = o.object_id
JOIN sys.types ut ON ut.user_type_id = c.user_type_id
WHERE o.object_id = OBJECT_ID(@name) AND o.type IN ('U', 'V')
ORDER BY c.column_id`

interface RelationRow {
  schema: string
  table: string
  name: string
  type_name: string
  max_length: number
  precision: number
  scale: number
  is_nullable: boolean
  is_identity: boolean
  computed: boolean
}

/** Look a table up; TDG_TABLE_NOT_FOUND when it does not exist (in `dbo` when unqualified). */
export async function lookupRelation(on: ConnectionPool | Transaction, table: TableRef): Promise<Relation> {
  const ref = { schema: table.schema ?? DEFAULT_SCHEMA, name: table.name }
  const req = new sql.Request(on as Transaction)
  req.arrayRowMode = false
  req.input('name', sql.NVarChar(sql.MAX), qualify(ref))
  const res = await req.query<RelationRow>(RELATION_SQL)
  const found = res.recordset ?? []
  const first = found[0]
  if (!first) throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${ref.schema}.${ref.name} does not exist`, { schema: ref.schema, table: ref.name })
  return {
    schema: first.schema,
    name: first.table,
    qualified: qualify({ schema: first.schema, name: first.table }),
    columns: found.map((r) => ({
      name: r.name,
      nativeType: mssqlNativeType(r.type_name, r.max_length, r.precision, r.scale),
      typeName: r.type_name.toLowerCase(),
      maxLength: r.max_length,
      precision: r.precision,
      scale: r.scale,
      nullable: r.is_nullable,
      identity: r.is_identity,
      computed: r.computed,
    })),
  }
}

/** The relation's columns named in `names`, in that order; the first missing name otherwise. */
export function pickColumns(rel: Relation, names: string[]): RelationColumn[] | string {
  const out: RelationColumn[] = []
  for (const n of names) {
    const c = rel.columns.find((x) => x.name === n) ?? rel.columns.find((x) => x.name.toLowerCase() === n.toLowerCase())
    if (!c) return n
    out.push(c)
  }
  return out
}
