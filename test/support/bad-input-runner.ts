/**
 * Runs one bad-input case (test/bad-input/case.ts): prepares its scratch dir, databases and mounts,
 * snapshots what the case may not change, runs the built CLI (firing the case's fault mid-run), and
 * snapshots again. Judging is in bad-input-judge.ts; the vitest glue in test/e2e/bad-input.test.ts.
 */
import { spawn } from 'node:child_process'
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { inject } from 'vitest'
import type { BadInputCase } from '../bad-input/case.js'
import { execMysql, execPostgres, freshMysqlDatabase, freshPostgresDatabase, type FreshMysql, type FreshPostgres } from './databases.js'
import { mysqlSessions, mysqlState, withMysql } from './mysql-state.js'
import { startRestartablePostgres, type RestartablePostgres } from './restartable-postgres.js'
import { repoRoot } from './run-cli.js'
import { DEFAULT_TIMEOUT_MS } from './bad-input-judge.js'
import { mountsUnavailable, mountTmpfs, remountReadOnly, setImmutable, unmount } from './scratch-mount.js'
import { findPostgresBinDir } from './postgres-server.js'
import { pgState, sqliteState, withPg, type DbState } from './table-state.js'
import './provided-context.js'

/** Every placeholder a case may use. */
const KNOWN = ['repo', 'tmp', 'out', 'sqlite', 'pg', 'pgDb', 'pgOwn', 'mysql', 'full', 'ro', 'pgServer', 'pgUser', 'pgPassword', 'mysqlServer', 'mysqlUser', 'mysqlPassword', 's3Endpoint', 's3Key', 's3Secret'] as const
type Placeholder = (typeof KNOWN)[number]

/** The placeholders a case's text uses. */
export function placeholdersOf(c: BadInputCase): Set<Placeholder> {
  const text = JSON.stringify([c.args, c.env ?? {}, c.setup?.files ?? {}])
  return new Set(KNOWN.filter((k) => text.includes(`{${k}}`)))
}

/** Why a case cannot run here ('' when it can): a missing server or no mount privileges. */
export function skipReason(c: BadInputCase): string {
  const used = placeholdersOf(c)
  const has = (...ks: Placeholder[]) => ks.some((k) => used.has(k))
  if (has('pg', 'pgDb', 'pgServer', 'pgUser', 'pgPassword') && inject('postgresUrl') === null) return inject('postgresMissing') ?? 'no PostgreSQL'
  if (has('pgOwn') && !findPostgresBinDir()) return 'no PostgreSQL binaries to start a server of its own'
  if (has('mysql', 'mysqlServer', 'mysqlUser', 'mysqlPassword') && inject('mysqlUrl') === null) return inject('mysqlMissing') ?? 'no MariaDB'
  if (has('s3Endpoint', 's3Key', 's3Secret') && inject('s3') === null) return inject('s3Missing') ?? 'no S3 server'
  if (has('full', 'ro')) return mountsUnavailable()
  return ''
}

/** Passwords that must never be printed: the fake one of the corpus and the throwaway servers'. */
export function secrets(): string[] {
  const out = ['s3cret-pw']
  for (const u of [inject('postgresUrl'), inject('mysqlUrl')]) if (u) out.push(decodeURIComponent(new URL(u).password))
  const s3 = inject('s3')
  if (s3) out.push(s3.secretAccessKey)
  return [...new Set(out.filter((s) => s.length >= 4))]
}

export interface CaseContext {
  tmp: string
  vars: Record<string, string>
  pg?: FreshPostgres
  mysql?: FreshMysql
  pgOwn?: RestartablePostgres
  /** The SQLite file the case works on, when it has one. */
  sqliteFile: string
  /** Undo, in reverse order. */
  cleanup: Array<() => Promise<void> | void>
}

/** Replace the known placeholders in `text`. */
export function fill(text: string, vars: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? vars[k]! : m))
}

/** Scratch dir, databases, files, mounts and setup SQL of a case. */
export async function prepare(c: BadInputCase): Promise<CaseContext> {
  const used = placeholdersOf(c)
  const tmp = mkdtempSync(join(tmpdir(), 'tdg-bad-'))
  const ctx: CaseContext = { tmp, vars: { repo: repoRoot.replace(/\/$/, ''), tmp, out: join(tmp, 'out'), sqlite: join(tmp, 'db.sqlite') }, sqliteFile: join(tmp, 'db.sqlite'), cleanup: [() => rmSync(tmp, { recursive: true, force: true })] }
  const pgAdmin = inject('postgresUrl')
  if (pgAdmin) {
    const u = new URL(pgAdmin)
    Object.assign(ctx.vars, { pgServer: u.host, pgUser: decodeURIComponent(u.username), pgPassword: decodeURIComponent(u.password) })
  }
  const s3 = inject('s3')
  if (s3) Object.assign(ctx.vars, { s3Endpoint: s3.endpoint, s3Key: s3.accessKeyId, s3Secret: s3.secretAccessKey })
  const myAdmin = inject('mysqlUrl')
  if (myAdmin) {
    const u = new URL(myAdmin)
    Object.assign(ctx.vars, { mysqlServer: u.host, mysqlUser: decodeURIComponent(u.username), mysqlPassword: decodeURIComponent(u.password) })
  }
  if (used.has('pg') || used.has('pgDb')) {
    ctx.pg = await freshPostgresDatabase()
    ctx.vars.pg = ctx.pg.url
    ctx.vars.pgDb = new URL(ctx.pg.url).pathname.slice(1)
    ctx.cleanup.push(() => ctx.pg!.drop())
  }
  if (used.has('pgOwn')) {
    const own = await startRestartablePostgres()
    if (!own) throw new Error('could not start a PostgreSQL server of its own')
    ctx.pgOwn = own
    ctx.vars.pgOwn = own.url
    ctx.cleanup.push(() => own.remove())
  }
  if (used.has('mysql')) {
    ctx.mysql = await freshMysqlDatabase()
    ctx.vars.mysql = ctx.mysql.url
    ctx.cleanup.push(() => ctx.mysql!.drop())
  }
  if (used.has('full')) {
    const dir = join(tmp, 'full')
    mountTmpfs(dir, 1 << 20)
    ctx.vars.full = dir
    ctx.cleanup.push(() => unmount(dir))
  }
  if (used.has('ro')) {
    const dir = join(tmp, 'ro')
    mountTmpfs(dir, 8 << 20)
    ctx.vars.ro = dir
    ctx.sqliteFile = join(dir, 'db.sqlite')
    ctx.cleanup.push(() => unmount(dir))
  }
  for (const [rel, text] of Object.entries(c.setup?.files ?? {})) {
    const path = join(tmp, rel)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, fill(text, ctx.vars))
  }
  if (c.setup?.sqlite) {
    const db = new Database(ctx.sqliteFile)
    db.exec(c.setup.sqlite)
    db.close()
  }
  if (used.has('ro')) remountReadOnly(ctx.vars.ro!)
  if (c.setup?.postgres) await execPostgres(ctx.pgOwn?.url ?? ctx.pg!.url, c.setup.postgres)
  if (c.setup?.mysql) await execMysql(ctx.mysql!.url, c.setup.mysql)
  for (const rel of c.setup?.immutable ?? []) {
    const path = join(tmp, rel)
    if (!setImmutable(path, true)) throw new Error(`chattr +i ${path} failed`)
    ctx.cleanup.push(() => void setImmutable(path, false))
  }
  return ctx
}

/** Undo everything `prepare` did (errors are collected, not thrown, so every step runs). */
export async function dispose(ctx: CaseContext): Promise<void> {
  for (const undo of ctx.cleanup.reverse()) {
    try {
      await undo()
    } catch {
      // best effort: a scratch dir or database left behind is no reason to fail the case
    }
  }
}

export interface Snapshot {
  /** Every path under the scratch dir → size (files) or 'dir'; SQLite files as 'db' (judged by content). */
  files: Record<string, string>
  dbs: Record<string, DbState>
}

function listing(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      const rel = path.slice(root.length + 1)
      const st = lstatSync(path)
      if (st.isDirectory()) {
        out[rel] = 'dir'
        walk(path)
      } else out[rel] = name.endsWith('.sqlite') ? 'db' : String(st.size)
    }
  }
  walk(root)
  return out
}

/** What the case may not change: files under its scratch dir and the contents of its databases. */
export async function snapshot(ctx: CaseContext): Promise<Snapshot> {
  const dbs: Record<string, DbState> = {}
  if (ctx.pg) dbs.postgres = await pgState(ctx.pg.url)
  if (ctx.pgOwn) dbs.ownPostgres = await pgState(ctx.pgOwn.url)
  if (ctx.mysql) dbs.mariadb = await mysqlState(ctx.mysql.url)
  if (existsSync(ctx.sqliteFile)) dbs.sqlite = sqliteState(ctx.sqliteFile)
  return { files: listing(ctx.tmp), dbs }
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
  /** For cases with a fault: whether it fired (its trigger was seen), and its own error if it failed. */
  faultFired?: boolean
  faultError?: string
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Statements running right now on the case's PostgreSQL (shared or own) or MariaDB database (other sessions). */
async function activeQueries(ctx: CaseContext): Promise<string[]> {
  const out: string[] = []
  if (ctx.pg) {
    const name = new URL(ctx.pg.url).pathname.slice(1)
    out.push(...(await withPg(ctx.pg.adminUrl, async (db) => (await db.query<{ q: string }>("select query as q from pg_stat_activity where datname = $1 and state = 'active' and pid <> pg_backend_pid()", [name])).rows.map((r) => r.q))))
  }
  if (ctx.pgOwn) {
    out.push(...(await withPg(ctx.pgOwn.url, async (db) => (await db.query<{ q: string }>("select query as q from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()")).rows.map((r) => r.q))))
  }
  if (ctx.mysql) {
    const rows = await withMysql(ctx.mysql.adminUrl, async (db) => (await db.query('select info from information_schema.processlist where db = ? and id <> connection_id() and info is not null', [ctx.mysql!.name]))[0])
    out.push(...(rows as Array<{ info: string }>).map((r) => String(r.info)))
  }
  return out
}

/** Run the CLI for a case, firing its fault once its trigger is seen. */
export function runCase(c: BadInputCase, ctx: CaseContext): Promise<RunResult> {
  const args = c.args.map((a) => fill(a, ctx.vars))
  const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, fill(v, ctx.vars)]))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/tdg.js`, ...args], {
      cwd: c.cwd === 'tmp' ? ctx.tmp : repoRoot,
      env: { ...process.env, ...env, FORCE_COLOR: '0' },
      stdio: [c.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    if (c.stdin !== undefined) {
      child.stdin!.on('error', () => undefined) // tdg may fail before reading it all
      child.stdin!.end(c.stdin)
    }
    const result: RunResult = { code: null, signal: null, stdout: '', stderr: '', timedOut: false }
    if (c.fault) result.faultFired = false
    let armed = false
    const fire = async () => {
      const f = c.fault!
      result.faultFired = true
      try {
        if (f.kind === 'signal') child.kill(f.signal)
        else if (f.kind === 'pg-terminate') {
          const name = new URL(ctx.pg!.url).pathname.slice(1)
          await withPg(ctx.pg!.adminUrl, (db) => db.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]))
        } else if (f.kind === 'mysql-kill') {
          const ids = await mysqlSessions(ctx.mysql!.adminUrl, ctx.mysql!.name)
          await withMysql(ctx.mysql!.adminUrl, async (db) => {
            for (const id of ids) await db.query(`KILL ${Number(id)}`).catch(() => undefined)
          })
        } else ctx.pgOwn!.stop('immediate')
      } catch (e) {
        result.faultError = e instanceof Error ? e.message : String(e)
      }
    }
    child.stdout!.on('data', (d: Buffer) => (result.stdout += d.toString()))
    child.stderr!.on('data', (d: Buffer) => {
      result.stderr += d.toString()
      const when = c.fault?.when
      if (when && 'stderr' in when && !armed && when.stderr.test(result.stderr)) {
        armed = true
        setTimeout(() => void fire(), when.delayMs ?? 0)
      }
    })
    const when = c.fault?.when
    let exited = false
    if (when && 'query' in when) {
      // Poll the server until tdg's session runs the statement, then fire.
      const poll = async () => {
        while (!exited && !armed) {
          const running = await activeQueries(ctx).catch(() => [] as string[])
          if (running.some((q) => when.query.test(q.trim()))) {
            armed = true
            setTimeout(() => void fire(), when.delayMs ?? 0)
            return
          }
          await sleep(50)
        }
      }
      void poll()
    }
    const timer = setTimeout(() => {
      result.timedOut = true
      child.kill('SIGKILL')
    }, c.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      exited = true
      clearTimeout(timer)
      resolve({ ...result, code, signal })
    })
  })
}


/**
 * After the run: restart a stopped server, wait until the server has dropped tdg's sessions (a killed
 * client's backend lingers until the server notices), and let SQLite recover a hot journal (a
 * read-write open does; tdg killed by -9 cannot).
 */
export async function settle(ctx: CaseContext): Promise<void> {
  ctx.pgOwn?.start()
  for (let i = 0; i < 100; i++) {
    let busy = 0
    if (ctx.pg) {
      const name = new URL(ctx.pg.url).pathname.slice(1)
      busy += await withPg(ctx.pg.adminUrl, async (db) => Number((await db.query<{ n: string }>('select count(*)::text as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])).rows[0]!.n))
    }
    if (ctx.mysql) busy += (await mysqlSessions(ctx.mysql.adminUrl, ctx.mysql.name)).length
    if (busy === 0) break
    await sleep(100)
  }
  if (existsSync(ctx.sqliteFile) && !ctx.vars.ro) {
    try {
      const db = new Database(ctx.sqliteFile, { fileMustExist: true })
      db.prepare('select count(*) from sqlite_schema').get()
      db.close()
    } catch {
      // read-only (immutable) files cannot hold a hot journal of ours: nothing to recover
    }
  }
}
