import type { Knex } from 'knex'
import type { FastifyBaseLogger } from 'fastify'
import { redactText } from '../adapter/redact-url.js'
import { isTdgError, TdgError } from '../errors.js'
import type { ProgressEvent } from '../pipeline/progress.js'
import { ulid } from '../state/ulid.js'
import type { AllowLists } from './allow-list.js'
import { auditJob } from './job-audit.js'
import { isFinal, type JobRequest } from './job-schema.js'
import { EMPTY_PROGRESS, getJob, insertJob, interruptOrphans, jobIdsWithStatus, updateJob, type JobProgress, type StoredJob } from './job-store.js'
import { runJob, type JobResult } from './run-job.js'

/** What a subscriber of a job hears: progress while it runs, then its final state once. */
export type JobEvent = { type: 'progress'; progress: JobProgress } | { type: 'end'; job: StoredJob }

export interface JobRunnerOptions {
  concurrency: number
  allow: AllowLists
  log: FastifyBaseLogger
  /** How often running progress is written to the state store (ms); default 500. */
  flushMs?: number
}

interface Running {
  controller: AbortController
  /** Cancelled by a request (status `cancelled`), not by the shutdown (status `interrupted`). */
  cancelled: boolean
  done: Promise<void>
}

/**
 * Runs jobs in this process, at most `concurrency` at once, their state in `tdg_jobs`. `start` marks jobs
 * left `running` by a previous process `interrupted` and runs the queued ones; `shutdown` stops taking
 * jobs, lets running ones finish within the grace period, then cancels them (each rolls back).
 */
export class JobRunner {
  private readonly running = new Map<string, Running>()
  private readonly listeners = new Map<string, Set<(e: JobEvent) => void>>()
  private stopping = false
  private pumping = false

  constructor(private readonly db: Knex, private readonly opts: JobRunnerOptions) {}

  /** Recover after a restart and run what is queued. Returns the ids marked interrupted. */
  async start(): Promise<string[]> {
    const runIds = new Map<string, string>()
    const orphans = await interruptOrphans(this.db, new Date().toISOString(), (job) => {
      runIds.set(job.id, ulid())
      return runIds.get(job.id)!
    })
    for (const job of orphans) {
      this.opts.log.warn({ jobId: job.id }, 'job was running when the previous server stopped: marked interrupted')
      // The dead server wrote no audit record for the run: this one does, so no run goes unrecorded.
      const started = Date.parse(job.startedAt ?? job.createdAt)
      await auditJob(this.db, { runId: runIds.get(job.id)!, request: job.request, createdBy: job.createdBy }, started, { error: new TdgError('TDG_INTERRUPTED', 'server stopped') }).catch((e: unknown) =>
        this.opts.log.error({ jobId: job.id, err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'the audit record of the interrupted job could not be written'),
      )
    }
    void this.pump()
    return orphans.map((j) => j.id)
  }

  /** Queue a job (the request already validated and allowed). */
  async submit(request: JobRequest, createdBy: string, idempotencyKey?: string): Promise<StoredJob> {
    const job: StoredJob = { id: ulid(), kind: request.kind, status: 'queued', request, createdBy, createdAt: new Date().toISOString(), progress: EMPTY_PROGRESS, ...(idempotencyKey ? { idempotencyKey } : {}) }
    await insertJob(this.db, job)
    this.opts.log.info({ jobId: job.id, kind: job.kind, actor: createdBy }, 'job queued')
    void this.pump()
    return job
  }

  /** Whether the runner still takes jobs. */
  get accepting(): boolean {
    return !this.stopping
  }

  /**
   * Cancel job `id`: a queued job becomes `cancelled` at once; a running one is aborted (its transaction
   * rolls back) and becomes `cancelled` when the rollback is done. Returns false for a job already final.
   */
  async cancel(id: string): Promise<boolean> {
    const r = this.running.get(id)
    if (r) {
      r.cancelled = true
      r.controller.abort(new Error('cancelled'))
      return true
    }
    const changed = await updateJob(this.db, id, { status: 'cancelled', finishedAt: new Date().toISOString(), error: { code: 'TDG_INTERRUPTED', message: 'cancelled before it started' } }, ['queued'])
    if (changed) await this.emitEnd(id)
    return changed
  }

  /** Listen to job `id`; returns the function that stops listening. */
  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    let set = this.listeners.get(id)
    if (!set) this.listeners.set(id, (set = new Set()))
    set.add(fn)
    return () => {
      set.delete(fn)
      if (set.size === 0) this.listeners.delete(id)
    }
  }

  /** Stop taking jobs; wait up to `graceMs` for running ones, then cancel them and wait for their rollback. */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true
    const all = () => Promise.all([...this.running.values()].map((r) => r.done))
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([all().then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs)))])
    clearTimeout(timer)
    if (timedOut) {
      for (const [id, r] of this.running) {
        this.opts.log.warn({ jobId: id }, 'shutdown: grace period over, cancelling the job')
        r.controller.abort(new Error('shutdown'))
      }
      await all()
    }
  }

  private async pump(): Promise<void> {
    if (this.pumping) return
    this.pumping = true
    try {
      while (!this.stopping && this.running.size < this.opts.concurrency) {
        const next = (await jobIdsWithStatus(this.db, 'queued', this.running.size + 1)).find((id) => !this.running.has(id))
        if (!next) break
        const startedAt = new Date().toISOString()
        // Claimed only if still queued (a cancel may have come first).
        if (!(await updateJob(this.db, next, { status: 'running', startedAt }, ['queued']))) continue
        const job = (await getJob(this.db, next))!
        const entry: Running = { controller: new AbortController(), cancelled: false, done: Promise.resolve() }
        this.running.set(next, entry)
        entry.done = this.execute(job, entry).finally(() => {
          this.running.delete(next)
          void this.pump()
        })
      }
    } catch (e) {
      this.opts.log.error({ err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'job queue: the state store failed')
    } finally {
      this.pumping = false
    }
  }

  private async execute(job: StoredJob, entry: Running): Promise<void> {
    const started = Date.now()
    const runId = ulid()
    const progress: JobProgress = { tables: [], rows: 0, written: 0 }
    let lastFlush = 0
    let flushing: Promise<unknown> = Promise.resolve()
    const flushMs = this.opts.flushMs ?? 500
    const onProgress = (e: ProgressEvent) => {
      if (!applyProgress(progress, e)) return
      this.emit(job.id, { type: 'progress', progress: structuredClone(progress) })
      const now = Date.now()
      if (now - lastFlush >= flushMs || e.kind !== 'step-rows') {
        lastFlush = now
        const snapshot = structuredClone(progress)
        flushing = flushing.then(() => updateJob(this.db, job.id, { progress: snapshot }, ['running'])).catch(() => undefined)
      }
    }
    this.opts.log.info({ jobId: job.id, kind: job.kind }, 'job started')
    let result: JobResult | undefined
    let error: unknown
    try {
      result = await runJob(job.request, { signal: entry.controller.signal, onProgress, allow: this.opts.allow })
    } catch (e) {
      error = e
    }
    await flushing
    const finishedAt = new Date().toISOString()
    // Whatever error an abort surfaced as, the run was rolled back: the abort decides the status.
    const aborted = entry.controller.signal.aborted || (isTdgError(error) && error.code === 'TDG_INTERRUPTED')
    const status = result ? 'ok' : entry.cancelled ? 'cancelled' : aborted ? 'interrupted' : 'failed'
    if (result) {
      progress.summary = { ...(result.seed !== undefined ? { seed: result.seed } : {}), rows: result.written.rows, ms: Math.round(result.ms), tables: result.written.tables }
      for (const t of progress.tables) t.done = true
    }
    const errorInfo = error === undefined ? undefined : { code: isTdgError(error) ? error.code : 'TDG_INTERNAL', message: status === 'cancelled' ? 'cancelled; the run was rolled back' : isTdgError(error) ? redactText(error.message) : 'internal error (see the server log)' }
    if (error !== undefined && !isTdgError(error)) this.opts.log.error({ jobId: job.id, err: { message: redactText(String((error as Error)?.stack ?? error)) } }, 'job failed with an internal error')
    try {
      await auditJob(this.db, { runId, request: job.request, createdBy: job.createdBy }, started, { ...(result ? { result } : {}), ...(error !== undefined ? { error } : {}), cancelled: status === 'cancelled' })
    } catch (e) {
      this.opts.log.error({ jobId: job.id, err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'the audit record of the job could not be written')
    }
    await updateJob(this.db, job.id, { status, finishedAt, runId, progress, ...(errorInfo ? { error: errorInfo } : {}) })
    this.opts.log.info({ jobId: job.id, status, ...(errorInfo ? { code: errorInfo.code } : {}), ms: Date.now() - started }, 'job finished')
    await this.emitEnd(job.id)
  }

  private emit(id: string, e: JobEvent): void {
    for (const fn of this.listeners.get(id) ?? []) fn(e)
  }

  private async emitEnd(id: string): Promise<void> {
    const job = await getJob(this.db, id)
    if (job && isFinal(job.status)) this.emit(id, { type: 'end', job })
  }
}

/** Fold a progress event into the job's progress; false for events that change nothing shown. */
function applyProgress(p: JobProgress, e: ProgressEvent): boolean {
  const table = (name: string) => {
    let t = p.tables.find((x) => x.table === name)
    if (!t) p.tables.push((t = { table: name, rows: 0, written: 0, done: false }))
    return t
  }
  switch (e.kind) {
    case 'run-start':
      p.rows = e.rows
      return true
    case 'step-start':
      table(e.step).rows = e.rows
      return true
    case 'step-rows': {
      const t = table(e.step)
      p.written += e.written - t.written
      t.written = e.written
      return true
    }
    case 'step-done': {
      const t = table(e.step)
      p.written += e.rows - t.written
      t.written = e.rows
      t.done = true
      return true
    }
    default:
      return false
  }
}
