/**
 * The benchmark's throwaway MariaDB server, started like the test suite's (test/support/mariadb-server.ts:
 * `mariadb-install-db` + `mariadbd` from the installed binaries, temp dir, free port, runs as `mysql` when
 * root, `--local-infile=1`), but with the server settings of a machine set up for bulk loads
 * (BENCH_MARIADB_SETTINGS) — they apply to tdg and to the `mariadb` client alike — and the `mariadb`
 * client wrapped for the baseline loads and the checksums.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { findMariadbBinaries, MARIADB_PASSWORD, startLocalMariadb } from '../../test/support/mariadb-server.js'

/**
 * Server settings of the benchmark: durability off (a throwaway, as the PostgreSQL bench server has
 * fsync off), a buffer pool that holds the 1M-row table and its indexes, and a redo log large enough that
 * checkpoints do not throttle a 1M-row load. No binary log.
 */
export const BENCH_MARIADB_SETTINGS: string[] = [
  '--skip-log-bin',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-doublewrite=0',
  `--innodb-buffer-pool-size=${process.env.TDG_BENCH_INNODB_POOL ?? '1G'}`,
  '--innodb-log-file-size=1G',
  '--max-allowed-packet=64M',
]

export interface BenchMariadb {
  /** tdg's URL of database `db` (TCP, password), with extra query options (`local_infile=false`). */
  url(db: string, query?: string): string
  /** Run `sql` with the `mariadb` client (local_infile on) in `db`; throws with its stderr. Returns stdout (tab-separated, no headers). */
  client(db: string, sql: string): string
  /** Drop (if present) and create database `db`. */
  freshDb(db: string): void
  /**
   * Flush InnoDB's dirty pages before a measurement (the counterpart of the PostgreSQL bench's
   * CHECKPOINT), so one load does not pay for the background flushing of the previous one.
   */
  quiesce(): Promise<void>
  /** CPU time (user + system, ms) the server process has used so far (Linux /proc), or NaN. */
  serverCpuMs(): number
  /** `SELECT VERSION()` of the running server. */
  serverVersion: string
  /** Stop the server and delete its directory. Safe to call twice. */
  stop(): void
}

/** Start a server; throws when MariaDB is not installed or does not come up (with its output). */
export async function startBenchMariadb(): Promise<BenchMariadb> {
  const bins = findMariadbBinaries()
  if (!bins) throw new Error('MariaDB is not installed (mariadbd / mariadb-install-db / mariadb not found); install mariadb-server or leave w2my out of --only')
  const server = await startLocalMariadb(bins, BENCH_MARIADB_SETTINGS)
  const { port, stop } = server
  try {
    const clientArgs = ['--no-defaults', '-utdg', `-p${MARIADB_PASSWORD}`, '-h127.0.0.1', `-P${port}`, '--local-infile=1', '-N', '-B']
    const api: BenchMariadb = {
      url: (db, query) => `mysql://tdg:${MARIADB_PASSWORD}@127.0.0.1:${port}/${db}${query ? `?${query}` : ''}`,
      client(db, sql) {
        const r = spawnSync(bins.client, [...clientArgs, `-D${db}`, '-e', sql], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
        if (r.status !== 0) throw new Error(`mariadb -D${db} failed (${r.status ?? r.signal}): ${r.stderr}`)
        return r.stdout
      },
      freshDb(db) {
        api.client('mysql', `DROP DATABASE IF EXISTS \`${db}\`; CREATE DATABASE \`${db}\``)
      },
      async quiesce() {
        api.client('mysql', 'SET GLOBAL innodb_max_dirty_pages_pct_lwm = 0.001; SET GLOBAL innodb_max_dirty_pages_pct = 0')
        const until = Date.now() + 120_000
        while (Date.now() < until) {
          const dirty = Number(api.client('mysql', "SELECT variable_value FROM information_schema.global_status WHERE variable_name = 'INNODB_BUFFER_POOL_PAGES_DIRTY'").trim())
          if (!(dirty > 100)) break
          await new Promise((res) => setTimeout(res, 500))
        }
        api.client('mysql', 'SET GLOBAL innodb_max_dirty_pages_pct = 90; SET GLOBAL innodb_max_dirty_pages_pct_lwm = 0')
      },
      serverCpuMs() {
        try {
          // Fields after the `(comm)`: utime and stime are the 12th and 13th, in clock ticks (100/s on Linux).
          const stat = readFileSync(`/proc/${server.pid}/stat`, 'utf8')
          const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
          return (Number(f[11]) + Number(f[12])) * 10
        } catch {
          return Number.NaN
        }
      },
      serverVersion: '',
      stop,
    }
    api.serverVersion = api.client('mysql', 'SELECT VERSION()').trim()
    return api
  } catch (e) {
    stop()
    throw e
  }
}
