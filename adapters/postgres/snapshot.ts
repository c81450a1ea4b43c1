/**
 * `readSnapshot`: every read of `work` on one pooled connection inside one
 * `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY` transaction, so all tables are seen at the point in
 * time of the transaction's first statement. Each scan is a server-side cursor (unique name) FETCHed
 * `batchSize` rows at a time (bounded memory), closed when the stream ends or the consumer breaks out.
 * Each scan runs under a SAVEPOINT: a bad `where` fails that scan, not the snapshot.
 */
import type pg from 'pg'
import type { SnapshotReader, SnapshotScanOptions, TextScanBatch } from '../../src/adapter/adapter.js'
import { CONNECTION_LOST, watchConnection } from '../../src/adapter/connection-lost.js'
import { snapshotClauses, whereClause } from '../../src/adapter/snapshot-clauses.js'
import { SnapshotGate } from '../../src/adapter/snapshot-gate.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { fromClause, selectList, type ReadContext } from './read.js'
import { copyOutBatches } from './copy-out.js'
import { PG_COPY_TEXT, pgCopyCodec } from './copy-text.js'
import { pgTypeParsers } from './parsers.js'
import { lookupRelation } from './relation.js'
import { pgConnectionLost } from './write-error.js'

export const PG_SNAPSHOT_BEGIN = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY'

/** Run `work` with a SnapshotReader over one REPEATABLE READ READ ONLY transaction; ROLLBACK at the end. */
export async function readSnapshot<T>(ctx: ReadContext, work: (r: SnapshotReader) => Promise<T>): Promise<T> {
  let client: pg.ClientBase
  try {
    client = await ctx.pool.acquire()
  } catch (e) {
    throw snapshotFailed('opening a read snapshot', e, false)
  }
  // A session killed while idle between FETCHes emits 'error' on the client: recorded, not a crash.
  const watch = watchConnection(client)
  try {
    try {
      await client.query(PG_SNAPSHOT_BEGIN)
      // The snapshot is taken by the transaction's first query: take it now, not at the first scan.
      await client.query('SELECT 1')
    } catch (e) {
      throw snapshotFailed('opening a read snapshot', e, watch.lost() !== undefined)
    }
    const reader = new PgSnapshot(client, ctx, () => watch.lost() !== undefined)
    try {
      return await work(reader)
    } finally {
      reader.gate.close()
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined)
    watch.stop()
    await ctx.pool.release(client)
  }
}

class PgSnapshot implements SnapshotReader {
  readonly isolation = 'one snapshot (REPEATABLE READ, read only)'
  readonly consistent = true
  readonly gate = new SnapshotGate()
  private cursors = 0

  constructor(
    private readonly client: pg.ClientBase,
    private readonly ctx: ReadContext,
    private readonly lost: () => boolean,
  ) {}

  scan(table: TableRef, opts: SnapshotScanOptions = {}): AsyncIterable<RowBatch> {
    return this.read(table, opts)
  }

  readonly textFormat = PG_COPY_TEXT

  scanText(table: TableRef, opts: SnapshotScanOptions = {}): AsyncIterable<TextScanBatch> {
    return this.readText(table, opts)
  }

  /**
   * `COPY (SELECT …) TO STDOUT` under a savepoint. The column parsers come from a `LIMIT 0` of the same
   * SELECT (the types the COPY's text is in), so a decoded field is the Value `scan` gives.
   */
  private async *readText(table: TableRef, opts: SnapshotScanOptions): AsyncGenerator<TextScanBatch> {
    this.gate.enter(table)
    const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 5000))
    const savepoint = `tdg_snap_${++this.cursors}`
    let open = false
    try {
      const select = await this.selectOf(table, opts)
      if (!select) return
      const { columns, sql } = select
      const parse = await this.guarded(table, async () => {
        await this.client.query(`SAVEPOINT ${savepoint}`)
        open = true
        const probe = await this.client.query(`${sql.replace(/ LIMIT \d+$/, '')} LIMIT 0`)
        return probe.fields.map((f) => pgTypeParsers.getTypeParser(f.dataTypeID, 'text') as (text: string) => Value)
      })
      const batches = copyOutBatches(this.client, `COPY (${sql}) TO STDOUT`, batchSize)
      try {
        for await (const b of batches) yield { format: PG_COPY_TEXT, columns, bytes: b.bytes, rows: b.rows, codec: pgCopyCodec, parse }
      } catch (e) {
        throw this.failed(table, e)
      }
    } finally {
      if (open && !this.lost()) {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${savepoint}`).catch(() => undefined)
        await this.client.query(`RELEASE SAVEPOINT ${savepoint}`).catch(() => undefined)
      }
      this.gate.leave()
    }
  }

  async count(table: TableRef, where?: string): Promise<number> {
    this.gate.enter(table)
    try {
      return await this.guarded(table, async () => {
        const rel = await lookupRelation(this.client, this.ctx.dialect, table, this.ctx.defaultSchema)
        const res = await this.client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${fromClause(rel)}${whereClause(where)}`)
        return Number(res.rows[0]?.n ?? 0)
      })
    } finally {
      this.gate.leave()
    }
  }

  /** One statement under its own SAVEPOINT: a failure (a missing catalogue row, a bad cast) leaves the snapshot usable. */
  async query(sql: string): Promise<Value[][]> {
    this.gate.enter({ name: '(query)' })
    const sp = `tdg_q_${++this.cursors}`
    let open = false
    try {
      await this.client.query(`SAVEPOINT ${sp}`)
      open = true
      const res = await this.client.query<Value[]>({ text: sql, rowMode: 'array' })
      await this.client.query(`RELEASE SAVEPOINT ${sp}`)
      open = false
      return res.rows
    } catch (e) {
      if (open && !this.lost()) await this.client.query(`ROLLBACK TO SAVEPOINT ${sp}`).catch(() => undefined)
      throw snapshotFailed('a profiling query', e, this.lost())
    } finally {
      this.gate.leave()
    }
  }

  private async *read(table: TableRef, opts: SnapshotScanOptions): AsyncGenerator<RowBatch> {
    this.gate.enter(table)
    const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 5000))
    const cursor = `tdg_snap_${++this.cursors}`
    let open = false
    try {
      const select = await this.selectOf(table, opts)
      if (!select) return
      const { columns, sql } = select
      await this.guarded(table, async () => {
        await this.client.query(`SAVEPOINT ${cursor}`)
        open = true
        await this.client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`)
      })
      for (;;) {
        const res = await this.guarded(table, () => this.client.query<Value[]>({ text: `FETCH FORWARD ${batchSize} FROM ${cursor}`, rowMode: 'array' }))
        if (res.rows.length > 0) yield { columns, rows: res.rows }
        if (res.rows.length < batchSize) break
      }
    } finally {
      // Also reached on `break`: drop the cursor (and undo a failed scan) but keep the snapshot.
      if (open && !this.lost()) {
        await this.client.query(`ROLLBACK TO SAVEPOINT ${cursor}`).catch(() => undefined)
        await this.client.query(`RELEASE SAVEPOINT ${cursor}`).catch(() => undefined)
      }
      this.gate.leave()
    }
  }

  /** The SELECT of a scan (its columns; where, order, limit and table sample applied); undefined for `limit: 0`. */
  private async selectOf(table: TableRef, opts: SnapshotScanOptions): Promise<{ columns: string[]; sql: string } | undefined> {
    const rel = await this.guarded(table, () => lookupRelation(this.client, this.ctx.dialect, table, this.ctx.defaultSchema))
    const columns = opts.columns ?? rel.columns.map((c) => c.name)
    const clauses = snapshotClauses(this.ctx.dialect.quoteIdent, `${rel.schema}.${rel.name}`, rel.columns.map((c) => c.name), columns, opts, (s) => this.ctx.dialect.literal(s, { kind: 'text' }))
    if (clauses.limit === 0) return undefined
    const limit = clauses.limit !== undefined ? ` LIMIT ${clauses.limit}` : ''
    const sample = opts.tableSample !== undefined ? ` ${opts.tableSample}` : ''
    return { columns, sql: `SELECT ${selectList(this.ctx.dialect, rel, columns)} FROM ${fromClause(rel)}${sample}${clauses.where}${clauses.orderBy}${limit}` }
  }

  private async guarded<R>(table: TableRef, f: () => Promise<R>): Promise<R> {
    try {
      return await f()
    } catch (e) {
      throw this.failed(table, e)
    }
  }

  private failed(table: TableRef, e: unknown): unknown {
    if (isTdgError(e)) return e
    const name = `${table.schema ?? this.ctx.defaultSchema}.${table.name}`
    return snapshotFailed(`reading ${name}`, e, this.lost(), table.name)
  }
}

/** TDG_READ_FAILED: a lost session in tdg's words; else the server's text before any `: detail` (never values). */
function snapshotFailed(what: string, e: unknown, lost: boolean, table?: string): TdgError {
  const reason = lost || pgConnectionLost(e) ? CONNECTION_LOST : e instanceof Error ? (e.message.split(': ')[0] ?? e.message) : String(e)
  return new TdgError('TDG_READ_FAILED', `${what} failed: ${reason}`, table !== undefined ? { table } : {}, { cause: e })
}
