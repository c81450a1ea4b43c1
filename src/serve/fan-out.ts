/**
 * A seed job with `shards: N` fanned out on the queue (docs/sharding.md): the parent job plans the phases
 * once, then stays `running` while N shard jobs per phase do the work — the shard jobs of phase P+1 are
 * queued only when every shard job of phase P is ok; a failed shard job runs again alone (its re-run
 * deletes the rows it may have committed), up to `shardRetries` more times; the parent ends `ok` when
 * every shard of every phase is, `failed` naming the shard otherwise, `cancelled` when a cancel reached
 * it (its shard jobs are cancelled and roll back). Any process may advance a parent: when one of its
 * shard jobs ends there, and by a periodic sweep (a process that died between the two is covered);
 * `swapFanOut` lets exactly one of them queue the next shard jobs, in the same transaction.
 */
import type { Knex } from 'knex'
import { ulid } from '../state/ulid.js'
import type { FanOutState } from './fan-out-state.js'
import type { JobQueue } from './job-queue.js'
import { isFinal, type SeedJobRequest } from './job-schema.js'
import { childJobs, getJob, requestCancel, swapFanOut, updateJob, type JobProgress, type StoredJob } from './job-store.js'

/** A seed request to fan out (`shards` given), as opposed to one shard or a plain seed. */
export function isFanOutRequest(req: StoredJob['request']): req is SeedJobRequest & { shards: number } {
  return req.kind === 'seed' && req.shards !== undefined
}

/** The request of shard `index` of the parent's `shards`, phase `phase`: the parent's options, one shard. */
export function shardRequest(parent: SeedJobRequest & { shards: number }, index: number, phase: string): SeedJobRequest {
  const { shards, shardRetries: _retries, ...rest } = parent
  return { ...rest, shard: `${index}/${shards}`, phase }
}

function shardJob(parent: StoredJob, index: number, phase: string): StoredJob {
  const req = parent.request as SeedJobRequest & { shards: number }
  return { id: ulid(), kind: 'seed', status: 'queued', request: shardRequest(req, index, phase), createdBy: parent.createdBy, createdAt: new Date().toISOString(), progress: { tables: [], rows: 0, written: 0 }, parentId: parent.id }
}

/** Swap the state and queue `jobs` in one transaction; false (nothing queued) when another process swapped first. */
async function swapAndQueue(db: Knex, queue: JobQueue, parentId: string, from: FanOutState | undefined, to: FanOutState, jobs: StoredJob[]): Promise<boolean> {
  const swapped = await db.transaction(async (trx) => {
    if (!(await swapFanOut(trx, parentId, from, to))) return false
    for (const j of jobs) await queue.enqueue(j, trx)
    return true
  })
  if (swapped) queue.poke()
  return swapped
}

/** Queue the shard jobs of the first phase of `parent` (claimed, running here), whose plan has `phases`. */
export async function startFanOut(db: Knex, queue: JobQueue, parent: StoredJob, phases: string[]): Promise<boolean> {
  const req = parent.request as SeedJobRequest & { shards: number }
  const state: FanOutState = { shards: req.shards, retries: req.shardRetries ?? 1, phases, phase: 0, tries: Array.from({ length: req.shards }, () => 1) }
  return swapAndQueue(db, queue, parent.id, undefined, state, Array.from({ length: req.shards }, (_, i) => shardJob(parent, i + 1, phases[0]!)))
}

/** What `advanceFanOut` did: the parent's new progress (to relay), and whether it ended. */
export interface FanOutStep {
  progress?: JobProgress
  ended: boolean
}

/**
 * Look at fanned-out job `parentId` and move it on: relay its shard jobs' progress into its row; cancel
 * them when it was asked to; when every shard job of the phase has ended, queue the next phase, run the
 * failed ones again, or end the parent.
 */
export async function advanceFanOut(db: Knex, queue: JobQueue, parentId: string): Promise<FanOutStep> {
  const parent = await getJob(db, parentId)
  const state = parent?.fanout
  if (!parent || !state || parent.status !== 'running') return { ended: false }
  const children = await childJobs(db, parentId)
  const phase = state.phases[state.phase]!
  // The latest shard job of each (phase, shard): earlier tries of a shard are superseded by its re-run.
  const latest = new Map<string, StoredJob>()
  for (const c of children) {
    const r = c.request as SeedJobRequest
    latest.set(`${r.phase}\u0000${r.shard}`, c)
  }
  const current = Array.from({ length: state.shards }, (_, i) => latest.get(`${phase}\u0000${i + 1}/${state.shards}`))
  const progress = aggregate([...latest.values()])
  const now = new Date().toISOString()
  if (parent.cancelRequested) {
    for (const c of current) if (c && !isFinal(c.status)) await requestCancel(db, c.id, now)
    const still = (await childJobs(db, parentId)).some((c) => !isFinal(c.status))
    if (still) return { progress, ended: false }
    const ended = await updateJob(db, parentId, { status: 'cancelled', finishedAt: now, progress, error: { code: 'TDG_INTERRUPTED', message: `cancelled in phase ${phase}; running shard jobs were rolled back, earlier phases stay written` } }, ['running'])
    return { progress, ended }
  }
  if (current.some((c) => c === undefined || !isFinal(c.status))) {
    await updateJob(db, parentId, { progress }, ['running'])
    return { progress, ended: false }
  }
  const failed = current.map((c, i) => ({ c: c!, i })).filter(({ c }) => c.status !== 'ok')
  const exhausted = failed.find(({ c, i }) => c.status === 'cancelled' || state.tries[i]! > state.retries)
  if (exhausted) {
    const { c, i } = exhausted
    const what = c.status === 'cancelled' ? 'was cancelled' : `failed${state.tries[i]! > 1 ? ` ${state.tries[i]} times` : ''}`
    const error = { code: c.error?.code ?? 'TDG_INTERNAL', message: `shard ${i + 1}/${state.shards} of phase ${phase} ${what} (job ${c.id}): ${c.error?.message ?? c.status}` }
    const ended = await updateJob(db, parentId, { status: 'failed', finishedAt: now, progress, error }, ['running'])
    return { progress, ended }
  }
  if (failed.length > 0) {
    const next: FanOutState = { ...state, tries: state.tries.map((t, i) => (failed.some((f) => f.i === i) ? t + 1 : t)) }
    await swapAndQueue(db, queue, parentId, state, next, failed.map(({ i }) => shardJob(parent, i + 1, phase)))
    return { progress, ended: false }
  }
  if (state.phase + 1 < state.phases.length) {
    const next: FanOutState = { ...state, phase: state.phase + 1, tries: state.tries.map(() => 1) }
    const nextPhase = state.phases[next.phase]!
    await swapAndQueue(db, queue, parentId, state, next, Array.from({ length: state.shards }, (_, i) => shardJob(parent, i + 1, nextPhase)))
    await updateJob(db, parentId, { progress }, ['running'])
    return { progress, ended: false }
  }
  // Every shard of every phase is ok.
  const okJobs = [...latest.values()].filter((c) => c.status === 'ok')
  const tables = new Map<string, number>()
  for (const c of okJobs) for (const t of c.progress.summary?.tables ?? []) tables.set(t.table, (tables.get(t.table) ?? 0) + t.rows)
  const seed = (parent.request as SeedJobRequest).seed
  progress.summary = {
    ...(seed !== undefined ? { seed } : {}),
    rows: okJobs.reduce((n, c) => n + (c.progress.summary?.rows ?? 0), 0),
    ms: Date.parse(now) - Date.parse(parent.startedAt ?? parent.createdAt),
    tables: [...tables].map(([table, rows]) => ({ table, rows })),
  }
  for (const t of progress.tables) t.done = true
  const ended = await updateJob(db, parentId, { status: 'ok', finishedAt: now, progress }, ['running'])
  return { progress, ended }
}

/** The parent's progress: per table, the planned and written rows of its latest shard jobs summed. */
function aggregate(jobs: StoredJob[]): JobProgress {
  const p: JobProgress = { tables: [], rows: 0, written: 0 }
  for (const c of jobs) {
    for (const t of c.progress.tables) {
      let mine = p.tables.find((x) => x.table === t.table)
      if (!mine) p.tables.push((mine = { table: t.table, rows: 0, written: 0, done: true }))
      mine.rows += t.rows
      mine.written += t.written
      mine.done &&= t.done
    }
    p.written += c.progress.written
    p.rows += c.progress.rows
  }
  return p
}
