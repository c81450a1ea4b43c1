/**
 * The audit record of a CLI run into a SQLite state store that exists and is current, written through
 * better-sqlite3 directly: every `tdg` run writes one record, and knex (with lodash, its pool and the
 * migration check) costs more start-up than the rest of a small seed. A store that is new or behind
 * takes the knex path (record-run.ts), which creates or migrates it, several processes at once included.
 */
import { existsSync } from 'node:fs'
import type { AuditRecord, AuditRun } from './audit-record.js'
import { auditRows, CHAIN_END_SQL, type ChainEnd } from './audit-store.js'
import { isCurrent } from '../state/state-store.js'
import { MIGRATIONS_TABLE } from '../state/migration-source.js'
import { sqliteNativeBinding } from '../state/sqlite-binding.js'

/** How long a writer waits for another process's lock before SQLITE_BUSY (as the knex path). */
const SQLITE_BUSY_MS = 10_000

/**
 * Append `run` to the chain of the SQLite store `file` in one `BEGIN IMMEDIATE` transaction (the write
 * lock first, so concurrent writers queue on busy_timeout instead of racing for the chain's end). Resolves
 * to the record as stored, or to undefined without writing when the file does not exist or its schema
 * is not at this version's latest migration. Errors (busy for 10 s, a disk full) are thrown.
 */
export async function appendAuditSqlite(file: string, run: AuditRun): Promise<AuditRecord | undefined> {
  if (!existsSync(file)) return undefined
  const { default: Database } = await import('better-sqlite3')
  const nativeBinding = sqliteNativeBinding()
  const db = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
  try {
    db.pragma(`busy_timeout = ${SQLITE_BUSY_MS}`)
    db.pragma('foreign_keys = ON')
    let done: Array<{ name: string }> | undefined
    try {
      done = db.prepare(`SELECT name FROM ${MIGRATIONS_TABLE}`).all() as Array<{ name: string }>
    } catch {
      done = undefined // no bookkeeping table: a file that is not (yet) a state store
    }
    if (!isCurrent(done)) return undefined
    const append = db.transaction(() => {
      const { record, rows } = auditRows(run, db.prepare(CHAIN_END_SQL).get() as ChainEnd | undefined)
      for (const { table, rows: values } of rows) {
        const cols = Object.keys(values[0]!)
        const insert = db.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
        for (const v of values) insert.run(...cols.map((c) => v[c]))
      }
      return record
    })
    return append.immediate()
  } finally {
    db.close()
  }
}
