/**
 * The benchmark's throwaway PostgreSQL server (the test suite's starter: temp dir, free port, fsync off)
 * and the native clients run against it: psql and pgbench from the same bin dir.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { LOCAL_PASSWORD, startLocalPostgres } from '../../test/support/postgres-server.js'

export const PG_BIN = '/usr/lib/postgresql/15/bin'

export interface BenchPostgres {
  /** Superuser URL of database `db`. */
  url(db: string): string
  /** Run psql against `db` with `-c` commands; throws with psql's stderr on failure. Returns stdout. */
  psql(db: string, ...commands: string[]): string
  /** Run pgbench with `args` against `db`. */
  pgbench(db: string, args: string[]): void
  /** Drop (if present) and create database `db`. */
  freshDb(db: string): void
  /** `SHOW server_version` of the running server. */
  serverVersion: string
  stop(): void
}

/**
 * Server settings of the benchmark: durability off (as in the test servers: it is a throwaway), and
 * what a server set up for bulk loads has, so checkpoints and a small buffer pool do not dominate.
 * They apply to tdg and to pgbench/psql alike.
 */
export const BENCH_SETTINGS: Record<string, string> = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  shared_buffers: process.env.TDG_BENCH_SHARED_BUFFERS ?? '512MB',
  max_wal_size: process.env.TDG_BENCH_MAX_WAL ?? '4GB',
  checkpoint_timeout: '30min',
}

export async function startBenchPostgres(): Promise<BenchPostgres> {
  const server = await startLocalPostgres(PG_BIN, BENCH_SETTINGS)
  const base = new URL(server.url)
  const env = { ...process.env, PGHOST: base.hostname, PGPORT: base.port, PGUSER: 'postgres', PGPASSWORD: LOCAL_PASSWORD }
  const run = (bin: string, args: string[]): string => {
    const r = spawnSync(join(PG_BIN, bin), args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`)
    return r.stdout
  }
  const api: BenchPostgres = {
    url(db) {
      const u = new URL(server.url)
      u.pathname = `/${db}`
      return u.toString()
    },
    psql(db, ...commands) {
      return run('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', db, ...commands.flatMap((c) => ['-c', c])])
    },
    pgbench(db, args) {
      run('pgbench', [...args, db])
    },
    freshDb(db) {
      api.psql('postgres', `DROP DATABASE IF EXISTS ${db}`, `CREATE DATABASE ${db}`)
    },
    serverVersion: '',
    stop: () => server.stop(),
  }
  try {
    api.serverVersion = api.psql('postgres', 'SHOW server_version').trim()
  } catch (e) {
    server.stop()
    throw e
  }
  return api
}
