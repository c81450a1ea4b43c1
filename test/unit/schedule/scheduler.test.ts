/**
 * The scheduler's timing with fake clocks (vitest's fake Date and timers) on a real SQLite state store:
 * cron times in a zone, seconds crons, overlap skips, the missed-run policies, jitter, and two schedulers
 * on one store firing each time once. The runner is a stand-in that queues the job row (as JobRunner's
 * submit does, the same insert with the same unique key) and lets the test end jobs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Knex } from 'knex'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { openStateStore } from '../../../src/state/state-store.js'
import { parseStateLocation } from '../../../src/state/state-location.js'
import { EMPTY_PROGRESS, insertJob, updateJob, type StoredJob } from '../../../src/serve/job-store.js'
import type { JobRequest } from '../../../src/serve/job-schema.js'
import { ulid } from '../../../src/state/ulid.js'
import { createSchedule, getSchedule, updateSchedule } from '../../../src/schedule/schedule-store.js'
import { Scheduler, type JobSubmitter } from '../../../src/schedule/scheduler.js'
import { jitterMs } from '../../../src/schedule/cron.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-scheduler-'))
let db: Knex
let n = 0
beforeAll(async () => {
  db = await openStateStore(parseStateLocation(join(dir, 'state.db')))
})
afterAll(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

const job: JobRequest = { kind: 'seed', db: 'sqlite:/tmp/x.db', rows: 1 }
const allow = { db: ['sqlite:*'] }
const log = { lines: [] as string[], info: (_o: object, m: string) => void log.lines.push(m), warn: (_o: object, m: string) => void log.lines.push(m), error: (_o: object, m: string) => void log.lines.push(m) }

/** A runner that queues the row; `finish` ends a job (ok). With `autoFinish` every job ends at once. */
function fakeRunner(autoFinish: boolean): JobSubmitter & { finish(id: string): Promise<void> } {
  return {
    async submit(request, createdBy, key) {
      const j: StoredJob = { id: ulid(), kind: request.kind, status: 'queued', request, createdBy, createdAt: new Date().toISOString(), progress: EMPTY_PROGRESS, ...(key ? { idempotencyKey: key } : {}) }
      await insertJob(db, j)
      if (autoFinish) await updateJob(db, j.id, { status: 'ok', finishedAt: new Date().toISOString() })
      return j
    },
    async finish(id) {
      await updateJob(db, id, { status: 'ok', finishedAt: new Date().toISOString() })
    },
  }
}

async function keys(name: string): Promise<string[]> {
  return ((await db('tdg_jobs').where('created_by', `schedule:${name}`).orderBy('id').select('idempotency_key')) as Array<{ idempotency_key: string }>).map((r) => r.idempotency_key.slice(`schedule:${name}:`.length))
}

const fresh = () => `s${++n}`
const schedulers: Scheduler[] = []
function scheduler(runner: JobSubmitter): Scheduler {
  const s = new Scheduler(db, runner, { allow, log, pollMs: 60_000 })
  schedulers.push(s)
  return s
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
})
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop()
  vi.useRealTimers()
})

describe('Scheduler (fake clock)', () => {
  it('fires a daily cron at its time in its zone (03:00 Europe/Berlin = 02:00Z in winter), once', async () => {
    vi.setSystemTime(new Date('2026-12-06T01:59:50Z'))
    const name = fresh()
    await createSchedule(db, { name, cron: '0 3 * * *', tz: 'Europe/Berlin', job })
    await scheduler(fakeRunner(true)).start()
    await vi.advanceTimersByTimeAsync(9_000)
    expect(await keys(name)).toEqual([])
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await keys(name)).toEqual(['2026-12-06T02:00:00.000Z'])
    expect(await getSchedule(db, name)).toMatchObject({ lastOutcome: 'ok', lastFiredFor: '2026-12-06T02:00:00.000Z' })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(await keys(name)).toHaveLength(1)
  })

  it('a seconds cron fires every 2 s; a pause stops it, a resume starts it again', async () => {
    vi.setSystemTime(new Date('2026-12-06T10:00:00.500Z'))
    const name = fresh()
    await createSchedule(db, { name, cron: '*/2 * * * * *', job })
    const s = scheduler(fakeRunner(true))
    await s.start()
    await vi.advanceTimersByTimeAsync(8_000)
    expect(await keys(name)).toEqual(['2026-12-06T10:00:02.000Z', '2026-12-06T10:00:04.000Z', '2026-12-06T10:00:06.000Z', '2026-12-06T10:00:08.000Z'])
    await updateSchedule(db, name, { enabled: false })
    s.changed()
    await vi.advanceTimersByTimeAsync(6_000)
    expect(await keys(name)).toHaveLength(4)
    await updateSchedule(db, name, { enabled: true })
    s.changed()
    await vi.advanceTimersByTimeAsync(2_000)
    expect((await keys(name)).slice(4)).toEqual(['2026-12-06T10:00:16.000Z'])
  })

  it('skips a firing while the previous job still runs, and records it', async () => {
    vi.setSystemTime(new Date('2026-12-06T10:00:00.500Z'))
    const name = fresh()
    await createSchedule(db, { name, cron: '*/2 * * * * *', job })
    const runner = fakeRunner(false)
    await scheduler(runner).start()
    await vi.advanceTimersByTimeAsync(2_000)
    const [first] = await db('tdg_jobs').where('created_by', `schedule:${name}`).select('id')
    await vi.advanceTimersByTimeAsync(4_000)
    expect(await keys(name)).toEqual(['2026-12-06T10:00:02.000Z'])
    expect(await getSchedule(db, name)).toMatchObject({ lastOutcome: 'skipped', lastFiredFor: '2026-12-06T10:00:06.000Z' })
    expect(log.lines).toContain('schedule skipped: its previous job is still queued or running')
    await runner.finish(first.id)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await keys(name)).toEqual(['2026-12-06T10:00:02.000Z', '2026-12-06T10:00:08.000Z'])
  })

  it('missed skip (default): nothing for the downtime; missed once: exactly one catch-up, the latest time', async () => {
    vi.setSystemTime(new Date('2026-12-06T08:00:00Z'))
    const skip = fresh()
    const once = fresh()
    await createSchedule(db, { name: skip, cron: '*/15 * * * *', job })
    await createSchedule(db, { name: once, cron: '*/15 * * * *', job, missed: 'once' })
    // Down from 08:00 to 09:20: five quarter-hours passed.
    vi.setSystemTime(new Date('2026-12-06T09:20:00Z'))
    await scheduler(fakeRunner(true)).start()
    expect(await keys(skip)).toEqual([])
    expect(await keys(once)).toEqual(['2026-12-06T09:15:00.000Z'])
    // A second process starting now agrees that the time was fired.
    await scheduler(fakeRunner(true)).start()
    expect(await keys(once)).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(await keys(skip)).toEqual(['2026-12-06T09:30:00.000Z'])
    expect(await keys(once)).toEqual(['2026-12-06T09:15:00.000Z', '2026-12-06T09:30:00.000Z'])
  })

  it('jitter: the same delay for the same (name, time) in every process, within [0, jitter)', async () => {
    const t = new Date('2026-12-06T03:00:00Z')
    expect(jitterMs('a', t, 60)).toBe(jitterMs('a', t, 60))
    const delays = Array.from({ length: 50 }, (_, i) => jitterMs('a', new Date(t.getTime() + i * 60_000), 60))
    for (const d of delays) expect(d >= 0 && d < 60_000).toBe(true)
    expect(new Set(delays).size).toBeGreaterThan(40)
    expect(jitterMs('a', t, 0)).toBe(0)

    vi.setSystemTime(new Date('2026-12-06T02:59:00Z'))
    const name = fresh()
    await createSchedule(db, { name, cron: '0 3 * * *', tz: 'UTC', job, jitterSeconds: 60 })
    const delay = jitterMs(name, t, 60)
    await scheduler(fakeRunner(true)).start()
    await vi.advanceTimersByTimeAsync(60_000 + delay - 5)
    expect(await keys(name)).toEqual([])
    await vi.advanceTimersByTimeAsync(10)
    // Fired after its jitter, keyed by the scheduled time (not the jittered one).
    expect(await keys(name)).toEqual(['2026-12-06T03:00:00.000Z'])
    const row = await db('tdg_jobs').where('created_by', `schedule:${name}`).first('created_at')
    expect(Date.parse(row.created_at) - t.getTime()).toBeGreaterThanOrEqual(delay)
  })

  it('two schedulers on one store fire each time once (the unique key decides)', async () => {
    vi.setSystemTime(new Date('2026-12-06T10:00:00.500Z'))
    const name = fresh()
    await createSchedule(db, { name, cron: '*/2 * * * * *', job })
    await scheduler(fakeRunner(true)).start()
    await scheduler(fakeRunner(true)).start()
    await vi.advanceTimersByTimeAsync(6_000)
    expect(await keys(name)).toEqual(['2026-12-06T10:00:02.000Z', '2026-12-06T10:00:04.000Z', '2026-12-06T10:00:06.000Z'])
  })

  it('a job the allow-lists refuse is not queued: lastOutcome failed, logged', async () => {
    vi.setSystemTime(new Date('2026-12-06T10:00:00.500Z'))
    const name = fresh()
    await createSchedule(db, { name, cron: '*/2 * * * * *', job: { kind: 'seed', db: 'postgres://h/db', rows: 1 } })
    await scheduler(fakeRunner(true)).start()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(await keys(name)).toEqual([])
    expect(await getSchedule(db, name)).toMatchObject({ lastOutcome: 'failed' })
    expect(log.lines).toContain('schedule: the server refuses its job')
  })
})
