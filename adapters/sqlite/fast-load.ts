/**
 * Big loads into an empty table build its secondary indexes once, after the rows, instead of one B-tree
 * insertion per row: SQLite's CREATE INDEX sorts first. Each index the table's owner created with CREATE
 * INDEX is dropped before the rows and re-created after them from its exact original text
 * (`sqlite_schema.sql`), under its own name, with its `sqlite_stat1` row put back; all inside the run's
 * one transaction (SQLite DDL is transactional), so a failed or interrupted load rolls the drop back
 * with everything else and the schema is exactly as before. A UNIQUE index re-created over duplicates
 * fails the run like the row that broke it would have.
 *
 * Kept in place: the indexes of PRIMARY KEY and UNIQUE constraints (SQLite's automatic indexes cannot be
 * dropped), and a UNIQUE index that a foreign key anywhere names as its parent key (SQLite looks it up
 * whenever rows of the parent are written, and fails with "foreign key mismatch" without it).
 *
 * Foreign keys stay checked row by row: measured, `PRAGMA defer_foreign_keys = ON` (the only switch that
 * works inside a transaction) did not make a load faster — the parent lookup per row still happens —
 * and a `PRAGMA foreign_key_check` afterwards would only add a scan.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { TableRef } from '../../src/model/schema.js'

/** Loads expected to bring fewer rows keep their indexes (the same threshold as the other dialects). */
export const FAST_LOAD_MIN_ROWS = 50_000

interface IndexRow {
  name: string
  sql: string
  unique: number
}

/**
 * When `expectedRows` reaches FAST_LOAD_MIN_ROWS and `table` is empty, drop the indexes that can be
 * re-created exactly (see the file comment) and return the function that re-creates them, to call once
 * the rows are in; otherwise undefined (nothing changed). Must run inside the write transaction.
 */
export function deferSqliteIndexes(db: BetterSqlite3.Database, table: TableRef, expectedRows: number | undefined, quoteIdent: (name: string) => string): (() => void) | undefined {
  if (expectedRows === undefined || expectedRows < FAST_LOAD_MIN_ROWS) return undefined
  const indexes = db
    .prepare(
      `SELECT s.name, s.sql, l."unique" AS "unique" FROM main.sqlite_schema s JOIN pragma_index_list(?, 'main') l ON l.name = s.name
        WHERE s.type = 'index' AND s.tbl_name = ? AND s.sql IS NOT NULL AND l.origin = 'c' ORDER BY s.name`,
    )
    .all(table.name, table.name) as IndexRow[]
  if (indexes.length === 0) return undefined
  if (db.prepare(`SELECT 1 FROM ${quoteIdent(table.name)} LIMIT 1`).get() !== undefined) return undefined
  const parentKeys = referencedColumnSets(db, table.name)
  const deferred = indexes.filter((i) => i.unique === 0 || !parentKeys.has(columnsKey(db, i.name)))
  if (deferred.length === 0) return undefined
  const hasStat = db.prepare("SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'").get() !== undefined
  const stats = hasStat
    ? (db.prepare('SELECT tbl, idx, stat FROM main.sqlite_stat1 WHERE tbl = ? AND idx IN (SELECT value FROM json_each(?))').all(table.name, JSON.stringify(deferred.map((i) => i.name))) as Array<{ tbl: string; idx: string; stat: string }>)
    : []
  for (const i of deferred) db.exec(`DROP INDEX main.${quoteIdent(i.name)}`)
  return () => {
    for (const i of deferred) db.exec(i.sql)
    const put = stats.length > 0 ? db.prepare('INSERT INTO main.sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)') : undefined
    for (const s of stats) put!.run(s.tbl, s.idx, s.stat)
  }
}

/** The column sets (lower-cased, in order) that foreign keys of any table name as parent keys of `table`. */
function referencedColumnSets(db: BetterSqlite3.Database, table: string): Set<string> {
  const rows = db
    .prepare(
      `SELECT f.id AS id, t.name AS child, f."to" AS col FROM main.sqlite_schema t JOIN pragma_foreign_key_list(t.name, 'main') f
        WHERE t.type = 'table' AND lower(f."table") = lower(?) ORDER BY t.name, f.id, f.seq`,
    )
    .all(table) as Array<{ id: number; child: string; col: string | null }>
  const byKey = new Map<string, string[]>()
  for (const r of rows) {
    // A key naming no columns references the primary key: no CREATE INDEX involved.
    if (r.col === null) continue
    const k = `${r.child}\u0000${r.id}`
    byKey.set(k, [...(byKey.get(k) ?? []), r.col.toLowerCase()])
  }
  return new Set([...byKey.values()].map((cols) => cols.join('\u0000')))
}

/** An index's key columns as `referencedColumnSets` spells them ('' parts for expressions). */
function columnsKey(db: BetterSqlite3.Database, index: string): string {
  const cols = db.prepare("SELECT name FROM pragma_index_info(?, 'main') ORDER BY seqno").all(index) as Array<{ name: string | null }>
  return cols.map((c) => (c.name ?? '').toLowerCase()).join('\u0000')
}
