/**
 * Transactions and the bulk write path. A transaction is BEGIN … COMMIT on one raw pg connection
 * borrowed from the adapter's pool (pool.ts), so COPY (pg-copy-streams) runs inside it.
 *
 * GENERATED ALWAYS identity columns: COPY has no OVERRIDING SYSTEM VALUE, so when rows carry such a
 * column the rows go through multi-row `INSERT … OVERRIDING SYSTEM VALUE` statements instead (text
 * parameters, ≤ 65535 per statement). That needs only INSERT privilege, unlike switching the column
 * to BY DEFAULT for the load; tables without one (or rows without it) use COPY.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import type { InsertOptions, SqlDialect, WriteStats, Writer } from '../../src/adapter/adapter.js'
import { TdgError, isTdgError } from '../../src/errors.js'
import { interrupted, isInterrupted } from '../../src/pipeline/abort.js'
import { alignedRows, forKeyedBatches, guarded } from '../../src/adapter/row-batches.js'
import type { RowStream, TextRowBatch, Value } from '../../src/model/rows.js'
import type { TableRef } from '../../src/model/schema.js'
import { copyChunks, PG_COPY_TEXT, scalarText } from './copy-text.js'
import { UnwaitedStatements } from './statement-batch.js'

async function* oneBatch(rows: Value[][]): AsyncGenerator<Value[][]> {
  yield rows
}

/** `first`, then the rest of `it`; closing this closes `it` (a destroyed COPY stops the row source). */
async function* prepended<T>(first: T[], it: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    yield* first
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value
  } finally {
    await it.return(undefined)
  }
}

/** Batches of at least this many rows are staged through a temporary table (see `update`). */
const STAGE_MIN_ROWS = 500
import type { RawPool } from './pool.js'
import { lookupRelation, lookupRelations, pickColumns, relationKey, type Relation, type RelationColumn } from './relation.js'
import { pgConnectionLost, writeFailed } from './write-error.js'
import { lostError, watchConnection } from '../../src/adapter/connection-lost.js'
import { keyFloorOn } from './key-floor.js'
import { rowCountOn } from './row-count.js'
import { deferIndexes, DEFER_MIN_ROWS } from './deferred-indexes.js'

/** One TRUNCATE statement (what `truncateSql` makes), nothing after it. */
const TRUNCATE = /^\s*TRUNCATE\b[^;]*;?\s*$/i

const MAX_PARAMS = 65535
const MAX_ROWS_PER_STATEMENT = 1000

export interface WriteContext {
  pool: RawPool
  dialect: SqlDialect
  defaultSchema: string
}

/** Run `work` in one transaction: COMMIT when it resolves, ROLLBACK and rethrow when it throws. */
export async function runTransaction<T>(ctx: WriteContext, work: (w: Writer) => Promise<T>): Promise<T> {
  let client: pg.ClientBase
  try {
    client = await ctx.pool.acquire()
  } catch (e) {
    throw writeFailed('starting a transaction', undefined, e)
  }
  // An 'error' event while the session idles inside the transaction (killed between tables) must not
  // crash the process: it is recorded, and the next statement's failure is reported as a lost connection.
  const watch = watchConnection(client)
  const lost = (e: unknown) => watch.lost() !== undefined || pgConnectionLost(e) || pgConnectionLost((e as { cause?: unknown } | null)?.cause)
  try {
    try {
      await client.query('BEGIN')
    } catch (e) {
      throw writeFailed('starting a transaction', undefined, e)
    }
    let result: T
    const writer = new PgWriter(client, ctx)
    try {
      result = await work(writer)
      await writer.drain()
    } catch (thrown) {
      // A statement not waited for that failed is the cause (see PgWriter.drain); an interrupt stays one.
      const failed = await writer.abandon()
      const e = failed !== undefined && !isInterrupted(thrown) ? failed : thrown
      if (lost(e)) throw lostError(e)
      await client.query('ROLLBACK').catch(() => undefined)
      throw e
    }
    let commit: pg.QueryResult
    try {
      commit = await client.query('COMMIT')
    } catch (e) {
      // Deferred constraints are checked here.
      await client.query('ROLLBACK').catch(() => undefined)
      throw lost(e) ? lostError(writeFailed('committing', undefined, e)) : writeFailed('committing', undefined, e)
    }
    // COMMIT of a transaction that already failed answers ROLLBACK instead of raising.
    if (commit.command === 'ROLLBACK') throw new TdgError('TDG_WRITE_FAILED', 'the transaction failed earlier and was rolled back')
    return result
  } catch (e) {
    throw lost(e) ? lostError(e) : e
  } finally {
    watch.stop()
    await ctx.pool.release(client)
  }
}

/** A failed COPY in tdg's words: the interruption, else the row source's own error (the COPY's abort only followed it), else the database's. */
function copyFailed(e: unknown, table: string, fromSource: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return interrupted(signal)
  if (fromSource !== undefined) return fromSource
  if (isTdgError(e)) return e
  return writeFailed('writing rows to', table, e)
}

class PgWriter implements Writer {
  private readonly relations = new Map<string, Relation>()
  /** Staging tables of `update`, by relation and column list ('' when the session may not create one). */
  private readonly staging = new Map<string, string>()
  /** The identity/serial sequences of the relations looked up so far, by quoted name (see `sequencesOf`). */
  private readonly sequences = new Map<string, Array<{ seq: string; column_name: string }>>()
  /**
   * The statements not waited for (a TRUNCATE, the COPY of a small table's rows), sent in batches while node
   * generates the next tables' rows (statement-batch.ts). Every statement whose answer is read drains them first.
   */
  private readonly unwaited: UnwaitedStatements

  constructor(
    private readonly client: pg.ClientBase,
    private readonly ctx: WriteContext,
  ) {
    this.unwaited = new UnwaitedStatements(client)
  }

  private async relation(table: TableRef): Promise<Relation> {
    const key = relationKey(table, this.ctx.defaultSchema)
    let rel = this.relations.get(key)
    if (!rel) {
      await this.drain()
      rel = await lookupRelation(this.client, this.ctx.dialect, table, this.ctx.defaultSchema)
      this.relations.set(key, rel)
    }
    return rel
  }

  /** The relations of `tables` not looked up yet, in one catalog query (a seed's 20 tables: 1 round trip, not 20). */
  async prefetch(tables: TableRef[]): Promise<void> {
    const missing = tables.filter((t) => !this.relations.has(relationKey(t, this.ctx.defaultSchema)))
    if (missing.length < 2) return
    await this.drain()
    try {
      for (const [key, rel] of await lookupRelations(this.client, this.ctx.dialect, missing, this.ctx.defaultSchema)) this.relations.set(key, rel)
    } catch (e) {
      throw writeFailed('looking up the tables to write', undefined, e)
    }
  }

  /** See UnwaitedStatements.drain: runTransaction calls it before COMMIT. */
  drain(): Promise<void> {
    return this.unwaited.drain()
  }

  /** See UnwaitedStatements.abandon: runTransaction calls it when the work failed. */
  abandon(): Promise<unknown> {
    return this.unwaited.abandon()
  }

  private columns(rel: Relation, names: string[]): RelationColumn[] {
    const cols = pickColumns(rel, names)
    if (typeof cols === 'string') throw new TdgError('TDG_WRITE_FAILED', `table ${rel.schema}.${rel.name} has no column ${cols}`, { table: rel.name, column: cols })
    return cols
  }

  async execute(sql: string): Promise<void> {
    if (TRUNCATE.test(sql)) {
      // Empties tables and restarts their sequences, changes no table: what was read ahead stays. Not
      // waited for: the server empties the tables while the first ones' rows are generated.
      this.unwaited.send({ sql: sql.trim().replace(/;$/, '') }, (e) => writeFailed('executing SQL', undefined, e))
      return
    }
    await this.drain()
    this.relations.clear() // DDL may have changed what we cached
    this.sequences.clear()
    try {
      await this.client.query(sql)
    } catch (e) {
      throw writeFailed('executing SQL', undefined, e)
    }
  }

  async insert(table: TableRef, rows: RowStream, opts?: InsertOptions): Promise<WriteStats> {
    const name = `${table.schema ?? this.ctx.defaultSchema}.${table.name}`
    const signal = opts?.signal
    // The table's catalog lookup goes out before the first batch is generated, so the server answers
    // it while node builds the generators and the first rows (its error, if any, is met below).
    const lookup = this.relation(table)
    lookup.catch(() => undefined)
    const it = rows[Symbol.asyncIterator]()
    let first = await it.next()
    while (!first.done && first.value.rows.length === 0) first = await it.next()
    if (first.done) return { rows: 0 }
    const rel = await lookup
    const names = first.value.columns
    const cols = this.columns(rel, names)
    const source = guarded(alignedRows(first.value, it, names, name))
    const batches = source.rows
    const rebuild = await this.deferIndexes(rel, opts)
    let stats: WriteStats
    try {
      if (cols.some((c) => c.identity === 'a')) stats = await this.insertOverriding(rel, cols, batches)
      else {
        let count = 0
        const sql = `COPY ${rel.qualified} (${names.map((n) => this.ctx.dialect.quoteIdent(n)).join(', ')}) FROM STDIN`
        const json = cols.map((c) => c.json)
        const chunks = copyChunks(batches, json, (n) => (count = n))
        const head = await chunks.next()
        const second = head.done ? head : await chunks.next()
        if (second.done) {
          // The whole table is in hand (a few rows, one chunk): its COPY joins the statements not waited for
          // (statement-batch.ts), and the server writes them while the next tables are generated.
          if (signal?.aborted) throw interrupted(signal)
          this.unwaited.send({ sql, data: head.done ? new Uint8Array(0) : head.value }, (e) => copyFailed(e, name, undefined, signal))
          if (rebuild) await this.drain()
        } else {
          await this.drain()
          // The signal destroys both streams at once: pg-copy-streams then sends CopyFail, and the server
          // drops the rows of this COPY before the transaction rolls back.
          const rest = prepended([head.value!, second.value], chunks)
          await pipeline(Readable.from(rest), this.client.query(copyFrom(sql)), ...(signal ? [{ signal }] : []))
        }
        stats = { rows: count }
      }
    } catch (e) {
      throw copyFailed(e, name, source.error(), signal)
    }
    await this.rebuildIndexes(rebuild, name)
    return stats
  }

  /** Drop what `deferIndexes` may for a big load into an empty table; the rebuild to run after it. */
  private async deferIndexes(rel: Relation, opts: InsertOptions | undefined): Promise<(() => Promise<void>) | undefined> {
    // Small loads never defer: no statement, so nothing to wait for (the COPYs before stay in flight).
    if (opts?.fastLoad === false || opts?.expectedRows === undefined || opts.expectedRows < DEFER_MIN_ROWS) return undefined
    await this.drain()
    try {
      return await deferIndexes(this.client, rel, opts?.expectedRows, (n) => this.ctx.dialect.quoteIdent(n))
    } catch (e) {
      throw writeFailed('preparing the load of', `${rel.schema}.${rel.name}`, e)
    }
  }

  private async rebuildIndexes(rebuild: (() => Promise<void>) | undefined, name: string): Promise<void> {
    if (!rebuild) return
    try {
      await rebuild()
    } catch (e) {
      throw writeFailed('building the indexes and checking the foreign keys of', name, e)
    }
  }

  readonly textFormat = PG_COPY_TEXT

  /**
   * COPY FROM STDIN of rows already in COPY text (a copy from another PostgreSQL database): the bytes go
   * to the server as they are. Declines (undefined, nothing read) for a table with a GENERATED ALWAYS
   * identity column, whose rows need INSERT … OVERRIDING SYSTEM VALUE (see `insert`).
   */
  async insertText(table: TableRef, batches: AsyncIterable<TextRowBatch>, opts?: InsertOptions): Promise<WriteStats | undefined> {
    const name = `${table.schema ?? this.ctx.defaultSchema}.${table.name}`
    await this.drain()
    const rel = await this.relation(table)
    if (rel.columns.some((c) => c.identity === 'a')) return undefined
    const signal = opts?.signal
    const it = batches[Symbol.asyncIterator]()
    const first = await it.next()
    if (first.done) return { rows: 0 }
    const names = first.value.columns
    this.columns(rel, names)
    let count = 0
    const source = guarded(
      (async function* () {
        for (let b: IteratorResult<TextRowBatch> = first; !b.done; b = await it.next()) {
          if (b.value.format !== PG_COPY_TEXT) throw new TdgError('TDG_INTERNAL', `rows for ${name} are in ${b.value.format}, not ${PG_COPY_TEXT}`, { table: rel.name })
          if (b.value.columns.length !== names.length || b.value.columns.some((c, i) => c !== names[i]))
            throw new TdgError('TDG_INTERNAL', `row batches for ${name} disagree on their column list`, { table: rel.name })
          yield b.value.bytes
          count += b.value.rows
        }
      })(),
    )
    const rebuild = await this.deferIndexes(rel, opts)
    try {
      const sql = `COPY ${rel.qualified} (${names.map((n) => this.ctx.dialect.quoteIdent(n)).join(', ')}) FROM STDIN`
      await pipeline(Readable.from(source.rows), this.client.query(copyFrom(sql)), ...(signal ? [{ signal }] : []))
    } catch (e) {
      throw copyFailed(e, name, source.error(), signal)
    }
    await this.rebuildIndexes(rebuild, name)
    return { rows: count }
  }

  /** Multi-row INSERT … OVERRIDING SYSTEM VALUE with text parameters (types inferred from the target columns). */
  private async insertOverriding(rel: Relation, cols: RelationColumn[], batches: AsyncIterable<Value[][]>): Promise<WriteStats> {
    await this.drain()
    const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / cols.length)))
    const head = `INSERT INTO ${rel.qualified} (${cols.map((c) => this.ctx.dialect.quoteIdent(c.name)).join(', ')}) OVERRIDING SYSTEM VALUE VALUES `
    let count = 0
    let pending: Value[][] = []
    const flush = async () => {
      if (pending.length === 0) return
      const params: Array<string | null> = []
      const tuples = pending.map((row) => `(${cols.map((c, i) => `$${params.push(scalarText(row[i], c.json))}`).join(', ')})`)
      await this.client.query(head + tuples.join(', '), params)
      count += pending.length
      pending = []
    }
    for await (const rows of batches) {
      for (const row of rows) {
        pending.push(row)
        if (pending.length >= perStatement) await flush()
      }
    }
    await flush()
    return { rows: count }
  }

  async update(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    const name = `${table.schema ?? this.ctx.defaultSchema}.${table.name}`
    await this.drain()
    const rel = await this.relation(table)
    const q = (n: string) => this.ctx.dialect.quoteIdent(n)
    let count = 0
    await forKeyedBatches(
      rows,
      keyColumns,
      'update of',
      name,
      async (batch) => {
        const cols = this.columns(rel, batch.columns)
        const setCols = batch.columns.filter((c) => !keyColumns.includes(c))
        if (setCols.length === 0) return
        const keyMatch = keyColumns.map((k) => `tdg_t.${q(k)} = tdg_v.${q(k)}`).join(' AND ')
        const set = setCols.map((c) => `${q(c)} = tdg_v.${q(c)}`).join(', ')
        // Big batches (masking in place): COPY into a temporary table, then one set-based UPDATE … FROM.
        const staged = batch.rows.length >= STAGE_MIN_ROWS ? await this.stage(rel, batch.columns) : undefined
        if (staged) {
          await this.client.query(`TRUNCATE ${staged}`)
          const json = cols.map((c) => c.json)
          await pipeline(Readable.from(copyChunks(oneBatch(batch.rows), json, () => undefined)), this.client.query(copyFrom(`COPY ${staged} FROM STDIN`)))
          const res = await this.client.query(`UPDATE ${rel.qualified} AS tdg_t SET ${set} FROM ${staged} AS tdg_v WHERE ${keyMatch}`)
          count += res.rowCount ?? 0
          return
        }
        const head = `UPDATE ${rel.qualified} AS tdg_t SET ${set} FROM (VALUES `
        const tail = `) AS tdg_v (${batch.columns.map(q).join(', ')}) WHERE ${keyMatch}`
        count += await this.byValues(cols, batch.rows, (values) => head + values + tail)
      },
      (e) => writeFailed('updating rows of', name, e),
    )
    return { rows: count }
  }

  /** `Writer.deleteKeys`: `DELETE … USING (VALUES …)` per batch, keys cast to their column types. */
  async deleteKeys(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    const name = `${table.schema ?? this.ctx.defaultSchema}.${table.name}`
    await this.drain()
    const rel = await this.relation(table)
    const q = (n: string) => this.ctx.dialect.quoteIdent(n)
    let count = 0
    await forKeyedBatches(
      rows,
      keyColumns,
      'delete from',
      name,
      async (batch) => {
        const keyMatch = keyColumns.map((k) => `tdg_t.${q(k)} = tdg_v.${q(k)}`).join(' AND ')
        const into = `AS tdg_v (${batch.columns.map(q).join(', ')}) WHERE ${keyMatch}`
        count += await this.byValues(this.columns(rel, batch.columns), batch.rows, (values) => `DELETE FROM ${rel.qualified} AS tdg_t USING (VALUES ${values}) ${into}`)
      },
      (e) => writeFailed('deleting rows of', name, e),
    )
    return { rows: count }
  }

  /** `rows` as statements of ≤ MAX_ROWS_PER_STATEMENT typed VALUES tuples each (`sqlOf` wraps them); the rows they touched. */
  private async byValues(cols: RelationColumn[], rows: Value[][], sqlOf: (values: string) => string): Promise<number> {
    const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / cols.length)))
    let count = 0
    for (let start = 0; start < rows.length; start += perStatement) {
      const v = typedValues(cols, rows.slice(start, start + perStatement))
      const res = await this.client.query(sqlOf(v.sql), v.params)
      count += res.rowCount ?? 0
    }
    return count
  }

  /**
   * A temporary table shaped like `columns` of `rel` (their exact types, via CREATE … AS … WITH NO DATA),
   * dropped at COMMIT; one per relation and column list for the transaction. Undefined when the session
   * may not create one (no TEMP privilege): the caller falls back to VALUES lists. Tried under a
   * savepoint, so a refusal does not abort the transaction.
   */
  private async stage(rel: Relation, columns: string[]): Promise<string | undefined> {
    const id = `${rel.qualified}\u0000${columns.join('\u0000')}`
    const have = this.staging.get(id)
    if (have !== undefined) return have || undefined
    const name = `tdg_stage_${this.staging.size + 1}`
    const list = columns.map((c) => this.ctx.dialect.quoteIdent(c)).join(', ')
    await this.client.query('SAVEPOINT tdg_stage')
    try {
      await this.client.query(`CREATE TEMPORARY TABLE ${name} ON COMMIT DROP AS SELECT ${list} FROM ${rel.qualified} WITH NO DATA`)
      await this.client.query('RELEASE SAVEPOINT tdg_stage')
      this.staging.set(id, name)
      return name
    } catch {
      await this.client.query('ROLLBACK TO SAVEPOINT tdg_stage')
      this.staging.set(id, '')
      return undefined
    }
  }

  async keyFloor(table: TableRef, column: string): Promise<number | undefined> {
    await this.drain()
    return keyFloorOn(this.client, this.ctx, table, column)
  }

  async rowCount(table: TableRef): Promise<number> {
    await this.drain()
    return rowCountOn(this.client, this.ctx, table)
  }

  /**
   * The sequences owned by `rel`'s columns (identity or serial). Read in one catalog query for every relation
   * this transaction has looked up and not read yet (the tables it wrote), not one per table: a seed syncs
   * each table it wrote, most of them with no sequence at all.
   */
  private async sequencesOf(rel: Relation): Promise<Array<{ seq: string; column_name: string }>> {
    const have = this.sequences.get(rel.qualified)
    if (have) return have
    await this.drain()
    const names = [...new Set([rel.qualified, ...[...this.relations.values()].map((r) => r.qualified)])].filter((q) => !this.sequences.has(q))
    const res = await this.client.query<{ rel: string; seq: string; column_name: string }>(
      `select r.name as rel, format('%I.%I', sn.nspname, sc.relname) as seq, a.attname as column_name
         from unnest($1::text[]) as r(name)
         join pg_depend d on d.refobjid = r.name::regclass
         join pg_class sc on sc.oid = d.objid and sc.relkind = 'S'
         join pg_namespace sn on sn.oid = sc.relnamespace
         join pg_attribute a on a.attrelid = d.refobjid and a.attnum = d.refobjsubid
        where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
          and d.deptype in ('a', 'i')
        order by r.name, a.attnum`,
      [names],
    )
    for (const q of names) this.sequences.set(q, [])
    for (const r of res.rows) this.sequences.get(r.rel)!.push({ seq: r.seq, column_name: r.column_name })
    return this.sequences.get(rel.qualified)!
  }

  async syncIdentity(table: TableRef): Promise<void> {
    const name = `${table.schema ?? this.ctx.defaultSchema}.${table.name}`
    await this.drain()
    const rel = await this.relation(table)
    try {
      const seqs = await this.sequencesOf(rel)
      for (const s of seqs) {
        // is_called = true: the next nextval() gives max + increment. An empty table restarts the sequence
        // (is_called = false at its start value: the next nextval() gives the start).
        await this.client.query(
          `select setval($1::regclass, coalesce(m, q.seqstart), m is not null)
             from (select max(${this.ctx.dialect.quoteIdent(s.column_name)}) as m from ${rel.qualified}) s, pg_sequence q
            where q.seqrelid = $1::regclass`,
          [s.seq],
        )
      }
    } catch (e) {
      throw writeFailed('moving the identity sequences of', name, e)
    }
  }
}

/** `($1::t1, $2::t2), (…)` for `rows` and their text parameters: each value cast to its column's type. */
function typedValues(cols: RelationColumn[], rows: Value[][]): { sql: string; params: Array<string | null> } {
  const params: Array<string | null> = []
  const tuples = rows.map((row) => `(${cols.map((c, i) => `$${params.push(scalarText(row[i], c.json))}::${c.nativeType}`).join(', ')})`)
  return { sql: tuples.join(', '), params }
}
