/**
 * `scan` and `sample`: streaming reads with bounded memory. Each runs a server-side cursor inside a
 * read-only REPEATABLE READ transaction on one pooled connection and FETCHes `batchSize` rows at a time,
 * so at most one batch is held in memory whatever the table size.
 */
import type pg from 'pg'
import type { SampleOptions, ScanOptions, SqlDialect } from '../../src/adapter/adapter.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import type { RawPool } from './pool.js'
import { lookupRelation, type Relation } from './relation.js'

export interface ReadContext {
  pool: RawPool
  dialect: SqlDialect
  /** Schema of unqualified table refs. */
  defaultSchema: string
}

/** Full streaming read of `table` (default all columns in table order, 5000 rows per batch). */
export function scanTable(ctx: ReadContext, table: TableRef, opts: ScanOptions = {}): AsyncIterable<RowBatch> {
  return readCursor(ctx, table, opts.columns, opts.batchSize ?? 5000, undefined)
}

/** Bounded read for profiling: at most `limit` rows (default 1000), 1000 per batch. */
export function sampleTable(ctx: ReadContext, table: TableRef, opts: SampleOptions = {}): AsyncIterable<RowBatch> {
  const limit = opts.limit ?? 1000
  return readCursor(ctx, table, undefined, Math.max(1, Math.min(opts.batchSize ?? 1000, limit || 1)), limit)
}

async function* readCursor(ctx: ReadContext, table: TableRef, only: string[] | undefined, batchSize: number, limit: number | undefined): AsyncGenerator<RowBatch> {
  if (limit !== undefined && limit <= 0) return
  const client = await acquire(ctx, table)
  let inTransaction = false
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    inTransaction = true
    const rel = await lookupRelation(client, ctx.dialect, table, ctx.defaultSchema)
    const columns = only ?? rel.columns.map((c) => c.name)
    const missing = columns.find((c) => !rel.columns.some((x) => x.name === c))
    if (missing !== undefined) throw new TdgError('TDG_READ_FAILED', `table ${rel.schema}.${rel.name} has no column ${missing}`, { table: rel.name, column: missing })
    const sql = `SELECT ${selectList(ctx.dialect, rel, columns)} FROM ${fromClause(rel)}${limit !== undefined ? ` LIMIT ${Math.floor(limit)}` : ''}`
    await client.query(`DECLARE tdg_read NO SCROLL CURSOR FOR ${sql}`)
    for (;;) {
      const res = await client.query<Value[]>({ text: `FETCH FORWARD ${batchSize} FROM tdg_read`, rowMode: 'array' })
      if (res.rows.length > 0) yield { columns, rows: res.rows }
      if (res.rows.length < batchSize) break
    }
    await client.query('COMMIT')
    inTransaction = false
  } catch (e) {
    if (isTdgError(e)) throw e
    throw readFailed(ctx, table, e)
  } finally {
    // Also reached when the consumer stops early (`break`): end the read transaction before releasing.
    if (inTransaction) await client.query('ROLLBACK').catch(() => undefined)
    await ctx.pool.release(client)
  }
}

/** The SELECT list of `columns` (checked to exist): enum arrays cast to text[] (pg has no parser for them). */
export function selectList(dialect: SqlDialect, rel: Relation, columns: string[]): string {
  return columns
    .map((c) => {
      const q = dialect.quoteIdent(c)
      return rel.columns.find((x) => x.name === c)?.enumArray ? `${q}::text[] AS ${q}` : q
    })
    .join(', ')
}

/** FROM target: ONLY for plain tables, so rows of inheritance children are read as their own tables, not twice through the parent. */
export function fromClause(rel: Relation): string {
  return rel.kind === 'r' ? `ONLY ${rel.qualified}` : rel.qualified
}

async function acquire(ctx: ReadContext, table: TableRef): Promise<pg.ClientBase> {
  try {
    return await ctx.pool.acquire()
  } catch (e) {
    throw readFailed(ctx, table, e)
  }
}

function readFailed(ctx: ReadContext, table: TableRef, e: unknown): TdgError {
  const name = `${table.schema ?? ctx.defaultSchema}.${table.name}`
  // Server messages about reads name objects, not row values; keep only the part before any ': detail'.
  const reason = e instanceof Error ? (e.message.split(': ')[0] ?? e.message) : String(e)
  return new TdgError('TDG_READ_FAILED', `reading ${name} failed: ${reason}`, { table: table.name }, { cause: e })
}
