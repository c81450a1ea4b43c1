/**
 * SQL Server adapter (a `DialectModule`: `dialect` + `connect`). `connect(url)` opens an mssql (tedious)
 * connection pool and checks it eagerly, so a wrong password, unknown host, refused port or missing
 * database fails right here with one clear line.
 */
import sql from 'mssql'
import type { Adapter, ConnectOptions } from '../../src/adapter/adapter.js'
import { connectFailed } from './connect-error.js'
import { mssqlDialect } from './dialect.js'
import { introspectMssql } from './introspect.js'
import { mssqlKeyFloor } from './key-floor.js'
import { mssqlRowCount } from './row-count.js'
import { sampleTable, scanTable } from './read.js'
import { readSnapshot } from './snapshot.js'
import { parseMssqlUrl, type MssqlUrl } from './url.js'
import { runTransaction } from './write.js'

/** The offline dialect (quoting, literals, types). */
export const dialect = mssqlDialect

/** mssql settings for a parsed URL; the pool starts empty and grows to 10 connections. */
function poolConfig(cfg: MssqlUrl): sql.config {
  return {
    server: cfg.server,
    ...(cfg.port !== undefined ? { port: cfg.port } : {}),
    ...(cfg.user !== undefined ? { user: cfg.user } : {}),
    ...(cfg.password !== undefined ? { password: cfg.password } : {}),
    ...(cfg.database !== undefined ? { database: cfg.database } : {}),
    connectionTimeout: cfg.connectTimeoutMs,
    // Long bulk loads and catalog reads of big schemas: no request timeout.
    requestTimeout: 0,
    arrayRowMode: false,
    pool: { min: 0, max: 10 },
    options: {
      encrypt: cfg.encrypt,
      trustServerCertificate: cfg.trustServerCertificate,
      appName: cfg.appName,
      ...(cfg.instanceName !== undefined ? { instanceName: cfg.instanceName } : {}),
      // Dates travel as UTC, whatever the client machine's zone.
      useUTC: true,
    },
  }
}

/**
 * Connect to `mssql://user:pass@host:1433/db?encrypt=true&trustServerCertificate=true` (or `sqlserver://`).
 * Runs `SELECT 1` before returning; any failure → TDG_CONNECT_FAILED (password redacted, driver error as cause).
 */
export async function connect(url: string, _opts?: ConnectOptions): Promise<Adapter> {
  const cfg = parseMssqlUrl(url)
  const pool = new sql.ConnectionPool(poolConfig(cfg))
  // An idle connection dropped by the server must not crash the process as an unhandled 'error'.
  pool.on('error', () => undefined)
  try {
    await pool.connect()
    await pool.request().query('SELECT 1 AS ok')
  } catch (e) {
    await pool.close().catch(() => undefined)
    throw connectFailed(cfg.redacted, e, cfg.password)
  }
  return {
    dialect,
    redactedUrl: cfg.redacted,
    introspect: (opts) => introspectMssql(pool, dialect, opts?.schemas ?? cfg.schemas),
    sample: (table, opts) => sampleTable(pool, table, opts),
    scan: (table, opts) => scanTable(pool, table, opts),
    readSnapshot: (work) => readSnapshot(pool, work),
    transaction: (work) => runTransaction({ pool, bulk: cfg.bulk }, work),
    keyFloor: (table, column) => mssqlKeyFloor(pool, table, column),
    rowCount: (table) => mssqlRowCount(pool, table),
    close: () => pool.close(),
  }
}
