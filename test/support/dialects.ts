/**
 * The dialects the adapter conformance suite loops over, each able to hand out a fresh, empty
 * database with a raw `exec` that bypasses tdg (so fixtures do not depend on the code under test).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { DialectId } from '../../src/adapter/adapter.js'
import { execMysql, execPostgres, freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, mysqlMissingReason, postgresAvailable, postgresMissingReason } from './databases.js'
import { execMssql, freshMssqlDatabase, mssqlAvailability } from './mssql-server.js'

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

/** PostgreSQL and MariaDB/MySQL (when the run has a server) and SQLite (always). */
export function testDialects(): TestDialect[] {
  const pgAvailable = postgresAvailable()
  const myAvailable = mysqlAvailable()
  const mssql = mssqlAvailability()
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
      id: 'mysql',
      available: myAvailable,
      reason: myAvailable ? '' : mysqlMissingReason(),
      fresh: async () => {
        const db = await freshMysqlDatabase()
        // Shared fixtures are written in standard SQL: "quoted" names and || for concatenation.
        const exec = (sql: string) => execMysql(db.url, `SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES,PIPES_AS_CONCAT'); ${sql}`)
        return { url: db.url, exec, cleanup: db.drop }
      },
    },
    {
      id: 'mssql',
      // TDG_TEST_MSSQL_URL or a Docker engine for testcontainers; never a failure when missing (see mssql-server.ts).
      available: mssql.available,
      reason: mssql.reason,
      fresh: async () => {
        const db = await freshMssqlDatabase()
        return { url: db.url, exec: (sql) => execMssql(db.url, toTsql(sql)), cleanup: db.drop }
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

/**
 * The shared fixtures' standard SQL in T-SQL: TEXT (which SQL Server cannot compare, index or
 * reference) as NVARCHAR, AUTOINCREMENT keys as IDENTITY, `WITH RECURSIVE` and `||` as T-SQL spells them.
 */
export function toTsql(sql: string): string {
  return sql
    .replace(/INTEGER PRIMARY KEY AUTOINCREMENT/g, 'INT IDENTITY(1,1) PRIMARY KEY')
    .replace(/\bTEXT\b/g, 'NVARCHAR(200)')
    .replace(/WITH RECURSIVE ([\s\S]*?) FROM s;/g, (_m, body: string) => `WITH ${body.replace(/'([^']*)' \|\| (\w+)/g, "CONCAT('$1', $2)")} FROM s OPTION (MAXRECURSION 0);`)
}
