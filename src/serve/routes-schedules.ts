import type { Knex } from 'knex'
import { TdgError } from '../errors.js'
import { scheduleCreateSchema, scheduleListSchema, schedulePatchSchema, scheduleSchema, type ScheduleCreate, type SchedulePatch } from '../schedule/schedule-schema.js'
import { createSchedule, deleteSchedule, listSchedules, recordFiring, requireSchedule, scheduleView, updateSchedule } from '../schedule/schedule-store.js'
import { scheduleActor } from '../schedule/scheduler.js'
import type { AllowLists } from './allow-list.js'
import { jobSchema } from './job-schema.js'
import { jobView } from './job-view.js'
import type { JobRunner } from './job-runner.js'
import type { RouteDef } from './route-def.js'
import { checkJobAllowed } from './run-job.js'

/** What the routes tell the scheduler: schedules changed, read them now. */
export interface ScheduleListener {
  changed(): void
}

const nameOf = (req: { params: unknown }) => (req.params as { name: string }).name

/**
 * The routes under /v1/schedules (the contract the dashboard uses): CRUD, pause, resume, and run now.
 * A schedule's job is checked against the allow-lists when it is added or changed, as POST /v1/jobs is.
 */
export function scheduleRoutes(db: Knex, runner: JobRunner, scheduler: ScheduleListener, allow: AllowLists): RouteDef[] {
  const one = { 200: { description: 'the schedule', schema: scheduleSchema } }
  const setEnabled = async (name: string, enabled: boolean) => {
    const s = await updateSchedule(db, name, { enabled })
    scheduler.changed()
    return scheduleView(s)
  }
  return [
    {
      method: 'GET',
      url: '/v1/schedules',
      summary: 'every schedule, by name, with its last run and outcome and its next three runs',
      scope: 'jobs:read',
      responses: { 200: { description: 'the schedules', schema: scheduleListSchema } },
      async handler() {
        const now = new Date()
        return { schedules: (await listSchedules(db)).map((s) => scheduleView(s, now)) }
      },
    },
    {
      method: 'POST',
      url: '/v1/schedules',
      summary: 'add a schedule: a cron (seconds optional) in a time zone that queues a job (a POST /v1/jobs body)',
      scope: 'jobs:write',
      body: scheduleCreateSchema,
      responses: { 201: { description: 'added', schema: scheduleSchema } },
      async handler(_req, reply, { body }) {
        const input = body as ScheduleCreate
        checkJobAllowed(input.job, allow)
        const s = await createSchedule(db, input)
        scheduler.changed()
        return reply.code(201).header('location', `/v1/schedules/${s.name}`).send(scheduleView(s))
      },
    },
    {
      method: 'GET',
      url: '/v1/schedules/:name',
      summary: 'one schedule',
      scope: 'jobs:read',
      responses: one,
      async handler(req) {
        return scheduleView(await requireSchedule(db, nameOf(req)))
      },
    },
    {
      method: 'PATCH',
      url: '/v1/schedules/:name',
      summary: 'change any of cron, tz, job, missed, jitterSeconds, enabled',
      scope: 'jobs:write',
      body: schedulePatchSchema,
      responses: one,
      async handler(req, _reply, { body }) {
        const patch = body as SchedulePatch
        if (patch.job) checkJobAllowed(patch.job, allow)
        const s = await updateSchedule(db, nameOf(req), patch)
        scheduler.changed()
        return scheduleView(s)
      },
    },
    {
      method: 'DELETE',
      url: '/v1/schedules/:name',
      summary: 'remove a schedule (its jobs and their audit records stay)',
      scope: 'jobs:write',
      responses: { 204: { description: 'removed' } },
      async handler(req, reply) {
        await deleteSchedule(db, nameOf(req))
        scheduler.changed()
        return reply.code(204).send()
      },
    },
    {
      method: 'POST',
      url: '/v1/schedules/:name/pause',
      summary: 'pause a schedule: it fires no more until resumed',
      scope: 'jobs:write',
      responses: one,
      async handler(req) {
        return setEnabled(nameOf(req), false)
      },
    },
    {
      method: 'POST',
      url: '/v1/schedules/:name/resume',
      summary: 'resume a paused schedule from its next time on (missed times are not caught up)',
      scope: 'jobs:write',
      responses: one,
      async handler(req) {
        return setEnabled(nameOf(req), true)
      },
    },
    {
      method: 'POST',
      url: '/v1/schedules/:name/run',
      summary: "queue the schedule's job now, once (409 while its previous job is queued or running)",
      scope: 'jobs:write',
      responses: { 202: { description: 'the job queued', schema: jobSchema } },
      async handler(req, reply) {
        const s = await requireSchedule(db, nameOf(req))
        if (!runner.accepting) throw new TdgError('TDG_STATE_FAILED', 'the server is shutting down and takes no new jobs')
        checkJobAllowed(s.job, allow)
        const busy = (await db('tdg_jobs').where('created_by', scheduleActor(s.name)).whereIn('status', ['queued', 'running']).first('id')) as { id: string } | undefined
        if (busy) throw new TdgError('TDG_SCHEDULE_CONFLICT', `schedule '${s.name}': its previous job ${busy.id} is still queued or running`)
        const job = await runner.submit(s.job, scheduleActor(s.name))
        await recordFiring(db, s.name, { jobId: job.id, at: new Date() })
        return reply.code(202).header('location', `/v1/jobs/${job.id}`).send(jobView(job))
      },
    },
  ]
}
