/** How many rows a table holds now: where an appending seed starts its unique values. */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'

/** Runs one statement and returns its result rows: a pool's `query`, or a Writer's connection. */
export type RowQuery = (sql: string) => Promise<Array<{ n: number | string }>>

/** See `Adapter.rowCount`. TDG_READ_FAILED when the table cannot be read. */
export async function mysqlRowCount(query: RowQuery, dialect: SqlDialect, table: TableRef): Promise<number> {
  try {
    const [row] = await query(`SELECT COUNT(*) AS n FROM ${dialect.qualify(table)}`)
    return Number(row?.n ?? 0)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_READ_FAILED', `counting the rows of ${table.name} failed: ${reason}`, { table: table.name }, { cause: e })
  }
}
