import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Knex } from 'knex'
import { findToken } from '../token-store.js'
import type { RouteDef } from '../route-def.js'
import { dashboardPage, signInPage, type PageName } from './pages.js'
import { csrfToken, sessionCookie, sessionToken } from './session.js'
import { UI_SCRIPT } from './ui-script.js'
import { UI_STYLE } from './ui-style.js'

/**
 * No inline script or style, nothing from another origin: the page's one script and one stylesheet, and
 * fetches to this server only. With every value written as text (escaped on the server, textContent in the
 * script), an injected value can neither run nor load anything.
 */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

/** The tab icon (browsers ask for one; without it every page logs a 404). */
const ICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1c2430"/><path d="M4 5h8M8 5v7" stroke="#fbbf24" stroke-width="2"/></svg>'

function html(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(body)
}

/** True when the request comes from a page of this server (no Origin header: a same-origin form in older browsers or a non-browser client). */
function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin
  if (typeof origin !== 'string' || origin === 'null') return origin === undefined
  try {
    // Both through URL, so a default port (:80, :443) written in one and left out in the other still matches.
    return new URL(origin).host === new URL(`${req.protocol}://${req.headers.host ?? ''}`).host
  } catch {
    return false
  }
}

/** Form fields of an urlencoded body (server.ts parses it for /ui/ routes only). */
function formField(req: FastifyRequest, name: string): string {
  const body = req.body as Record<string, unknown> | undefined
  const v = body?.[name]
  return typeof v === 'string' ? v : ''
}

/**
 * The dashboard (`/`, `/ui/…`): server-rendered pages, their one script and stylesheet, sign-in and
 * sign-out. A page needs a signed-in session (else it is the sign-in page); the data comes from the /v1
 * routes, which take the session cookie besides a bearer token (auth.ts).
 */
export function uiRoutes(db: Knex): RouteDef[] {
  const page = (name: PageName) => async (req: FastifyRequest, reply: FastifyReply) => {
    const token = sessionToken(req)
    const holder = token ? await findToken(db, token) : undefined
    if (!holder || !token) return html(reply, signInPage(token ? 'Your session ended: the token was revoked. Sign in again.' : undefined), token ? 401 : 200)
    const id = name === 'job' ? String((req.params as { id: string }).id).slice(0, 40) : ''
    return html(reply, dashboardPage(name, { name: holder.name, csrf: csrfToken(token) }, id))
  }
  const pageRoute = (url: string, name: PageName, summary: string): RouteDef => ({
    method: 'GET',
    url,
    summary,
    responses: { 200: { description: 'HTML (the sign-in page without a session)', contentType: 'text/html' } },
    handler: page(name),
  })
  const asset = (url: string, type: string, body: string): RouteDef => ({
    method: 'GET',
    url,
    summary: `the dashboard's ${type.startsWith('text/css') ? 'stylesheet' : type.startsWith('image/') ? 'icon' : 'script'}`,
    responses: { 200: { description: type, contentType: type.split(';')[0] } },
    async handler(_req, reply) {
      return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body)
    },
  })
  return [
    pageRoute('/', 'jobs', 'the dashboard: jobs with live progress and a form to start one'),
    pageRoute('/ui/jobs/:id', 'job', 'the dashboard: one job (progress per table, result, audit record, artifacts)'),
    pageRoute('/ui/history', 'history', 'the dashboard: finished jobs, filtered by status and kind, paged'),
    pageRoute('/ui/schedules', 'schedules', 'the dashboard: schedules with their next runs; add, pause, resume, run now'),
    asset('/ui/app.js', 'text/javascript; charset=utf-8', UI_SCRIPT),
    asset('/ui/app.css', 'text/css; charset=utf-8', UI_STYLE),
    asset('/ui/icon.svg', 'image/svg+xml', ICON),
    {
      method: 'POST',
      url: '/ui/sign-in',
      summary: 'the dashboard sign-in form (token=…, urlencoded): sets an HttpOnly, SameSite=Strict session cookie and redirects to /',
      responses: { 303: { description: 'signed in' }, 401: { description: 'the sign-in page with the error', contentType: 'text/html' } },
      async handler(req, reply) {
        if (!sameOrigin(req)) return html(reply, signInPage('Sign in from this server\'s own page.'), 403)
        const token = formField(req, 'token').trim()
        const holder = token && token.length <= 200 ? await findToken(db, token) : undefined
        if (!holder) {
          req.log.info('dashboard sign-in refused: unknown or revoked token')
          return html(reply, signInPage(token ? 'That token is unknown or revoked. Check it, or create one with tdg token create.' : 'Enter an API token.'), 401)
        }
        req.log.info({ actor: holder.name }, 'dashboard sign-in')
        return reply.header('set-cookie', sessionCookie(token, req.protocol === 'https')).redirect('/', 303)
      },
    },
    {
      method: 'POST',
      url: '/ui/sign-out',
      summary: 'the dashboard sign-out form: clears the session cookie and redirects to /',
      responses: { 303: { description: 'signed out' } },
      async handler(req, reply) {
        const token = sessionToken(req)
        // Only the page's own form signs out (its CSRF field): another site cannot log a user out.
        if (token && (!sameOrigin(req) || formField(req, 'csrf') !== csrfToken(token))) return html(reply, signInPage('Sign out from this server\'s own page.'), 403)
        return reply.header('set-cookie', sessionCookie(undefined, req.protocol === 'https')).redirect('/', 303)
      },
    },
  ]
}
