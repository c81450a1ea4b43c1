import type { Knex } from 'knex'
import type PgBoss from 'pg-boss'
import { match } from 'ts-pattern'
import { redactText } from '../adapter/redact-url.js'
import { TdgError } from '../errors.js'
import { ulid } from '../state/ulid.js'
import { decideDelivery } from './delivery-decision.js'
import type { JobQueue, QueueContext } from './job-queue.js'
import { takeJobLock } from './job-lock.js'
import { isFinal } from './job-schema.js'
import { claimJob, getJob, insertJob, updateJob, type StoredJob } from './job-store.js'

/** pg-boss's own schema in the state store's database. */
export const BOSS_SCHEMA = 'tdg_boss'
/** The pg-boss queue of tdg's jobs; a message is `{ jobId }`, the job itself stays in `tdg_jobs`. */
export const JOB_QUEUE = 'tdg-jobs'
/**
 * How often pg-boss itself delivers a message again (a failed delivery, an expired one): generous, with
 * exponential backoff from 1 s, because tdg decides the job's retries itself (`retries`), from its row.
 */
const BOSS_RETRY_LIMIT = 50

export interface PgBossQueueOptions {
  /** The state store's PostgreSQL URL (pg-boss and the job locks connect to it). */
  url: string
  /**
   * Seconds a job's message may stay active before pg-boss presumes its worker dead and delivers it
   * again (pg-boss 10 has no heartbeat). A job still running then is not run twice: its lock is held.
   */
  jobTimeoutS: number
  /** More attempts a job gets after its worker died mid-run (0: none, it fails with TDG_WORKER_LOST). */
  retries: number
  /** How often an idle process asks the queue for work (ms); default 1000. */
  pollMs?: number
}

/**
 * Open the shared queue of a PostgreSQL state store: start pg-boss in its own schema (`tdg_boss`,
 * created on first use; several processes starting at once are fine) and create the job queue.
 */
export async function openPgBossQueue(db: Knex, opts: PgBossQueueOptions): Promise<PgBossJobQueue> {
  const { default: Boss } = await import('pg-boss')
  const boss = new Boss({
    connectionString: opts.url,
    schema: BOSS_SCHEMA,
    application_name: 'tdg',
    max: 3,
    schedule: false,
    supervise: true,
    migrate: true,
    // Expired messages are found by maintenance: run it often enough for the timeout to mean something.
    maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.floor(opts.jobTimeoutS / 4))),
  })
  const queue = new PgBossJobQueue(db, boss, opts)
  boss.on('error', (e) => queue.onBossError(e))
  try {
    await boss.start()
    await boss.createQueue(JOB_QUEUE, { name: JOB_QUEUE, policy: 'standard', ...queue.messageOptions() })
  } catch (e) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined)
    throw e
  }
  return queue
}

interface Message {
  jobId: string
}

/**
 * The queue of a PostgreSQL state store, shared by every `tdg serve` and `tdg worker` on it: pg-boss
 * holds one message per queued job and hands each to one process at a time (its `fetch` locks the
 * message); the job's row in `tdg_jobs` stays the truth. A process that gets a message takes the job's
 * advisory lock (`job-lock.ts`, held on its own connection for the whole run), then decides from the row
 * (`decideDelivery`): a job whose lock another process holds is alive there and is looked at again later;
 * a `running` job whose lock is free lost its worker. Exactly once: the lock keeps two attempts apart,
 * the conditional claim (`claimJob`) keeps two claimants apart, a dead worker's transaction rolls back.
 */
export class PgBossJobQueue implements JobQueue {
  readonly shared = true
  private ctx: QueueContext | undefined
  private readonly active = new Map<string, Promise<void>>()
  private taking = true
  private wake: (() => void) | undefined

  constructor(private readonly db: Knex, private readonly boss: PgBoss, private readonly opts: PgBossQueueOptions) {}

  /** The options of every message: the job timeout as pg-boss's expiry, pg-boss's own redelivery policy. */
  messageOptions(): { expireInSeconds: number; retryLimit: number; retryDelay: number; retryBackoff: boolean } {
    return { expireInSeconds: this.opts.jobTimeoutS, retryLimit: BOSS_RETRY_LIMIT, retryDelay: 1, retryBackoff: true }
  }

  onBossError(e: unknown): void {
    this.ctx?.log.error({ err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'job queue (pg-boss) failed')
  }

  async enqueue(job: StoredJob, trx?: Knex.Transaction): Promise<void> {
    if (trx) return this.enqueueIn(trx, job)
    await this.db.transaction((t) => this.enqueueIn(t, job))
  }

  private async enqueueIn(trx: Knex.Transaction, job: StoredJob): Promise<void> {
    await insertJob(trx, job)
    // pg-boss writes its message on this transaction's own connection: the row and the message commit together.
    const conn = (await (trx as unknown as { client: { acquireConnection(): Promise<{ query(text: string, values: unknown[]): Promise<{ rows: unknown[] }> }> } }).client.acquireConnection())
    await this.boss.send(JOB_QUEUE, { jobId: job.id }, { ...this.messageOptions(), db: { executeSql: (text: string, values: unknown[]) => conn.query(text, values) } })
  }

  async start(ctx: QueueContext): Promise<string[]> {
    this.ctx = ctx
    await this.adoptStrays()
    void this.loop()
    // Nothing to mark interrupted: a job a dead process left `running` is found by its free lock when its message comes round.
    return []
  }

  /**
   * Give a message to every unfinished job (a fanned-out seed's own row aside) that has none waiting or active: jobs queued before this store
   * had a shared queue, or whose messages pg-boss gave up on. Two processes starting together may both
   * send one: a second delivery finds the job taken or final, so it costs a look.
   */
  private async adoptStrays(): Promise<void> {
    const rows = (await this.db.raw(
      `SELECT j.id FROM tdg_jobs j WHERE j.status IN ('queued', 'running') AND j.fanout IS NULL
         AND NOT EXISTS (SELECT 1 FROM ${BOSS_SCHEMA}.job b WHERE b.name = ? AND b.state < 'completed' AND b.data->>'jobId' = j.id)`,
      [JOB_QUEUE],
    )) as { rows: Array<{ id: string }> }
    for (const { id } of rows.rows) {
      this.ctx?.log.warn({ jobId: id }, 'job queue: an unfinished job had no message; queued again')
      await this.boss.send(JOB_QUEUE, { jobId: id }, this.messageOptions())
    }
  }

  poke(): void {
    this.wake?.()
  }

  async stopTaking(): Promise<void> {
    this.taking = false
    this.poke()
  }

  async close(): Promise<void> {
    this.taking = false
    this.poke()
    await Promise.all(this.active.values())
    await this.boss.stop({ graceful: false, wait: true, close: true }).catch(() => undefined)
  }

  private async loop(): Promise<void> {
    const ctx = this.ctx!
    while (this.taking) {
      try {
        const free = ctx.concurrency - this.active.size
        if (free > 0) {
          const messages = await this.boss.fetch<Message>(JOB_QUEUE, { batchSize: free })
          for (const m of messages) this.handle(m)
          if (messages.length > 0) continue
        }
      } catch (e) {
        this.onBossError(e)
      }
      if (!this.taking) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.opts.pollMs ?? 1000)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.wake = undefined
    }
  }

  /** One message: delivered, then completed; a failure of the state store fails it, and pg-boss delivers it again later. */
  private handle(m: PgBoss.Job<Message>): void {
    const ctx = this.ctx!
    const done = (async () => {
      try {
        if (!this.taking) throw new Error('this process is stopping')
        await this.deliver(m.data.jobId)
        await this.boss.complete(JOB_QUEUE, m.id)
      } catch (e) {
        ctx.log.warn({ jobId: m.data.jobId, err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'job queue: delivery failed; pg-boss delivers it again later')
        await this.boss.fail(JOB_QUEUE, m.id, { message: redactText(String((e as Error)?.message ?? e)) }).catch(() => undefined)
      }
    })().finally(() => {
      this.active.delete(m.id)
      this.poke()
    })
    this.active.set(m.id, done)
  }

  private async deliver(jobId: string): Promise<void> {
    const ctx = this.ctx!
    const lock = await takeJobLock(this.opts.url, jobId)
    if (!lock) {
      // Another process holds the job: alive there. Look again later, when that process may have died.
      const job = await getJob(this.db, jobId)
      if (job && !isFinal(job.status)) await this.boss.send(JOB_QUEUE, { jobId }, { ...this.messageOptions(), startAfter: Math.max(1, Math.min(60, this.opts.jobTimeoutS)) })
      return
    }
    try {
      const job = await getJob(this.db, jobId)
      // A fanned-out seed runs in its shard jobs (fan-out.ts): a stray message of its own has nothing to run.
      if (job?.fanout) return
      const recorded = job?.status === 'running' && job.runId ? await runRecorded(this.db, job.runId) : undefined
      const now = new Date().toISOString()
      await match(decideDelivery(job, this.opts.retries, recorded !== undefined))
        .with('skip', async () => undefined)
        .with('run', 'retry', async (d) => {
          const claimed = await claimJob(this.db, job!, ulid(), now)
          if (!claimed) return
          if (d === 'retry') {
            ctx.log.warn({ jobId, attempt: claimed.attempts }, 'job: its worker died mid-run (its transaction rolled back); running it again')
            await ctx.lost(job!, new TdgError('TDG_WORKER_LOST', `the worker of attempt ${job!.attempts} stopped mid-run; its transaction was rolled back; the job runs again`), 'interrupted')
          }
          await ctx.run(claimed, lock.lost)
        })
        .with('give-up', async () => {
          const tries = job!.attempts ?? 0
          const error = new TdgError('TDG_WORKER_LOST', `the worker stopped mid-run ${tries} time${tries === 1 ? '' : 's'} (each transaction rolled back); no attempts left (--retries ${this.opts.retries})`)
          if (await updateJob(this.db, jobId, { status: 'failed', finishedAt: now, error: { code: error.code, message: error.message } }, ['running'])) await ctx.lost(job!, error, 'failed')
        })
        .with('cancel', async () => {
          const error = new TdgError('TDG_INTERRUPTED', 'cancelled; the run was rolled back')
          if (await updateJob(this.db, jobId, { status: 'cancelled', finishedAt: now, error: { code: error.code, message: error.message } }, ['running'])) await ctx.lost(job!, error, 'interrupted')
        })
        .with('recorded', async () => {
          const status = recorded === 'ok' ? 'ok' : recorded === 'failed' ? 'failed' : 'interrupted'
          ctx.log.warn({ jobId, status }, 'job: its worker died after recording the run; the job takes the recorded outcome')
          await updateJob(this.db, jobId, { status, finishedAt: now, ...(status === 'ok' ? {} : { error: { code: 'TDG_WORKER_LOST', message: 'the worker stopped after recording the run (see its audit record)' } }) }, ['running'])
        })
        .exhaustive()
    } finally {
      await lock.release()
    }
  }
}

/** The outcome of the audit record `runId`, when it exists. */
async function runRecorded(db: Knex, runId: string): Promise<string | undefined> {
  const row = (await db('tdg_runs').where('id', runId).first('outcome')) as { outcome: string } | undefined
  return row?.outcome
}
