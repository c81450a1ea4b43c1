/** How many rows a table holds now: where an appending seed starts its unique values. */
import sql, { type ConnectionPool, type Transaction } from 'mssql'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import { DEFAULT_SCHEMA, qualify } from './dialect.js'

/**
 * See `Adapter.rowCount`: on the pool, or on a Writer's transaction (`Writer.rowCount`).
 * TDG_READ_FAILED when the table cannot be read.
 */
export async function mssqlRowCount(on: ConnectionPool | Transaction, table: TableRef): Promise<number> {
  const ref = { schema: table.schema ?? DEFAULT_SCHEMA, name: table.name }
  try {
    const req = new sql.Request(on as ConnectionPool)
    req.arrayRowMode = false
    const res = await req.query<{ n: string }>(`SELECT CAST(COUNT_BIG(*) AS nvarchar(40)) AS n FROM ${qualify(ref)}`)
    return Number(res.recordset?.[0]?.n ?? 0)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_READ_FAILED', `counting the rows of ${ref.schema}.${ref.name} failed: ${reason}`, { table: ref.name }, { cause: e })
  }
}
