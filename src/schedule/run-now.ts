import type { Knex } from 'knex'
import { TdgError, isTdgError } from '../errors.js'
import { progressReporter, fmt, seconds } from '../cli/progress-reporter.js'
import type { CliIo } from '../cli/io.js'
import { auditJob } from '../serve/job-audit.js'
import { runJob, type JobResult } from '../serve/run-job.js'
import { ulid } from '../state/ulid.js'
import { recordFiring, requireSchedule } from './schedule-store.js'
import { scheduleActor } from './scheduler.js'

/**
 * The CLI runs a job with the user's own rights, as `tdg seed` or `tdg clone` would: `serve.allow`
 * guards what API callers may reach and does not apply here.
 */
const EVERYTHING = { db: ['*'], output: ['/'] }

/**
 * `tdg schedule run NAME`: run the schedule's job in this process, now, with the CLI's progress; record
 * the run's audit (origin `schedule`, actor `schedule:<name>`) and the schedule's last run and outcome.
 * Refused (TDG_SCHEDULE_CONFLICT) while a job of the schedule is queued or running in a server. The
 * job's error is rethrown, so the exit code is the one its command would have.
 */
export async function runScheduleNow(db: Knex, name: string, io: CliIo, opts: { quiet: boolean }): Promise<JobResult> {
  const s = await requireSchedule(db, name)
  const busy = (await db('tdg_jobs').where('created_by', scheduleActor(name)).whereIn('status', ['queued', 'running']).first('id')) as { id: string } | undefined
  if (busy) throw new TdgError('TDG_SCHEDULE_CONFLICT', `schedule '${name}': its job ${busy.id} is still queued or running in a server`)
  const progress = await progressReporter({ quiet: opts.quiet })
  io.onInterrupt?.(() => progress.stop())
  const runId = ulid()
  const started = Date.now()
  await recordFiring(db, name, { jobId: null, runId, at: new Date(started) })
  let result: JobResult | undefined
  let error: unknown
  try {
    result = await runJob(s.job, { signal: io.signal ?? new AbortController().signal, onProgress: progress, allow: EVERYTHING })
  } catch (e) {
    error = e
  } finally {
    progress.stop()
  }
  const interrupted = io.signal?.aborted === true || (isTdgError(error) && error.code === 'TDG_INTERRUPTED')
  const outcome = result ? 'ok' : interrupted ? 'interrupted' : 'failed'
  await auditJob(db, { runId, request: s.job, createdBy: scheduleActor(name) }, started, { ...(result ? { result } : {}), ...(error !== undefined ? { error } : {}) }).catch((e: unknown) =>
    io.err(`tdg: warning: the audit record could not be written (${isTdgError(e) ? e.code : 'state store error'})\n`),
  )
  await recordFiring(db, name, { jobId: null, runId, at: new Date(started), outcome })
  if (!result) throw error
  io.out(`schedule '${name}': ${s.job.kind} ok, ${fmt(result.written.rows)} rows in ${seconds(result.ms)}${result.seed !== undefined ? `, seed ${result.seed}` : ''} (audit run ${runId})\n`)
  return result
}
