import type { Knex } from 'knex'
import { z } from 'zod'
import { findAudit, listAudit } from '../audit/audit-store.js'
import { TdgError } from '../errors.js'
import type { JobRunner } from './job-runner.js'
import { docsPage, openApiDocument } from './openapi.js'
import type { RouteDef } from './route-def.js'

const auditQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).optional().describe('newest first; default 50') })

/** Health, readiness, the OpenAPI document and its page, and the audit log. `routes()` is every route of the server. */
export function metaRoutes(db: Knex, runner: JobRunner, version: string, routes: () => RouteDef[]): RouteDef[] {
  let doc: Record<string, unknown> | undefined
  const document = () => (doc ??= openApiDocument(routes(), version))
  return [
    {
      method: 'GET',
      url: '/healthz',
      summary: 'the process is up',
      responses: { 200: { description: 'up', schema: z.object({ status: z.literal('ok') }) } },
      handler: async () => ({ status: 'ok' }),
    },
    {
      method: 'GET',
      url: '/readyz',
      summary: 'the state store answers and the server takes jobs (503 otherwise)',
      responses: { 200: { description: 'ready', schema: z.object({ status: z.literal('ready') }) } },
      async handler() {
        if (!runner.accepting) throw new TdgError('TDG_STATE_FAILED', 'shutting down')
        try {
          await db.raw('select 1')
        } catch {
          throw new TdgError('TDG_STATE_FAILED', 'the state store does not answer')
        }
        return { status: 'ready' }
      },
    },
    {
      method: 'GET',
      url: '/openapi.json',
      summary: 'this API as an OpenAPI 3.1 document',
      responses: { 200: { description: 'the document', contentType: 'application/json' } },
      handler: async () => document(),
    },
    {
      method: 'GET',
      url: '/docs',
      summary: 'a page listing the routes (self-contained HTML)',
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
      async handler(_req, reply) {
        return reply.type('text/html; charset=utf-8').send(docsPage(document()))
      },
    },
    {
      method: 'GET',
      url: '/v1/audit',
      summary: 'the newest audit records (every CLI and API run), secrets redacted',
      scope: 'audit:read',
      query: auditQuerySchema,
      responses: { 200: { description: 'records, newest first', schema: z.object({ records: z.array(z.record(z.string(), z.unknown())) }) } },
      async handler(_req, _reply, { query }) {
        const q = query as z.infer<typeof auditQuerySchema>
        return { records: await listAudit(db, q.limit ?? 50) }
      },
    },
    {
      method: 'GET',
      url: '/v1/audit/:id',
      summary: "one audit record by its run id (a job's runId), secrets redacted",
      scope: 'audit:read',
      responses: { 200: { description: 'the record', schema: z.record(z.string(), z.unknown()) } },
      async handler(req) {
        const id = (req.params as { id: string }).id
        const record = /^[0-9A-Za-z]{26}$/.test(id) ? await findAudit(db, id) : undefined
        if (!record || record === 'ambiguous') throw new TdgError('TDG_API_NOT_FOUND', `no audit record ${id.slice(0, 40)}`)
        return record
      },
    },
  ]
}
