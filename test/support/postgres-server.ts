/**
 * A throwaway PostgreSQL server for the test run, started from the installed binaries in a temp dir
 * on a free port and removed afterwards. Password auth (scram) on TCP so the wrong-password test is
 * real; trust on the Unix socket inside the temp dir, which only this run knows.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface LocalPostgres {
  /** Superuser URL over TCP, with password. */
  url: string
  /** Stop the server (immediate) and delete its directory. Safe to call twice. */
  stop(): void
}

/** Superuser password of throwaway servers (they live for one test run on 127.0.0.1). */
export const LOCAL_PASSWORD = 'tdg-test-pw'

/** The bin dir holding initdb/pg_ctl: `pg_config --bindir`, else the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBinDir(): string | undefined {
  const ok = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    if (dir && ok(dir)) return dir
  } catch {
    // no pg_config on PATH: fall through to the Debian/Ubuntu layout
  }
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return undefined
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
  return versions.map((v) => join(root, v, 'bin')).find(ok)
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

function postgresIds(): { uid: number; gid: number } | undefined {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
  if (r.status !== 0 || g.status !== 0) return undefined
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) }
}

/** Durability off: a throwaway server never needs to survive a crash. */
const TEST_SETTINGS: Record<string, string> = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' }

/**
 * Start a server; throws with initdb/pg_ctl output when that fails. `settings` (`-c name=value`) are
 * added to the test defaults (the benchmark passes its own buffer and WAL sizes).
 */
export async function startLocalPostgres(binDir: string, settings: Record<string, string> = {}): Promise<LocalPostgres> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  // initdb refuses to run as root: run the server as `postgres`, which must own the directory.
  const owner = isRoot ? postgresIds() : undefined
  if (isRoot && !owner) throw new Error('running as root and there is no `postgres` user to run initdb as')
  const dir = mkdtempSync(join(tmpdir(), 'tdg-pg-'))
  const data = join(dir, 'data')
  const pwfile = join(dir, 'pw')
  writeFileSync(pwfile, `${LOCAL_PASSWORD}\n`)
  if (owner) {
    chownSync(dir, owner.uid, owner.gid)
    chownSync(pwfile, owner.uid, owner.gid)
  }
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ['runuser', ['-u', 'postgres', '--', join(binDir, cmd), ...args]] : [join(binDir, cmd), args]
    const r = spawnSync(file as string, argv as string[], { encoding: 'utf8', timeout: 120_000 })
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`)
  }
  const port = await freePort()
  let started = false
  const stop = () => {
    if (started) {
      started = false
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } catch {
        // already gone: nothing to stop
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'])
    const all = { ...TEST_SETTINGS, ...settings }
    const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", ...Object.entries(all).map(([k, v]) => `-c ${k}=${v}`)].join(' ')
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
    started = true
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres:${LOCAL_PASSWORD}@127.0.0.1:${port}/postgres`, stop }
}
