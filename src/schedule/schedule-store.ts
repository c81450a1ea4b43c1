import type { Knex } from 'knex'
import { canonicalJson } from '../audit/audit-record.js'
import { knownSecrets, redactOptions } from '../audit/redact-options.js'
import { TdgError } from '../errors.js'
import { jobRequestSchema, type JobRequest } from '../serve/job-schema.js'
import { ulid } from '../state/ulid.js'
import { checkTimeZone, DEFAULT_TZ, nextRuns, parseCron } from './cron.js'
import { MAX_JITTER_SECONDS, SCHEDULE_NAME, type MissedPolicy, type ScheduleOutcome, type SchedulePatch, type ScheduleView } from './schedule-schema.js'

const SCHEDULES = 'tdg_schedules'

/** A schedule as stored: its job with the URLs as given (needed to run it). */
export interface StoredSchedule {
  id: string
  name: string
  cron: string
  tz: string
  job: JobRequest
  enabled: boolean
  missed: MissedPolicy
  jitterSeconds: number
  createdAt: string
  updatedAt: string | null
  /** The scheduled (not jittered) time of the last firing, skipped ones included. */
  lastFiredFor: string | null
  lastRunAt: string | null
  lastJobId: string | null
  lastRunId: string | null
  lastOutcome: ScheduleOutcome | null
}

interface Row {
  id: string
  name: string
  cron: string
  tz: string
  job: string
  enabled: boolean | number
  missed: string
  jitter_seconds: number
  created_at: string
  updated_at: string | null
  last_fired_for: string | null
  last_run_at: string | null
  last_job_id: string | null
  last_run_id: string | null
  last_outcome: string | null
}

function fromRow(r: Row): StoredSchedule {
  return {
    id: r.id,
    name: r.name,
    cron: r.cron,
    tz: r.tz,
    job: JSON.parse(r.job) as JobRequest,
    enabled: r.enabled === true || Number(r.enabled) === 1,
    missed: r.missed as MissedPolicy,
    jitterSeconds: Number(r.jitter_seconds),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastFiredFor: r.last_fired_for,
    lastRunAt: r.last_run_at,
    lastJobId: r.last_job_id,
    lastRunId: r.last_run_id,
    lastOutcome: r.last_outcome as ScheduleOutcome | null,
  }
}

const invalid = (field: string, message: string) => new TdgError('TDG_SCHEDULE_INVALID', message, { field })

/** TDG_SCHEDULE_INVALID naming `name` unless it is a valid schedule name. */
export function checkName(name: string): string {
  if (!SCHEDULE_NAME.test(name)) throw invalid('name', `name '${name.slice(0, 80)}' is not valid: a letter or digit, then letters, digits, ".", "_" or "-" (at most 100)`)
  return name
}

/** Validate a job (a POST /v1/jobs body); TDG_SCHEDULE_INVALID naming `job.<path>` and the first problems. */
export function checkJob(job: unknown, where = 'job'): JobRequest {
  const r = jobRequestSchema.safeParse(job)
  if (r.success) return r.data
  const issues = r.error.issues.slice(0, 3).map((i) => `${where.endsWith(':') ? `${where} ${i.path.map(String).join('.') || 'the job'}` : [where, ...i.path.map(String)].join('.')}: ${i.message}`)
  throw invalid('job', `invalid ${issues.join('; ')}`)
}

function checkJitter(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_JITTER_SECONDS) throw invalid('jitterSeconds', `jitter ${n}: expected whole seconds from 0 to ${MAX_JITTER_SECONDS}`)
  return n
}

/** The schedule `name`, or undefined. */
export async function getSchedule(db: Knex, name: string): Promise<StoredSchedule | undefined> {
  const row = (await db(SCHEDULES).where('name', name).first()) as Row | undefined
  return row ? fromRow(row) : undefined
}

/** The schedule `name`; TDG_SCHEDULE_NOT_FOUND otherwise. */
export async function requireSchedule(db: Knex, name: string): Promise<StoredSchedule> {
  const s = await getSchedule(db, name)
  if (!s) throw new TdgError('TDG_SCHEDULE_NOT_FOUND', `no schedule '${name.slice(0, 100)}' (see tdg schedule list)`)
  return s
}

/** Every schedule, by name. */
export async function listSchedules(db: Knex): Promise<StoredSchedule[]> {
  return ((await db(SCHEDULES).orderBy('name').select()) as Row[]).map(fromRow)
}

/**
 * Add a schedule (enabled). Every field is checked first (TDG_SCHEDULE_INVALID naming it); a taken
 * name is TDG_SCHEDULE_CONFLICT, also when another process adds the same name at the same moment.
 */
export async function createSchedule(db: Knex, input: { name: string; cron: string; tz?: string; job: unknown; missed?: MissedPolicy; jitterSeconds?: number }, now = new Date()): Promise<StoredSchedule> {
  const name = checkName(input.name)
  const tz = checkTimeZone(input.tz ?? DEFAULT_TZ)
  const cron = parseCron(input.cron, tz)
  const job = checkJob(input.job)
  const jitter = checkJitter(input.jitterSeconds ?? 0)
  const taken = () => new TdgError('TDG_SCHEDULE_CONFLICT', `a schedule named '${name}' exists already (tdg schedule remove ${name}, or choose another name)`, { field: 'name' })
  if (await getSchedule(db, name)) throw taken()
  const at = now.toISOString()
  try {
    await db(SCHEDULES).insert({
      id: ulid(),
      name,
      cron: input.cron.trim(),
      tz,
      job: canonicalJson(job),
      enabled: true,
      missed: input.missed ?? 'skip',
      jitter_seconds: jitter,
      created_at: at,
      updated_at: at,
      next_run_at: nextRuns(cron, 1, now)[0]?.toISOString() ?? null,
    })
  } catch (e) {
    if (await getSchedule(db, name)) throw taken()
    throw e
  }
  return (await getSchedule(db, name))!
}

/** Change a schedule (the fields given, each checked as on create); the changed schedule. */
export async function updateSchedule(db: Knex, name: string, patch: SchedulePatch, now = new Date()): Promise<StoredSchedule> {
  const current = await requireSchedule(db, name)
  const tz = patch.tz !== undefined ? checkTimeZone(patch.tz) : current.tz
  const cronText = patch.cron !== undefined ? patch.cron.trim() : current.cron
  const cron = parseCron(cronText, tz)
  const set: Record<string, unknown> = { updated_at: now.toISOString(), cron: cronText, tz }
  if (patch.job !== undefined) set.job = canonicalJson(checkJob(patch.job))
  if (patch.missed !== undefined) set.missed = patch.missed
  if (patch.jitterSeconds !== undefined) set.jitter_seconds = checkJitter(patch.jitterSeconds)
  if (patch.enabled !== undefined) set.enabled = patch.enabled
  const enabled = patch.enabled ?? current.enabled
  set.next_run_at = enabled ? (nextRuns(cron, 1, now)[0]?.toISOString() ?? null) : null
  await db(SCHEDULES).where('name', name).update(set)
  return (await getSchedule(db, name))!
}

/** Remove a schedule; TDG_SCHEDULE_NOT_FOUND when there is none. Its jobs and audit records stay. */
export async function deleteSchedule(db: Knex, name: string): Promise<void> {
  if ((await db(SCHEDULES).where('name', name).delete()) === 0) await requireSchedule(db, name)
}

/** A firing queued job `jobId` for scheduled time `firedFor` (undefined: a run by hand). */
export async function recordFiring(db: Knex, name: string, f: { firedFor?: Date; jobId: string | null; runId?: string; at: Date; outcome?: ScheduleOutcome }): Promise<void> {
  await db(SCHEDULES)
    .where('name', name)
    .update({ ...(f.firedFor ? { last_fired_for: f.firedFor.toISOString() } : {}), last_run_at: f.at.toISOString(), last_job_id: f.jobId, last_run_id: f.runId ?? null, last_outcome: f.outcome ?? 'running' })
}

/** A firing at `firedFor` was skipped (the previous run still going): the last run's job and time stay. */
export async function recordSkipped(db: Knex, name: string, firedFor: Date): Promise<void> {
  await db(SCHEDULES).where('name', name).update({ last_fired_for: firedFor.toISOString(), last_outcome: 'skipped' })
}

/** Job `jobId` of the schedule ended with `outcome`; changes nothing when a later firing came since. */
export async function recordOutcome(db: Knex, name: string, jobId: string, outcome: ScheduleOutcome): Promise<boolean> {
  return (await db(SCHEDULES).where({ name, last_job_id: jobId, last_outcome: 'running' }).update({ last_outcome: outcome })) > 0
}

/** A schedule as the API shows it: the job redacted, the next three runs (none when paused). */
export function scheduleView(s: StoredSchedule, now = new Date()): ScheduleView {
  return {
    name: s.name,
    cron: s.cron,
    tz: s.tz,
    job: redactOptions(s.job as Record<string, unknown>, knownSecrets()),
    enabled: s.enabled,
    missed: s.missed,
    jitterSeconds: s.jitterSeconds,
    createdAt: s.createdAt,
    lastRunAt: s.lastRunAt,
    lastJobId: s.lastJobId,
    lastOutcome: s.lastOutcome,
    nextRuns: s.enabled ? nextRuns(parseCron(s.cron, s.tz), 3, now).map((d) => d.toISOString()) : [],
  }
}
