/**
 * The highest key already used in a column: max(column) and, for the AUTO_INCREMENT column, the last
 * value its counter handed out (`information_schema.TABLES.AUTO_INCREMENT` − 1).
 */
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import type { ReadContext } from './read.js'

/** See `Adapter.keyFloor`. TDG_READ_FAILED when the table or column cannot be read. */
export async function mysqlKeyFloor(ctx: ReadContext, table: TableRef, column: string): Promise<number | undefined> {
  const rel = ctx.dialect.qualify(table)
  try {
    const [max] = await ctx.pool.query<{ m: number | string | null }>(`SELECT MAX(${ctx.dialect.quoteIdent(column)}) AS m FROM ${rel}`)
    const [ai] = await ctx.pool.query<{ ai: number | string | null; is_ai: number }>(
      `SELECT t.auto_increment AS ai,
         (SELECT COUNT(*) FROM information_schema.columns c WHERE c.table_schema = t.table_schema AND c.table_name = t.table_name
            AND c.column_name = ? AND c.extra LIKE '%auto_increment%') AS is_ai
       FROM information_schema.tables t WHERE t.table_schema = COALESCE(?, DATABASE()) AND t.table_name = ?`,
      [column, table.schema ?? null, table.name],
    )
    let floor = max?.m === null || max?.m === undefined ? undefined : Number(max.m)
    if (ai && Number(ai.is_ai) > 0 && ai.ai !== null && Number(ai.ai) > 1) floor = Math.max(floor ?? -Infinity, Number(ai.ai) - 1)
    return floor
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_READ_FAILED', `reading the key range of ${table.name}.${column} failed: ${reason}`, { table: table.name, column }, { cause: e })
  }
}
