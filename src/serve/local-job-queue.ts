import type { Knex } from 'knex'
import { redactText } from '../adapter/redact-url.js'
import { TdgError } from '../errors.js'
import { ulid } from '../state/ulid.js'
import type { JobQueue, QueueContext } from './job-queue.js'
import { claimJob, getJob, insertJob, interruptOrphans, jobIdsWithStatus, type StoredJob } from './job-store.js'

/**
 * The queue of a state store one process serves (SQLite, MySQL): `tdg_jobs` itself, read oldest first.
 * A job left `running` at start belonged to a server that died: it is marked `interrupted` (its
 * transaction was rolled back by its database) and audited, never run again.
 */
export class LocalJobQueue implements JobQueue {
  readonly shared = false
  private ctx: QueueContext | undefined
  private readonly claimed = new Set<string>()
  private taking = true
  private pumping = false

  constructor(private readonly db: Knex) {}

  async enqueue(job: StoredJob, trx?: Knex.Transaction): Promise<void> {
    await insertJob(trx ?? this.db, job)
  }

  async start(ctx: QueueContext): Promise<string[]> {
    this.ctx = ctx
    const runIds = new Map<string, string>()
    const orphans = await interruptOrphans(this.db, new Date().toISOString(), (job) => {
      runIds.set(job.id, ulid())
      return runIds.get(job.id)!
    })
    for (const job of orphans) {
      ctx.log.warn({ jobId: job.id }, 'job was running when the previous server stopped: marked interrupted')
      // The dead server wrote no audit record for the run: this one does, so no run goes unrecorded.
      await ctx.lost({ ...job, runId: runIds.get(job.id)! }, new TdgError('TDG_INTERRUPTED', 'server stopped'), 'interrupted')
    }
    this.poke()
    return orphans.map((j) => j.id)
  }

  poke(): void {
    void this.pump()
  }

  async stopTaking(): Promise<void> {
    this.taking = false
  }

  async close(): Promise<void> {}

  private async pump(): Promise<void> {
    const ctx = this.ctx
    if (!ctx || this.pumping) return
    this.pumping = true
    try {
      while (this.taking && this.claimed.size < ctx.concurrency) {
        const next = (await jobIdsWithStatus(this.db, 'queued', this.claimed.size + 1)).find((id) => !this.claimed.has(id))
        if (!next) break
        const job = await getJob(this.db, next)
        // Claimed only if still queued (a cancel may have come first).
        const claimed = job && (await claimJob(this.db, job, ulid(), new Date().toISOString()))
        if (!claimed) continue
        this.claimed.add(next)
        void ctx.run(claimed).catch((e: unknown) => ctx.log.error({ jobId: next, err: { message: redactText(String((e as Error)?.message ?? e)) } }, "the job's final state could not be written")).finally(() => {
          this.claimed.delete(next)
          this.poke()
        })
      }
    } catch (e) {
      ctx.log.error({ err: { message: redactText(String((e as Error)?.message ?? e)) } }, 'job queue: the state store failed')
    } finally {
      this.pumping = false
    }
  }
}
