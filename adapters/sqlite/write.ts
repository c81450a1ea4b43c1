/**
 * The SQLite write path: one `BEGIN IMMEDIATE` transaction, prepared multi-row INSERTs sized to the
 * parameter limit, prepared per-row UPDATEs for fixups, sqlite_sequence kept past the keys written.
 * Errors name the table and SQLite's reason (constraint and column names), never row values.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { InsertOptions, Writer, WriteStats } from '../../src/adapter/adapter.js'
import { isTdgError, TdgError } from '../../src/errors.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import type { LogicalType, TableRef } from '../../src/model/schema.js'
import { quoteIdent, sqliteDialect } from './dialect.js'
import { isWord, lexSqlite } from './sql-lexer.js'
import { sqliteToLogicalType } from './types.js'
import { toSqliteValue, type SqliteBindable } from './values.js'
import { sqliteKeyFloor } from './key-floor.js'
import { sqliteRowCount } from './row-count.js'
import { deferSqliteIndexes } from './fast-load.js'

/**
 * Run `work` in one transaction: COMMIT when it resolves, ROLLBACK when it (or COMMIT) throws; the error
 * is rethrown (SQLite errors as TDG_WRITE_FAILED). The Writer is unusable once the transaction ended.
 */
export async function runTransaction<T>(db: BetterSqlite3.Database, work: (w: Writer) => Promise<T>): Promise<T> {
  if (db.inTransaction) throw new TdgError('TDG_INTERNAL', 'a SQLite transaction is already open on this connection')
  const restoreCache = raiseCacheForBulkWrite(db)
  try {
    return await inTransaction(db, work)
  } finally {
    restoreCache()
  }
}

/**
 * Page cache of the connection while a seed transaction runs, in KiB. SQLite's default (2 MiB) is far
 * smaller than the indexes of a table being filled: with random keys (UNIQUE emails, UUIDs) every insert
 * then evicts and re-reads index pages, which dominated 1M-row loads. Bounded, and only for the
 * transaction: the connection's own setting is restored afterwards.
 */
const BULK_CACHE_KIB = 64 * 1024

/** Raise `cache_size` to BULK_CACHE_KIB when it is smaller; returns the function that restores it. */
function raiseCacheForBulkWrite(db: BetterSqlite3.Database): () => void {
  try {
    const before = Number(db.pragma('cache_size', { simple: true }))
    const pageSize = Number(db.pragma('page_size', { simple: true }))
    // Positive cache_size counts pages, negative counts KiB.
    const kib = before < 0 ? -before : (before * pageSize) / 1024
    if (!Number.isFinite(kib) || kib >= BULK_CACHE_KIB) return () => undefined
    db.pragma(`cache_size = -${BULK_CACHE_KIB}`)
    return () => {
      if (db.open) db.pragma(`cache_size = ${before}`)
    }
  } catch {
    // A tuning knob only: when it cannot be read or set, write with the default cache.
    return () => undefined
  }
}

async function inTransaction<T>(db: BetterSqlite3.Database, work: (w: Writer) => Promise<T>): Promise<T> {
  try {
    db.exec('BEGIN IMMEDIATE')
  } catch (e) {
    throw new TdgError('TDG_WRITE_FAILED', `cannot start a write transaction: ${messageOf(e)}`, {}, { cause: e })
  }
  const state = { open: true }
  try {
    const result = await work(createWriter(db, state))
    try {
      db.exec('COMMIT')
    } catch (e) {
      // Deferred foreign keys are checked here.
      throw new TdgError('TDG_WRITE_FAILED', `commit failed, the transaction was rolled back: ${messageOf(e)}`, {}, { cause: e })
    }
    return result
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw e
  } finally {
    state.open = false
  }
}

function createWriter(db: BetterSqlite3.Database, state: { open: boolean }): Writer {
  const guard = (): void => {
    if (!state.open) throw new TdgError('TDG_INTERNAL', 'Writer used after its transaction ended')
  }
  return {
    async insert(table, rows, opts) {
      guard()
      return insertRows(db, table, rows, opts ?? {}, guard)
    },
    async update(table, keyColumns, rows) {
      guard()
      return updateRows(db, table, keyColumns, rows, guard)
    },
    async deleteKeys(table, keyColumns, rows) {
      guard()
      return deleteRows(db, table, keyColumns, rows, guard)
    },
    async execute(sql) {
      guard()
      try {
        db.exec(sql)
      } catch (e) {
        throw new TdgError('TDG_WRITE_FAILED', `executing SQL failed: ${messageOf(e)}`, {}, { cause: e })
      }
    },
    async syncIdentity(table, opts) {
      guard()
      syncSequence(db, table, opts?.emptied === true)
    },
    async keyFloor(table, column) {
      guard()
      return sqliteKeyFloor(db, table, column)
    },
    async rowCount(table) {
      guard()
      return sqliteRowCount(db, table)
    },
  }
}

/**
 * Parameters per INSERT statement. `maxParams` (32766) is the hard limit, but measured with better-sqlite3
 * statements of 2–5k parameters insert fastest (about 1.5–3× faster than 32k-parameter ones, which spend
 * their time parsing and planning the huge VALUES list).
 */
const PARAMS_PER_STATEMENT = 4096

/** Multi-row INSERTs: the full-size statement is prepared once per column list, the remainder once per batch. */
async function insertRows(db: BetterSqlite3.Database, table: TableRef, rows: RowStream, opts: InsertOptions, guard: () => void): Promise<WriteStats> {
  const types = columnTypes(db, table)
  const target = quoteIdent(table.name)
  // Full-size statements are reused batch after batch; a remainder statement only until the next size.
  const full = new Map<string, BetterSqlite3.Statement>()
  let remainder: { key: string; stmt: BetterSqlite3.Statement } | undefined
  const prepare = (columns: string[], n: number, isFull: boolean): BetterSqlite3.Statement => {
    const key = `${n}\u0000${columns.join('\u0000')}`
    const hit = isFull ? full.get(key) : remainder?.key === key ? remainder.stmt : undefined
    if (hit) return hit
    const tuple = `(${columns.map(() => '?').join(', ')})`
    const sql = columns.length === 0
      ? `INSERT INTO ${target} DEFAULT VALUES`
      : `INSERT INTO ${target} (${columns.map(quoteIdent).join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`
    const stmt = attempt(table, 'insert into', () => db.prepare(sql))
    if (isFull) full.set(key, stmt)
    else remainder = { key, stmt }
    return stmt
  }
  let written = 0
  // Big loads into an empty table: secondary indexes dropped now, re-created after the rows (fast-load.ts).
  const rebuild = opts.fastLoad === false ? undefined : attempt(table, 'preparing the load of', () => deferSqliteIndexes(db, table, opts.expectedRows, quoteIdent))
  for await (const batch of rows) {
    guard()
    const width = batch.columns.length
    const colTypes = batch.columns.map((c) => types.get(c.toLowerCase()))
    // DEFAULT VALUES inserts exactly one row per statement.
    const budget = Math.min(PARAMS_PER_STATEMENT, sqliteDialect.limits.maxParams)
    const perStatement = width === 0 ? 1 : Math.max(1, Math.min(Math.floor(budget / width), opts.batchSize ?? Infinity))
    for (let off = 0; off < batch.rows.length; off += perStatement) {
      const chunk = batch.rows.slice(off, off + perStatement)
      const params = bindRows(table, chunk, width, colTypes)
      const stmt = prepare(batch.columns, chunk.length, chunk.length === perStatement)
      attempt(table, 'insert into', () => stmt.run(params))
      written += chunk.length
    }
  }
  if (rebuild) attempt(table, 'building the indexes of', rebuild)
  return { rows: written }
}

/** Fixups: `UPDATE t SET <other columns> = ? WHERE <keys> = ?`, one prepared statement, one run per row. */
async function updateRows(db: BetterSqlite3.Database, table: TableRef, keyColumns: string[], rows: RowStream, guard: () => void): Promise<WriteStats> {
  if (keyColumns.length === 0) throw new TdgError('TDG_INTERNAL', `update of ${table.name} without key columns`, { table: table.name })
  const types = columnTypes(db, table)
  let updated = 0
  let cached: { sig: string; stmt: BetterSqlite3.Statement; order: number[] } | undefined
  for await (const batch of rows) {
    guard()
    const sig = batch.columns.join('\u0000')
    if (cached?.sig !== sig) {
      const keyIdx = keyColumns.map((k) => batch.columns.indexOf(k))
      if (keyIdx.some((i) => i < 0)) throw new TdgError('TDG_INTERNAL', `update of ${table.name}: key column missing from the rows`, { table: table.name })
      const setIdx = batch.columns.map((_c, i) => i).filter((i) => !keyIdx.includes(i))
      if (setIdx.length === 0) continue
      const sql = `UPDATE ${quoteIdent(table.name)} SET ${setIdx.map((i) => `${quoteIdent(batch.columns[i] as string)} = ?`).join(', ')} WHERE ${keyIdx.map((i) => `${quoteIdent(batch.columns[i] as string)} = ?`).join(' AND ')}`
      cached = { sig, stmt: attempt(table, 'update of', () => db.prepare(sql)), order: [...setIdx, ...keyIdx] }
    }
    const { stmt, order } = cached
    const colTypes = order.map((i) => types.get((batch.columns[i] as string).toLowerCase()))
    for (const row of batch.rows) {
      const params = order.map((i, k) => toSqliteValue(row[i] as Value, colTypes[k]))
      updated += attempt(table, 'update of', () => stmt.run(params)).changes
    }
  }
  return { rows: updated }
}

/** `Writer.deleteKeys`: one prepared DELETE by the key columns, run per row in the order given. */
async function deleteRows(db: BetterSqlite3.Database, table: TableRef, keyColumns: string[], rows: RowStream, guard: () => void): Promise<WriteStats> {
  if (keyColumns.length === 0) throw new TdgError('TDG_INTERNAL', `delete from ${table.name} without key columns`, { table: table.name })
  const types = columnTypes(db, table)
  const stmt = attempt(table, 'delete from', () => db.prepare(`DELETE FROM ${quoteIdent(table.name)} WHERE ${keyColumns.map((k) => `${quoteIdent(k)} = ?`).join(' AND ')}`))
  let deleted = 0
  for await (const batch of rows) {
    guard()
    const order = keyColumns.map((k) => batch.columns.indexOf(k))
    if (order.some((i) => i < 0)) throw new TdgError('TDG_INTERNAL', `delete from ${table.name}: key column missing from the rows`, { table: table.name })
    const colTypes = keyColumns.map((k) => types.get(k.toLowerCase()))
    for (const row of batch.rows) deleted += attempt(table, 'delete from', () => stmt.run(order.map((i, k) => toSqliteValue(row[i] as Value, colTypes[k])))).changes
  }
  return { rows: deleted }
}

/**
 * Keep an AUTOINCREMENT table's sqlite_sequence at least at max(rowid), never lowering it (lowering would
 * let SQLite hand out keys it promised never to reuse). Plain rowid tables need nothing: SQLite uses
 * max(rowid)+1 by itself.
 */
function syncSequence(db: BetterSqlite3.Database, table: TableRef, emptied: boolean): void {
  const row = db.prepare("SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = ?").get(table.name) as { sql: string | null } | undefined
  if (!row) throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${table.name} not found`, { table: table.name })
  if (!lexSqlite(row.sql ?? '').some((t) => isWord(t, 'AUTOINCREMENT'))) return
  attempt(table, 'sequence sync of', () => {
    // Raised to the max, never lowered (AUTOINCREMENT never reuses a key), except after --truncate
    // (`emptied`): exactly the max. An empty table restarts (no entry at all), as after a fixtures cleanup.
    const max = (db.prepare(`SELECT max(rowid) AS m FROM ${quoteIdent(table.name)}`).safeIntegers(true).get() as { m: bigint | null }).m
    if (max === null) {
      db.prepare('DELETE FROM main.sqlite_sequence WHERE name = ?').run(table.name)
      return
    }
    const seq = db.prepare('SELECT seq FROM main.sqlite_sequence WHERE name = ?').safeIntegers(true).get(table.name) as { seq: bigint } | undefined
    if (!seq) db.prepare('INSERT INTO main.sqlite_sequence (name, seq) VALUES (?, ?)').run(table.name, max)
    else if (seq.seq < max || (emptied && seq.seq !== max)) db.prepare('UPDATE main.sqlite_sequence SET seq = ? WHERE name = ?').run(max, table.name)
  })
}

/** Flatten rows into bound parameters, converting each value for its column's type. */
function bindRows(table: TableRef, rows: Value[][], width: number, types: Array<LogicalType | undefined>): SqliteBindable[] {
  const params: SqliteBindable[] = new Array(rows.length * width)
  let p = 0
  for (const row of rows) {
    if (row.length !== width) throw new TdgError('TDG_INTERNAL', `insert into ${table.name}: a row has ${row.length} values for ${width} columns`, { table: table.name })
    for (let c = 0; c < width; c++) params[p++] = toSqliteValue(row[c] as Value, types[c])
  }
  return params
}

/** Logical types by lower-cased column name, for type-aware value conversion (Dates). */
function columnTypes(db: BetterSqlite3.Database, table: TableRef): Map<string, LogicalType> {
  const cols = db.prepare("SELECT name, type FROM pragma_table_xinfo(?, 'main')").all(table.name) as Array<{ name: string; type: string }>
  if (cols.length === 0) throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${table.name} not found`, { table: table.name })
  return new Map(cols.map((c) => [c.name.toLowerCase(), sqliteToLogicalType(c.type)]))
}

/** Run a driver call; SQLite errors become TDG_WRITE_FAILED naming the table and SQLite's reason. */
function attempt<T>(table: TableRef, what: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (isTdgError(e)) throw e
    throw new TdgError('TDG_WRITE_FAILED', `${what} ${table.name} failed: ${messageOf(e)}`, { table: table.name }, { cause: e })
  }
}

function messageOf(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e)
  return msg.split('\n')[0] ?? msg
}
