/**
 * The set-based statements the SQL Server writer runs by key: rows sent as a `VALUES` table of typed
 * parameters joined on the key columns. `UPDATE … FROM … JOIN (VALUES …)` sets fixups and masked values;
 * `DELETE … FROM … JOIN (VALUES …)` clears a shard's own rows before a re-run (docs/sharding.md).
 * SQL Server checks foreign keys per statement, not per row, so one DELETE may remove a row together with
 * rows of the same table that reference it. Pure text, unit-tested (no SQL Server runs here).
 */
import type { Value } from '../../src/model/rows.js'
import { quoteIdent as q } from './dialect.js'
import type { RelationColumn } from './relation.js'

/** A parameter of a rendered statement: `@p<k>` is the k-th, bound with its column's driver type. */
export interface KeyedParam {
  c: RelationColumn
  v: Value | undefined
}

/** `(@p0, @p1), (@p2, @p3)` for `rows` over `cols`, and the parameters in placeholder order. */
export function valuesTuples(cols: RelationColumn[], rows: Value[][]): { sql: string; params: KeyedParam[] } {
  const params: KeyedParam[] = []
  const sql = rows.map((row) => `(${cols.map((c, i) => `@p${params.push({ c, v: row[i] }) - 1}`).join(', ')})`).join(', ')
  return { sql, params }
}

const joinOn = (keyColumns: string[]) => keyColumns.map((k) => `tdg_t.${q(k)} = tdg_v.${q(k)}`).join(' AND ')
const alias = (columns: string[]) => `AS tdg_v (${columns.map(q).join(', ')})`

/** UPDATE of `setColumns` from the VALUES rows `tuples` (columns `columns`) matched on `keyColumns`. */
export function updateByKeysSql(qualified: string, columns: string[], keyColumns: string[], setColumns: string[], tuples: string): string {
  return `UPDATE tdg_t SET ${setColumns.map((c) => `${q(c)} = tdg_v.${q(c)}`).join(', ')} FROM ${qualified} AS tdg_t JOIN (VALUES ${tuples}) ${alias(columns)} ON ${joinOn(keyColumns)}`
}

/** DELETE of the rows of `qualified` whose `keyColumns` equal those of a VALUES row of `tuples`. */
export function deleteByKeysSql(qualified: string, columns: string[], keyColumns: string[], tuples: string): string {
  return `DELETE tdg_t FROM ${qualified} AS tdg_t JOIN (VALUES ${tuples}) ${alias(columns)} ON ${joinOn(keyColumns)}`
}
