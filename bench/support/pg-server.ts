/**
 * The benchmark's throwaway PostgreSQL server: like the test suite's (test/support/postgres-server.ts:
 * temp dir, free port, run as `postgres` when root, fsync off), plus server settings passed by the caller
 * (`-c name=value`), which apply to tdg and to the native loaders alike.
 */
import { spawnSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, LOCAL_PASSWORD } from '../../test/support/postgres-server.js'

export interface BenchServer {
  /** Superuser URL over TCP (password auth). */
  url: string
  password: string
  /** Stop (fast) and delete the directory. Safe to call twice. */
  stop(): void
}

function postgresIds(): { uid: number; gid: number } | undefined {
  const u = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
  if (u.status !== 0 || g.status !== 0) return undefined
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) }
}

/** initdb + pg_ctl start from `binDir` with `settings`; throws with the tools' output when that fails. */
export async function startBenchServer(binDir: string, settings: Record<string, string>): Promise<BenchServer> {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const owner = isRoot ? postgresIds() : undefined
  if (isRoot && !owner) throw new Error('running as root and there is no `postgres` user to run initdb as')
  const dir = mkdtempSync(join(tmpdir(), 'tdg-bench-pg-'))
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
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'])
    const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ')
    run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
    started = true
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres:${LOCAL_PASSWORD}@127.0.0.1:${port}/postgres`, password: LOCAL_PASSWORD, stop }
}
