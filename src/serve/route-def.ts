import type { FastifyReply, FastifyRequest, HTTPMethods } from 'fastify'
import type { z } from 'zod'
import type { Scope } from './token-store.js'

/** One response of a route, for the OpenAPI document. */
export interface ResponseDef {
  description: string
  schema?: z.ZodType
  /** Default application/json. */
  contentType?: string
}

/**
 * One route: how fastify serves it and how the OpenAPI document describes it; both come from this one
 * definition. `body` and `query` are validated with their zod schemas by the route layer (server.ts).
 */
export interface RouteDef {
  method: HTTPMethods
  /** fastify's path: `/v1/jobs/:id`, a trailing `*` for the rest of the path. */
  url: string
  summary: string
  /** The scope a bearer token needs; undefined: no token needed. */
  scope?: Scope
  body?: z.ZodType
  query?: z.ZodType
  headers?: Record<string, string>
  responses: Record<number, ResponseDef>
  handler(req: FastifyRequest, reply: FastifyReply, input: { body: unknown; query: unknown }): Promise<unknown>
}

/** The OpenAPI spelling of a fastify path: `:id` → `{id}`, `*` → `{path}`. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{path}')
}
