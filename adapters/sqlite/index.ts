/**
 * The SQLite adapter: one better-sqlite3 connection per Adapter. Reads stream with `iterate()`, writes run
 * in one `BEGIN IMMEDIATE` transaction, and foreign keys are enforced (`PRAGMA foreign_keys = ON`).
 */
import type { Adapter } from '../../src/adapter/adapter.js'
import { redactUrl } from '../../src/adapter/redact-url.js'
import { isTdgError, TdgError } from '../../src/errors.js'
import { sqliteDialect } from './dialect.js'
import { introspectSqlite } from './introspect.js'
import { sampleRows, scanRows } from './read.js'
import { existsSync, rmSync } from 'node:fs'
import { openSqlite, sqlitePathFromUrl, type SqliteOpenOptions } from './url.js'
import { readSnapshot } from './snapshot.js'
import { runTransaction } from './write.js'
import { sqliteKeyFloor } from './key-floor.js'
import { sqliteRowCount } from './row-count.js'

/** The SQLite dialect (offline: quoting, literals, types, limits). */
export const dialect = sqliteDialect

/** URL schemes this adapter opens. */
export const schemes = ['sqlite', 'file']

export type { SqliteOpenOptions } from './url.js'

/**
 * Open a SQLite database from `sqlite:./file.db`, `sqlite:/abs.db`, `sqlite:///abs.db`, `sqlite::memory:`
 * (or the same with `file:`). By default the file must exist (introspect/scan never create an empty
 * database); `opts.create` creates it (seeding). Fails with TDG_URL_INVALID or TDG_CONNECT_FAILED.
 * `introspect` ignores `opts.schemas`: tdg reads SQLite's `main` schema.
 */
export async function connect(url: string, opts: SqliteOpenOptions = {}): Promise<Adapter> {
  const path = sqlitePathFromUrl(url)
  const createdHere = opts.create === true && path !== ':memory:' && !existsSync(path)
  const db = openSqlite(url, opts)
  const redactedUrl = redactUrl(url)
  let closed = false
  const live = (): typeof db => {
    if (closed) throw new TdgError('TDG_INTERNAL', `the SQLite connection ${redactedUrl} is closed`)
    return db
  }
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    db.close()
  }
  return {
    dialect: sqliteDialect,
    redactedUrl,
    async introspect() {
      try {
        return introspectSqlite(live())
      } catch (e) {
        if (isTdgError(e)) throw e
        throw new TdgError('TDG_INTROSPECT_FAILED', `reading the schema of ${redactedUrl} failed: ${e instanceof Error ? e.message : String(e)}`, { url: redactedUrl }, { cause: e })
      }
    },
    sample: (table, o) => sampleRows(live(), table, o),
    scan: (table, o) => scanRows(live(), table, o),
    readSnapshot: (work) => readSnapshot(live(), work),
    transaction: (work) => runTransaction(live(), work),
    // A read transaction in a rollback-journal database holds a SHARED lock that keeps any other
    // connection from committing: WAL lets a reader's snapshot and a writer's commit coexist.
    async allowConcurrentSnapshot() {
      const d = live()
      const mode = String(d.pragma('journal_mode', { simple: true })).toLowerCase()
      if (mode === 'wal' || mode === 'memory' || path === ':memory:') return undefined
      try {
        d.pragma('journal_mode = WAL')
      } catch (e) {
        throw new TdgError('TDG_WRITE_FAILED', `${redactedUrl}: switching to WAL for the run failed (another connection holds the database?): ${e instanceof Error ? e.message : String(e)}`, { url: redactedUrl }, { cause: e })
      }
      return {
        note: `SQLite: journal_mode switched from ${mode} to WAL for this run (a snapshot can then stay open while the masking transaction commits); set back to ${mode} after it`,
        restore: async () => {
          if (!closed) d.pragma(`journal_mode = ${mode}`)
        },
      }
    },
    keyFloor: async (table, column) => sqliteKeyFloor(live(), table, column),
    rowCount: async (table) => sqliteRowCount(live(), table),
    close,
    async discard() {
      await close()
      if (!createdHere) return
      for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    },
  }
}
