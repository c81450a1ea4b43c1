/**
 * `readSnapshot` on the adapter's one connection: a deferred `BEGIN` followed at once by a read of the
 * schema, which starts the read transaction there and then (a deferred BEGIN alone takes no lock).
 * - WAL mode: the read transaction pins a WAL snapshot; other connections keep writing and committing,
 *   and nothing they commit is seen until the snapshot ends.
 * - Rollback-journal modes (DELETE, TRUNCATE, PERSIST, …): the read holds a SHARED lock until the end,
 *   so no other connection can commit meanwhile (its COMMIT waits its busy timeout, then fails with
 *   SQLITE_BUSY): the view is consistent because nobody can change it.
 * `BEGIN IMMEDIATE` is not used: it would take the write lock and stop every writer in WAL mode too,
 * and fail outright on a read-only file. Scans are as in read.ts, plus `where`/`orderBy`/`limit`.
 * The transaction is rolled back (it wrote nothing) when `work` settles. Do not write through the same
 * adapter inside `work`: it is the same connection.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { SnapshotReader, SnapshotScanOptions } from '../../src/adapter/adapter.js'
import { snapshotClauses, whereClause } from '../../src/adapter/snapshot-clauses.js'
import { SnapshotGate } from '../../src/adapter/snapshot-gate.js'
import { TdgError } from '../../src/errors.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { quoteIdent, sqliteDialect } from './dialect.js'
import { batchesOf, readError, tableColumns } from './read.js'

/** Run `work` with a SnapshotReader over one read transaction on `db`; ROLLBACK at the end. */
export async function readSnapshot<T>(db: BetterSqlite3.Database, work: (r: SnapshotReader) => Promise<T>): Promise<T> {
  if (db.inTransaction) throw new TdgError('TDG_INTERNAL', 'a SQLite transaction is already open on this connection')
  const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase()
  try {
    db.exec('BEGIN')
    db.prepare('SELECT count(*) FROM main.sqlite_schema').get()
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw new TdgError('TDG_READ_FAILED', `opening a read snapshot failed: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e })
  }
  const reader = new SqliteSnapshot(db, mode === 'wal' ? 'one read transaction (WAL snapshot)' : `one read transaction (journal_mode ${mode}: other connections cannot commit until it ends)`)
  try {
    return await work(reader)
  } finally {
    reader.gate.close()
    if (db.inTransaction) db.exec('ROLLBACK')
  }
}

class SqliteSnapshot implements SnapshotReader {
  readonly consistent = true
  readonly gate = new SnapshotGate()

  constructor(
    private readonly db: BetterSqlite3.Database,
    readonly isolation: string,
  ) {}

  scan(table: TableRef, opts: SnapshotScanOptions = {}): AsyncIterable<RowBatch> {
    return this.read(table, opts)
  }

  async count(table: TableRef, where?: string): Promise<number> {
    this.gate.enter(table)
    try {
      tableColumns(this.db, table)
      const row = this.db.prepare(`SELECT count(*) FROM ${quoteIdent(table.name)}${whereClause(where)}`).raw(true).get() as [number]
      return Number(row[0])
    } catch (e) {
      throw readError(table, e)
    } finally {
      this.gate.leave()
    }
  }

  /** One statement in the read transaction, rows as arrays (64-bit integers as numbers: counts and rowids fit). */
  async query(sql: string): Promise<Value[][]> {
    try {
      return this.db.prepare(sql).raw(true).all() as Value[][]
    } catch (e) {
      throw new TdgError('TDG_READ_FAILED', `a profiling query failed: ${e instanceof Error ? e.message : String(e)}`, {}, { cause: e })
    }
  }

  private async *read(table: TableRef, opts: SnapshotScanOptions): AsyncGenerator<RowBatch> {
    this.gate.enter(table)
    if (opts.tableSample !== undefined) throw new TdgError('TDG_INTERNAL', 'SQLite samples by a condition, not a FROM clause')
    const size = Math.max(1, Math.floor(opts.batchSize ?? 5000))
    let iter: IterableIterator<unknown[]> | undefined
    try {
      const all = tableColumns(this.db, table)
      const columns = opts.columns ?? all
      const clauses = snapshotClauses(quoteIdent, table.name, all, columns, opts, (s) => sqliteDialect.literal(s, { kind: 'text' }))
      if (clauses.limit === 0) return
      const limit = clauses.limit !== undefined ? ` LIMIT ${clauses.limit}` : ''
      const sql = `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(table.name)}${clauses.where}${clauses.orderBy}${limit}`
      try {
        // safeIntegers as in read.ts: 64-bit keys beyond 2^53 survive.
        iter = this.db.prepare(sql).raw(true).safeIntegers(true).iterate() as IterableIterator<unknown[]>
      } catch (e) {
        throw readError(table, e)
      }
      yield* batchesOf(iter, table, columns, size)
    } finally {
      iter?.return?.()
      this.gate.leave()
    }
  }
}
