import { createReadStream, readdirSync, realpathSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Knex } from 'knex'
import { z } from 'zod'
import { canonicalJson } from '../audit/audit-record.js'
import { TdgError } from '../errors.js'
import { isInside } from './allow-list.js'
import { isFinal, jobListQuerySchema, jobListSchema, jobRequestSchema, jobSchema, type JobRequest } from './job-schema.js'
import { childJobs, getJob, jobByIdempotencyKey, listJobs, type StoredJob } from './job-store.js'
import { jobView } from './job-view.js'
import type { JobEvent, JobRunner } from './job-runner.js'
import { checkJobAllowed } from './run-job.js'
import type { AllowLists } from './allow-list.js'
import type { RouteDef } from './route-def.js'

/** How often an SSE stream sends progress at most (ms). */
const SSE_INTERVAL_MS = 100

async function jobOr404(db: Knex, id: string): Promise<StoredJob> {
  const job = await getJob(db, id)
  if (!job) throw new TdgError('TDG_API_NOT_FOUND', `no job ${id.slice(0, 40)}`)
  return job
}

/** The routes under /v1/jobs; `req.tokenName` is the name of the token the route layer (server.ts) authorized. */
export function jobRoutes(db: Knex, runner: JobRunner, allow: AllowLists): RouteDef[] {
  return [
    {
      method: 'POST',
      url: '/v1/jobs',
      summary: 'queue a job (seed | generate | export | clone | mask | profile) with the options of the CLI command; Idempotency-Key returns the same job for the same key',
      scope: 'jobs:write',
      body: jobRequestSchema,
      headers: { 'Idempotency-Key': 'the same key (per token) and body returns the job created first instead of a new one' },
      responses: { 201: { description: 'queued', schema: jobSchema }, 200: { description: 'the job an earlier request with this Idempotency-Key created', schema: jobSchema } },
      async handler(req, reply, { body }) {
        const request = body as JobRequest
        const actor = (req as { tokenName?: string }).tokenName!
        if (!runner.accepting) throw new TdgError('TDG_STATE_FAILED', 'the server is shutting down and takes no new jobs')
        checkJobAllowed(request, allow)
        const keyHeader = req.headers['idempotency-key']
        const key = typeof keyHeader === 'string' && keyHeader !== '' ? `${actor}:${keyHeader.slice(0, 200)}` : undefined
        if (key) {
          const earlier = await jobByIdempotencyKey(db, key)
          if (earlier) {
            if (canonicalJson(earlier.request) !== canonicalJson(request)) throw new TdgError('TDG_API_CONFLICT', 'this Idempotency-Key was used with another request body')
            return reply.code(200).send(jobView(earlier))
          }
        }
        let job: StoredJob
        try {
          job = await runner.submit(request, actor, key)
        } catch (e) {
          // Two requests with one key at once: the second loses on the unique key and returns the first's job.
          const earlier = key ? await jobByIdempotencyKey(db, key) : undefined
          if (!earlier) throw e
          return reply.code(200).send(jobView(earlier))
        }
        return reply.code(201).header('location', `/v1/jobs/${job.id}`).send(jobView(job))
      },
    },
    {
      method: 'GET',
      url: '/v1/jobs',
      summary: 'list jobs, newest first; filter by status and kind; paginate with limit and cursor',
      scope: 'jobs:read',
      query: jobListQuerySchema,
      responses: { 200: { description: 'a page of jobs', schema: jobListSchema } },
      async handler(_req, _reply, { query }) {
        const q = query as z.infer<typeof jobListQuerySchema>
        const page = await listJobs(db, { ...q, limit: q.limit ?? 50 })
        return { jobs: page.jobs.map(jobView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) }
      },
    },
    {
      method: 'GET',
      url: '/v1/jobs/:id',
      summary: 'one job: status, per-table progress, summary, error code and message',
      scope: 'jobs:read',
      responses: { 200: { description: 'the job', schema: jobSchema } },
      async handler(req) {
        return jobView(await jobOr404(db, (req.params as { id: string }).id))
      },
    },
    {
      method: 'GET',
      url: '/v1/jobs/:id/shards',
      summary: 'the shard jobs of a seed job fanned out with shards: N, oldest first (every phase, re-runs included)',
      scope: 'jobs:read',
      responses: { 200: { description: 'its shard jobs', schema: jobListSchema } },
      async handler(req) {
        const job = await jobOr404(db, (req.params as { id: string }).id)
        return { jobs: (await childJobs(db, job.id)).map(jobView) }
      },
    },
    {
      method: 'POST',
      url: '/v1/jobs/:id/cancel',
      summary: 'cancel a job: a running one is aborted and its transaction rolled back (status cancelled)',
      scope: 'jobs:write',
      responses: { 202: { description: 'cancelling (a running job) or cancelled (a queued one)', schema: jobSchema } },
      async handler(req, reply) {
        const id = (req.params as { id: string }).id
        const job = await jobOr404(db, id)
        if (isFinal(job.status) || !(await runner.cancel(id))) throw new TdgError('TDG_API_CONFLICT', `job ${id} is ${job.status}: nothing to cancel`)
        return reply.code(202).send(jobView((await getJob(db, id))!))
      },
    },
    {
      method: 'GET',
      url: '/v1/jobs/:id/events',
      summary: 'server-sent events: `state` (the job now), `progress` while it runs, `end` with the final state',
      scope: 'jobs:read',
      responses: { 200: { description: 'an event stream', contentType: 'text/event-stream' } },
      async handler(req, reply) {
        const id = (req.params as { id: string }).id
        await jobOr404(db, id)
        streamEvents(db, runner, id, req.raw, reply.raw)
        reply.hijack()
        return reply
      },
    },
    {
      method: 'GET',
      url: '/v1/jobs/:id/artifacts/*',
      summary: "a file a generate, export or profile job wrote to its output directory (an empty path lists them); nothing outside that directory",
      scope: 'jobs:read',
      responses: { 200: { description: 'the file, or the list of files for an empty path', contentType: 'application/octet-stream' } },
      async handler(req, reply) {
        const { id, '*': path } = req.params as { id: string; '*': string }
        const job = await jobOr404(db, id)
        const request = job.request
        if ((request.kind !== 'generate' && request.kind !== 'export' && request.kind !== 'profile') || job.status !== 'ok') throw new TdgError('TDG_API_NOT_FOUND', `job ${id} has no artifacts (only a finished generate, export or profile job has)`)
        const root = realpathSync(resolve(request.output))
        if (path === '' || path === undefined) return { files: readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => relative(root, join(d.parentPath, d.name))).sort() }
        const file = resolve(root, path)
        let real: string
        try {
          real = realpathSync(file)
        } catch {
          real = file
        }
        if (path.includes('\0') || !isInside(root, file) || !isInside(root, real) || real === root) throw new TdgError('TDG_API_FORBIDDEN', 'the artifact path leaves the job\'s output directory')
        let st
        try {
          st = statSync(real)
        } catch {
          throw new TdgError('TDG_API_NOT_FOUND', `no artifact ${path.slice(0, 200)}`)
        }
        if (!st.isFile()) throw new TdgError('TDG_API_NOT_FOUND', `no artifact ${path.slice(0, 200)}`)
        return reply.type(contentType(real)).header('content-length', st.size).send(createReadStream(real))
      },
    },
  ]
}

function contentType(file: string): string {
  if (file.endsWith('.json')) return 'application/json'
  if (file.endsWith('.csv')) return 'text/csv; charset=utf-8'
  if (file.endsWith('.ndjson')) return 'application/x-ndjson'
  if (file.endsWith('.sql')) return 'application/sql'
  return 'application/octet-stream'
}

/**
 * Stream job `id`'s events: `state` first, then `progress` (at most every 100 ms), then `end` with the
 * final job, and close. Subscribed before the state is read, so no end can slip between the two.
 */
function streamEvents(db: Knex, runner: JobRunner, id: string, req: NodeJS.EventEmitter, res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' })
  const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  let pending: JobEvent | undefined
  let timer: NodeJS.Timeout | undefined
  let ended = false
  const finish = (job: StoredJob) => {
    if (ended) return
    ended = true
    clearTimeout(timer)
    unsubscribe()
    if (pending?.type === 'progress') send('progress', pending.progress)
    send('end', jobView(job))
    res.end()
  }
  const unsubscribe = runner.subscribe(id, (e) => {
    if (e.type === 'end') return finish(e.job)
    pending = e
    timer ??= setTimeout(() => {
      timer = undefined
      if (pending?.type === 'progress' && !ended) send('progress', pending.progress)
      pending = undefined
    }, SSE_INTERVAL_MS)
  })
  req.on('close', () => {
    ended = true
    clearTimeout(timer)
    unsubscribe()
  })
  void getJob(db, id).then((job) => {
    if (!job || ended) return
    send('state', jobView(job))
    if (isFinal(job.status)) finish(job)
  })
}
