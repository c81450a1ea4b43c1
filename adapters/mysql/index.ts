/**
 * MySQL/MariaDB adapter (a `DialectModule`: `dialect` + `connect`). `connect(url)` opens a mysql2 pool
 * and checks it eagerly, so a wrong password, unknown host, refused port or missing database fails right
 * here with one clear line (TDG_CONNECT_FAILED, password redacted, driver error as cause).
 */
import type { Adapter, ConnectOptions } from '../../src/adapter/adapter.js'
import { connectFailed } from './connect-error.js'
import { mysqlDialect } from './dialect.js'
import { introspectMysql } from './introspect.js'
import { mysqlKeyFloor } from './key-floor.js'
import { mysqlRowCount } from './row-count.js'
import { mysqlPool } from './pool.js'
import { sampleTable, scanTable, type ReadContext } from './read.js'
import { readSnapshot } from './snapshot.js'
import { parseMysqlUrl } from './url.js'
import { runTransaction } from './write.js'

/** The offline dialect (quoting, literals, types). */
export const dialect = mysqlDialect

/**
 * Connect to `mysql://user:pass@host:3306/db` (or `mariadb://…`; options in url.ts). Runs `SELECT 1`
 * before returning. `opts.create` is ignored: the database must exist.
 */
export async function connect(url: string, _opts?: ConnectOptions): Promise<Adapter> {
  const cfg = parseMysqlUrl(url)
  const pool = mysqlPool(cfg)
  try {
    await pool.query('SELECT 1')
  } catch (e) {
    await pool.end().catch(() => undefined)
    throw connectFailed(cfg.redacted, e, cfg.password)
  }
  const ctx: ReadContext = { pool, dialect }
  return {
    dialect,
    redactedUrl: cfg.redacted,
    introspect: () => introspectMysql((sql) => pool.query(sql), dialect),
    sample: (table, opts) => sampleTable(ctx, table, opts),
    scan: (table, opts) => scanTable(ctx, table, opts),
    readSnapshot: (work) => readSnapshot(ctx, work),
    transaction: (work) => runTransaction({ pool, dialect, localInfile: cfg.localInfile }, work),
    keyFloor: (table, column) => mysqlKeyFloor(ctx, table, column),
    rowCount: (table) => mysqlRowCount((sql) => pool.query(sql), dialect, table),
    close: () => pool.end(),
  }
}
