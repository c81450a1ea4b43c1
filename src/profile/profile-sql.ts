/**
 * The portable SQL `dbProfileInput` runs through `SnapshotReader.query` (identifiers quoted and tables
 * qualified by the dialect; nothing else differs): the fan-out histogram, child totals, a parent count and
 * the count of a checked sample draw. Pure, so each dialect's text is unit-tested without a server.
 */
import type { SampleDraw, SqlDialect } from '../adapter/adapter.js'
import type { TableRef } from '../model/schema.js'

/** Rows `[n, parents with n children]` over the children whose FK `columns` are all non-null. */
export function fanOutHistogramSql(d: SqlDialect, child: TableRef, columns: string[]): string {
  const notNull = columns.map((c) => `${d.quoteIdent(c)} IS NOT NULL`).join(' AND ')
  return `SELECT x.n, COUNT(*) FROM (SELECT COUNT(*) AS n FROM ${d.qualify(child)} WHERE ${notNull} GROUP BY ${columns.map((c) => d.quoteIdent(c)).join(', ')}) x GROUP BY x.n`
}

/** One row `[children, children with a NULL in the FK]`. */
export function childTotalsSql(d: SqlDialect, child: TableRef, columns: string[]): string {
  const notNull = columns.map((c) => `${d.quoteIdent(c)} IS NOT NULL`).join(' AND ')
  return `SELECT COUNT(*), SUM(CASE WHEN ${notNull} THEN 0 ELSE 1 END) FROM ${d.qualify(child)}`
}

/** One row `[rows]` of `table`. */
export function countSql(d: SqlDialect, table: TableRef): string {
  return `SELECT COUNT(*) FROM ${d.qualify(table)}`
}

/** One row `[rows the draw returns]`. */
export function drawCountSql(d: SqlDialect, table: TableRef, draw: SampleDraw): string {
  return `SELECT COUNT(*) FROM ${d.qualify(table)}${draw.tableSample ? ` ${draw.tableSample}` : ''}${draw.where ? ` WHERE (${draw.where})` : ''}`
}
