import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Knex } from 'knex'
import { MIGRATION_NAMES, migrationSource, MIGRATIONS_TABLE } from './migration-source.js'
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
  // knex prints its warnings (lock contention, deprecations) with console.log, onto tdg's stdout; every
  // failure that matters reaches the caller as a thrown error instead.
  const db = knex({ ...config, log: QUIET_LOG })
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

const QUIET_LOG = { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined }

/** How long a process keeps retrying while others migrate the same store. */
const MIGRATE_DEADLINE_MS = 30_000

/**
 * Run pending migrations. Another process may be migrating the same store at this moment (several CLI
 * runs started together): knex then fails on its lock or on a table the other just created, so this
 * retries after a short random pause, by which time the other has finished, for up to 30 s.
 * A store that is current already (every run but the first) costs one query: its bookkeeping table
 * lists every migration, and knex records a migration there only once it has run.
 */
export async function migrateLatest(db: Knex): Promise<void> {
  if (isCurrent(await db(MIGRATIONS_TABLE).select('name').catch(() => undefined))) return
  const deadline = Date.now() + MIGRATE_DEADLINE_MS
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureLockRow(db)
      const [, pending] = (await db.migrate.list(MIGRATION_CONFIG)) as [unknown[], unknown[]]
      if (pending.length === 0) return
      await db.migrate.latest(MIGRATION_CONFIG)
      return
    } catch (e) {
      // Only a race with another migrating process is worth a retry; a refused connection is not.
      if (Date.now() > deadline || !/lock|already exists|duplicate|SQLITE_BUSY|SQLITE_LOCKED|unique/i.test(String((e as Error)?.message ?? e))) throw e
      await sleep(30 + Math.random() * 40 * Math.min(attempt + 1, 10))
    }
  }
}

/**
 * knex creates its lock table and inserts the one lock row outside any transaction, checking first that
 * the table is empty: two processes migrating a new store at once can both insert, and with two rows its
 * lock (`UPDATE … WHERE is_locked = 0` must touch exactly one row) reports "already locked" for ever.
 * This creates the table and a row with the fixed key 1 (a second insert is ignored) before knex looks,
 * and removes any other row a store broken by that race still holds.
 */
async function ensureLockRow(db: Knex): Promise<void> {
  const lock = `${MIGRATIONS_TABLE}_lock`
  if (!(await db.schema.hasTable(lock))) {
    await db.schema.createTable(lock, (t) => {
      t.increments('index').primary()
      t.integer('is_locked')
    })
  }
  await db(lock).insert({ index: 1, is_locked: 0 }).onConflict('index').ignore()
  await db(lock).whereNot('index', 1).delete()
}

/**
 * Whether the rows of the bookkeeping table (`name` of each migration run; undefined when the table cannot
 * be read: a new store) name every migration of this version. Newer migrations of a later tdg do not matter.
 */
export function isCurrent(done: Array<{ name: string }> | undefined): boolean {
  if (!done) return false
  const names = new Set(done.map((r) => r.name))
  return MIGRATION_NAMES.every((n) => names.has(n))
}

/** Undo every migration (tests; a future `tdg state reset`). */
export async function migrateDownAll(db: Knex): Promise<void> {
  await db.migrate.rollback(MIGRATION_CONFIG, true)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
