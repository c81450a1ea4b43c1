/**
 * `scan` and `sample`: streaming reads with bounded memory. The query runs in mssql's stream mode with
 * array rows; rows are cut into batches and the request is paused while two batches wait for the
 * consumer, so memory stays at about two batches whatever the table size. Stopping early cancels it.
 */
import sql, { type ConnectionPool } from 'mssql'
import type { SampleOptions, ScanOptions } from '../../src/adapter/adapter.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { DEFAULT_SCHEMA, quoteIdent } from './dialect.js'
import { lookupRelation } from './relation.js'
import { fromDriverValue } from './values.js'

/** Full streaming read of `table` (default all columns in table order, 5000 rows per batch). */
export function scanTable(pool: ConnectionPool, table: TableRef, opts: ScanOptions = {}): AsyncIterable<RowBatch> {
  return readRows(pool, table, opts.columns, opts.batchSize ?? 5000, undefined)
}

/** Bounded read for profiling: at most `limit` rows (default 1000), 1000 per batch. */
export function sampleTable(pool: ConnectionPool, table: TableRef, opts: SampleOptions = {}): AsyncIterable<RowBatch> {
  const limit = opts.limit ?? 1000
  return readRows(pool, table, undefined, Math.max(1, Math.min(opts.batchSize ?? 1000, limit || 1)), limit)
}

async function* readRows(pool: ConnectionPool, table: TableRef, only: string[] | undefined, batchSize: number, limit: number | undefined): AsyncGenerator<RowBatch> {
  if (limit !== undefined && limit <= 0) return
  let rel
  try {
    rel = await lookupRelation(pool, table)
  } catch (e) {
    if (isTdgError(e)) throw e
    throw readFailed(table, e)
  }
  const columns = only ?? rel.columns.map((c) => c.name)
  const types = columns.map((n) => {
    const c = rel.columns.find((x) => x.name === n)
    if (!c) throw new TdgError('TDG_READ_FAILED', `table ${rel.schema}.${rel.name} has no column ${n}`, { table: rel.name, column: n })
    return c.typeName
  })
  const top = limit !== undefined ? `TOP (${Math.floor(limit)}) ` : ''
  const text = `SELECT ${top}${columns.map(quoteIdent).join(', ')} FROM ${rel.qualified}`
  yield* streamQuery(new sql.Request(pool), text, columns, types, batchSize, (e) => readFailed(table, e))
}

/**
 * Run `text` on `req` in stream mode and yield its rows in batches of `batchSize` (`types`: TYPE_NAME per
 * column, for value conversion). At most about two batches wait; stopping early cancels the request.
 * A driver error ends the stream with `fail(error)`.
 */
export async function* streamQuery(req: sql.Request, text: string, columns: string[], types: string[], batchSize: number, fail: (e: unknown) => Error): AsyncGenerator<RowBatch> {
  req.stream = true
  req.arrayRowMode = true
  const ready: Value[][][] = []
  let buf: Value[][] = []
  let finished = false
  let failure: { e: unknown } | undefined
  let wake: (() => void) | undefined
  const poke = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  req.on('row', (row: unknown[]) => {
    buf.push(row.map((v, i) => fromDriverValue(v, types[i])))
    if (buf.length >= batchSize) {
      ready.push(buf)
      buf = []
      if (ready.length >= 2) req.pause()
      poke()
    }
  })
  req.on('error', (e: unknown) => {
    failure ??= { e }
    poke()
  })
  req.on('done', () => {
    if (buf.length > 0) ready.push(buf)
    buf = []
    finished = true
    poke()
  })
  void req.query(text).catch((e: unknown) => {
    failure ??= { e }
    finished = true
    poke()
  })
  try {
    for (;;) {
      const batch = ready.shift()
      if (batch) {
        if (ready.length < 2) req.resume()
        yield { columns, rows: batch }
        continue
      }
      if (failure) throw fail(failure.e)
      if (finished) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    // Also reached when the consumer stops early (`break`): stop the server sending rows.
    if (!finished) {
      req.resume()
      req.cancel()
    }
  }
}

function readFailed(table: TableRef, e: unknown): TdgError {
  const name = `${table.schema ?? DEFAULT_SCHEMA}.${table.name}`
  const reason = e instanceof Error ? e.message : String(e)
  return new TdgError('TDG_READ_FAILED', `reading ${name} failed: ${reason}`, { table: table.name }, { cause: e })
}
