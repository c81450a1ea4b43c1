import type { Knex } from 'knex'
import * as state from '../../migrations/20261205000000_state.js'
import * as schedules from '../../migrations/20261206000000_schedules.js'
import * as queue from '../../migrations/20261206000100_queue.js'
import * as fanOut from '../../migrations/20261206000200_fan_out.js'

/** Every migration of the state store, in order (files in `migrations/`; see its README). */
const MIGRATIONS: Record<string, Knex.Migration> = {
  '20261205000000_state': state,
  '20261206000000_schedules': schedules,
  '20261206000100_queue': queue,
  '20261206000200_fan_out': fanOut,
}

/**
 * knex's migration source over the list above: the compiled migrations are imported modules, so nothing
 * globs `migrations/*.ts` or `*.js` at runtime, from `dist/` or anywhere else.
 */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name]!,
}

/** Every migration's name, in order: a store whose bookkeeping table lists them all is current. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS)

/** The name of knex's bookkeeping table in the state store. */
export const MIGRATIONS_TABLE = 'tdg_migrations'
