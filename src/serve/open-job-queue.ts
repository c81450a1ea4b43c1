import type { Knex } from 'knex'
import { match } from 'ts-pattern'
import { redactText } from '../adapter/redact-url.js'
import { TdgError } from '../errors.js'
import { describeState, type StateLocation } from '../state/state-location.js'
import type { JobQueue } from './job-queue.js'
import { LocalJobQueue } from './local-job-queue.js'

/** The queue settings of `tdg serve` and `tdg worker` (`--job-timeout`, `--retries`); used by a shared queue only. */
export interface QueueSettings {
  /** Seconds before a silent job's message is delivered again (default 3600). */
  jobTimeoutS: number
  /** More attempts after a worker died mid-run (default 2). */
  retries: number
  /** How often an idle process asks a shared queue for work (ms; default 1000). */
  pollMs?: number
}

/**
 * The one place that decides where jobs queue, from the state store: a PostgreSQL store gets the shared
 * pg-boss queue (any number of `tdg serve` / `tdg worker` processes work it), SQLite and MySQL the queue
 * of this process alone. TDG_STATE_FAILED when pg-boss cannot start.
 */
export async function openJobQueue(loc: StateLocation, db: Knex, settings: QueueSettings): Promise<JobQueue> {
  return match(loc)
    .with({ kind: 'postgres' }, async (l) => {
      const { openPgBossQueue } = await import('./pg-boss-queue.js')
      return openPgBossQueue(db, { url: l.url, ...settings }).catch((e: unknown) => {
        throw new TdgError('TDG_STATE_FAILED', `the job queue in ${describeState(loc)} cannot be started: ${redactText(String((e as Error)?.message ?? e).split('\n')[0]!)}`, {}, { cause: e })
      })
    })
    .with({ kind: 'sqlite' }, { kind: 'mysql' }, async () => new LocalJobQueue(db))
    .exhaustive()
}
