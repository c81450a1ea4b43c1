/**
 * The decisions behind "each job runs exactly once" with several workers: what a delivery does with a
 * job's row (decideDelivery, pure), and the conditional claim and cancel request over a real SQLite state
 * store (two claimants with the same view: one wins).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStateStore } from '../../../src/state/state-store.js'
import { decideDelivery } from '../../../src/serve/delivery-decision.js'
import { cancelRequestedAmong, claimJob, EMPTY_PROGRESS, getJob, insertJob, requestCancel, updateJob, type StoredJob } from '../../../src/serve/job-store.js'
import { ulid } from '../../../src/state/ulid.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-claim-'))
let db: Knex
beforeAll(async () => {
  db = await openStateStore({ kind: 'sqlite', file: join(dir, 'state.db') })
})
afterAll(async () => {
  await db?.destroy()
  rmSync(dir, { recursive: true, force: true })
})

function job(over: Partial<StoredJob> = {}): StoredJob {
  return { id: ulid(), kind: 'seed', status: 'queued', request: { kind: 'seed', db: 'sqlite:/tmp/x.db' } as StoredJob['request'], createdBy: 'ci', createdAt: new Date().toISOString(), progress: EMPTY_PROGRESS, attempts: 0, ...over }
}

describe('decideDelivery', () => {
  it('runs a queued job, skips a final or unknown one', () => {
    expect(decideDelivery(job(), 2)).toBe('run')
    expect(decideDelivery(undefined, 2)).toBe('skip')
    for (const status of ['ok', 'failed', 'cancelled', 'interrupted'] as const) expect(decideDelivery(job({ status, attempts: 1 }), 2)).toBe('skip')
  })
  it('a running job with a free lock lost its worker: retried while attempts remain, then given up', () => {
    expect(decideDelivery(job({ status: 'running', attempts: 1 }), 2)).toBe('retry')
    expect(decideDelivery(job({ status: 'running', attempts: 2 }), 2)).toBe('retry')
    expect(decideDelivery(job({ status: 'running', attempts: 3 }), 2)).toBe('give-up')
    expect(decideDelivery(job({ status: 'running', attempts: 1 }), 0)).toBe('give-up')
  })
  it('a cancel requested before the worker died is honoured, not retried', () => {
    expect(decideDelivery(job({ status: 'running', attempts: 1, cancelRequested: true }), 2)).toBe('cancel')
  })
  it('an attempt that recorded its run before dying is never run again', () => {
    expect(decideDelivery(job({ status: 'running', attempts: 1 }), 2, true)).toBe('recorded')
    expect(decideDelivery(job({ status: 'running', attempts: 5, cancelRequested: true }), 2, true)).toBe('recorded')
  })
})

describe('claimJob and requestCancel over a real state store', () => {
  it('two claimants with the same view: exactly one claims; a retry claims again with the next attempt', async () => {
    const j = job()
    await insertJob(db, j)
    const view = (await getJob(db, j.id))!
    const [a, b] = await Promise.all([claimJob(db, view, ulid(), new Date().toISOString()), claimJob(db, view, ulid(), new Date().toISOString())])
    expect([a, b].filter(Boolean)).toHaveLength(1)
    const running = (await getJob(db, j.id))!
    expect(running).toMatchObject({ status: 'running', attempts: 1, runId: (a ?? b)!.runId })
    // The worker died: the retry's view is `running`, attempt 1. Two retries with that view: one wins.
    const [c, d] = await Promise.all([claimJob(db, running, ulid(), new Date().toISOString()), claimJob(db, running, ulid(), new Date().toISOString())])
    expect([c, d].filter(Boolean)).toHaveLength(1)
    expect(await getJob(db, j.id)).toMatchObject({ status: 'running', attempts: 2 })
    // A stale view (attempt 1) claims nothing any more, nor does any view of a final job.
    expect(await claimJob(db, running, ulid(), new Date().toISOString())).toBeUndefined()
    await updateJob(db, j.id, { status: 'ok', finishedAt: new Date().toISOString() }, ['running'])
    expect(await claimJob(db, (await getJob(db, j.id))!, ulid(), new Date().toISOString())).toBeUndefined()
  })

  it('a cancel: a queued job is cancelled at once, a running one flagged for its process, a final one refused', async () => {
    const queued = job()
    await insertJob(db, queued)
    expect(await requestCancel(db, queued.id, new Date().toISOString())).toBe('cancelled')
    expect(await getJob(db, queued.id)).toMatchObject({ status: 'cancelled', error: { code: 'TDG_INTERRUPTED' } })
    expect(await claimJob(db, (await getJob(db, queued.id))!, ulid(), new Date().toISOString())).toBeUndefined()
    expect(await requestCancel(db, queued.id, new Date().toISOString())).toBe(false)

    const running = job()
    await insertJob(db, running)
    const claimed = (await claimJob(db, (await getJob(db, running.id))!, ulid(), new Date().toISOString()))!
    expect(await cancelRequestedAmong(db, [running.id, queued.id])).toEqual([])
    expect(await requestCancel(db, running.id, new Date().toISOString())).toBe('requested')
    expect(await cancelRequestedAmong(db, [running.id, queued.id])).toEqual([running.id])
    expect(await getJob(db, running.id)).toMatchObject({ status: 'running', cancelRequested: true })
    expect(decideDelivery((await getJob(db, running.id))!, 2)).toBe('cancel')
    expect(claimed.attempts).toBe(1)
  })
})
