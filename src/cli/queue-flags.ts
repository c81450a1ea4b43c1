import { TdgError } from '../errors.js'
import type { QueueSettings } from '../serve/open-job-queue.js'

export interface QueueFlags {
  jobTimeout: string
  retries: string
}

/** A whole number flag from `min` to `max`; TDG_USAGE naming the flag otherwise. */
export function wholeFlag(flag: string, text: string, min: number, max: number): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new TdgError('TDG_USAGE', `${flag} must be a whole number from ${min} to ${max}, got '${text}'`)
  return n
}

/** `--job-timeout` of `tdg serve` and `tdg worker` (it matters with a PostgreSQL state store): `.option(...JOB_TIMEOUT_OPTION)`. */
export const JOB_TIMEOUT_OPTION = ['--job-timeout <seconds>', 'PostgreSQL state store: a job silent this long is presumed to have lost its worker and is delivered again (a job still running is never run twice)', '3600'] as const

/** `--retries` of `tdg serve` and `tdg worker` (it matters with a PostgreSQL state store). */
export const RETRIES_OPTION = ['--retries <n>', 'PostgreSQL state store: more attempts for a job whose worker died mid-run (then failed, TDG_WORKER_LOST)', '2'] as const

/** The queue settings the flags give (pg-boss caps an expiry at 24 h). */
export function queueSettings(flags: QueueFlags): QueueSettings {
  return { jobTimeoutS: wholeFlag('--job-timeout', flags.jobTimeout, 1, 86_399), retries: wholeFlag('--retries', flags.retries, 0, 20) }
}
