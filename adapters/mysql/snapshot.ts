/**
 * `readSnapshot`: every read of `work` on one pooled connection inside one
 * `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY` at REPEATABLE READ, so every InnoDB table is
 * seen as of the START (MyISAM and other non-transactional engines have no snapshot: they are read as
 * they are). Rows stream as in read.ts (the socket pauses while a batch waits). A consumer that breaks out
 * early leaves the rest of that result to be read off the wire and dropped before the next statement runs
 * (destroying the connection would end the snapshot).
 */
import type { SnapshotReader, SnapshotScanOptions } from '../../src/adapter/adapter.js'
import { CONNECTION_LOST, watchConnection } from '../../src/adapter/connection-lost.js'
import { snapshotClauses, whereClause } from '../../src/adapter/snapshot-clauses.js'
import { SnapshotGate } from '../../src/adapter/snapshot-gate.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { run, type CoreConnection } from './pool.js'
import type { ReadContext } from './read.js'
import { lookupRelation } from './relation.js'
import { mysqlConnectionLost, valueFree } from './write-error.js'

/** The statements that open the snapshot, in order. */
export const MYSQL_SNAPSHOT_BEGIN = ['SET TRANSACTION ISOLATION LEVEL REPEATABLE READ', 'START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY']

/** Run `work` with a SnapshotReader over one consistent-snapshot read-only transaction; ROLLBACK at the end. */
export async function readSnapshot<T>(ctx: ReadContext, work: (r: SnapshotReader) => Promise<T>): Promise<T> {
  let c: CoreConnection
  try {
    c = await ctx.pool.acquire()
  } catch (e) {
    throw snapshotFailed('opening a read snapshot', e, false)
  }
  const watch = watchConnection(c)
  // A streamed query has no callback: mysql2 reports the connection's end only as an 'error' (or 'end')
  // event on the connection, and the row stream would wait forever. Scans race this promise.
  let reject: (e: unknown) => void = () => undefined
  let isGone = false
  const ended = new Promise<never>((_, r) => (reject = r))
  ended.catch(() => undefined)
  const gone = (e: unknown) => {
    isGone = true
    reject(e)
  }
  const onEnd = () => gone(Object.assign(new Error('connection ended'), { code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))
  c.on('error', gone)
  c.on('end', onEnd)
  const lost = () => isGone || watch.lost() !== undefined
  try {
    try {
      for (const sql of MYSQL_SNAPSHOT_BEGIN) await run(c, sql)
    } catch (e) {
      throw snapshotFailed('opening a read snapshot', e, lost())
    }
    const reader = new MysqlSnapshot(c, ctx, lost, ended)
    try {
      return await work(reader)
    } finally {
      reader.gate.close()
    }
  } finally {
    let healthy = !lost()
    if (healthy) await run(c, 'ROLLBACK').catch(() => (healthy = false))
    watch.stop()
    c.removeListener('error', gone)
    c.removeListener('end', onEnd)
    if (healthy) ctx.pool.release(c)
    else ctx.pool.destroy(c)
  }
}

class MysqlSnapshot implements SnapshotReader {
  readonly isolation = 'one snapshot (REPEATABLE READ, WITH CONSISTENT SNAPSHOT, read only)'
  readonly consistent = true
  readonly gate = new SnapshotGate()

  constructor(
    private readonly c: CoreConnection,
    private readonly ctx: ReadContext,
    private readonly lost: () => boolean,
    private readonly ended: Promise<never>,
  ) {}

  scan(table: TableRef, opts: SnapshotScanOptions = {}): AsyncIterable<RowBatch> {
    return this.read(table, opts)
  }

  async count(table: TableRef, where?: string): Promise<number> {
    this.gate.enter(table)
    try {
      return await this.guarded(table, async () => {
        const rel = await lookupRelation(this.c, this.ctx.dialect, table)
        const rows = await run<Array<{ n: number | string }>>(this.c, `SELECT count(*) AS n FROM ${rel.qualified}${whereClause(where)}`)
        return Number(rows[0]?.n ?? 0)
      })
    } finally {
      this.gate.leave()
    }
  }

  /** One statement on the snapshot's connection, rows as arrays. */
  async query(sql: string): Promise<Value[][]> {
    this.gate.enter({ name: '(query)' })
    try {
      return await this.guarded({ name: '(query)' }, () => Promise.race([new Promise<Value[][]>((resolve, reject) => this.c.query({ sql, rowsAsArray: true }, (err: unknown, rows: unknown) => (err ? reject(err) : resolve(rows as Value[][])))), this.ended]))
    } finally {
      this.gate.leave()
    }
  }

  private async *read(table: TableRef, opts: SnapshotScanOptions): AsyncGenerator<RowBatch> {
    this.gate.enter(table)
    if (opts.tableSample !== undefined) throw new TdgError('TDG_INTERNAL', 'MySQL samples by a condition, not a FROM clause')
    const batchSize = Math.max(1, Math.floor(opts.batchSize ?? 5000))
    try {
      const rel = await this.guarded(table, () => lookupRelation(this.c, this.ctx.dialect, table))
      const columns = opts.columns ?? rel.columns.map((x) => x.name)
      const clauses = snapshotClauses(this.ctx.dialect.quoteIdent, table.name, rel.columns.map((x) => x.name), columns, opts, (s) => this.ctx.dialect.literal(s, { kind: 'text' }))
      if (clauses.limit === 0) return
      const limit = clauses.limit !== undefined ? ` LIMIT ${clauses.limit}` : ''
      const sql = `SELECT ${columns.map((n) => this.ctx.dialect.quoteIdent(n)).join(', ')} FROM ${rel.qualified}${clauses.where}${clauses.orderBy}${limit}`
      const stream = this.c.query({ sql, rowsAsArray: true }).stream({ highWaterMark: Math.min(batchSize, 1000) })
      let rows: Value[][] = []
      const it = (stream as AsyncIterable<Value[]>)[Symbol.asyncIterator]()
      try {
        for (;;) {
          const next = await this.guarded(table, () => Promise.race([it.next(), this.ended]))
          if (next.done) break
          rows.push(next.value)
          if (rows.length >= batchSize) {
            yield { columns, rows }
            rows = []
          }
        }
      } finally {
        // On `break`: destroying the stream lets mysql2 drop the rest of the result; the connection stays.
        if (!this.lost()) await it.return?.()
      }
      if (rows.length > 0) yield { columns, rows }
    } finally {
      this.gate.leave()
    }
  }

  private async guarded<R>(table: TableRef, f: () => Promise<R>): Promise<R> {
    try {
      return await f()
    } catch (e) {
      if (isTdgError(e)) throw e
      throw snapshotFailed(`reading ${table.name}`, e, this.lost(), table.name)
    }
  }
}

/** TDG_READ_FAILED: a lost session in tdg's words, else the server's message with quoted values elided. */
function snapshotFailed(what: string, e: unknown, lost: boolean, table?: string): TdgError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { sql?: unknown; sqlMessage?: unknown; message?: unknown }
  // mysql2 attaches the statement text to its errors: drop it even from the cause.
  if (typeof err.sql === 'string') delete err.sql
  const raw = typeof err.sqlMessage === 'string' ? err.sqlMessage : typeof err.message === 'string' ? err.message : String(e)
  const reason = lost || mysqlConnectionLost(e) ? CONNECTION_LOST : valueFree(raw)
  return new TdgError('TDG_READ_FAILED', `${what} failed: ${reason}`, table !== undefined ? { table } : {}, { cause: e })
}
