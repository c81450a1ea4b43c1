/**
 * `scan` and `sample`: streaming reads with bounded memory. One pooled connection runs the SELECT and
 * mysql2 streams its rows (the socket is paused while a batch waits), so at most one batch plus the
 * stream's small buffer is held whatever the table size. A consumer that stops early makes us destroy
 * the connection: the rest of the result would otherwise have to be read off the wire first.
 */
import type { SampleOptions, ScanOptions, SqlDialect } from '../../src/adapter/adapter.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import type { CoreConnection, MysqlPool } from './pool.js'
import { lookupRelation } from './relation.js'

export interface ReadContext {
  pool: MysqlPool
  dialect: SqlDialect
}

/** Full streaming read of `table` (default all columns in table order, 5000 rows per batch). */
export function scanTable(ctx: ReadContext, table: TableRef, opts: ScanOptions = {}): AsyncIterable<RowBatch> {
  return readRows(ctx, table, opts.columns, Math.max(1, opts.batchSize ?? 5000), undefined)
}

/** Bounded read for profiling: at most `limit` rows (default 1000), 1000 per batch. */
export function sampleTable(ctx: ReadContext, table: TableRef, opts: SampleOptions = {}): AsyncIterable<RowBatch> {
  const limit = opts.limit ?? 1000
  return readRows(ctx, table, undefined, Math.max(1, Math.min(opts.batchSize ?? 1000, limit || 1)), limit)
}

async function* readRows(ctx: ReadContext, table: TableRef, only: string[] | undefined, batchSize: number, limit: number | undefined): AsyncGenerator<RowBatch> {
  if (limit !== undefined && limit <= 0) return
  let c: CoreConnection
  try {
    c = await ctx.pool.acquire()
  } catch (e) {
    throw readFailed(table, e)
  }
  let finished = false
  try {
    const rel = await lookupRelation(c, ctx.dialect, table)
    const columns = only ?? rel.columns.map((x) => x.name)
    const missing = columns.find((n) => !rel.columns.some((x) => x.name === n))
    if (missing !== undefined) throw new TdgError('TDG_READ_FAILED', `table ${table.name} has no column ${missing}`, { table: table.name, column: missing })
    const sql = `SELECT ${columns.map((n) => ctx.dialect.quoteIdent(n)).join(', ')} FROM ${rel.qualified}${limit !== undefined ? ` LIMIT ${Math.floor(limit)}` : ''}`
    const stream = c.query({ sql, rowsAsArray: true }).stream({ highWaterMark: Math.min(batchSize, 1000) })
    let rows: Value[][] = []
    for await (const row of stream as AsyncIterable<Value[]>) {
      rows.push(row)
      if (rows.length >= batchSize) {
        yield { columns, rows }
        rows = []
      }
    }
    if (rows.length > 0) yield { columns, rows }
    finished = true
  } catch (e) {
    finished = false
    if (isTdgError(e)) throw e
    throw readFailed(table, e)
  } finally {
    if (finished) ctx.pool.release(c)
    else ctx.pool.destroy(c)
  }
}

function readFailed(table: TableRef, e: unknown): TdgError {
  // Server messages about reads name objects, not row values.
  const reason = e instanceof Error ? e.message : String(e)
  return new TdgError('TDG_READ_FAILED', `reading ${table.name} failed: ${reason}`, { table: table.name }, { cause: e })
}
