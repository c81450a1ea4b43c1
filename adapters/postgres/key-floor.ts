/**
 * The highest key already used in a column: max(column) and, when the column owns a sequence
 * (serial or identity), the sequence's last handed-out value.
 */
import type pg from 'pg'
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import type { ReadContext } from './read.js'

/** See `Adapter.keyFloor`. TDG_READ_FAILED when the table or column cannot be read. */
export async function postgresKeyFloor(ctx: ReadContext, table: TableRef, column: string): Promise<number | undefined> {
  const client = await ctx.pool.acquire()
  try {
    return await keyFloorOn(client, ctx, table, column)
  } finally {
    await ctx.pool.release(client)
  }
}

/** `postgresKeyFloor` on a given connection (a Writer's, inside its transaction). */
export async function keyFloorOn(client: pg.ClientBase, ctx: { dialect: SqlDialect; defaultSchema: string }, table: TableRef, column: string): Promise<number | undefined> {
  const ref = { schema: table.schema ?? ctx.defaultSchema, name: table.name }
  const rel = ctx.dialect.qualify(ref)
  const col = ctx.dialect.quoteIdent(column)
  try {
    const max = await client.query<{ m: string | null }>(`select max(${col})::text as m from ${rel}`)
    const seq = await client.query<{ s: string | null }>('select pg_get_serial_sequence($1, $2) as s', [rel, column])
    let floor = max.rows[0]?.m == null ? undefined : Number(max.rows[0].m)
    const seqName = seq.rows[0]?.s
    if (seqName) {
      // last_value is only "used" once nextval has been called (is_called).
      const s = await client.query<{ v: string | null }>(`select case when is_called then last_value::text end as v from ${seqName}`)
      const v = s.rows[0]?.v
      if (v != null) floor = Math.max(floor ?? -Infinity, Number(v))
    }
    return floor
  } catch (e) {
    const reason = e instanceof Error ? (e.message.split(': ')[0] ?? e.message) : String(e)
    throw new TdgError('TDG_READ_FAILED', `reading the key range of ${ref.schema}.${ref.name}.${column} failed: ${reason}`, { table: ref.name, column }, { cause: e })
  }
}
