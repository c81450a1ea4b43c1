/**
 * Issue 16 item 5: a seed job with `shards: N` fans out as N shard jobs per phase on the queue
 * (docs/sharding.md). Real processes: an API-only `tdg serve` and two `tdg worker`s on the test run's
 * PostgreSQL as the state store (pg-boss); and one `tdg serve` with its in-process queue on a SQLite
 * state store; both seeding PostgreSQL targets. The union of the shard jobs equals one
 * unsharded `--truncate` run (per-table count and checksum computed by the database); a shard job that
 * fails is run again alone; with no retries left the parent fails naming the shard and queues no later
 * phase; every shard job has its own audit record.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { repoRoot, runCli } from '../support/run-cli.js'
import { apiClient, startServe, type ServeProcess } from '../support/serve-process.js'
import { startedJobs as started, startWorker, type WorkerProcess } from '../support/worker-process.js'
import { pgState } from '../support/table-state.js'

const SEED = { rows: 120, rowsPerTable: { order_line: 300 }, seed: 11, now: '2026-03-01' }
const CLI_SEED = ['--rows', '120', '--rows-per-table', 'order_line=300', '--seed', '11', '--now', '2026-03-01', '-q']
const pgDdl = readFileSync('test/fixtures/shard-postgres.sql', 'utf8')

type Worker = WorkerProcess

/** A fresh PostgreSQL database with the shard fixture's tables, kept in `dbs` to drop afterwards; its URL. */
async function freshShardDb(dbs: FreshPostgres[]): Promise<string> {
  const d = await freshPostgresDatabase()
  dbs.push(d)
  await execPostgres(d.url, pgDdl)
  return d.url
}

async function audit(cwd: string, env: Record<string, string>): Promise<Array<{ id: string; origin: string; command: string; outcome: string; errorCode?: string; target?: string }>> {
  const r = await runCli(['audit', 'list', '--json', '--limit', '1000'], { cwd, env })
  expect(r.code, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

const pgOnly = postgresAvailable() ? describe : describe.skip

pgOnly(`seed jobs fanned out as shard jobs: two tdg workers on a PostgreSQL state store${postgresAvailable() ? '' : ` — skipped: ${postgresMissingReason()}`}`, { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-fan-out-'))
  const dbs: FreshPostgres[] = []
  let env: Record<string, string> = {}
  let token = ''
  let server: ServeProcess | undefined
  const workers: Worker[] = []
  let expected: Awaited<ReturnType<typeof pgState>>
  const fresh = () => freshShardDb(dbs)

  beforeAll(async () => {
    const store = await freshPostgresDatabase()
    dbs.push(store)
    env = { TDG_STATE_URL: store.url }
    const single = await fresh()
    const one = await runCli(['seed', '--db', single, ...CLI_SEED, '--truncate'], { timeoutMs: 90_000 })
    expect(one.code, one.stderr).toBe(0)
    expected = await pgState(single)
    const host = new URL(single)
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`postgres://${host.username}:***@${host.host}/tdg_test_*`] } } }))
    const created = await runCli(['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env })
    expect(created.code, created.stderr).toBe(0)
    token = created.stdout.trim()
    // An API-only server: every job runs in one of the two workers.
    server = await startServe(['--config', 'tdg.json', '--concurrency', '0'], { cwd: dir, env })
    workers.push(...(await Promise.all([0, 1].map(() => startWorker(dir, env, ['--concurrency', '1', '--grace', '0'])))))
  }, 180_000)

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGTERM')
    await Promise.all(workers.map((w) => w.exited))
    server?.child.kill('SIGTERM')
    await server?.exited
    for (const d of dbs) await d.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shards: 2 — phase after phase, a failed shard job re-run alone: the union equals one run; one audit record per shard job', async () => {
    const url = await fresh()
    // The first row ever inserted into region fails (a sequence is not rolled back): one shard job of
    // phase 1 fails once, then succeeds when it runs again.
    await execPostgres(url, `CREATE SEQUENCE boom_once; CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF nextval('boom_once') = 1 THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER boom BEFORE INSERT ON region FOR EACH ROW EXECUTE FUNCTION boom();`)
    const api = apiClient(server!.base)
    const r = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, ...SEED, shards: 2 } })
    expect(r.status, r.text).toBe(201)
    const done = await api.waitFinal(r.json.id, token, 180_000)
    expect(done, JSON.stringify(done)).toMatchObject({ status: 'ok', fanout: { shards: 2, phases: ['1', '2', '3', 'finish'], phase: 'finish' } })
    expect(done.summary.rows).toBeGreaterThanOrEqual(Object.values(expected).reduce((n, t) => n + t.rows, 0))
    await execPostgres(url, 'DROP TRIGGER boom ON region; DROP FUNCTION boom(); DROP SEQUENCE boom_once')
    expect(await pgState(url)).toEqual(expected)

    const shards = (await api.call('GET', `/v1/jobs/${r.json.id}/shards`, { token })).json.jobs as Array<{ id: string; status: string; params: { shard: string; phase: string }; parentId: string; error?: { code: string } }>
    const failed = shards.filter((s) => s.status === 'failed')
    expect(failed.map((s) => s.params.phase)).toEqual(['1'])
    expect(shards.filter((s) => s.status === 'ok').map((s) => `${s.params.phase}:${s.params.shard}`).sort()).toEqual(['1:1/2', '1:2/2', '2:1/2', '2:2/2', '3:1/2', '3:2/2', 'finish:1/2', 'finish:2/2'])
    expect(shards.every((s) => s.parentId === r.json.id)).toBe(true)
    // Every shard job ran in one of the two workers, once; each has its own audit record.
    const ran = workers.flatMap(started)
    for (const s of shards) expect(ran.filter((id) => id === s.id)).toHaveLength(1)
    const records = (await audit(dir, env)).filter((a) => a.command === 'seed' && a.origin === 'api' && a.target?.includes(new URL(url).pathname))
    expect(records.map((a) => a.outcome).sort()).toEqual([...Array(8).fill('ok'), 'failed'].sort())
  })

  it('shardRetries: 0 — a shard job that fails ends the job failed, naming the shard; no later phase is queued', async () => {
    const url = await fresh()
    await execPostgres(url, `CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$;
      CREATE TRIGGER boom BEFORE INSERT ON emp FOR EACH ROW EXECUTE FUNCTION boom();`)
    const api = apiClient(server!.base)
    const r = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, ...SEED, shards: 2, shardRetries: 0 } })
    expect(r.status, r.text).toBe(201)
    const done = await api.waitFinal(r.json.id, token, 180_000)
    expect(done.status).toBe('failed')
    expect(done.error.code).toBe('TDG_WRITE_FAILED')
    // Phase 2 holds emp (rows 0–59 to shard 1, 60–119 to shard 2): both fail; the first one is named.
    expect(done.error.message).toMatch(/^shard [12]\/2 of phase 2 failed \(job [0-9A-Z]{26}\): writing rows to public\.emp failed/)
    const shards = (await api.call('GET', `/v1/jobs/${r.json.id}/shards`, { token })).json.jobs as Array<{ params: { phase: string } }>
    expect([...new Set(shards.map((s) => s.params.phase))]).toEqual(['1', '2'])
    const counts = await pgState(url)
    expect(counts['public.emp']!.rows).toBe(0)
    expect(counts['public.dept']!.rows).toBe(120)
  })

  it('a fan-out it cannot run is refused before anything is queued: one-line problem+json', async () => {
    const api = apiClient(server!.base)
    const url = await fresh()
    const noNow = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, rows: 5, seed: 1, shards: 2 } })
    expect(noNow.status).toBe(400)
    expect(noNow.type).toMatch(/application\/problem\+json/)
    expect(noNow.json).toMatchObject({ code: 'TDG_USAGE', detail: 'shards needs now: every shard must plan with the same seed and time' })
    const both = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, ...SEED, shards: 2, truncate: true } })
    expect(both.json).toMatchObject({ code: 'TDG_USAGE' })
    expect(both.json.detail).toMatch(/^shards cannot be combined with truncate/)
    const zero = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, ...SEED, shards: 0 } })
    expect(zero.status).toBe(400)
    expect(zero.json.detail).not.toMatch(/\n/)
  })
})

pgOnly('seed jobs fanned out as shard jobs: tdg serve with its in-process queue (SQLite state store)', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-fan-out-local-'))
  const env = { TDG_STATE_URL: `sqlite:${join(dir, 'state.db')}` }
  const dbs: FreshPostgres[] = []
  let server: ServeProcess | undefined
  let token = ''
  const fresh = () => freshShardDb(dbs)

  beforeAll(async () => {
    const host = new URL(await fresh())
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`postgres://${host.username}:***@${host.host}/tdg_test_*`] } } }))
    const created = await runCli(['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env })
    expect(created.code, created.stderr).toBe(0)
    token = created.stdout.trim()
    server = await startServe(['--config', 'tdg.json', '--concurrency', '2'], { cwd: dir, env })
  }, 90_000)

  afterAll(async () => {
    server?.child.kill('SIGTERM')
    await server?.exited
    for (const d of dbs) await d.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shards: 3 into PostgreSQL: the union equals one --truncate run; the parent shows the summed progress', async () => {
    const single = await fresh()
    const one = await runCli(['seed', '--db', single, ...CLI_SEED, '--truncate'], { timeoutMs: 90_000 })
    expect(one.code, one.stderr).toBe(0)
    const url = await fresh()
    const api = apiClient(server!.base)
    const r = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, ...SEED, shards: 3 } })
    expect(r.status, r.text).toBe(201)
    const done = await api.waitFinal(r.json.id, token, 150_000)
    expect(done, JSON.stringify(done)).toMatchObject({ status: 'ok', fanout: { shards: 3, phase: 'finish' } })
    const written = Object.fromEntries((done.progress.tables as Array<{ table: string; written: number; done: boolean }>).map((t) => [t.table, t.written]))
    expect(written['public.order_line']).toBe(300)
    expect(written['public.customer']).toBe(120)
    expect(await pgState(url)).toEqual(await pgState(single))
    const shards = (await api.call('GET', `/v1/jobs/${r.json.id}/shards`, { token })).json.jobs as Array<{ status: string }>
    expect(shards.map((s) => s.status)).toEqual(Array(12).fill('ok'))
    const again = await api.call('POST', `/v1/jobs/${r.json.id}/cancel`, { token })
    expect(again.status).toBe(409)
  })

  it('cancelling the parent cancels its shard jobs (they roll back) and queues no later phase', async () => {
    const url = await fresh()
    const api = apiClient(server!.base)
    const r = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: url, rows: 400_000, seed: 3, now: '2026-03-01', shards: 2 } })
    expect(r.status, r.text).toBe(201)
    // Wait until a shard job of phase 1 writes.
    for (const end = Date.now() + 60_000; ; ) {
      const shards = (await api.call('GET', `/v1/jobs/${r.json.id}/shards`, { token })).json.jobs as Array<{ status: string; progress: { written: number } }>
      if (shards.some((s) => s.status === 'running' && s.progress.written > 0)) break
      if (Date.now() > end) throw new Error('no shard job started writing')
      await new Promise((res) => setTimeout(res, 100))
    }
    const c = await api.call('POST', `/v1/jobs/${r.json.id}/cancel`, { token })
    expect(c.status, c.text).toBe(202)
    const done = await api.waitFinal(r.json.id, token, 60_000)
    expect(done.status).toBe('cancelled')
    expect(done.error.message).toMatch(/^cancelled in phase 1/)
    const shards = (await api.call('GET', `/v1/jobs/${r.json.id}/shards`, { token })).json.jobs as Array<{ status: string; params: { phase: string } }>
    expect(shards.map((s) => s.params.phase)).toEqual(['1', '1'])
    expect(shards.some((s) => s.status === 'cancelled')).toBe(true)
    const state = await pgState(url)
    // A cancelled shard rolled back: its half of phase 1 is not there.
    expect(state['public.dept']!.rows).toBeLessThan(400_000)
    expect(state['public.emp']!.rows).toBe(0)
  })
})
