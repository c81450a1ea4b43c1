/**
 * The dialects the adapter conformance suite loops over, each able to hand out a fresh, empty
 * database with a raw `exec` that bypasses tdg (so fixtures do not depend on the code under test).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { DialectId } from '../../src/adapter/adapter.js'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason } from './databases.js'

export interface TestDatabase {
  /** URL for `connect()` from adapters/index.ts. */
  url: string
  /** Run SQL (possibly several statements) directly through the driver. */
  exec(sql: string): Promise<void>
  /** Drop/delete the database. */
  cleanup(): Promise<void>
}

export interface TestDialect {
  id: DialectId
  available: boolean
  /** Why it is not available ('' when it is). */
  reason: string
  fresh(): Promise<TestDatabase>
}

/** PostgreSQL (when the run has a server) and SQLite (always). */
export function testDialects(): TestDialect[] {
  const pgAvailable = postgresAvailable()
  return [
    {
      id: 'postgres',
      available: pgAvailable,
      reason: pgAvailable ? '' : postgresMissingReason(),
      fresh: async () => {
        const db = await freshPostgresDatabase()
        return { url: db.url, exec: (sql) => execPostgres(db.url, sql), cleanup: db.drop }
      },
    },
    {
      id: 'sqlite',
      available: true,
      reason: '',
      fresh: async () => {
        const dir = mkdtempSync(join(tmpdir(), 'tdg-sqlite-'))
        const file = join(dir, 'x.db')
        return {
          url: `sqlite:${file}`,
          exec: async (sql) => {
            const db = new Database(file)
            try {
              db.exec(sql)
            } finally {
              db.close()
            }
          },
          cleanup: async () => rmSync(dir, { recursive: true, force: true }),
        }
      },
    },
  ]
}
