import type { StoredJob } from './job-store.js'
import { isFinal } from './job-schema.js'

/**
 * What a worker does with one delivery of a job from the shared queue, decided from the job's row (read
 * while the worker holds the job's run lock, so no live process is running it):
 * - `skip`: nothing to do (unknown job, or already final: a duplicate or late delivery);
 * - `run`: claim it and run it (first attempt);
 * - `retry`: the worker of the previous attempt died mid-run (the row says `running`, yet nobody holds the
 *   lock): its transaction was rolled back by its database; record the lost attempt, claim and run again;
 * - `give-up`: as `retry`, but the attempts are used up: the job becomes `failed` (TDG_WORKER_LOST);
 * - `cancel`: as `retry`, but a server had asked for a cancel: the job becomes `cancelled`;
 * - `recorded`: the previous attempt finished and wrote its audit record, then died before the job's final
 *   state: the record says how it ended (a committed run must not run again); the row takes that outcome.
 */
export type Delivery = 'skip' | 'run' | 'retry' | 'give-up' | 'cancel' | 'recorded'

/**
 * `retries`: how many more attempts a job gets after its worker died (0: none); `recorded`: whether the
 * audit record of the row's current run (`runId`) exists.
 */
export function decideDelivery(job: StoredJob | undefined, retries: number, recorded = false): Delivery {
  if (!job || isFinal(job.status)) return 'skip'
  if (job.status === 'queued') return 'run'
  if (recorded) return 'recorded'
  if (job.cancelRequested) return 'cancel'
  return (job.attempts ?? 0) <= retries ? 'retry' : 'give-up'
}
