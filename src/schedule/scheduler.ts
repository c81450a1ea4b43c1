import type { Knex } from 'knex'
import { redactText } from '../adapter/redact-url.js'
import { isTdgError } from '../errors.js'
import type { AllowLists } from '../serve/allow-list.js'
import { isFinal, type JobRequest, type JobStatus } from '../serve/job-schema.js'
import { getJob, jobByIdempotencyKey, type StoredJob } from '../serve/job-store.js'
import { checkJobAllowed } from '../serve/run-job.js'
import { jitterMs, parseCron, previousRun } from './cron.js'
import { getSchedule, listSchedules, recordFiring, recordOutcome, recordSkipped, type StoredSchedule } from './schedule-store.js'

/** What the scheduler needs of the job runner (src/serve/job-runner.ts): its public submit and subscribe. */
export interface JobSubmitter {
  submit(request: JobRequest, createdBy: string, idempotencyKey?: string): Promise<StoredJob>
  subscribe?(id: string, fn: (e: { type: string; job?: StoredJob }) => void): () => void
}

/** The log lines the scheduler writes (pino's signature: fastify's logger fits). */
export interface SchedulerLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export interface SchedulerOptions {
  allow: AllowLists
  log: SchedulerLog
  /** How often the schedules table is read for changes made by other processes (ms); default 5000. */
  pollMs?: number
}

/** What one firing did. */
export type FireResult = 'queued' | 'already' | 'skipped' | 'refused' | 'gone' | 'error'

/** `schedule:<name>`: the creator of a schedule's jobs (and the actor of their audit records). */
export const scheduleActor = (name: string) => `schedule:${name}`

/** The idempotency key of the firing of `name` at scheduled time `at`: equal in every process. */
export const firingKey = (name: string, at: Date) => `schedule:${name}:${at.toISOString()}`

/** setTimeout's longest delay is ~24.8 days; a longer wait is taken in steps. */
const MAX_DELAY_MS = 6 * 3600_000
/** A timer that fires later than this after its time (a stalled loop, a suspended host) does not fire its backlog. */
const LATE_MS = 5_000

interface Armed {
  sig: string
  timer?: NodeJS.Timeout
  next?: Date
}

/**
 * Fires schedules inside `tdg serve`: each enabled schedule's cron times, in its zone, plus its jitter.
 * A firing queues the schedule's job through the runner, created by `schedule:<name>` with the
 * idempotency key `schedule:<name>:<scheduled time>`: the unique key of `tdg_jobs` lets only one of
 * several processes sharing a state store queue it. A firing while the schedule's previous job is still
 * queued or running is skipped (lastOutcome `skipped`). On start, a `once` schedule whose last firing is
 * older than its latest scheduled time fires that time once. Changes by other processes are read every
 * `pollMs`; `changed()` (the API) reads them at once.
 */
export class Scheduler {
  private readonly armed = new Map<string, Armed>()
  private poll?: NodeJS.Timeout
  private running = false
  private refreshing: Promise<void> = Promise.resolve()
  private readonly inflight = new Set<Promise<unknown>>()

  constructor(private readonly db: Knex, private readonly runner: JobSubmitter, private readonly opts: SchedulerOptions) {}

  /** Catch up (`once` schedules), arm every enabled schedule, and start polling. */
  async start(): Promise<void> {
    this.running = true
    const now = new Date()
    for (const s of await listSchedules(this.db)) {
      if (!s.enabled || s.missed !== 'once') continue
      const due = safe(() => previousRun(parseCron(s.cron, s.tz), now))
      const since = Date.parse(s.lastFiredFor ?? s.createdAt)
      if (due && due.getTime() > since) {
        this.opts.log.info({ schedule: s.name, scheduledFor: due.toISOString() }, 'schedule: a run was missed while no server ran; catching up once')
        await this.track(this.fire(s.name, due))
      }
    }
    await this.refresh()
    const every = this.opts.pollMs ?? 5000
    const loop = () => {
      this.poll = setTimeout(() => void this.refresh().finally(() => this.running && loop()), every)
      this.poll.unref?.()
    }
    loop()
  }

  /** Stop firing (queued jobs stay queued); waits for a firing in progress. */
  async stop(): Promise<void> {
    this.running = false
    clearTimeout(this.poll)
    for (const a of this.armed.values()) clearTimeout(a.timer)
    this.armed.clear()
    await Promise.allSettled([...this.inflight])
  }

  /** Schedules changed (API): read them now. */
  changed(): void {
    if (this.running) void this.refresh()
  }

  /** Read the schedules: arm new and changed ones, disarm removed and paused ones, record ended jobs. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.reload()).catch((e: unknown) => this.opts.log.error({ err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'schedules: the state store failed'))
    return this.refreshing
  }

  private async reload(): Promise<void> {
    if (!this.running) return
    const schedules = await listSchedules(this.db)
    const seen = new Set<string>()
    for (const s of schedules) {
      seen.add(s.name)
      if (s.lastOutcome === 'running' && s.lastJobId) await this.settle(s.name, s.lastJobId)
      const sig = s.enabled ? `${s.cron}\n${s.tz}\n${s.jitterSeconds}` : ''
      const a = this.armed.get(s.name)
      if (a?.sig === sig) continue
      if (a) clearTimeout(a.timer)
      this.armed.delete(s.name)
      if (sig) this.arm(s, new Date())
    }
    for (const [name, a] of this.armed) {
      if (seen.has(name)) continue
      clearTimeout(a.timer)
      this.armed.delete(name)
    }
  }

  /** Set the timer of `s`'s first time after `from`. */
  private arm(s: StoredSchedule, from: Date): void {
    const next = safe(() => parseCron(s.cron, s.tz).nextRun(from) ?? undefined)
    const a: Armed = { sig: `${s.cron}\n${s.tz}\n${s.jitterSeconds}` }
    this.armed.set(s.name, a)
    if (!next) return
    a.next = next
    const wait = () => {
      const delay = next.getTime() + jitterMs(s.name, next, s.jitterSeconds) - Date.now()
      a.timer = setTimeout(() => {
        if (this.armed.get(s.name) !== a || !this.running) return
        if (delay > MAX_DELAY_MS) return wait()
        void this.track(this.fire(s.name, next)).finally(() => {
          if (this.armed.get(s.name) !== a || !this.running) return
          // The next time after this one; after a long stall, the next one from now (no backlog burst).
          const after = safe(() => parseCron(s.cron, s.tz).nextRun(next) ?? undefined)
          this.arm(s, after && after.getTime() < Date.now() - LATE_MS ? new Date() : next)
        })
      }, Math.max(0, Math.min(delay, MAX_DELAY_MS)))
    }
    wait()
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p)
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined)
    return p
  }

  /**
   * Fire schedule `name` for scheduled time `scheduledFor`: queue its job unless another process did
   * (`already`), the schedule is gone or paused (`gone`), its previous job is still queued or running
   * (`skipped`), or the server's allow-lists refuse the job (`refused`, logged; lastOutcome `failed`);
   * `error` when the state store failed (logged).
   */
  async fire(name: string, scheduledFor: Date): Promise<FireResult> {
    try {
      // Read afresh: a pause or remove by another process since the last poll must win.
      const s = await getSchedule(this.db, name)
      if (!s || !s.enabled) return 'gone'
      const key = firingKey(name, scheduledFor)
      if (await jobByIdempotencyKey(this.db, key)) return 'already'
      const busy = await this.busyJob(name, key)
      if (busy) {
        await recordSkipped(this.db, name, scheduledFor)
        this.opts.log.warn({ schedule: name, scheduledFor: scheduledFor.toISOString(), runningJobId: busy }, 'schedule skipped: its previous job is still queued or running')
        return 'skipped'
      }
      try {
        checkJobAllowed(s.job, this.opts.allow)
      } catch (e) {
        await recordFiring(this.db, name, { firedFor: scheduledFor, jobId: null, at: new Date(), outcome: 'failed' })
        this.opts.log.error({ schedule: name, code: isTdgError(e) ? e.code : 'TDG_INTERNAL', err: { message: redactText(String((e as Error).message ?? e)) } }, 'schedule: the server refuses its job')
        return 'refused'
      }
      let job: StoredJob
      try {
        job = await this.runner.submit(s.job, scheduleActor(name), key)
      } catch (e) {
        // Another process queued this firing between the check and the insert: the unique key refused ours.
        if (await jobByIdempotencyKey(this.db, key)) return 'already'
        throw e
      }
      await recordFiring(this.db, name, { firedFor: scheduledFor, jobId: job.id, at: new Date() })
      this.opts.log.info({ schedule: name, scheduledFor: scheduledFor.toISOString(), jobId: job.id }, 'schedule fired')
      const stop = this.runner.subscribe?.(job.id, (e) => {
        if (e.type !== 'end') return
        stop?.()
        void this.settle(name, job.id)
      })
      // The job may have ended before the subscription.
      await this.settle(name, job.id)
      return 'queued'
    } catch (e) {
      // Logged, not thrown: a state store that fails now must not end the server; the next time fires again.
      this.opts.log.error({ schedule: name, err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'schedule: firing failed')
      return 'error'
    }
  }

  /** The id of a queued or running job of schedule `name` other than the one of `key`, if any. */
  private async busyJob(name: string, key: string): Promise<string | undefined> {
    const row = (await this.db('tdg_jobs')
      .where('created_by', scheduleActor(name))
      .whereIn('status', ['queued', 'running'])
      .andWhere((q) => void q.whereNull('idempotency_key').orWhereNot('idempotency_key', key))
      .first('id')) as { id: string } | undefined
    return row?.id
  }

  /** Record the outcome of job `jobId` once it is final. */
  private async settle(name: string, jobId: string): Promise<void> {
    const job = await getJob(this.db, jobId)
    if (job && isFinal(job.status)) await recordOutcome(this.db, name, jobId, job.status as Exclude<JobStatus, 'queued' | 'running'>)
  }
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f()
  } catch {
    return undefined
  }
}
