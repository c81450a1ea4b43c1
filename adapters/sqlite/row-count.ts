/** How many rows a table holds now: where an appending seed starts its unique values. */
import type BetterSqlite3 from 'better-sqlite3'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import { quoteIdent } from './dialect.js'

/** See `Adapter.rowCount`. TDG_READ_FAILED when the table cannot be read. */
export function sqliteRowCount(db: BetterSqlite3.Database, table: TableRef): number {
  try {
    const row = db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table.name)}`).get() as { n: number | bigint }
    return Number(row.n)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_READ_FAILED', `counting the rows of ${table.name} failed: ${reason}`, { table: table.name }, { cause: e })
  }
}
