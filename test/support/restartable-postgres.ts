/**
 * A PostgreSQL server of one test's own, which the test may stop and start again (the run's shared
 * server must never be stopped). Same setup as postgres-server.ts: the installed binaries, a temp
 * dir, password auth on 127.0.0.1, run as `postgres` when the tests run as root.
 */
import { spawnSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findPostgresBinDir, freePort, LOCAL_PASSWORD } from './postgres-server.js'

export interface RestartablePostgres {
  /** Superuser URL of the `postgres` database. */
  url: string
  /** `pg_ctl stop -m <mode>` (immediate: like a crash; the next start recovers). */
  stop(mode?: 'immediate' | 'fast'): void
  /** Start it again on the same port and data. */
  start(): void
  /** Stop (if running) and delete everything. Safe to call twice. */
  remove(): void
}

/** Start a private server; undefined when there are no PostgreSQL binaries (or no `postgres` user as root). */
export async function startRestartablePostgres(): Promise<RestartablePostgres | undefined> {
  const bin = findPostgresBinDir()
  if (!bin) return undefined
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  let owner: { uid: number; gid: number } | undefined
  if (isRoot) {
    const u = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    if (u.status !== 0 || g.status !== 0) return undefined
    owner = { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) }
  }
  const dir = mkdtempSync(join(tmpdir(), 'tdg-pg-own-'))
  const data = join(dir, 'data')
  const pwfile = join(dir, 'pw')
  writeFileSync(pwfile, `${LOCAL_PASSWORD}\n`)
  if (owner) {
    chownSync(dir, owner.uid, owner.gid)
    chownSync(pwfile, owner.uid, owner.gid)
  }
  const run = (cmd: string, args: string[], check = true) => {
    const [file, argv] = owner ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args]
    const r = spawnSync(file as string, argv as string[], { encoding: 'utf8', timeout: 120_000 })
    if (check && r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${r.stderr || r.stdout}`)
  }
  const port = await freePort()
  const opts = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses='127.0.0.1'", '-c fsync=off', '-c full_page_writes=off'].join(' ')
  let running = false
  const server: RestartablePostgres = {
    url: `postgres://postgres:${LOCAL_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: (mode = 'immediate') => {
      if (!running) return
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop'], false)
      running = false
    },
    start: () => {
      if (running) return
      run('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
      running = true
    },
    remove: () => {
      server.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'])
    server.start()
  } catch (e) {
    server.remove()
    throw e
  }
  return server
}
