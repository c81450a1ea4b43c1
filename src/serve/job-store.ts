import type { Knex } from 'knex'
import { canonicalJson } from '../audit/audit-record.js'
import type { Job, JobKind, JobRequest, JobStatus } from './job-schema.js'
import type { FanOutState } from './fan-out-state.js'

const JOBS = 'tdg_jobs'

/** What `tdg_jobs.progress` holds: per-table progress and, once the job is done, its summary. */
export type JobProgress = Job['progress'] & { summary?: Job['summary'] }

/** A stored job with its request as given (the URL with its password: needed to run a queued job after a restart). */
export interface StoredJob {
  id: string
  kind: JobKind
  status: JobStatus
  request: JobRequest
  idempotencyKey?: string
  createdBy: string
  createdAt: string
  startedAt?: string
  finishedAt?: string
  runId?: string
  progress: JobProgress
  error?: { code: string; message: string }
  /** How many times the job was claimed to run (0 while queued; more than 1 after a worker died mid-run). */
  attempts?: number
  /** A server asked the process running the job to cancel it. */
  cancelRequested?: boolean
  /** A shard job of a fanned-out seed: its parent job. */
  parentId?: string
  /** A fanned-out seed (`shards`): the fan-out's state, once its shard jobs are queued (fan-out.ts). */
  fanout?: FanOutState
}

interface Row {
  id: string
  kind: string
  status: string
  params: string
  idempotency_key: string | null
  created_by: string
  created_at: string
  started_at: string | null
  finished_at: string | null
  run_id: string | null
  progress: string | null
  error_code: string | null
  error_message: string | null
  attempts?: number | null
  cancel_requested?: boolean | number | null
  parent_id?: string | null
  fanout?: string | null
}

export const EMPTY_PROGRESS: JobProgress = { tables: [], rows: 0, written: 0 }

function fromRow(r: Row): StoredJob {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    status: r.status as JobStatus,
    request: JSON.parse(r.params) as JobRequest,
    ...(r.idempotency_key ? { idempotencyKey: r.idempotency_key } : {}),
    createdBy: r.created_by,
    createdAt: r.created_at,
    ...(r.started_at ? { startedAt: r.started_at } : {}),
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
    ...(r.run_id ? { runId: r.run_id } : {}),
    progress: r.progress ? (JSON.parse(r.progress) as JobProgress) : EMPTY_PROGRESS,
    ...(r.error_code ? { error: { code: r.error_code, message: r.error_message ?? '' } } : {}),
    attempts: Number(r.attempts ?? 0),
    ...(r.cancel_requested ? { cancelRequested: true } : {}),
    ...(r.parent_id ? { parentId: r.parent_id } : {}),
    ...(r.fanout ? { fanout: JSON.parse(r.fanout) as FanOutState } : {}),
  }
}

/** Insert a queued job. */
export async function insertJob(db: Knex, job: StoredJob): Promise<void> {
  await db(JOBS).insert({
    id: job.id,
    kind: job.kind,
    status: job.status,
    params: canonicalJson(job.request),
    idempotency_key: job.idempotencyKey ?? null,
    created_by: job.createdBy,
    created_at: job.createdAt,
    progress: JSON.stringify(job.progress),
    ...(job.parentId ? { parent_id: job.parentId } : {}),
  })
}

/** The shard jobs of fanned-out seed `parentId`, oldest first. */
export async function childJobs(db: Knex, parentId: string): Promise<StoredJob[]> {
  return ((await db(JOBS).where('parent_id', parentId).orderBy('id').select()) as Row[]).map(fromRow)
}

/** Ids of the fanned-out seeds still running (their shard jobs queued or running). */
export async function runningFanOuts(db: Knex): Promise<string[]> {
  return ((await db(JOBS).where('status', 'running').whereNotNull('fanout').orderBy('id').select('id')) as Array<{ id: string }>).map((r) => r.id)
}

/**
 * Move a running fan-out's state from `from` (undefined: none yet) to `to`, only if it is still `from`:
 * of two processes advancing it at once, one wins (true) and queues the next shard jobs in the same
 * transaction `db`.
 */
export async function swapFanOut(db: Knex, id: string, from: FanOutState | undefined, to: FanOutState): Promise<boolean> {
  let q = db(JOBS).where({ id, status: 'running' })
  q = from === undefined ? q.whereNull('fanout') : q.where('fanout', JSON.stringify(from))
  return (await q.update({ fanout: JSON.stringify(to) })) > 0
}

/** The job `id`, or undefined. */
export async function getJob(db: Knex, id: string): Promise<StoredJob | undefined> {
  const row = (await db(JOBS).where('id', id).first()) as Row | undefined
  return row ? fromRow(row) : undefined
}

/** The job created with idempotency key `key` (already scoped to its token), or undefined. */
export async function jobByIdempotencyKey(db: Knex, key: string): Promise<StoredJob | undefined> {
  const row = (await db(JOBS).where('idempotency_key', key).first()) as Row | undefined
  return row ? fromRow(row) : undefined
}

/** A page of jobs, newest first; `cursor` is the id of the last job of the previous page. */
export async function listJobs(db: Knex, q: { status?: JobStatus; kind?: JobKind; limit: number; cursor?: string }): Promise<{ jobs: StoredJob[]; nextCursor?: string }> {
  let query = db(JOBS).orderBy('id', 'desc').limit(q.limit + 1)
  if (q.status) query = query.where('status', q.status)
  if (q.kind) query = query.where('kind', q.kind)
  if (q.cursor) query = query.where('id', '<', q.cursor)
  const rows = (await query.select()) as Row[]
  const jobs = rows.slice(0, q.limit).map(fromRow)
  return rows.length > q.limit ? { jobs, nextCursor: jobs[jobs.length - 1]!.id } : { jobs }
}

/** Ids of the jobs with `status`, oldest first (at most `limit`). */
export async function jobIdsWithStatus(db: Knex, status: JobStatus, limit?: number): Promise<string[]> {
  let q = db(JOBS).where('status', status).orderBy('id')
  if (limit !== undefined) q = q.limit(limit)
  return ((await q.select('id')) as Array<{ id: string }>).map((r) => r.id)
}

/** Change a job's status (and the fields given); `from` guards the transition. Returns whether a row changed. */
export async function updateJob(
  db: Knex,
  id: string,
  change: { status?: JobStatus; startedAt?: string; finishedAt?: string; runId?: string; progress?: JobProgress; error?: { code: string; message: string } },
  from?: JobStatus[],
): Promise<boolean> {
  const set: Record<string, unknown> = {}
  if (change.status) set.status = change.status
  if (change.startedAt) set.started_at = change.startedAt
  if (change.finishedAt) set.finished_at = change.finishedAt
  if (change.runId) set.run_id = change.runId
  if (change.progress) set.progress = JSON.stringify(change.progress)
  if (change.error) {
    set.error_code = change.error.code
    set.error_message = change.error.message
  }
  let q = db(JOBS).where('id', id)
  if (from) q = q.whereIn('status', from)
  return (await q.update(set)) > 0
}

/**
 * Mark every job left `running` (by a server that died) as `interrupted`, with `runIdOf(job)` as its
 * audit run; returns those jobs as they were.
 */
export async function interruptOrphans(db: Knex, now: string, runIdOf: (job: StoredJob) => string): Promise<StoredJob[]> {
  const jobs: StoredJob[] = []
  for (const id of await jobIdsWithStatus(db, 'running')) {
    const job = await getJob(db, id)
    // A fanned-out seed runs in its shard jobs, not in a process: nothing of it died with the server.
    if (!job || job.fanout) continue
    const error = { code: 'TDG_INTERRUPTED', message: 'the server stopped while the job ran; its transaction was rolled back by the database' }
    if (await updateJob(db, id, { status: 'interrupted', finishedAt: now, runId: runIdOf(job), error }, ['running'])) jobs.push(job)
  }
  return jobs
}

/**
 * Claim job `job` to run: `queued` → `running` (or, after a worker died, `running` → `running` again), one
 * more attempt, a new audit run id, progress reset. Conditional on the status and attempt count the
 * caller read, so of two claimants only one wins. Returns the claimed job, or undefined when it changed.
 */
export async function claimJob(db: Knex, job: StoredJob, runId: string, now: string): Promise<StoredJob | undefined> {
  const attempts = job.attempts ?? 0
  const changed = await db(JOBS)
    .where({ id: job.id, status: job.status, attempts })
    .whereIn('status', ['queued', 'running'])
    .update({ status: 'running', attempts: attempts + 1, started_at: now, run_id: runId, progress: JSON.stringify(EMPTY_PROGRESS), cancel_requested: false })
  return changed > 0 ? { ...job, status: 'running', attempts: attempts + 1, startedAt: now, runId, progress: EMPTY_PROGRESS } : undefined
}

/**
 * Ask for job `id` to be cancelled, whichever process holds it: a queued job becomes `cancelled` at once
 * (`'cancelled'`); a running one is flagged for the process running it (`'requested'`); a final one: false.
 */
export async function requestCancel(db: Knex, id: string, now: string): Promise<'cancelled' | 'requested' | false> {
  if (await updateJob(db, id, { status: 'cancelled', finishedAt: now, error: { code: 'TDG_INTERRUPTED', message: 'cancelled before it started' } }, ['queued'])) return 'cancelled'
  const flagged = await db(JOBS).where({ id, status: 'running' }).update({ cancel_requested: true })
  return flagged > 0 ? 'requested' : false
}

/** Which of the jobs `ids` a server asked to cancel. */
export async function cancelRequestedAmong(db: Knex, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return []
  return ((await db(JOBS).whereIn('id', ids).where('cancel_requested', true).select('id')) as Array<{ id: string }>).map((r) => r.id)
}
