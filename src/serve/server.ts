import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import type { Knex } from 'knex'
import { redactText } from '../adapter/redact-url.js'
import { TdgError } from '../errors.js'
import type { AllowLists } from './allow-list.js'
import { authorize } from './auth.js'
import { JobRunner } from './job-runner.js'
import type { JobQueue } from './job-queue.js'
import { sendProblem } from './problem.js'
import type { RouteDef } from './route-def.js'
import { jobRoutes } from './routes-jobs.js'
import { metaRoutes } from './routes-meta.js'
import { scheduleRoutes } from './routes-schedules.js'
import { Scheduler } from '../schedule/scheduler.js'
import { tokenHash } from './token-store.js'
import { uiRoutes } from './ui/ui-routes.js'

/** Largest request body accepted (a job's options are a few hundred bytes). */
export const BODY_LIMIT = 64 * 1024

export interface ServerOptions {
  db: Knex
  allow: AllowLists
  concurrency: number
  version: string
  /** Where the JSON log lines go (pino); default stderr. */
  logStream: NodeJS.WritableStream
  /** Requests per minute per token (per address without one); 0 turns the limit off. Default 600. */
  rateLimit?: number
  /** Where jobs queue (`openJobQueue`); default this process alone. */
  queue?: JobQueue
  /** How often the scheduler reads schedules changed by other processes (ms); default 5000. */
  schedulePollMs?: number
}

/**
 * Build the HTTP server of `tdg serve` (fastify) and its job runner. Every route comes from one
 * `RouteDef` list: fastify serves it, the OpenAPI document describes it, and a route fastify knows but the
 * list does not is refused at start. Logs are pino JSON with request ids; the Authorization header and
 * URL passwords never reach them.
 */
export async function buildServer(opts: ServerOptions): Promise<{ app: FastifyInstance; runner: JobRunner; scheduler: Scheduler; routes: RouteDef[] }> {
  const logger: FastifyServerOptions['logger'] = {
    level: 'info',
    stream: opts.logStream,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '***' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactText(req.url), remoteAddress: req.ip }),
    },
  }
  const app = Fastify({
    logger,
    bodyLimit: BODY_LIMIT,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    exposeHeadRoutes: false,
    return503OnClosing: true,
  })
  const runner = new JobRunner(opts.db, { concurrency: opts.concurrency, allow: opts.allow, log: app.log, ...(opts.queue ? { queue: opts.queue } : {}) })
  // Started by `tdg serve` (scheduler.start()), not here: a server built for a test fires nothing.
  const scheduler = new Scheduler(opts.db, runner, { allow: opts.allow, log: app.log, ...(opts.schedulePollMs ? { pollMs: opts.schedulePollMs } : {}) })
  const known: string[] = []
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) known.push(`${m} ${r.url}`)
  })
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })
  app.setErrorHandler((e, req, reply) => {
    const status = (e as { statusCode?: number }).statusCode
    if (!(e instanceof TdgError) && !(typeof status === 'number' && status < 500)) req.log.error({ err: { message: redactText(String((e as Error).stack ?? e)) } }, 'request failed')
    return sendProblem(reply, e, req)
  })
  app.setNotFoundHandler((req, reply) => sendProblem(reply, new TdgError('TDG_API_NOT_FOUND', `no route ${req.method} ${redactText(req.url.split('?')[0]!).slice(0, 200)} (see /openapi.json)`), req))
  // The dashboard's sign-in and sign-out forms post urlencoded fields; no other route takes them.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (req, body, done) => {
    if (!req.url.startsWith('/ui/')) return done(Object.assign(new Error('urlencoded bodies are for the dashboard forms only; send JSON'), { statusCode: 415 }), undefined)
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  const limit = opts.rateLimit ?? 600
  if (limit > 0)
    await app.register(rateLimit, {
      max: limit,
      timeWindow: 60_000,
      allowList: (req) => !req.url.startsWith('/v1/'),
      // Per token (by its hash: the token itself is not kept), else per address.
      keyGenerator: (req) => (typeof req.headers.authorization === 'string' ? `t:${tokenHash(req.headers.authorization)}` : `a:${req.ip}`),
      errorResponseBuilder: (_req, ctx) => Object.assign(new TdgError('TDG_API_RATE_LIMITED', `more than ${ctx.max} requests in ${ctx.after}; retry later`), { statusCode: 429 }),
    })
  const routes: RouteDef[] = []
  routes.push(...jobRoutes(opts.db, runner, opts.allow), ...metaRoutes(opts.db, runner, opts.version, () => routes))
  routes.push(...scheduleRoutes(opts.db, runner, scheduler, opts.allow))
  routes.push(...uiRoutes(opts.db))
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      handler: async (req, reply) => {
        if (r.scope) (req as { tokenName?: string }).tokenName = await authorize(opts.db, req, r.scope)
        const body = r.body ? parse(r.body, req.body ?? {}, 'body') : undefined
        const query = r.query ? parse(r.query, req.query ?? {}, 'query') : undefined
        return r.handler(req, reply, { body, query })
      },
    })
  }
  await app.ready()
  const described = new Set(routes.map((r) => `${r.method} ${r.url}`))
  const missing = known.filter((k) => !described.has(k))
  if (missing.length > 0) throw new TdgError('TDG_INTERNAL', `routes missing from the OpenAPI document: ${missing.join(', ')}`)
  return { app, runner, scheduler, routes }
}

/** Validate `value` with `schema`; TDG_USAGE (400) naming the first few problems and where they are. */
function parse(schema: import('zod').ZodType, value: unknown, where: string): unknown {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  const issues = r.error.issues.slice(0, 5).map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`)
  throw new TdgError('TDG_USAGE', `invalid request ${issues.join('; ')}`)
}

