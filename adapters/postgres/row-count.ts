/** How many rows a table holds now: where an appending seed starts its unique values. */
import type pg from 'pg'
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import type { ReadContext } from './read.js'

/** See `Adapter.rowCount`. TDG_READ_FAILED when the table cannot be read. */
export async function postgresRowCount(ctx: ReadContext, table: TableRef): Promise<number> {
  const client = await ctx.pool.acquire()
  try {
    return await rowCountOn(client, ctx, table)
  } finally {
    await ctx.pool.release(client)
  }
}

/** `postgresRowCount` on a given connection (a Writer's, inside its transaction). */
export async function rowCountOn(client: pg.ClientBase, ctx: { dialect: SqlDialect; defaultSchema: string }, table: TableRef): Promise<number> {
  const ref = { schema: table.schema ?? ctx.defaultSchema, name: table.name }
  try {
    const res = await client.query<{ n: string }>(`select count(*)::text as n from ${ctx.dialect.qualify(ref)}`)
    return Number(res.rows[0]?.n ?? 0)
  } catch (e) {
    const reason = e instanceof Error ? (e.message.split(': ')[0] ?? e.message) : String(e)
    throw new TdgError('TDG_READ_FAILED', `counting the rows of ${ref.schema}.${ref.name} failed: ${reason}`, { table: ref.name }, { cause: e })
  }
}
