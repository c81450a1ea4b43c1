/**
 * PostgreSQL adapter (a `DialectModule`: `dialect` + `connect`). `connect(url)` opens a pg.Pool (pool.ts) and checks it eagerly, so a wrong
 * password, unknown host, refused port or missing database fails right here with one clear line.
 */
import type pg from 'pg'
import type { Adapter, ConnectOptions } from '../../src/adapter/adapter.js'
import { connectFailed } from './connect-error.js'
import { postgresDialect } from './dialect.js'
import { introspectPostgres } from './introspect.js'
import { SESSION_OPTIONS, pgTypeParsers } from './parsers.js'
import { rawPool } from './pool.js'
import { sampleTable, scanTable, type ReadContext } from './read.js'
import { readSnapshot } from './snapshot.js'
import { parsePostgresUrl, type PostgresUrl } from './url.js'
import { runTransaction } from './write.js'
import { postgresKeyFloor } from './key-floor.js'
import { postgresRowCount } from './row-count.js'

/** The offline dialect (quoting, literals, types). */
export const dialect = postgresDialect

/** Client settings for a parsed URL (the pool starts empty and grows to 10 connections: pool.ts). */
function clientConfig(cfg: PostgresUrl): pg.PoolConfig {
  return {
    host: cfg.host,
    port: cfg.port,
    ...(cfg.user !== undefined ? { user: cfg.user } : {}),
    ...(cfg.password !== undefined ? { password: cfg.password } : {}),
    ...(cfg.database !== undefined ? { database: cfg.database } : {}),
    ssl: cfg.ssl,
    application_name: cfg.applicationName,
    connectionTimeoutMillis: cfg.connectTimeoutMs,
    options: SESSION_OPTIONS,
    types: pgTypeParsers,
  }
}

/**
 * Connect to `postgres://user:pass@host:port/db?schema=a,b&sslmode=require`.
 * Opens the first connection before returning (authenticated, the database and session options accepted:
 * no query needed, it stays in the pool for the first statement); any failure → TDG_CONNECT_FAILED
 * (password redacted, driver error as cause).
 */
export async function connect(url: string, _opts?: ConnectOptions): Promise<Adapter> {
  const cfg = parsePostgresUrl(url)
  const pool = rawPool(clientConfig(cfg))
  try {
    await pool.release(await pool.acquire())
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw connectFailed(cfg.redacted, e, cfg.password)
  }
  const ctx: ReadContext = { pool, dialect, defaultSchema: cfg.schemas[0] ?? 'public' }
  return {
    dialect,
    redactedUrl: cfg.redacted,
    introspect: (opts) => introspectPostgres(pool, dialect, opts?.schemas ?? cfg.schemas),
    sample: (table, opts) => sampleTable(ctx, table, opts),
    scan: (table, opts) => scanTable(ctx, table, opts),
    readSnapshot: (work) => readSnapshot(ctx, work),
    transaction: (work) => runTransaction(ctx, work),
    keyFloor: (table, column) => postgresKeyFloor(ctx, table, column),
    rowCount: (table) => postgresRowCount(ctx, table),
    close: () => pool.end(),
  }
}
