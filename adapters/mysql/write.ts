/**
 * Transactions and the bulk write path. A transaction is START TRANSACTION … COMMIT on one pooled
 * connection; foreign_key_checks is ON (tdg writes parents first and fixes nullable cycles with UPDATEs)
 * except while a table of a NOT NULL cycle loads (`deferral.ts`: the pipeline switches them off around
 * that table and verifies its FKs before COMMIT); it is set ON again at the start and after a rollback.
 *
 * `insert` streams rows through `LOAD DATA LOCAL INFILE` (mysql2 `infileStreamFactory`, no temp file)
 * when the server has `local_infile` on and the URL did not turn it off; otherwise multi-row INSERTs
 * sized by the parameter limit and `max_allowed_packet`. LOAD DATA LOCAL turns errors into warnings and
 * skips duplicate rows, so any warning or a row count that differs from what was sent fails the write.
 */
import { Readable } from 'node:stream'
import type { InsertOptions, SqlDialect, WriteStats, Writer } from '../../src/adapter/adapter.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import { interrupted } from '../../src/pipeline/abort.js'
import { alignedRows, forKeyedBatches, guarded } from '../../src/adapter/row-batches.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { insertChunks, insertSql } from './insert-batches.js'
import { derivedRows, derivedRowsPerStatement, keyMatch } from './derived-rows.js'
import { loadChunks, loadDataSql } from './load-data.js'
import { splitScript } from './script.js'
import { run, type CoreConnection, type MysqlPool, type ResultHeader } from './pool.js'
import { lookupRelation, pickColumns, type Relation, type RelationColumn } from './relation.js'
import { mysqlConnectionLost, valueFree, writeFailed } from './write-error.js'
import { lostError, watchConnection } from '../../src/adapter/connection-lost.js'
import { mysqlRowCount } from './row-count.js'
import { beginFastLoad, endFastLoad, verifyFastLoad, type FastLoaded, type FastLoadSession } from './fast-load.js'

export interface WriteContext {
  pool: MysqlPool
  dialect: SqlDialect
  /** The URL allows LOAD DATA LOCAL (default true); the server must allow it too. */
  localInfile: boolean
}

/** Run `work` in one transaction: COMMIT when it resolves, ROLLBACK and rethrow when it throws. */
export async function runTransaction<T>(ctx: WriteContext, work: (w: Writer) => Promise<T>): Promise<T> {
  let c: CoreConnection
  try {
    c = await ctx.pool.acquire()
  } catch (e) {
    throw writeFailed('starting a transaction', undefined, e)
  }
  let healthy = true
  // An 'error' event while the session idles inside the transaction (KILLed between tables) must not crash
  // the process: it is recorded, and the next statement's failure is reported as a lost connection.
  const watch = watchConnection(c)
  let committed = false
  let writer: MysqlWriter | undefined
  // After COMMIT nothing is rolled back: a later failure (moving AUTO_INCREMENT) keeps its own wording.
  const lost = (e: unknown) => !committed && (watch.lost() !== undefined || mysqlConnectionLost(e) || mysqlConnectionLost((e as { cause?: unknown } | null)?.cause))
  try {
    try {
      await run(c, 'SET foreign_key_checks = 1')
      await run(c, 'START TRANSACTION')
    } catch (e) {
      throw writeFailed('starting a transaction', undefined, e)
    }
    writer = new MysqlWriter(c, ctx)
    let result: T
    try {
      result = await work(writer)
      // What the fast load did not check row by row is checked now, still inside the transaction.
      await writer.verifyFastLoads()
    } catch (e) {
      if (lost(e)) {
        healthy = false
        throw lostError(e)
      }
      await run(c, 'ROLLBACK').catch(() => (healthy = false))
      if (healthy) await run(c, 'SET foreign_key_checks = 1').catch(() => (healthy = false))
      throw e
    }
    try {
      await run(c, 'COMMIT')
    } catch (e) {
      await run(c, 'ROLLBACK').catch(() => (healthy = false))
      throw writeFailed('committing', undefined, e)
    }
    committed = true
    // Counter moves that need DDL (which commits implicitly) run after the data is committed.
    for (const sql of writer.afterCommit) {
      try {
        await run(c, sql)
      } catch (e) {
        throw writeFailed('moving AUTO_INCREMENT', undefined, e)
      }
    }
    return result
  } catch (e) {
    if (!isTdgError(e) && (e as { fatal?: boolean }).fatal) healthy = false
    if (watch.lost() !== undefined || mysqlConnectionLost((e as { cause?: unknown } | null)?.cause)) healthy = false
    if (lost(e)) {
      healthy = false
      throw lostError(e)
    }
    throw e
  } finally {
    watch.stop()
    // A session whose unique_checks/foreign_key_checks could not be put back never returns to the pool.
    if (healthy && !writer?.sessionDirty) ctx.pool.release(c)
    else ctx.pool.destroy(c)
  }
}

class MysqlWriter implements Writer {
  private readonly relations = new Map<string, Relation>()
  private server?: { localInfile: boolean; maxPacket: number }
  /** Statements to run once the transaction has committed (AUTO_INCREMENT moves). */
  readonly afterCommit: string[] = []
  /** Tables loaded with the checks off (fast-load.ts), to verify before COMMIT. */
  private readonly fastLoaded: FastLoaded[] = []
  /** True while the session's foreign_key_checks is switched off by a fast load or could not be restored. */
  sessionDirty = false

  constructor(
    private readonly c: CoreConnection,
    private readonly ctx: WriteContext,
  ) {}

  /** `Adapter.rowCount` on this transaction's connection. */
  rowCount(table: TableRef): Promise<number> {
    return mysqlRowCount((sql) => run(this.c, sql), this.ctx.dialect, table)
  }

  private async relation(table: TableRef): Promise<Relation> {
    const key = `${table.schema ?? ''}\u0000${table.name}`
    let rel = this.relations.get(key)
    if (!rel) {
      rel = await lookupRelation(this.c, this.ctx.dialect, table)
      this.relations.set(key, rel)
    }
    return rel
  }

  private async settings(): Promise<{ localInfile: boolean; maxPacket: number }> {
    if (!this.server) {
      const [row] = await run<Array<{ li: number | string; mp: number | string }>>(this.c, 'SELECT @@local_infile AS li, @@max_allowed_packet AS mp')
      this.server = { localInfile: this.ctx.localInfile && Number(row?.li) === 1, maxPacket: Number(row?.mp ?? 4 * 1024 * 1024) }
    }
    return this.server
  }

  private columns(rel: Relation, names: string[]): RelationColumn[] {
    const cols = pickColumns(rel, names)
    if (typeof cols === 'string') throw new TdgError('TDG_WRITE_FAILED', `table ${rel.name} has no column ${cols}`, { table: rel.name, column: cols })
    return cols
  }

  async execute(sql: string): Promise<void> {
    this.relations.clear() // DDL may have changed what we cached
    try {
      for (const statement of splitScript(sql)) await run(this.c, statement)
      // DDL commits implicitly and leaves the session in autocommit: open the transaction again so the
      // rows that follow still commit or roll back together (the DDL itself cannot be rolled back in MySQL).
      const [state] = await run<Array<{ t: number | string }>>(this.c, 'SELECT @@in_transaction AS t')
      if (Number(state?.t) === 0) await run(this.c, 'START TRANSACTION')
    } catch (e) {
      throw writeFailed('executing SQL', undefined, e)
    }
  }

  async insert(table: TableRef, rows: RowStream, opts?: InsertOptions): Promise<WriteStats> {
    const signal = opts?.signal
    const it = rows[Symbol.asyncIterator]()
    let first = await it.next()
    while (!first.done && first.value.rows.length === 0) first = await it.next()
    if (first.done) return { rows: 0 }
    const rel = await this.relation(table)
    const names = first.value.columns
    const cols = this.columns(rel, names)
    const source = guarded(alignedRows(first.value, it, names, table.name))
    const fast = await this.beginFastLoad(table, rel, opts)
    let failed = false
    try {
      const server = await this.settings()
      return server.localInfile ? await this.loadData(rel, cols, source.rows, signal) : await this.insertRows(rel, cols, source.rows, server.maxPacket)
    } catch (e) {
      failed = true
      if (signal?.aborted) throw interrupted(signal)
      const fromSource = source.error()
      if (fromSource !== undefined) throw fromSource
      if (isTdgError(e)) throw e
      throw writeFailed('writing rows to', table.name, e)
    } finally {
      // A failed restore matters only when the load itself went well: otherwise its error is the story.
      if (fast) await this.endFastLoad(fast).catch((e: unknown) => {
        if (!failed) throw writeFailed('restoring foreign_key_checks after loading', table.name, e)
      })
    }
  }

  /** `beginFastLoad` unless `--no-fast-load`; undefined when it does not apply (see fast-load.ts). */
  private async beginFastLoad(table: TableRef, rel: Relation, opts: InsertOptions | undefined): Promise<FastLoadSession | undefined> {
    if (opts?.fastLoad === false) return undefined
    try {
      this.sessionDirty = true
      const s = await beginFastLoad(this.c, table, rel.qualified, opts?.expectedRows)
      if (s) this.fastLoaded.push(s.loaded)
      else this.sessionDirty = false
      return s
    } catch (e) {
      throw writeFailed('preparing the load of', table.name, e)
    }
  }

  /** Put foreign_key_checks back; a failure leaves `sessionDirty` set (the connection is then destroyed). */
  private async endFastLoad(s: FastLoadSession): Promise<void> {
    await endFastLoad(this.c, s)
    this.sessionDirty = false
  }

  /** Verify the foreign keys of every table loaded with foreign_key_checks off (fast-load.ts). */
  async verifyFastLoads(): Promise<void> {
    for (const loaded of this.fastLoaded) {
      try {
        await verifyFastLoad(this.c, loaded, this.ctx.dialect.quoteIdent)
      } catch (e) {
        if (isTdgError(e)) throw e
        throw writeFailed('verifying the keys of', loaded.table.name, e)
      }
    }
  }

  private async loadData(rel: Relation, cols: RelationColumn[], batches: AsyncIterable<Value[][]>, signal?: AbortSignal): Promise<WriteStats> {
    let sent = 0
    const stream = Readable.from(loadChunks(batches, cols, (n) => (sent = n)))
    // An abort ends the LOAD DATA stream with an error: mysql2 closes the transfer, the statement fails
    // with that error and the transaction rolls back.
    const cut = () => stream.destroy(signal ? interrupted(signal) : undefined)
    signal?.addEventListener('abort', cut, { once: true })
    let res: ResultHeader
    try {
      res = await run<ResultHeader>(this.c, loadDataSql(this.ctx.dialect, rel.qualified, cols), undefined, () => stream)
    } finally {
      signal?.removeEventListener('abort', cut)
    }
    if (res.warningStatus > 0 || res.affectedRows !== sent) {
      const [w] = await run<Array<{ Message?: string }>>(this.c, 'SHOW WARNINGS LIMIT 1')
      const why = w?.Message ? valueFree(w.Message) : `${sent - res.affectedRows} row(s) were skipped`
      throw new TdgError('TDG_WRITE_FAILED', `writing rows to ${rel.name} failed: ${why}`, { table: rel.name, sent, written: res.affectedRows })
    }
    return { rows: sent }
  }

  private async insertRows(rel: Relation, cols: RelationColumn[], batches: AsyncIterable<Value[][]>, maxPacket: number): Promise<WriteStats> {
    const quoted = cols.map((c) => this.ctx.dialect.quoteIdent(c.name))
    const budget = Math.max(64 * 1024, Math.floor(maxPacket * 0.75))
    let count = 0
    // One statement in flight while the next one's rows are generated and encoded: the server executes
    // as tdg works, instead of the two taking turns. The rejection is captured at once (no unhandled
    // rejection while the generator runs) and rethrown before anything else is sent.
    let inFlight: Promise<{ error: unknown } | undefined> | undefined
    try {
      for await (const chunk of insertChunks(batches, cols, budget)) {
        const failed = await inFlight
        if (failed) throw failed.error
        inFlight = run(this.c, insertSql(rel.qualified, quoted, chunk.rows), chunk.params).then(
          () => undefined,
          (error: unknown) => ({ error }),
        )
        count += chunk.rows
      }
      const failed = await inFlight
      inFlight = undefined
      if (failed) throw failed.error
    } finally {
      // The row source failed: let the statement on the wire finish before the caller rolls back.
      await inFlight
    }
    return { rows: count }
  }

  async update(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    const rel = await this.relation(table)
    const q = (n: string) => this.ctx.dialect.quoteIdent(n)
    let count = 0
    await forKeyedBatches(
      rows,
      keyColumns,
      'update of',
      rel.name,
      async (batch) => {
        const cols = this.columns(rel, batch.columns)
        const setCols = batch.columns.filter((c) => !keyColumns.includes(c))
        if (setCols.length === 0) return
        const perStatement = derivedRowsPerStatement(cols.length)
        for (let start = 0; start < batch.rows.length; start += perStatement) {
          const derived = derivedRows(cols, batch.rows.slice(start, start + perStatement), q)
          const sql =
            `UPDATE ${rel.qualified} AS tdg_t JOIN (${derived.sql}) AS tdg_v ON ${keyMatch(keyColumns, q)} ` +
            `SET ${setCols.map((c) => `tdg_t.${q(c)} = tdg_v.${q(c)}`).join(', ')}`
          const res = await run<ResultHeader>(this.c, sql, derived.params)
          count += res.affectedRows
        }
      },
      (e) => writeFailed('updating rows of', table.name, e),
    )
    return { rows: count }
  }

  /**
   * `Writer.deleteKeys`: one `DELETE tdg_t FROM t JOIN (derived rows) ON keys` per ≤ 1000 rows, only
   * when a non-locking count finds some of them (a first run deletes nothing and locks nothing). InnoDB
   * checks a foreign key row by row, not at the end of the statement, so on a table that references
   * itself a set-based DELETE could remove a parent before its child: there the rows go one by one, in
   * the order given (the caller orders children first).
   */
  async deleteKeys(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    const rel = await this.relation(table)
    const q = (n: string) => this.ctx.dialect.quoteIdent(n)
    let count = 0
    const ordered = await this.selfReferencing(table).catch((e: unknown) => {
      throw writeFailed('deleting rows of', table.name, e)
    })
    await forKeyedBatches(
      rows,
      keyColumns,
      'delete from',
      rel.name,
      async (batch) => {
        const cols = this.columns(rel, batch.columns)
        const perStatement = ordered ? 1 : derivedRowsPerStatement(cols.length)
        for (let start = 0; start < batch.rows.length; start += perStatement) {
          const derived = derivedRows(cols, batch.rows.slice(start, start + perStatement), q)
          const from = `${rel.qualified} AS tdg_t JOIN (${derived.sql}) AS tdg_v ON ${keyMatch(keyColumns, q)}`
          // A DELETE that finds nothing still locks the gap where the rows would be (REPEATABLE READ), and
          // the other shards of the phase insert into that gap: deadlocks. A plain SELECT locks nothing.
          const [found] = await run<Array<{ n: number | string }>>(this.c, `SELECT COUNT(*) AS n FROM ${from}`, derived.params)
          if (Number(found?.n ?? 0) === 0) continue
          const res = await run<ResultHeader>(this.c, `DELETE tdg_t FROM ${from}`, derived.params)
          count += res.affectedRows
        }
      },
      (e) => writeFailed('deleting rows of', table.name, e),
    )
    return { rows: count }
  }

  /** True when a foreign key of `table` references `table` itself. */
  private async selfReferencing(table: TableRef): Promise<boolean> {
    const [row] = await run<Array<{ n: number | string }>>(
      this.c,
      `SELECT COUNT(*) AS n FROM information_schema.key_column_usage
        WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?
          AND referenced_table_schema = table_schema AND referenced_table_name = table_name`,
      [table.schema ?? null, table.name],
    )
    return Number(row?.n ?? 0) > 0
  }

  /**
   * Make the next AUTO_INCREMENT value exceed the highest key. Explicit keys already raise the counter
   * (InnoDB, MyISAM, Aria), so an appending run normally only checks. After `--truncate` (`emptied`) the
   * counter is set to exactly max + 1, and an empty table's back to 1 (a fixtures cleanup): lowered. The
   * `ALTER TABLE` runs after COMMIT because DDL would commit the transaction implicitly (the engine never
   * sets the counter below max + 1, so a row committed meanwhile is safe).
   */
  async syncIdentity(table: TableRef, opts?: { emptied?: boolean }): Promise<void> {
    const rel = await this.relation(table)
    const col = rel.columns.find((c) => c.autoIncrement)
    if (!col) return
    try {
      const [m] = await run<Array<{ m: number | string | null }>>(this.c, `SELECT MAX(${this.ctx.dialect.quoteIdent(col.name)}) AS m FROM ${rel.qualified}`)
      const [t] = await run<Array<{ ai: number | string | null }>>(
        this.c,
        'SELECT auto_increment AS ai FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?',
        [table.schema ?? null, table.name],
      )
      const empty = m?.m === null || m?.m === undefined
      const next = empty ? 1n : BigInt(String(m.m)) + 1n
      const ai = t?.ai === null || t?.ai === undefined ? undefined : BigInt(String(t.ai))
      if (ai !== undefined && (empty || opts?.emptied === true ? ai === next : ai >= next)) return
      this.afterCommit.push(`ALTER TABLE ${rel.qualified} AUTO_INCREMENT = ${next.toString()}`)
    } catch (e) {
      throw writeFailed('moving AUTO_INCREMENT of', table.name, e)
    }
  }
}
