/**
 * Read-only row streams (sample, scan): one prepared SELECT iterated lazily into batches of positional
 * arrays, so memory stays bounded by one batch whatever the table size.
 *
 * While a stream is open the connection is busy with it (better-sqlite3 runs one statement at a time per
 * connection): finish or `break` out of the stream before writing through the same adapter.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SampleOptions, ScanOptions } from '../../src/adapter/adapter.js'
import { isTdgError, TdgError } from '../../src/errors.js'
import type { RowBatch, RowStream, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { quoteIdent } from './dialect.js'

/** A bounded read for profiling: the first `limit` rows (default 1000) in storage order, deterministic. */
export function sampleRows(db: BetterSqlite3.Database, table: TableRef, opts: SampleOptions = {}): RowStream {
  const limit = Math.max(0, opts.limit ?? 1000)
  return readRows(db, table, undefined, opts.batchSize ?? 1000, limit)
}

/** A full streaming read of `opts.columns` (default all columns, generated ones included, in table order). */
export function scanRows(db: BetterSqlite3.Database, table: TableRef, opts: ScanOptions = {}): RowStream {
  return readRows(db, table, opts.columns, opts.batchSize ?? 5000, undefined)
}

async function* readRows(db: BetterSqlite3.Database, table: TableRef, wanted: string[] | undefined, batchSize: number, limit: number | undefined): AsyncGenerator<RowBatch> {
  const size = Math.max(1, Math.floor(batchSize))
  const all = tableColumns(db, table)
  const columns = wanted ?? all
  const known = new Set(all.map((c) => c.toLowerCase()))
  const missing = columns.find((c) => !known.has(c.toLowerCase()))
  if (missing !== undefined) throw new TdgError('TDG_READ_FAILED', `table ${table.name} has no column ${missing}`, { table: table.name, column: missing })
  const select = columns.map(quoteIdent).join(', ')
  const sql = `SELECT ${select} FROM ${quoteIdent(table.name)}${limit !== undefined ? ` LIMIT ${limit}` : ''}`
  let iter: IterableIterator<unknown[]>
  try {
    // safeIntegers: 64-bit keys beyond 2^53 must survive a copy; small ones are turned back into numbers.
    iter = db.prepare(sql).raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>
  } catch (e) {
    throw readError(table, e)
  }
  try {
    yield* batchesOf(iter, table, columns, size)
  } finally {
    // Releases the statement when the consumer stops early.
    iter.return?.()
  }
}

/** The rows of a running statement in batches of `size` (values through `fromSqlite`); a step that fails is a read error of `table`. */
export function* batchesOf(iter: IterableIterator<unknown[]>, table: TableRef, columns: string[], size: number): Generator<RowBatch> {
  let rows: Value[][] = []
  for (;;) {
    let next: IteratorResult<unknown[]>
    try {
      next = iter.next()
    } catch (e) {
      throw readError(table, e)
    }
    if (next.done) break
    rows.push(next.value.map(fromSqlite))
    if (rows.length >= size) {
      yield { columns, rows }
      rows = []
    }
  }
  if (rows.length > 0) yield { columns, rows }
}

/** Column names of a table (or view), generated columns included; TDG_TABLE_NOT_FOUND when none. */
export function tableColumns(db: BetterSqlite3.Database, table: TableRef): string[] {
  const rows = db.prepare("SELECT name FROM pragma_table_xinfo(?, 'main') WHERE hidden <> 1 ORDER BY cid").all(table.name) as Array<{ name: string }>
  if (rows.length === 0) throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${table.name} not found`, { table: table.name })
  return rows.map((r) => r.name)
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER)
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Driver value → tdg value: integers become numbers unless they need a bigint; BLOBs stay Buffers. */
export function fromSqlite(v: unknown): Value {
  if (typeof v === 'bigint') return v >= MIN_SAFE && v <= MAX_SAFE ? Number(v) : v
  return v as Value
}

export function readError(table: TableRef, e: unknown): TdgError {
  if (isTdgError(e)) return e
  const msg = e instanceof Error ? e.message : String(e)
  if (/^no such table/i.test(msg)) return new TdgError('TDG_TABLE_NOT_FOUND', `table ${table.name} not found`, { table: table.name }, { cause: e })
  return new TdgError('TDG_READ_FAILED', `reading ${table.name} failed: ${msg}`, { table: table.name }, { cause: e })
}
