import type { FastifyBaseLogger } from 'fastify'
import type { Knex } from 'knex'
import type { TdgError } from '../errors.js'
import type { StoredJob } from './job-store.js'

/**
 * What a queue asks of the runner that owns it. `run` executes a claimed job (its row already
 * `running`) to its final state; `lost` makes the audit record of an attempt whose process died (under
 * `job.runId`, the lost attempt's run) and tells local listeners the row's state;
 * `abort` (when given to `run`) fires if the queue can no longer vouch that no other process runs the
 * job (its lock's connection broke): the run is then cancelled and rolled back.
 */
export interface QueueContext {
  concurrency: number
  log: FastifyBaseLogger
  run(job: StoredJob, abort?: AbortSignal): Promise<void>
  lost(job: StoredJob, error: TdgError, outcome: 'interrupted' | 'failed'): Promise<void>
}

/**
 * How queued jobs reach a process that runs them: the seam between `JobRunner` (running, progress, cancel,
 * audit) and where the queue lives. `LocalJobQueue` (local-job-queue.ts) is this process alone over
 * `tdg_jobs`; `PgBossJobQueue` (pg-boss-queue.ts) shares the work of a PostgreSQL state store among every
 * `tdg serve` and `tdg worker` on it. `openJobQueue` (open-job-queue.ts) picks one from the state store.
 */
export interface JobQueue {
  /** Jobs may run in other processes: cancels and progress of jobs not running here go through the row. */
  readonly shared: boolean
  /**
   * Store `job` (status `queued`) and make it deliverable, as one step: no queued row without a delivery.
   * With `trx` (a transaction on the state store) both are part of it: they commit or roll back with it.
   */
  enqueue(job: StoredJob, trx?: Knex.Transaction): Promise<void>
  /** Start delivering jobs to `ctx.run`, at most `ctx.concurrency` at once; returns the ids of jobs found orphaned and marked interrupted. */
  start(ctx: QueueContext): Promise<string[]>
  /** Something changed here (a job queued, a slot freed): look for work now. */
  poke(): void
  /** Take no more jobs (running ones go on). */
  stopTaking(): Promise<void>
  /** Release the queue's connections; called once nothing runs. */
  close(): Promise<void>
}
