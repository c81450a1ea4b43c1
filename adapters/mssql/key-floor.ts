/**
 * The highest key already used in a column: max(column) and, for an identity column, the identity's
 * last handed-out value (`sys.identity_columns.last_value`, NULL until a row was ever inserted).
 */
import sql, { type ConnectionPool } from 'mssql'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import { DEFAULT_SCHEMA, qualify, quoteIdent } from './dialect.js'

/** See `Adapter.keyFloor`. TDG_READ_FAILED when the table or column cannot be read. */
export async function mssqlKeyFloor(pool: ConnectionPool, table: TableRef, column: string): Promise<number | undefined> {
  const ref = { schema: table.schema ?? DEFAULT_SCHEMA, name: table.name }
  try {
    const req = new sql.Request(pool)
    req.arrayRowMode = false
    req.input('rel', sql.NVarChar(sql.MAX), qualify(ref))
    req.input('col', sql.NVarChar(128), column)
    const res = await req.query<{ m: string | null; last: string | null }>(
      `SELECT CAST(MAX(${quoteIdent(column)}) AS nvarchar(40)) AS m,
         (SELECT CAST(ic.last_value AS nvarchar(40)) FROM sys.identity_columns ic
           WHERE ic.object_id = OBJECT_ID(@rel) AND ic.name = @col) AS last
       FROM ${qualify(ref)}`,
    )
    const row = res.recordset?.[0]
    const values = [row?.m, row?.last].filter((v): v is string => v !== null && v !== undefined).map(Number)
    return values.length === 0 ? undefined : Math.max(...values)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_READ_FAILED', `reading the key range of ${ref.schema}.${ref.name}.${column} failed: ${reason}`, { table: ref.name, column }, { cause: e })
  }
}
