import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Knex } from 'knex'
import { migrationSource, MIGRATIONS_TABLE } from './migration-source.js'
import type { StateLocation } from './state-location.js'

/** How long a SQLite writer waits for another process's lock before SQLITE_BUSY. */
const SQLITE_BUSY_MS = 10_000

/**
 * Open the state store at `loc` through knex and bring its schema up to date (migrations run on first
 * use; several processes starting at once retry). A SQLite file's directory is created. The caller
 * destroys the returned knex (`await db.destroy()`).
 */
export async function openStateStore(loc: StateLocation, opts: { migrate?: boolean } = {}): Promise<Knex> {
  const { default: knex } = await import('knex')
  let config: Knex.Config
  if (loc.kind === 'sqlite') {
    mkdirSync(dirname(loc.file), { recursive: true, mode: 0o700 })
    config = {
      client: 'better-sqlite3',
      connection: { filename: loc.file },
      useNullAsDefault: true,
      pool: {
        afterCreate: (conn: { pragma(s: string): unknown }, done: (e: unknown, c: unknown) => void) => {
          conn.pragma(`busy_timeout = ${SQLITE_BUSY_MS}`)
          conn.pragma('foreign_keys = ON')
          done(null, conn)
        },
      },
    }
  } else config = { client: loc.kind === 'postgres' ? 'pg' : 'mysql2', connection: loc.url, pool: { min: 0, max: 2 }, acquireConnectionTimeout: 10_000 }
  const db = knex(config)
  try {
    if (opts.migrate !== false) await migrateLatest(db)
    return db
  } catch (e) {
    await db.destroy()
    throw e
  }
}

/** The migration settings of the state store (its own source and bookkeeping table). */
export const MIGRATION_CONFIG: Knex.MigratorConfig = { migrationSource, tableName: MIGRATIONS_TABLE }

/**
 * Run pending migrations. Another process may be migrating the same store at this moment (two CLI runs
 * started together): knex then fails on its lock or on a table the other just created, so this retries
 * a few times after a short random pause, by which time the other has finished.
 */
export async function migrateLatest(db: Knex): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const [, pending] = (await db.migrate.list(MIGRATION_CONFIG)) as [unknown[], unknown[]]
      if (pending.length === 0) return
      await db.migrate.latest(MIGRATION_CONFIG)
      return
    } catch (e) {
      // Only a race with another migrating process is worth a retry; a refused connection is not.
      if (attempt >= 8 || !/lock|already exists|duplicate|SQLITE_BUSY|SQLITE_LOCKED/i.test(String((e as Error)?.message ?? e))) throw e
      await sleep(50 + Math.random() * 100 * (attempt + 1))
    }
  }
}

/** Undo every migration (tests; a future `tdg state reset`). */
export async function migrateDownAll(db: Knex): Promise<void> {
  await db.migrate.rollback(MIGRATION_CONFIG, true)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
