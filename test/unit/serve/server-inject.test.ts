/**
 * `tdg serve`'s HTTP layer in-process (fastify inject) over a real SQLite state store: the rate limit per
 * token, problem+json bodies, the allow-lists' edges. The full server process is tested in
 * test/e2e/serve-*.test.ts.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import type { Knex } from 'knex'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStateStore } from '../../../src/state/state-store.js'
import { buildServer } from '../../../src/serve/server.js'
import { createToken } from '../../../src/serve/token-store.js'
import { checkDbAllowed, checkOutputAllowed } from '../../../src/serve/allow-list.js'
import { isTdgError } from '../../../src/errors.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-serve-unit-'))
let db: Knex
let log = ''
const logStream = new Writable({ write: (c, _e, cb) => ((log += String(c)), cb()) })
afterAll(async () => {
  await db?.destroy()
  rmSync(dir, { recursive: true, force: true })
})
beforeAll(async () => {
  db = await openStateStore({ kind: 'sqlite', file: join(dir, 'state.db') })
})

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    if (isTdgError(e) && e.code === 'TDG_API_FORBIDDEN') return e.message
    throw e
  }
  return 'allowed'
}

describe('tdg serve in-process', () => {
  it('rate limit per token: the 4th request in the window is 429 problem+json; another token is not limited', async () => {
    const { app } = await buildServer({ db, allow: {}, concurrency: 1, version: 'test', logStream, rateLimit: 3 })
    try {
      const a = await createToken(db, 'a', ['jobs:read'])
      const b = await createToken(db, 'b', ['jobs:read'])
      const get = (t: string) => app.inject({ method: 'GET', url: '/v1/jobs', headers: { authorization: `Bearer ${t}` } })
      const codes = []
      for (let i = 0; i < 4; i++) codes.push((await get(a)).statusCode)
      expect(codes).toEqual([200, 200, 200, 429])
      const limited = await get(a)
      expect(limited.headers['content-type']).toContain('application/problem+json')
      expect(limited.json()).toMatchObject({ status: 429, code: 'TDG_API_RATE_LIMITED' })
      expect((await get(b)).statusCode).toBe(200)
      // Health routes are never limited.
      for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)
      expect(log).not.toContain(a)
      expect(log).not.toContain(b)
    } finally {
      await app.close()
    }
  })

  it('allow.db: patterns match the URL with its password as ***; no list allows nothing', () => {
    const allow = { db: ['postgres://app:***@localhost:5432/test_*', 'sqlite:/srv/tdg/*'] }
    expect(refusal(() => checkDbAllowed('postgres://app:s3cret@localhost:5432/test_1', allow))).toBe('allowed')
    expect(refusal(() => checkDbAllowed('sqlite:/srv/tdg/a.db', allow))).toBe('allowed')
    const prod = refusal(() => checkDbAllowed('postgres://app:s3cret@localhost:5432/prod', allow))
    expect(prod).toMatch(/serve\.allow\.db/)
    expect(prod).not.toContain('s3cret')
    expect(refusal(() => checkDbAllowed('sqlite:/srv/other.db', allow))).toMatch(/serve\.allow\.db/)
    expect(refusal(() => checkDbAllowed('sqlite:/srv/tdg/a.db', {}))).toMatch(/allows no database/)
    // `.` and `?` are literal, not regex.
    expect(refusal(() => checkDbAllowed('sqlite:/srv/tdgXa.db', { db: ['sqlite:/srv/tdg.a.db'] }))).toMatch(/serve\.allow\.db/)
  })

  it('allow.output: only strictly inside an allowed directory, symbolic links resolved, never s3://', () => {
    const root = join(dir, 'out')
    mkdirSync(root)
    symlinkSync(tmpdir(), join(root, 'escape'))
    const allow = { output: [root] }
    expect(refusal(() => checkOutputAllowed(join(root, 'a'), allow))).toBe('allowed')
    expect(refusal(() => checkOutputAllowed(root, allow))).toMatch(/serve\.allow\.output/)
    expect(refusal(() => checkOutputAllowed(join(root, '..', 'b'), allow))).toMatch(/serve\.allow\.output/)
    expect(refusal(() => checkOutputAllowed(join(root, 'escape', 'x'), allow))).toMatch(/serve\.allow\.output/)
    expect(refusal(() => checkOutputAllowed('s3://bucket/p/', allow))).toMatch(/local directories only/)
    expect(refusal(() => checkOutputAllowed(join(root, 'a'), {}))).toMatch(/allows no output/)
  })
})
