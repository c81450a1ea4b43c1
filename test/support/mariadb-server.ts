/**
 * A throwaway MariaDB server for the test run, started from the installed binaries
 * (`mariadb-install-db` + `mariadbd`) in a temp dir on a free port, removed afterwards. A `tdg` user with
 * a password (so the wrong-password test is real) may do everything; `local_infile` is on so the
 * LOAD DATA path is exercised. As root, the server runs as the `mysql` user, which owns the directory.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './postgres-server.js'

export interface LocalMariadb {
  /** Admin URL over TCP, with password (`mysql://tdg:…@127.0.0.1:port/mysql`). */
  url: string
  /** The `mariadb` client arguments that reach the server (for loading fixtures). */
  clientArgs: string[]
  /** TCP port and the server's process id (for CPU accounting). */
  port: number
  pid: number | undefined
  /** Stop the server and delete its directory. Safe to call twice. */
  stop(): void
}

/** Server options of test runs: durability off, a modest buffer pool. Later options override these. */
const TEST_SETTINGS = ['--skip-log-bin', '--innodb-flush-log-at-trx-commit=0', '--innodb-buffer-pool-size=256M', '--max-connections=300']

/** Password of the `tdg` user of throwaway servers (they live for one run on 127.0.0.1). */
export const MARIADB_PASSWORD = 'tdg-test-pw'

function which(cmd: string): string | undefined {
  for (const dir of ['/usr/sbin', '/usr/bin', '/usr/local/sbin', '/usr/local/bin', ...(process.env.PATH ?? '').split(':')]) {
    if (dir && existsSync(join(dir, cmd))) return join(dir, cmd)
  }
  return undefined
}

/** Paths of mariadbd and mariadb-install-db, or undefined when MariaDB is not installed. */
export function findMariadbBinaries(): { server: string; install: string; client: string } | undefined {
  const server = which('mariadbd') ?? which('mysqld')
  const install = which('mariadb-install-db') ?? which('mysql_install_db')
  const client = which('mariadb') ?? which('mysql')
  return server && install && client ? { server, install, client } : undefined
}

function mysqlIds(): { uid: number; gid: number } | undefined {
  const u = spawnSync('id', ['-u', 'mysql'], { encoding: 'utf8' })
  const g = spawnSync('id', ['-g', 'mysql'], { encoding: 'utf8' })
  if (u.status !== 0 || g.status !== 0) return undefined
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) }
}

async function waitUntilUp(client: string, socket: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`mariadbd exited (${child.exitCode}): ${log()}`)
    const r = spawnSync(client, ['--no-defaults', '-uroot', `--socket=${socket}`, '-e', 'SELECT 1'], { encoding: 'utf8' })
    if (r.status === 0) return
    await new Promise((res) => setTimeout(res, 200))
  }
  throw new Error(`mariadbd did not answer within 60s: ${log()}`)
}

/** Start a server; throws with the tools' output when that fails. */
/**
 * Start a server (test user `tdg` with MARIADB_PASSWORD); `settings` are extra `mariadbd` options after
 * the test defaults, so they win (the benchmark passes its bulk-load settings).
 */
export async function startLocalMariadb(bins: { server: string; install: string; client: string }, settings: string[] = []): Promise<LocalMariadb> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const owner = isRoot ? mysqlIds() : undefined
  const dir = mkdtempSync(join(tmpdir(), 'tdg-mariadb-'))
  const data = join(dir, 'data')
  const socket = join(dir, 'sock')
  // Its own tmpdir: implicit temp tables (information_schema queries) must not live in a shared /tmp.
  const tmp = join(dir, 'tmp')
  mkdirSync(tmp)
  if (owner) {
    chownSync(dir, owner.uid, owner.gid)
    chownSync(tmp, owner.uid, owner.gid)
  }
  const userArgs = owner ? ['--user=mysql'] : isRoot ? ['--user=root'] : []
  let child: ChildProcess | undefined
  let output = ''
  const stop = () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL')
      child = undefined
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const inst = spawnSync(bins.install, ['--no-defaults', `--datadir=${data}`, '--auth-root-authentication-method=socket', '--skip-test-db', ...userArgs], { encoding: 'utf8', timeout: 120_000 })
    if (inst.status !== 0) throw new Error(`mariadb-install-db failed (${inst.status ?? inst.signal}): ${inst.stderr || inst.stdout}`)
    const port = await freePort()
    child = spawn(
      bins.server,
      [
        '--no-defaults', `--datadir=${data}`, `--port=${port}`, `--socket=${socket}`, `--pid-file=${join(dir, 'pid')}`,
        `--tmpdir=${tmp}`, '--bind-address=127.0.0.1', '--skip-name-resolve', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci',
        '--local-infile=1', ...TEST_SETTINGS, ...settings, ...userArgs,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)))
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)))
    await waitUntilUp(bins.client, socket, child, () => output)
    const setup = spawnSync(bins.client, ['--no-defaults', '-uroot', `--socket=${socket}`, '-e',
      `CREATE USER 'tdg'@'%' IDENTIFIED BY '${MARIADB_PASSWORD}'; GRANT ALL ON *.* TO 'tdg'@'%' WITH GRANT OPTION;`], { encoding: 'utf8' })
    if (setup.status !== 0) throw new Error(`creating the test user failed: ${setup.stderr}`)
    return {
      url: `mysql://tdg:${MARIADB_PASSWORD}@127.0.0.1:${port}/mysql`,
      clientArgs: ['--no-defaults', '-utdg', `-p${MARIADB_PASSWORD}`, '-h127.0.0.1', `-P${port}`],
      port,
      pid: child.pid,
      stop,
    }
  } catch (e) {
    stop()
    throw e
  }
}
