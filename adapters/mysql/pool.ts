/**
 * The mysql2 pool behind an Adapter and the session every connection gets: UTC time zone (Dates and
 * TIMESTAMPs as UTC text), backslash escapes on (client-side escaping of INSERT parameters relies on it),
 * ANSI_QUOTES off (tdg quotes with backticks), and fresh information_schema statistics on MySQL 8
 * (AUTO_INCREMENT counters read by keyFloor). Values come back as: integers as numbers (bigints beyond
 * 2^53 as strings), DECIMAL as exact strings, dates/datetimes as the server's text, binary as Buffers.
 */
import { Readable } from 'node:stream'
import mysql, { type Pool, type PoolConnection } from 'mysql2'
import type { MysqlUrl } from './url.js'

export type CoreConnection = PoolConnection

/** Result header of a write statement. */
export interface ResultHeader {
  affectedRows: number
  warningStatus: number
}

const SESSION_SQL = [
  "SET time_zone = '+00:00'",
  "SET sql_mode = TRIM(BOTH ',' FROM REPLACE(REPLACE(CONCAT(',', @@sql_mode, ','), ',NO_BACKSLASH_ESCAPES,', ','), ',ANSI_QUOTES,', ','))",
]

export interface MysqlPool {
  /** Borrow one connection; give it back with `release` (or `destroy` when a result was left unread). */
  acquire(): Promise<CoreConnection>
  release(c: CoreConnection): void
  destroy(c: CoreConnection): void
  /** One statement on any pooled connection. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>
  end(): Promise<void>
}

/** Run one statement on a core connection. */
export function run<T = unknown>(c: CoreConnection, sql: string, params?: unknown[], infile?: () => Readable): Promise<T> {
  return new Promise((resolve, reject) => {
    c.query({ sql, ...(params ? { values: params } : {}), ...(infile ? { infileStreamFactory: infile } : {}) }, (err, res) => (err ? reject(err) : resolve(res as T)))
  })
}

/** Open a pool for a parsed URL; connections are created lazily (connect() checks one eagerly). */
export function mysqlPool(cfg: MysqlUrl): MysqlPool {
  const pool: Pool = mysql.createPool({
    host: cfg.host,
    port: cfg.port,
    ...(cfg.socketPath ? { socketPath: cfg.socketPath } : {}),
    ...(cfg.user !== undefined ? { user: cfg.user } : {}),
    ...(cfg.password !== undefined ? { password: cfg.password } : {}),
    database: cfg.database,
    ...(cfg.ssl ? { ssl: cfg.ssl } : {}),
    connectTimeout: cfg.connectTimeoutMs,
    charset: cfg.charset,
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: false,
    multipleStatements: true,
    connectionLimit: 10,
    maxIdle: 2,
    idleTimeout: 30_000,
  })
  pool.on('connection', (c) => {
    // Errors that reach a connection outside a statement (the server ending an idle or discarded one, a
    // LOAD DATA cut by Ctrl-C whose session dies afterwards) decide nothing: statements report their own
    // failures and a transaction watches its connection (watchConnection). Unheard, such an event would
    // crash the process after the run's outcome is already known.
    c.on('error', () => undefined)
    for (const sql of SESSION_SQL) c.query(sql, () => undefined)
    // MySQL 8 caches information_schema.TABLES statistics (AUTO_INCREMENT) for a day; MariaDB has no such variable.
    c.query('SET information_schema_stats_expiry = 0', () => undefined)
  })
  const acquire = () => new Promise<CoreConnection>((resolve, reject) => pool.getConnection((err, c) => (err ? reject(err) : resolve(c))))
  return {
    acquire,
    release: (c) => c.release(),
    destroy: (c) => c.destroy(),
    query: async <T>(sql: string, params?: unknown[]) => {
      const c = await acquire()
      try {
        return await run<T[]>(c, sql, params)
      } finally {
        c.release()
      }
    },
    end: () => new Promise<void>((resolve) => pool.end(() => resolve())),
  }
}
