/**
 * The portable SQL `dbProfileInput` runs through `SnapshotReader.query` (identifiers quoted and tables
 * qualified by the dialect; nothing else differs): the fan-out groups (one pass over the child), a
 * parent count and the count of a checked sample draw. Pure, so each dialect's text is unit-tested without a server.
 */
import type { SampleDraw, SqlDialect } from '../adapter/adapter.js'
import type { TableRef } from '../model/schema.js'

/**
 * Rows `[n, z, groups]` in one pass over the child: FK values grouped (NULLs group together), `n` the rows
 * of a group and `z` 1 for the groups with a NULL in the FK (children without a parent), `groups` how
 * many groups have that `n` and `z`. With `z = 0` these are parents with `n` children.
 */
export function fanOutSql(d: SqlDialect, child: TableRef, columns: string[]): string {
  const anyNull = columns.map((c) => `${d.quoteIdent(c)} IS NULL`).join(' OR ')
  return `SELECT x.n, x.z, COUNT(*) FROM (SELECT COUNT(*) AS n, MAX(CASE WHEN ${anyNull} THEN 1 ELSE 0 END) AS z FROM ${d.qualify(child)} GROUP BY ${columns.map((c) => d.quoteIdent(c)).join(', ')}) x GROUP BY x.n, x.z`
}

/** One row `[rows]` of `table`. */
export function countSql(d: SqlDialect, table: TableRef): string {
  return `SELECT COUNT(*) FROM ${d.qualify(table)}`
}

/** One row `[rows the draw returns]`. */
export function drawCountSql(d: SqlDialect, table: TableRef, draw: SampleDraw): string {
  return `SELECT COUNT(*) FROM ${d.qualify(table)}${draw.tableSample ? ` ${draw.tableSample}` : ''}${draw.where ? ` WHERE (${draw.where})` : ''}`
}
