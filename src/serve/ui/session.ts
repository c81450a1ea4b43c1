import { createHmac } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

/** The dashboard's session cookie: the API token the user signed in with, HttpOnly (no script reads it). */
export const SESSION_COOKIE = 'tdg_session'

/** The header a cookie-authenticated state change must carry, holding `csrfToken(token)`. */
export const CSRF_HEADER = 'x-tdg-csrf'

/** How long a dashboard sign-in lasts (s): a working day. */
export const SESSION_MAX_AGE = 8 * 3600

/**
 * The CSRF token of a session: a keyed one-way hash of its API token (never the token, nor the sha256 the
 * token store keeps), written into the page and sent back in `X-TDG-CSRF`. Another site can neither read
 * it nor make a browser send a custom header without a CORS grant the server never gives.
 */
export function csrfToken(token: string): string {
  return createHmac('sha256', 'tdg-dashboard-csrf').update(token).digest('base64url').slice(0, 32)
}

/** The API token in the request's session cookie, or undefined. */
export function sessionToken(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie
  if (typeof header !== 'string') return undefined
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim()
      return value === '' ? undefined : value
    }
  }
  return undefined
}

/** The Set-Cookie value that signs in with `token` (`undefined`: signs out); `Secure` when served over https. */
export function sessionCookie(token: string | undefined, secure: boolean): string {
  const attrs = ['Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${token === undefined ? 0 : SESSION_MAX_AGE}`, ...(secure ? ['Secure'] : [])]
  return `${SESSION_COOKIE}=${token ?? ''}; ${attrs.join('; ')}`
}
