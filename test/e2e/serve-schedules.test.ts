/**
 * Issue 15 item 1: schedules fired by a real `tdg serve` process on real time. A seconds-level cron
 * fires a small seed job into a SQLite file on time, overlapping firings are skipped, a CLI pause in
 * another process is picked up, the schedule fires again after a restart (kill -9) with `skip`, and
 * catches up exactly once with `once`; three servers sharing one PostgreSQL state store fire each
 * scheduled time once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Knex } from 'knex'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'
import { apiClient, startServe, type ServeProcess } from '../support/serve-process.js'
import { freshPostgresDatabase, postgresAvailable } from '../support/databases.js'
import { openStateStore } from '../../src/state/state-store.js'
import { parseStateLocation } from '../../src/state/state-location.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-serve-schedules-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shop = join(repoRoot, 'examples/shop.sql')
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface JobRow {
  id: string
  idempotency_key: string | null
  status: string
  created_at: string
  created_by: string
  run_id: string | null
}

/** The jobs of schedule `name` (its firings: key `schedule:<name>:<scheduled ISO>`), oldest first. */
async function firings(db: Knex, name: string): Promise<Array<JobRow & { at: number }>> {
  const rows = (await db('tdg_jobs').where('idempotency_key', 'like', `schedule:${name}:%`).orderBy('id').select()) as JobRow[]
  return rows.map((r) => ({ ...r, at: Date.parse(r.idempotency_key!.slice(`schedule:${name}:`.length)) }))
}

/** The scheduled times of `name` the server's log says it fired or skipped, in order. */
function loggedFirings(log: string, name: string): Array<{ at: number; fired: boolean }> {
  const out: Array<{ at: number; fired: boolean }> = []
  for (const line of log.split('\n')) {
    if (!line.startsWith('{')) continue
    const l = JSON.parse(line) as { schedule?: string; scheduledFor?: string; msg: string }
    if (l.schedule === name && l.scheduledFor && /^schedule (fired|skipped)/.test(l.msg)) out.push({ at: Date.parse(l.scheduledFor), fired: l.msg === 'schedule fired' })
  }
  return out
}

async function stop(s: ServeProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  s.child.kill(signal)
  await s.exited
}

describe('tdg serve fires schedules', { timeout: 240_000 }, () => {
  it('a seconds cron fires on time into SQLite, skips overlaps, sees a CLI pause, survives a restart, catches up once', async () => {
    const state = join(dir, 'state.db')
    const env = { TDG_STATE_URL: state, TDG_SCHEDULE_POLL_MS: '300' }
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`sqlite:${dir}/*`] } } }))
    writeFileSync(join(dir, 'job.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/t.db`, schema: shop, create: true, truncate: true, rows: 3, seed: 7 }))
    const token = (await runCli(['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:read'], { cwd: dir, env })).stdout.trim()
    const added = await runCli(['schedule', 'add', 'tick', '--cron', '*/2 * * * * *', '--job', 'job.json'], { cwd: dir, env })
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout.match(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d[02468] UTC/gm)).toHaveLength(3)
    const db = await openStateStore(parseStateLocation(state))
    try {
      let server = await startServe(['--config', 'tdg.json'], { cwd: dir, env })
      const api = apiClient(server.base)
      const t0 = Date.now()
      await sleep(7_000)
      let fired = await firings(db, 'tick')
      // Every scheduled time since the start (even seconds) was handled once: fired, or skipped while
      // the previous job still ran (a loaded machine); the fired ones queued within a second of it.
      const handled = loggedFirings(server.stderr(), 'tick')
      expect(handled.length).toBeGreaterThanOrEqual(3)
      expect(handled.length).toBeLessThanOrEqual(4)
      expect(new Set(handled.map((h) => h.at)).size).toBe(handled.length)
      for (const h of handled) expect(new Date(h.at).getUTCSeconds() % 2).toBe(0)
      expect(fired.map((f) => f.at)).toEqual(handled.filter((h) => h.fired).map((h) => h.at))
      expect(fired.length).toBeGreaterThanOrEqual(2)
      for (const f of fired) {
        expect(new Date(f.at).getUTCSeconds() % 2).toBe(0)
        expect(f.at).toBeGreaterThan(t0 - 2000)
        const late = Date.parse(f.created_at) - f.at
        expect(late).toBeGreaterThanOrEqual(0)
        expect(late).toBeLessThan(1000)
        expect(f.created_by).toBe('schedule:tick')
      }
      expect(new Set(fired.map((f) => f.at)).size).toBe(fired.length)
      const done = await api.waitFinal(fired[0]!.id, token)
      expect(done).toMatchObject({ status: 'ok', createdBy: 'schedule:tick' })
      // Audited like any other run, with origin schedule.
      const audit = JSON.parse((await runCli(['audit', 'show', done.runId, '--json'], { cwd: dir, env })).stdout)
      expect(audit).toMatchObject({ origin: 'schedule', actor: 'schedule:tick', command: 'seed', outcome: 'ok', rows: 12 })
      const view = (await api.call('GET', '/v1/schedules/tick', { token })).json
      expect(view).toMatchObject({ name: 'tick', cron: '*/2 * * * * *', tz: 'UTC', enabled: true, missed: 'skip', jitterSeconds: 0 })
      expect(['ok', 'running']).toContain(view.lastOutcome)
      expect(view.nextRuns).toHaveLength(3)
      expect(Date.parse(view.nextRuns[1]) - Date.parse(view.nextRuns[0])).toBe(2000)

      // Paused by the CLI, another process: the server stops firing within its poll.
      expect((await runCli(['schedule', 'pause', 'tick'], { cwd: dir, env })).code).toBe(0)
      await sleep(1_000)
      const atPause = (await firings(db, 'tick')).length
      await sleep(4_500)
      expect((await firings(db, 'tick')).length).toBe(atPause)
      expect((await api.call('GET', '/v1/schedules/tick', { token })).json.nextRuns).toEqual([])

      // Overlap: a slow job still running when the next times come: those firings are skipped.
      writeFileSync(join(dir, 'slow.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/slow.db`, schema: shop, create: true, rows: 400_000, batchSize: 1000 }))
      expect((await runCli(['schedule', 'add', 'slow', '--cron', '*/2 * * * * *', '--job', 'slow.json'], { cwd: dir, env })).code).toBe(0)
      let slow: Array<JobRow & { at: number }> = []
      for (let i = 0; i < 100 && slow.length === 0; i++, await sleep(100)) slow = await firings(db, 'slow')
      expect(slow).toHaveLength(1)
      await sleep(4_500)
      const first = (await api.call('GET', `/v1/jobs/${slow[0]!.id}`, { token })).json
      expect(first.status).toBe('running')
      expect(await firings(db, 'slow')).toHaveLength(1)
      expect((await api.call('GET', '/v1/schedules/slow', { token })).json.lastOutcome).toBe('skipped')
      expect(server.stderr()).toMatch(/schedule skipped: its previous job is still queued or running/)
      expect((await api.call('DELETE', '/v1/schedules/slow', { token })).status).toBe(204)
      await api.call('POST', `/v1/jobs/${slow[0]!.id}/cancel`, { token })
      expect(await api.waitFinal(slow[0]!.id, token)).toMatchObject({ status: 'cancelled' })

      // Restart (kill -9) with `skip`: nothing for the downtime, then it fires again.
      expect((await api.call('POST', '/v1/schedules/tick/resume', { token })).json.enabled).toBe(true)
      await sleep(2_500)
      await stop(server, 'SIGKILL')
      const killedAt = Date.now()
      const beforeRestart = (await firings(db, 'tick')).length
      await sleep(4_500)
      server = await startServe(['--config', 'tdg.json'], { cwd: dir, env })
      const restartedAt = Date.now()
      await sleep(4_500)
      fired = await firings(db, 'tick')
      expect(fired.filter((f) => f.at > killedAt && f.at < restartedAt - 1000)).toEqual([])
      expect(server.stderr()).not.toMatch(/catching up once/)
      expect(fired.filter((f) => f.at > restartedAt).length).toBeGreaterThanOrEqual(2)
      expect(fired.length).toBeGreaterThan(beforeRestart)

      // `once`: exactly one catch-up run for the downtime.
      const patched = await apiClient(server.base).call('PATCH', '/v1/schedules/tick', { token, body: { missed: 'once' } })
      expect(patched.json.missed).toBe('once')
      await sleep(500)
      await stop(server, 'SIGKILL')
      const down = Date.now()
      await sleep(5_000)
      const upFrom = Date.now()
      server = await startServe(['--config', 'tdg.json'], { cwd: dir, env })
      await sleep(1_500)
      await stop(server)
      fired = await firings(db, 'tick')
      // At least two times passed while down; start-up fired one of them (the latest), and only that one.
      const catchUps = server.stderr().split('\n').filter((l) => l.includes('catching up once')).map((l) => JSON.parse(l) as { schedule: string; scheduledFor: string })
      expect(catchUps).toHaveLength(1)
      const caught = Date.parse(catchUps[0]!.scheduledFor)
      expect(caught).toBeGreaterThan(down + 2000)
      expect(fired.filter((f) => f.at > down && f.at <= caught).map((f) => f.at), JSON.stringify({ down, upFrom })).toEqual([caught])
      expect(Date.parse(fired.find((f) => f.at === caught)!.created_at)).toBeGreaterThanOrEqual(upFrom)
    } finally {
      await db.destroy()
    }
  })

  it('/v1/schedules: the contract (add, list, get, change, pause, resume, run now, remove) with problem+json errors', async () => {
    const sub = mkdtempSync(join(dir, 'api-'))
    const env = { TDG_STATE_URL: join(sub, 'state.db') }
    writeFileSync(join(sub, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`sqlite:${sub}/*`] } } }))
    const token = (await runCli(['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:read'], { cwd: sub, env })).stdout.trim()
    const reader = (await runCli(['token', 'create', '--name', 'ro', '--scopes', 'jobs:read'], { cwd: sub, env })).stdout.trim()
    const server = await startServe(['--config', 'tdg.json'], { cwd: sub, env })
    try {
      const api = apiClient(server.base)
      const job = { kind: 'seed', db: `sqlite:${sub}/t.db`, schema: shop, create: true, rows: 4, seed: 3 }
      const created = await api.call('POST', '/v1/schedules', { token, body: { name: 'nightly', cron: '0 3 * * *', tz: 'Europe/Berlin', job, jitterSeconds: 5 } })
      expect(created.status).toBe(201)
      expect(created.json).toMatchObject({ name: 'nightly', cron: '0 3 * * *', tz: 'Europe/Berlin', job, enabled: true, missed: 'skip', jitterSeconds: 5, lastRunAt: null, lastJobId: null, lastOutcome: null })
      expect(created.json.nextRuns).toHaveLength(3)
      for (const t of created.json.nextRuns) expect(t).toMatch(/T02:00:00\.000Z$/)
      const problem = async (r: Promise<{ status: number; type: string; json: any }>, status: number, code: string, detail: RegExp) => {
        const res = await r
        expect(res.status).toBe(status)
        expect(res.type).toContain('application/problem+json')
        expect(res.json).toMatchObject({ status, code })
        expect(res.json.detail).toMatch(detail)
      }
      await problem(api.call('POST', '/v1/schedules', { token, body: { name: 'nightly', cron: '0 3 * * *', job } }), 409, 'TDG_SCHEDULE_CONFLICT', /nightly/)
      await problem(api.call('POST', '/v1/schedules', { token, body: { name: 'x', cron: '0 25 * * *', job } }), 400, 'TDG_SCHEDULE_INVALID', /^cron '0 25 \* \* \*'/)
      await problem(api.call('POST', '/v1/schedules', { token, body: { name: 'x', cron: '0 3 * * *', tz: 'Moon/Crater', job } }), 400, 'TDG_SCHEDULE_INVALID', /^tz 'Moon\/Crater'/)
      await problem(api.call('POST', '/v1/schedules', { token, body: { name: 'x', cron: '0 3 * * *', job: { kind: 'seed' } } }), 400, 'TDG_USAGE', /body\.job\.db/)
      await problem(api.call('POST', '/v1/schedules', { token, body: { name: 'x', cron: '0 3 * * *', job: { ...job, db: 'sqlite:/elsewhere/t.db' } } }), 403, 'TDG_API_FORBIDDEN', /serve\.allow\.db/)
      await problem(api.call('POST', '/v1/schedules', { token: reader, body: { name: 'x', cron: '0 3 * * *', job } }), 403, 'TDG_API_FORBIDDEN', /jobs:write/)
      await problem(api.call('GET', '/v1/schedules/none', { token }), 404, 'TDG_SCHEDULE_NOT_FOUND', /none/)
      await api.call('POST', '/v1/schedules', { token, body: { name: 'a-weekly', cron: '0 6 * * 1', job, missed: 'once' } })
      expect((await api.call('GET', '/v1/schedules', { token: reader })).json.schedules.map((s: any) => s.name)).toEqual(['a-weekly', 'nightly'])
      const patched = await api.call('PATCH', '/v1/schedules/nightly', { token, body: { cron: '30 4 * * *', tz: 'UTC', missed: 'once' } })
      expect(patched.json).toMatchObject({ cron: '30 4 * * *', tz: 'UTC', missed: 'once', jitterSeconds: 5 })
      expect(patched.json.nextRuns[0]).toMatch(/T04:30:00\.000Z$/)
      const paused = await api.call('POST', '/v1/schedules/nightly/pause', { token })
      expect(paused).toMatchObject({ status: 200, json: { enabled: false, nextRuns: [] } })
      expect((await api.call('POST', '/v1/schedules/nightly/resume', { token })).json).toMatchObject({ enabled: true })
      const run = await api.call('POST', '/v1/schedules/nightly/run', { token })
      expect(run.status).toBe(202)
      expect(run.json).toMatchObject({ kind: 'seed', createdBy: 'schedule:nightly' })
      const done = await api.waitFinal(run.json.id, token)
      expect(done.status).toBe('ok')
      for (let i = 0; i < 50 && (await api.call('GET', '/v1/schedules/nightly', { token })).json.lastOutcome !== 'ok'; i++) await sleep(100)
      expect((await api.call('GET', '/v1/schedules/nightly', { token })).json).toMatchObject({ lastJobId: run.json.id, lastOutcome: 'ok' })
      const audit = JSON.parse((await runCli(['audit', 'show', done.runId, '--json'], { cwd: sub, env })).stdout)
      expect(audit).toMatchObject({ origin: 'schedule', actor: 'schedule:nightly', rows: 16 })
      expect((await api.call('DELETE', '/v1/schedules/nightly', { token })).status).toBe(204)
      await problem(api.call('DELETE', '/v1/schedules/nightly', { token }), 404, 'TDG_SCHEDULE_NOT_FOUND', /nightly/)
      // The CLI sees what the API did.
      const list = await runCli(['schedule', 'list'], { cwd: sub, env })
      expect(list.stdout).toMatch(/^NAME +CRON +TZ +ENABLED +LAST RUN +OUTCOME +NEXT RUN$/m)
      expect(list.stdout).toMatch(/^a-weekly +0 6 \* \* 1 +UTC +yes +- +- +\d{4}-\d\d-\d\d 06:00:00$/m)
    } finally {
      await stop(server)
    }
  })

  it.skipIf(!postgresAvailable())('three tdg serve processes on one PostgreSQL state store fire each scheduled time once', async () => {
    const pg = await freshPostgresDatabase()
    const sub = mkdtempSync(join(dir, 'pg-'))
    const env = { TDG_STATE_URL: pg.url, TDG_SCHEDULE_POLL_MS: '300' }
    writeFileSync(join(sub, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`sqlite:${sub}/*`] } } }))
    writeFileSync(join(sub, 'job.json'), JSON.stringify({ kind: 'seed', db: `sqlite:${sub}/t.db`, schema: shop, create: true, truncate: true, rows: 2 }))
    expect((await runCli(['schedule', 'add', 'shared', '--cron', '*/2 * * * * *', '--job', 'job.json'], { cwd: sub, env })).code).toBe(0)
    const db = await openStateStore(parseStateLocation(pg.url))
    const servers: ServeProcess[] = []
    try {
      // The schedule fires while the servers start: the shared queue (pg-boss) lets no starting server
      // mark another's running job interrupted, so nothing here waits for all three to be up.
      for (let i = 0; i < 3; i++) servers.push(await startServe(['--config', 'tdg.json'], { cwd: sub, env }))
      const allUp = Date.now() + 500
      await sleep(9_000)
      expect((await runCli(['schedule', 'pause', 'shared'], { cwd: sub, env })).code).toBe(0)
      await sleep(3_000)
      const fired = await firings(db, 'shared')
      const counted = (await db('tdg_jobs').where('created_by', 'schedule:shared').select('idempotency_key')) as Array<{ idempotency_key: string }>
      // One job row per scheduled time; every even second while all three were up has one.
      const perTime = new Map<number, number>()
      for (const r of counted) {
        const at = Date.parse(r.idempotency_key.slice('schedule:shared:'.length))
        perTime.set(at, (perTime.get(at) ?? 0) + 1)
      }
      expect([...perTime.values()].every((n) => n === 1)).toBe(true)
      // The three logs together: each job row was fired by exactly one process ('schedule fired' once),
      // and every even second while all three were up was handled (fired, or skipped while the previous
      // job still ran on a loaded machine).
      const logged = servers.flatMap((sv) => loggedFirings(sv.stderr(), 'shared'))
      expect(logged.filter((l) => l.fired).map((l) => l.at).sort()).toEqual(fired.map((f) => f.at).sort())
      const handled = [...new Set(logged.map((l) => l.at))].filter((at) => at > allUp && at < allUp + 8_000).sort()
      expect(handled).toHaveLength(4)
      for (let i = 1; i < handled.length; i++) expect(handled[i]! - handled[i - 1]!).toBe(2000)
      expect(fired.length).toBeGreaterThanOrEqual(3)
      for (const s of servers) expect(s.stderr()).not.toMatch(/firing failed|schedules: the state store failed/)
      // Each job ran once: one audit record (origin schedule) per finished job, none twice.
      for (let i = 0; i < 100 && (await db('tdg_jobs').where('created_by', 'schedule:shared').whereIn('status', ['queued', 'running']).first()); i++) await sleep(200)
      const runs = (await db('tdg_runs').where({ actor: 'schedule:shared', origin: 'schedule' }).select('id')) as Array<{ id: string }>
      const ran = (await db('tdg_jobs').where('created_by', 'schedule:shared').whereNotNull('run_id').select('run_id')) as Array<{ run_id: string }>
      expect(runs.map((r) => r.id).sort()).toEqual(ran.map((r) => r.run_id).sort())
      expect(runs.length).toBe(counted.length)
      const outcomes = (await db('tdg_jobs').where('created_by', 'schedule:shared').select('status', 'attempts')) as Array<{ status: string; attempts: number }>
      expect(outcomes.every((j) => j.status === 'ok' && Number(j.attempts) === 1)).toBe(true)
    } finally {
      for (const s of servers) await stop(s)
      await db.destroy()
      await pg.drop()
    }
  })
})
