/**
 * PostgreSQL adapter (a `DialectModule`: `dialect` + `connect`). `connect(url)` opens a knex pool (client 'pg') and checks it eagerly, so a wrong
 * password, unknown host, refused port or missing database fails right here with one clear line.
 */
import knex, { type Knex } from 'knex'
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

/** knex settings for a parsed URL; the pool starts empty and grows to 10 connections. */
function knexConfig(cfg: PostgresUrl): Knex.Config {
  return {
    client: 'pg',
    connection: {
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
    } as Knex.PgConnectionConfig,
    pool: { min: 0, max: 10 },
    // knex prints failed connection attempts with a stack trace; connect() reports them as one line.
    log: {
      warn: (m: string) => {
        if (!String(m).startsWith('Acquire connection error')) console.warn(m)
      },
    },
    acquireConnectionTimeout: cfg.connectTimeoutMs + 1000,
  }
}

/**
 * Connect to `postgres://user:pass@host:port/db?schema=a,b&sslmode=require`.
 * Runs `select 1` before returning; any failure → TDG_CONNECT_FAILED (password redacted, driver error as cause).
 */
export async function connect(url: string, _opts?: ConnectOptions): Promise<Adapter> {
  const cfg = parsePostgresUrl(url)
  const db = knex(knexConfig(cfg))
  try {
    await db.raw('select 1')
  } catch (e) {
    await db.destroy().catch(() => undefined)
    throw connectFailed(cfg.redacted, e, cfg.password)
  }
  const ctx: ReadContext = { pool: rawPool(db), dialect, defaultSchema: cfg.schemas[0] ?? 'public' }
  return {
    dialect,
    redactedUrl: cfg.redacted,
    introspect: (opts) => introspectPostgres(db, dialect, opts?.schemas ?? cfg.schemas),
    sample: (table, opts) => sampleTable(ctx, table, opts),
    scan: (table, opts) => scanTable(ctx, table, opts),
    readSnapshot: (work) => readSnapshot(ctx, work),
    transaction: (work) => runTransaction(ctx, work),
    keyFloor: (table, column) => postgresKeyFloor(ctx, table, column),
    rowCount: (table) => postgresRowCount(ctx, table),
    close: () => db.destroy(),
  }
}
