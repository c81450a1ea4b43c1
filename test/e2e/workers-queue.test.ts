/**
 * Issue 15 item 2: several `tdg worker` processes on one PostgreSQL state store share its pg-boss queue.
 * Real processes (`node bin/tdg.js worker` / `serve`), the test run's PostgreSQL as the state store, SQLite
 * files as targets. Every job runs exactly once; a worker killed with SIGKILL mid-job leaves its job
 * retried by another worker, its own attempt rolled back; a cancel through a server reaches the worker
 * running the job.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { repoRoot, runCli } from '../support/run-cli.js'
import { apiClient, startServe, type ServeProcess } from '../support/serve-process.js'
import { startedJobs as started, startWorker, type WorkerProcess } from '../support/worker-process.js'
import { takeJobLock } from '../../src/serve/job-lock.js'
import { ulid } from '../../src/state/ulid.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-workers-'))
const shop = join(repoRoot, 'examples/shop.sql')
let store: FreshPostgres | undefined
let env: Record<string, string> = {}
let token = ''
let server: ServeProcess | undefined
const workers: Worker[] = []
const stray = ulid()

type Worker = WorkerProcess

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

async function jobRows(): Promise<Array<{ id: string; status: string; attempts: number; run_id: string | null }>> {
  const c = new pg.Client({ connectionString: store!.url })
  await c.connect()
  try {
    return (await c.query('SELECT id, status, attempts, run_id FROM tdg_jobs ORDER BY id')).rows
  } finally {
    await c.end()
  }
}

async function audit(): Promise<Array<{ id: string; origin: string; command: string; outcome: string; errorCode?: string; target?: string }>> {
  const r = await runCli(['audit', 'list', '--json', '--limit', '1000'], { cwd: dir, env })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

const pgOnly = postgresAvailable() ? describe : describe.skip

pgOnly(`tdg worker: one queue, several workers (PostgreSQL state store)${postgresAvailable() ? '' : ` — skipped: ${postgresMissingReason()}`}`, { timeout: 120_000 }, () => {
  beforeAll(async () => {
    store = await freshPostgresDatabase()
    env = { TDG_STATE_URL: store.url }
    mkdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`sqlite:${dir}/*`], output: [join(dir, 'out')] } } }))
    const created = await runCli(['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env })
    expect(created.code, created.stderr).toBe(0)
    token = created.stdout.trim()
    // A job queued before the store had a shared queue (a row without a message): adopted when workers start.
    const c = new pg.Client({ connectionString: store.url })
    await c.connect()
    await c.query("INSERT INTO tdg_jobs (id, kind, status, params, created_by, created_at) VALUES ($1, 'seed', 'queued', $2, 'ci', $3)", [stray, JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/stray.db`, schema: shop, create: true, rows: 2 }), new Date().toISOString()])
    await c.end()
    // An API-only server (--concurrency 0): every job below runs in a worker.
    server = await startServe(['--config', 'tdg.json', '--concurrency', '0', '--job-timeout', '3'], { cwd: dir, env })
    // Three workers started together: pg-boss's schema is created once.
    workers.push(...(await Promise.all([0, 1, 2].map(() => startWorker(dir, env, ['--concurrency', '2', '--job-timeout', '3', '--grace', '0'])))))
  }, 120_000)

  afterAll(async () => {
    // Normally stopped by the last test already.
    for (const w of workers) w.child.kill('SIGTERM')
    await Promise.all(workers.map((w) => w.exited))
    server?.child.kill('SIGTERM')
    await server?.exited
    await store?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('50 queued jobs, three workers: each job runs exactly once', async () => {
    const api = apiClient(server!.base)
    const ids: string[] = []
    for (let i = 0; i < 50; i++) {
      const r = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: `sqlite:${dir}/t${i}.db`, schema: shop, create: true, rows: 3, seed: i } })
      expect(r.status, r.text).toBe(201)
      ids.push(r.json.id)
    }
    for (const id of ids) expect(await api.waitFinal(id, token, 90_000)).toMatchObject({ status: 'ok' })
    const rows = (await jobRows()).filter((r) => ids.includes(r.id))
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['ok', 1]))
    // One audit record per job, each the job's own run.
    const records = (await audit()).filter((a) => a.command === 'seed' && a.origin === 'api' && /\/t\d+\.db$/.test(a.target ?? ''))
    expect(records).toHaveLength(50)
    expect(new Set(records.map((a) => a.id))).toEqual(new Set(rows.map((r) => r.run_id)))
    expect(records.every((a) => a.outcome === 'ok')).toBe(true)
    // Every target holds its rows once (a second run would have added 3 more per table).
    for (let i = 0; i < 50; i++) for (const t of ['customers', 'products', 'orders', 'order_items']) expect(count(join(dir, `t${i}.db`), t), `t${i}.db ${t}`).toBe(3)
    // Started once each, across the three workers, and every worker took a share.
    const perWorker = workers.map(started)
    const all = perWorker.flat().filter((id) => ids.includes(id))
    expect(all.sort()).toEqual([...ids].sort())
    expect(perWorker.map((s) => s.length > 0)).toEqual([true, true, true])
  })

  it('a job queued before the store had a shared queue is adopted when a process starts, and runs once', async () => {
    const job = await apiClient(server!.base).waitFinal(stray, token, 60_000)
    expect(job).toMatchObject({ status: 'ok' })
    expect(count(join(dir, 'stray.db'), 'customers')).toBe(2)
    expect(workers.flatMap(started).filter((id) => id === stray)).toHaveLength(1)
  })

  it('a worker killed with SIGKILL mid-job: another worker retries the job, the rows are there once', async () => {
    const api = apiClient(server!.base)
    const target = join(dir, 'big.db')
    const post = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: `sqlite:${target}`, schema: shop, create: true, rows: 20_000, seed: 5, batchSize: 500 } })
    expect(post.status, post.text).toBe(201)
    const id = post.json.id as string
    // Killed once rows are being written (its progress, read through the API-only server, says so).
    for (let i = 0; ; i++) {
      const j = (await api.call('GET', `/v1/jobs/${id}`, { token })).json
      if (j.status === 'running' && j.progress.written > 0) break
      expect(j.status).toMatch(/queued|running/)
      expect(i).toBeLessThan(1200)
      await new Promise((r) => setTimeout(r, 50))
    }
    const victim = workers.find((w) => started(w).includes(id))!
    expect(victim).toBeDefined()
    victim.child.kill('SIGKILL')
    expect(await victim.exited).toBe('SIGKILL')
    const job = await api.waitFinal(id, token, 90_000)
    expect(job).toMatchObject({ status: 'ok', summary: { rows: 80_000 } })
    expect((await jobRows()).find((r) => r.id === id)).toMatchObject({ status: 'ok', attempts: 2 })
    // Another worker ran it again; the killed attempt left nothing behind.
    expect(workers.filter((w) => w !== victim && started(w).includes(id))).toHaveLength(1)
    for (const t of ['customers', 'products', 'orders', 'order_items']) expect(count(target, t)).toBe(20_000)
    // The audit shows both attempts: the lost one interrupted (TDG_WORKER_LOST), the retry ok (the job's run).
    const records = (await audit()).filter((a) => a.target === `sqlite:${target}`)
    expect(records.map((a) => [a.outcome, a.errorCode ?? null]).sort()).toEqual([['interrupted', 'TDG_WORKER_LOST'], ['ok', null]])
    expect(records.find((a) => a.outcome === 'ok')!.id).toBe(job.runId)
  })

  it('a cancel through the server reaches the worker running the job: cancelled, the target unchanged', async () => {
    const api = apiClient(server!.base)
    const target = join(dir, 'cancel.db')
    const seeded = await runCli(['seed', '--db', `sqlite:${target}`, '--schema', shop, '--create', '--rows', '7', '-q'], { cwd: dir, env })
    expect(seeded.code, seeded.stderr).toBe(0)
    const post = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: `sqlite:${target}`, rows: 200_000, batchSize: 500 } })
    expect(post.status, post.text).toBe(201)
    const id = post.json.id as string
    // SSE through the server shows the progress of the job running in a worker, then its end.
    let cancelled = false
    const events = await api.events(`/v1/jobs/${id}/events`, token, (name, data) => {
      if (name === 'progress' && data.written > 0 && !cancelled) {
        cancelled = true
        void api.call('POST', `/v1/jobs/${id}/cancel`, { token }).then((r) => expect(r.status, r.text).toBe(202))
      }
    })
    expect(cancelled).toBe(true)
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'cancelled', error: { code: 'TDG_INTERRUPTED' } } })
    expect(workers.some((w) => started(w).includes(id))).toBe(true)
    for (const t of ['customers', 'products', 'orders', 'order_items']) expect(count(target, t)).toBe(7)
    expect(existsSync(`${target}-journal`)).toBe(false)
  })

  it('the job lock: one holder at a time, released by PostgreSQL when the holder\'s session dies', async () => {
    const held = (await takeJobLock(store!.url, 'LOCKTEST1'))!
    expect(held).toBeDefined()
    expect(await takeJobLock(store!.url, 'LOCKTEST1')).toBeUndefined()
    const other = await takeJobLock(store!.url, 'LOCKTEST2')
    expect(other).toBeDefined()
    await other!.release()
    // The holder's session ends as a killed process's would (no job runs now: only the test's lock is idle there).
    await execPostgres(store!.url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'tdg job lock' AND pid <> pg_backend_pid()")
    for (let i = 0; !held.lost.aborted; i++) {
      expect(i).toBeLessThan(100)
      await new Promise((r) => setTimeout(r, 50))
    }
    const again = await takeJobLock(store!.url, 'LOCKTEST1')
    expect(again).toBeDefined()
    await again!.release()
    await held.release()
  })

  it('SIGTERM: the workers and the server stop taking jobs and exit 0', async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null)
    expect(alive).toHaveLength(2)
    for (const w of alive) w.child.kill('SIGTERM')
    expect(await Promise.all(alive.map((w) => w.exited))).toEqual([0, 0])
    for (const w of alive) expect(w.log()).toMatch(/stopping: no new jobs/)
    server!.child.kill('SIGTERM')
    expect(await server!.exited).toBe(0)
  })
})
