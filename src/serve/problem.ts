import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { ERROR_CODES, isTdgError, type ErrorCode } from '../errors.js'
import { redactText } from '../adapter/redact-url.js'

/** RFC 9457 problem details, with tdg's error code. */
export const problemSchema = z.object({
  type: z.string().describe('https://tdg.dev/errors/<code>'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string().describe("tdg's error code (src/errors.ts)"),
  instance: z.string().optional().describe('the request id'),
})
export type Problem = z.infer<typeof problemSchema>

const STATUS: Partial<Record<ErrorCode, number>> = {
  TDG_API_UNAUTHORIZED: 401,
  TDG_API_FORBIDDEN: 403,
  TDG_API_NOT_FOUND: 404,
  TDG_API_CONFLICT: 409,
  TDG_API_RATE_LIMITED: 429,
  TDG_SCHEDULE_NOT_FOUND: 404,
  TDG_SCHEDULE_CONFLICT: 409,
  TDG_STATE_FAILED: 503,
  TDG_INTERNAL: 500,
}

/** The HTTP status of a code: its own, else 400 for bad input (CLI exit 2), else 500. */
export function httpStatus(code: ErrorCode): number {
  return STATUS[code] ?? (ERROR_CODES[code].exit === 2 ? 400 : 500)
}

const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 413: 'Content Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' }

/** The problem document of an error: a TdgError keeps its code and message (redacted); anything else is TDG_INTERNAL without details. */
export function problemOf(e: unknown, requestId?: string): Problem {
  let code: ErrorCode
  let detail: string
  let status: number
  if (isTdgError(e)) {
    code = e.code
    detail = e.message
    status = httpStatus(code)
  } else {
    // fastify's own errors: a body too large, bad JSON, a wrong content type (they carry statusCode < 500).
    const fe = e as { statusCode?: number; message?: string; code?: string }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      status = fe.statusCode
      code = status === 429 ? 'TDG_API_RATE_LIMITED' : status === 404 ? 'TDG_API_NOT_FOUND' : 'TDG_USAGE'
      detail = fe.message ?? 'bad request'
    } else {
      status = 500
      code = 'TDG_INTERNAL'
      detail = 'internal error (see the server log)'
    }
  }
  return { type: `https://tdg.dev/errors/${code}`, title: TITLES[status] ?? 'Error', status, detail: redactText(detail), code, ...(requestId ? { instance: requestId } : {}) }
}

/** Send `e` as application/problem+json. */
export function sendProblem(reply: FastifyReply, e: unknown, req?: FastifyRequest): FastifyReply {
  const p = problemOf(e, req?.id)
  return reply.code(p.status).type('application/problem+json').send(p)
}

