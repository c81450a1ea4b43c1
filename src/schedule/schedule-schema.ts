import { z } from 'zod'
import { jobRequestSchema } from '../serve/job-schema.js'

/** A schedule's name: a letter or digit, then letters, digits, `.`, `_`, `-` (at most 100). */
export const SCHEDULE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** What happens to scheduled times that passed while no `tdg serve` ran: nothing, or one catch-up run. */
export const MISSED_POLICIES = ['skip', 'once'] as const
export type MissedPolicy = (typeof MISSED_POLICIES)[number]

/** How the last firing of a schedule ended (`running` until its job ends; `skipped`: the previous run was still going). */
export const SCHEDULE_OUTCOMES = ['ok', 'failed', 'cancelled', 'interrupted', 'skipped', 'running'] as const
export type ScheduleOutcome = (typeof SCHEDULE_OUTCOMES)[number]

/** Largest jitter: one hour. */
export const MAX_JITTER_SECONDS = 3600

const name = z.string().regex(SCHEDULE_NAME, 'a letter or digit, then letters, digits, ".", "_" or "-" (at most 100)').describe('unique name of the schedule')
const cron = z.string().min(1).max(255).describe('cron expression: "m h dom mon dow", or six fields with seconds first')
const tz = z.string().min(1).max(64).describe('IANA time zone the cron is read in (default UTC)')
const missed = z.enum(MISSED_POLICIES).describe('after downtime: skip (default) runs nothing, once runs one catch-up')
const jitterSeconds = z.number().int().min(0).max(MAX_JITTER_SECONDS).describe('delay each firing by a deterministic [0, jitterSeconds) seconds (default 0)')

/** `POST /v1/schedules`. */
export const scheduleCreateSchema = z.strictObject({ name, cron, tz: tz.optional(), job: jobRequestSchema, missed: missed.optional(), jitterSeconds: jitterSeconds.optional() })
export type ScheduleCreate = z.infer<typeof scheduleCreateSchema>

/** `PATCH /v1/schedules/:name`: any of these. */
export const schedulePatchSchema = z.strictObject({ cron: cron.optional(), tz: tz.optional(), job: jobRequestSchema.optional(), missed: missed.optional(), jitterSeconds: jitterSeconds.optional(), enabled: z.boolean().optional() })
export type SchedulePatch = z.infer<typeof schedulePatchSchema>

/** A schedule as the API shows it (the job's URLs without their passwords). */
export const scheduleSchema = z.object({
  name: z.string(),
  cron: z.string(),
  tz: z.string(),
  job: z.record(z.string(), z.unknown()).describe('the POST /v1/jobs body it queues, URLs redacted'),
  enabled: z.boolean(),
  missed: z.enum(MISSED_POLICIES),
  jitterSeconds: z.number().int(),
  createdAt: z.string(),
  lastRunAt: z.string().nullable(),
  lastJobId: z.string().nullable(),
  lastOutcome: z.enum(SCHEDULE_OUTCOMES).nullable(),
  nextRuns: z.array(z.string()).describe('the next three times (UTC ISO); empty when paused'),
})
export type ScheduleView = z.infer<typeof scheduleSchema>

export const scheduleListSchema = z.object({ schedules: z.array(scheduleSchema) })
