/**
 * The dashboard's session in-process (fastify inject) over a real SQLite state store: sign-in with a
 * right and a wrong token, the cookie's attributes, the CSRF header a cookie-authenticated change needs,
 * sign-out, a revoked token's session, urlencoded bodies refused outside the dashboard forms, and the
 * token never in a page or the log. The browser flow is test/e2e/dashboard.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStateStore } from '../../../src/state/state-store.js'
import { buildServer } from '../../../src/serve/server.js'
import { createToken, revokeToken } from '../../../src/serve/token-store.js'
import { csrfToken, sessionCookie } from '../../../src/serve/ui/session.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-dash-unit-'))
let db: Knex
let app: FastifyInstance
let log = ''
let token = ''
const logStream = new Writable({ write: (c, _e, cb) => ((log += String(c)), cb()) })

beforeAll(async () => {
  db = await openStateStore({ kind: 'sqlite', file: join(dir, 'state.db') })
  token = await createToken(db, 'dash', ['jobs:read', 'jobs:write'])
  ;({ app } = await buildServer({ db, allow: {}, concurrency: 1, version: 'test', logStream }))
})
afterAll(async () => {
  await app?.close()
  await db?.destroy()
  rmSync(dir, { recursive: true, force: true })
})

describe('dashboard session', () => {
  it('a wrong token gets the sign-in page with a clear message (401); the right one an HttpOnly, SameSite=Strict cookie', async () => {
    const first = await app.inject({ method: 'GET', url: '/' })
    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('<h1>Sign in</h1>')
    expect(first.headers['content-security-policy']).toContain("script-src 'self'")
    const wrong = await app.inject({ method: 'POST', url: '/ui/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'token=tdg_wrong' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.body).toContain('That token is unknown or revoked')
    expect(wrong.headers['set-cookie']).toBeUndefined()
    const right = await app.inject({ method: 'POST', url: '/ui/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80', host: 'localhost:80' }, payload: `token=${encodeURIComponent(token)}` })
    expect(right.statusCode).toBe(303)
    expect(right.headers.location).toBe('/')
    expect(right.headers['set-cookie']).toBe(`tdg_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800`)
    expect(sessionCookie(token, true)).toMatch(/; Secure$/)
    // Another site's form cannot sign a browser in (login CSRF).
    const foreign = await app.inject({ method: 'POST', url: '/ui/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', host: 'localhost:80' }, payload: `token=${encodeURIComponent(token)}` })
    expect(foreign.statusCode).toBe(403)
    expect(foreign.headers['set-cookie']).toBeUndefined()
  })

  it('the cookie reads /v1; a change needs the X-TDG-CSRF header of the session; the page carries that, never the token', async () => {
    const cookie = `tdg_session=${token}`
    expect((await app.inject({ method: 'GET', url: '/v1/jobs', headers: { cookie } })).statusCode).toBe(200)
    const page = await app.inject({ method: 'GET', url: '/ui/history', headers: { cookie } })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain(`<meta name="tdg-csrf" content="${csrfToken(token)}">`)
    expect(page.body).not.toContain(token)
    expect(csrfToken(token)).not.toContain(token.slice(4, 12))
    const cancel = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/v1/jobs/01NOSUCHJOB/cancel', headers: { cookie, ...headers } })
    expect((await cancel({})).json()).toMatchObject({ status: 403, code: 'TDG_API_FORBIDDEN' })
    expect((await cancel({ 'x-tdg-csrf': 'forged' })).statusCode).toBe(403)
    expect((await cancel({ 'x-tdg-csrf': csrfToken(token) })).statusCode).toBe(404) // authorized: the job does not exist
    // A bearer header keeps working without any CSRF header.
    expect((await app.inject({ method: 'POST', url: '/v1/jobs/01NOSUCHJOB/cancel', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(404)
    // Urlencoded bodies are for the dashboard's forms only.
    const urlencoded = await app.inject({ method: 'POST', url: '/v1/jobs', headers: { cookie, 'x-tdg-csrf': csrfToken(token), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'kind=seed' })
    expect(urlencoded.statusCode).toBe(415)
  })

  it('sign-out needs the page\'s CSRF field and clears the cookie; a revoked token\'s session ends', async () => {
    const cookie = `tdg_session=${token}`
    const headers = { cookie, 'content-type': 'application/x-www-form-urlencoded', host: 'localhost:80' }
    expect((await app.inject({ method: 'POST', url: '/ui/sign-out', headers, payload: 'csrf=forged' })).statusCode).toBe(403)
    const out = await app.inject({ method: 'POST', url: '/ui/sign-out', headers, payload: `csrf=${csrfToken(token)}` })
    expect(out.statusCode).toBe(303)
    expect(out.headers['set-cookie']).toMatch(/^tdg_session=; .*Max-Age=0/)
    await revokeToken(db, 'dash')
    const ended = await app.inject({ method: 'GET', url: '/', headers: { cookie } })
    expect(ended.statusCode).toBe(401)
    expect(ended.body).toContain('the token was revoked')
    expect((await app.inject({ method: 'GET', url: '/v1/jobs', headers: { cookie } })).statusCode).toBe(401)
    expect(log).toContain('dashboard sign-in')
    expect(log).not.toContain(token)
  })
})
