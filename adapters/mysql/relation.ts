/**
 * What reads and writes need to know about one table: its quoted name and columns with their logical
 * types. Looked up on the connection doing the work, so it sees the transaction's own DDL.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import { TdgError } from '../../src/errors.js'
import type { LogicalType, TableRef } from '../../src/model/schema.js'
import { run, type CoreConnection } from './pool.js'
import { canonicalMysqlType } from './types.js'

export interface RelationColumn {
  name: string
  type: LogicalType
  /** BINARY/VARBINARY/BLOB: sent as bytes (hex through LOAD DATA). */
  binary: boolean
  /** BIT(n): LOAD DATA text must be converted to a number. */
  bit: boolean
  autoIncrement: boolean
  generated: boolean
}

export interface Relation {
  name: string
  /** `` `name` `` (or `` `db`.`name` ``), quoted by the dialect. */
  qualified: string
  columns: RelationColumn[]
}

interface Row {
  column_name: string
  data_type: string
  column_type: string
  extra: string
}

const RELATION_SQL = `
select column_name, data_type, column_type, extra from information_schema.columns
where table_schema = coalesce(?, database()) and table_name = ? order by ordinal_position`

/** Look a table up; TDG_TABLE_NOT_FOUND when it does not exist. */
export async function lookupRelation(c: CoreConnection, dialect: SqlDialect, table: TableRef): Promise<Relation> {
  const rows = await run<Row[]>(c, RELATION_SQL, [table.schema ?? null, table.name])
  if (rows.length === 0) {
    const shown = table.schema ? `${table.schema}.${table.name}` : table.name
    throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${shown} does not exist`, { table: table.name })
  }
  const columns = rows.map((r) => {
    const dataType = r.data_type.toLowerCase()
    const extra = r.extra.toLowerCase()
    return {
      name: r.column_name,
      type: dialect.toLogicalType(dataType === 'json' ? 'json' : canonicalMysqlType(r.column_type)),
      binary: /binary|blob/.test(dataType),
      bit: dataType === 'bit',
      autoIncrement: /\bauto_increment\b/.test(extra),
      generated: /\b(virtual|stored|persistent) generated\b/.test(extra),
    }
  })
  return { name: table.name, qualified: dialect.qualify(table), columns }
}

/** The relation's columns named in `names`, in that order; the first missing name instead when one is. */
export function pickColumns(rel: Relation, names: string[]): RelationColumn[] | string {
  const out: RelationColumn[] = []
  for (const n of names) {
    const c = rel.columns.find((x) => x.name === n)
    if (!c) return n
    out.push(c)
  }
  return out
}
