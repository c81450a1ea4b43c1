import type { FastifyRequest } from 'fastify'
import type { Knex } from 'knex'
import { TdgError } from '../errors.js'
import { findToken, type Scope } from './token-store.js'
import { CSRF_HEADER, csrfToken, sessionToken } from './ui/session.js'

/**
 * The name of the token a request carries (`Authorization: Bearer …`, else the dashboard's session
 * cookie), when it holds `scope`. A cookie-authenticated request other than GET also needs the
 * session's `X-TDG-CSRF` header (403 without it), so another site cannot make a signed-in browser act.
 * TDG_API_UNAUTHORIZED (401) without a token, or for an unknown or revoked one; TDG_API_FORBIDDEN (403)
 * when it lacks the scope. The token itself is never logged nor echoed.
 */
export async function authorize(db: Knex, req: FastifyRequest, scope: Scope): Promise<string> {
  const header = req.headers.authorization
  const cookie = header === undefined ? sessionToken(req) : undefined
  if (cookie !== undefined && req.method !== 'GET' && req.headers[CSRF_HEADER] !== csrfToken(cookie)) throw new TdgError('TDG_API_FORBIDDEN', 'a request signed in with the dashboard cookie needs the page\'s X-TDG-CSRF header')
  const m = cookie !== undefined ? ['', cookie] : typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null
  if (!m) throw new TdgError('TDG_API_UNAUTHORIZED', 'this route needs an Authorization: Bearer <token> header (tdg token create)')
  const holder = await findToken(db, m[1]!)
  if (!holder) throw new TdgError('TDG_API_UNAUTHORIZED', 'the bearer token is unknown or revoked')
  if (!holder.scopes.includes(scope)) throw new TdgError('TDG_API_FORBIDDEN', `token '${holder.name}' lacks the scope ${scope} (it has ${holder.scopes.join(', ')})`, { scope })
  return holder.name
}
