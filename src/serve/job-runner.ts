import type { Knex } from 'knex'
import type { FastifyBaseLogger } from 'fastify'
import { redactText } from '../adapter/redact-url.js'
import { isTdgError, type TdgError } from '../errors.js'
import type { ProgressEvent } from '../pipeline/progress.js'
import { ulid } from '../state/ulid.js'
import type { AllowLists } from './allow-list.js'
import { auditJob } from './job-audit.js'
import { isFinal, type JobRequest } from './job-schema.js'
import { cancelRequestedAmong, EMPTY_PROGRESS, getJob, requestCancel, runningFanOuts, updateJob, type JobProgress, type StoredJob } from './job-store.js'
import type { JobQueue } from './job-queue.js'
import { LocalJobQueue } from './local-job-queue.js'
import { planShardPhases, runJob, type JobResult } from './run-job.js'
import { advanceFanOut, isFanOutRequest, startFanOut } from './fan-out.js'

/** What a subscriber of a job hears: progress while it runs, then its final state once. */
export type JobEvent = { type: 'progress'; progress: JobProgress } | { type: 'end'; job: StoredJob }

export interface JobRunnerOptions {
  concurrency: number
  allow: AllowLists
  log: FastifyBaseLogger
  /** How often running progress is written to the state store, and cancel requests read from it (ms); default 500. */
  flushMs?: number
  /** Where queued jobs wait and how they reach this process; default this process alone (`LocalJobQueue`). */
  queue?: JobQueue
}

interface Running {
  controller: AbortController
  /** Cancelled by a request (status `cancelled`), not by the shutdown (status `interrupted`). */
  cancelled: boolean
  done: Promise<void>
}

/**
 * Runs jobs, at most `concurrency` at once in this process, their state in `tdg_jobs`; the `JobQueue`
 * decides which jobs reach it (this process alone, or a queue shared by several processes). `start`
 * recovers what a dead process left and takes jobs; `shutdown` stops taking jobs, lets running ones
 * finish within the grace period, then cancels them (each rolls back). A cancel or a subscriber of a job
 * running in another process goes through the job's row (a flag the runner polls; progress it reads).
 */
export class JobRunner {
  private readonly running = new Map<string, Running>()
  private readonly listeners = new Map<string, Set<(e: JobEvent) => void>>()
  private readonly watchers = new Map<string, NodeJS.Timeout>()
  private readonly queue: JobQueue
  private readonly flushMs: number
  private cancelPoll: NodeJS.Timeout | undefined
  private fanOutPoll: NodeJS.Timeout | undefined
  private sweeping = false
  private stopping = false

  constructor(private readonly db: Knex, private readonly opts: JobRunnerOptions) {
    this.queue = opts.queue ?? new LocalJobQueue(db)
    this.flushMs = opts.flushMs ?? 500
  }

  /** Recover after a restart and take queued jobs. Returns the ids of jobs marked interrupted. */
  async start(): Promise<string[]> {
    const interrupted = await this.queue.start({
      concurrency: this.opts.concurrency,
      log: this.opts.log,
      run: (job, abort) => this.execute(job, abort),
      lost: (job, error, outcome) => this.recordLost(job, error, outcome),
    })
    this.cancelPoll = setInterval(() => void this.pollCancels(), this.flushMs)
    this.cancelPoll.unref()
    // Fanned-out seeds advance when a shard job ends here; the sweep also covers one that ended elsewhere
    // in a process that died before advancing its parent, and relays the shard jobs' progress.
    this.fanOutPoll = setInterval(() => void this.sweepFanOuts(), Math.max(1000, this.flushMs))
    this.fanOutPoll.unref()
    return interrupted
  }

  /** Queue a job (the request already validated and allowed). */
  async submit(request: JobRequest, createdBy: string, idempotencyKey?: string): Promise<StoredJob> {
    const job: StoredJob = { id: ulid(), kind: request.kind, status: 'queued', request, createdBy, createdAt: new Date().toISOString(), progress: EMPTY_PROGRESS, ...(idempotencyKey ? { idempotencyKey } : {}) }
    await this.queue.enqueue(job)
    this.opts.log.info({ jobId: job.id, kind: job.kind, actor: createdBy }, 'job queued')
    this.queue.poke()
    return job
  }

  /** Whether the runner still takes jobs. */
  get accepting(): boolean {
    return !this.stopping
  }

  /**
   * Cancel job `id`: a queued job becomes `cancelled` at once; a running one is aborted (its transaction
   * rolls back) and becomes `cancelled` when the rollback is done — here, or in the process running it,
   * which reads the request from the job's row within `flushMs`. Returns false for a job already final.
   */
  async cancel(id: string): Promise<boolean> {
    const r = this.running.get(id)
    if (r) {
      r.cancelled = true
      r.controller.abort(new Error('cancelled'))
      return true
    }
    const done = await requestCancel(this.db, id, new Date().toISOString())
    if (done === 'cancelled') await this.emitEnd(id)
    // A fanned-out seed: its shard jobs are cancelled now, it ends once they have rolled back.
    if (done === 'requested') await this.advanceFanOut(id)
    return done !== false
  }

  /** Move fanned-out seed `id` on (fan-out.ts): relay its progress, queue what is next, end it. */
  private async advanceFanOut(id: string): Promise<void> {
    try {
      const step = await advanceFanOut(this.db, this.queue, id)
      if (step.progress && !step.ended) this.emit(id, { type: 'progress', progress: step.progress })
      if (step.ended) {
        const job = await getJob(this.db, id)
        this.opts.log.info({ jobId: id, status: job?.status, ...(job?.error ? { code: job.error.code } : {}) }, 'fanned-out job finished')
        await this.emitEnd(id)
      }
    } catch (e) {
      this.opts.log.error({ jobId: id, err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'fan-out: advancing the job failed; the sweep tries again')
    }
  }

  /** Advance every fanned-out seed still running (whichever process queued it). */
  private async sweepFanOuts(): Promise<void> {
    if (this.sweeping || this.stopping) return
    this.sweeping = true
    try {
      for (const id of await runningFanOuts(this.db)) await this.advanceFanOut(id)
    } catch (e) {
      this.opts.log.error({ err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'fan-out: reading the running jobs failed')
    } finally {
      this.sweeping = false
    }
  }

  /** Listen to job `id` (running here or in another process sharing the queue); returns the function that stops listening. */
  subscribe(id: string, fn: (e: JobEvent) => void): () => void {
    let set = this.listeners.get(id)
    if (!set) this.listeners.set(id, (set = new Set()))
    set.add(fn)
    if (this.queue.shared) this.watch(id)
    return () => {
      set.delete(fn)
      if (set.size === 0) {
        this.listeners.delete(id)
        clearInterval(this.watchers.get(id))
        this.watchers.delete(id)
      }
    }
  }

  /** Stop taking jobs; wait up to `graceMs` for running ones, then cancel them and wait for their rollback. */
  async shutdown(graceMs: number): Promise<void> {
    this.stopping = true
    await this.queue.stopTaking()
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
    clearInterval(this.cancelPoll)
    clearInterval(this.fanOutPoll)
    for (const t of this.watchers.values()) clearInterval(t)
    this.watchers.clear()
    await this.queue.close()
  }

  /** Abort the jobs running here that a server (this one or another) asked to cancel. */
  private async pollCancels(): Promise<void> {
    if (this.running.size === 0) return
    try {
      for (const id of await cancelRequestedAmong(this.db, [...this.running.keys()])) {
        const r = this.running.get(id)
        if (!r || r.cancelled) continue
        this.opts.log.info({ jobId: id }, 'cancel requested through the state store')
        r.cancelled = true
        r.controller.abort(new Error('cancelled'))
      }
    } catch (e) {
      this.opts.log.error({ err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'job runner: reading cancel requests failed')
    }
  }

  /** Relay the row of job `id` to its listeners while it runs in another process: progress as it changes, then its end. */
  private watch(id: string): void {
    if (this.watchers.has(id)) return
    let last = ''
    const timer = setInterval(() => {
      if (this.running.has(id)) return
      void getJob(this.db, id)
        .then((job) => {
          if (!job || !this.watchers.has(id)) return
          if (isFinal(job.status)) return this.emit(id, { type: 'end', job })
          const shown = JSON.stringify(job.progress)
          if (job.status === 'running' && shown !== last) {
            last = shown
            this.emit(id, { type: 'progress', progress: job.progress })
          }
        })
        .catch(() => undefined)
    }, this.flushMs)
    timer.unref()
    this.watchers.set(id, timer)
  }

  /** The audit record of an attempt whose process died (the row already says what became of the job). */
  private async recordLost(job: StoredJob, error: TdgError, outcome: 'interrupted' | 'failed'): Promise<void> {
    const started = Date.parse(job.startedAt ?? job.createdAt)
    await auditJob(this.db, { runId: job.runId ?? ulid(), request: job.request, createdBy: job.createdBy }, started, { error, cancelled: outcome === 'interrupted' }).catch((e: unknown) =>
      this.opts.log.error({ jobId: job.id, err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'the audit record of the lost attempt could not be written'),
    )
    await this.emitEnd(job.id)
    if (job.parentId) await this.advanceFanOut(job.parentId)
  }

  /** Run a claimed job (its row `running`, its run id set) to its final state. */
  private async execute(job: StoredJob, abort?: AbortSignal): Promise<void> {
    const entry: Running = { controller: new AbortController(), cancelled: false, done: Promise.resolve() }
    const onAbort = () => entry.controller.abort(new Error('the job lock was lost'))
    abort?.addEventListener('abort', onAbort, { once: true })
    this.running.set(job.id, entry)
    entry.done = this.executeClaimed(job, entry).finally(() => {
      abort?.removeEventListener('abort', onAbort)
      this.running.delete(job.id)
    })
    return entry.done
  }

  private async executeClaimed(job: StoredJob, entry: Running): Promise<void> {
    const started = Date.now()
    const runId = job.runId ?? ulid()
    const progress: JobProgress = { tables: [], rows: 0, written: 0 }
    let lastFlush = 0
    let flushing: Promise<unknown> = Promise.resolve()
    const flushMs = this.flushMs
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
      if (isFanOutRequest(job.request) && !job.fanout) {
        // A fanned-out seed: plan its phases, queue the first phase's shard jobs; it stays running (fan-out.ts).
        const phases = await planShardPhases(job.request, { signal: entry.controller.signal, onProgress, allow: this.opts.allow })
        await startFanOut(this.db, this.queue, job, phases)
        this.opts.log.info({ jobId: job.id, shards: job.request.shards, phases: phases.join(',') }, 'job fanned out as shard jobs')
        return
      }
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
    await updateJob(this.db, job.id, { status, finishedAt, runId, progress, ...(errorInfo ? { error: errorInfo } : {}) }, ['running'])
    this.opts.log.info({ jobId: job.id, status, ...(errorInfo ? { code: errorInfo.code } : {}), ms: Date.now() - started }, 'job finished')
    await this.emitEnd(job.id)
    if (job.parentId) await this.advanceFanOut(job.parentId)
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
