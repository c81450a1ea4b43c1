/**
 * Issue 14 items 3–5: `tdg serve` over real HTTP on loopback (a started `node bin/tdg.js serve --port 0`),
 * jobs into a real PostgreSQL database and real SQLite files, SSE progress, cancel with rollback,
 * tokens and scopes, allow-lists, artifacts without traversal, a masked export, the OpenAPI document, no
 * secret (token, password, masking key) in any response or the log.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { Validator } from '@seriousme/openapi-schema-validator'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'
import { freshPostgresDatabase, postgresAvailable, type FreshPostgres } from '../support/databases.js'
import { apiClient, startServe, type ServeProcess } from '../support/serve-process.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-serve-'))
const env = { TDG_STATE_URL: join(dir, 'state.db'), TDG_MASK_KEY: 'serve-test-masking-key-5c1e' }
const shop = join(repoRoot, 'examples/shop.sql')
const shopPg = join(repoRoot, 'examples/shop.postgres.sql')
const logFile = join(dir, 'serve.log')
const TABLES = ['customers', 'orders', 'products', 'order_items']
let server: ServeProcess
let pgDb: FreshPostgres | undefined
let full = ''
let readOnly = ''
const api = () => apiClient(server.base, bodies)
const bodies: string[] = []

async function token(name: string, scopes: string): Promise<string> {
  const r = await runCli(['token', 'create', '--name', name, '--scopes', scopes], { cwd: dir, env })
  expect(r.code, r.stderr).toBe(0)
  return r.stdout.trim()
}

function sqliteCounts(file: string): number[] {
  const db = new Database(file, { readonly: true })
  try {
    return TABLES.map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n)
  } finally {
    db.close()
  }
}

async function pgCounts(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await Promise.all(TABLES.map(async (t) => Number((await c.query(`SELECT count(*) AS n FROM ${t}`)).rows[0].n)))
  } finally {
    await c.end()
  }
}

describe('tdg serve: jobs over HTTP', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    if (postgresAvailable()) pgDb = await freshPostgresDatabase()
    mkdirSync(join(dir, 'out'))
    const allowDb = [`sqlite:${dir}/*`, ...(pgDb ? [`postgres://*/${new URL(pgDb.url).pathname.slice(1)}`] : [])]
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: allowDb, output: [join(dir, 'out')] } } }))
    ;[full, readOnly] = await Promise.all([token('ci', 'jobs:write,jobs:read,audit:read'), token('viewer', 'jobs:read')])
    const revoked = await token('old', 'jobs:read')
    expect((await runCli(['token', 'revoke', 'old'], { cwd: dir, env })).code).toBe(0)
    bodies.push(`revoked:${revoked}`) // kept aside: used below for the 401
    server = await startServe(['--config', 'tdg.json', '--log', logFile, '--concurrency', '2'], { cwd: dir, env })
  })
  afterAll(async () => {
    server?.child.kill('SIGTERM')
    if (server) expect(await server.exited).toBe(0)
    await pgDb?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a seed job into a SQLite file runs to completion; SSE shows progress, then the final state', async () => {
    const post = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'seed', db: `sqlite:${dir}/a.db`, schema: shop, create: true, rows: 20000, seed: 7, batchSize: 1000 } })
    expect(post.status, post.text).toBe(201)
    expect(post.headers.get('location')).toBe(`/v1/jobs/${post.json.id}`)
    const events = await api().events(`/v1/jobs/${post.json.id}/events`, full)
    expect(events[0]!.event).toBe('state')
    const progress = events.filter((e) => e.event === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.some((e) => e.data.written > 0 && e.data.written < 80000)).toBe(true)
    const end = events[events.length - 1]!
    expect(end.event).toBe('end')
    expect(end.data).toMatchObject({ status: 'ok', kind: 'seed', createdBy: 'ci', summary: { rows: 80000, seed: 7 } })
    expect(end.data.progress.tables.map((t: any) => [t.table, t.written, t.done])).toEqual(TABLES.map((t) => [t, 20000, true]))
    expect(sqliteCounts(join(dir, 'a.db'))).toEqual([20000, 20000, 20000, 20000])
    // The job's run is in the audit, by the token's name.
    const audit = await api().call('GET', '/v1/audit?limit=5', { token: full })
    expect(audit.json.records.find((r: any) => r.id === end.data.runId)).toMatchObject({ origin: 'api', actor: 'ci', command: 'seed', outcome: 'ok', rows: 80000 })
  })

  it('a seed job into PostgreSQL runs to completion; its URL is redacted in the job', async () => {
    if (!pgDb) return expect(postgresAvailable()).toBe(false)
    const post = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'seed', db: pgDb.url, schema: shopPg, create: true, rows: 500, seed: 3 } })
    expect(post.status, post.text).toBe(201)
    expect(post.json.params.db).toMatch(/^postgres:\/\/postgres:\*\*\*@/)
    const job = await api().waitFinal(post.json.id, full)
    expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'ok', summary: { rows: 2000 } })
    expect(await pgCounts(pgDb.url)).toEqual([500, 500, 500, 500])
  })

  it('cancel mid-run: status cancelled, the PostgreSQL tables keep their row counts', async () => {
    if (!pgDb) return expect(postgresAvailable()).toBe(false)
    const before = await pgCounts(pgDb.url)
    const post = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'seed', db: pgDb.url, rows: 3_000_000, batchSize: 2000 } })
    expect(post.status, post.text).toBe(201)
    let cancelled: Promise<any> | undefined
    const events = await api().events(`/v1/jobs/${post.json.id}/events`, full, (name, data) => {
      if (name === 'progress' && data.written > 0 && !cancelled) cancelled = api().call('POST', `/v1/jobs/${post.json.id}/cancel`, { token: full })
    })
    expect((await cancelled)?.status).toBe(202)
    const end = events[events.length - 1]!
    expect(end).toMatchObject({ event: 'end', data: { status: 'cancelled', error: { code: 'TDG_INTERRUPTED' } } })
    expect(end.data.progress.written).toBeLessThan(12_000_000)
    expect(await pgCounts(pgDb.url)).toEqual(before)
    // A final job cannot be cancelled again.
    const again = await api().call('POST', `/v1/jobs/${post.json.id}/cancel`, { token: full })
    expect(again.status).toBe(409)
    expect(again.json.code).toBe('TDG_API_CONFLICT')
  })

  it('a generate job writes into an allowed directory; its artifacts are served, nothing outside it', async () => {
    const output = join(dir, 'out', 'g1')
    const post = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'generate', schema: shop, output, rows: 50, seed: 1, format: 'csv' } })
    expect(post.status, post.text).toBe(201)
    expect(await api().waitFinal(post.json.id, full)).toMatchObject({ status: 'ok', summary: { rows: 200 } })
    const list = await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/`, { token: readOnly })
    expect(list.json.files).toEqual(['001-customers.csv', '002-orders.csv', '003-products.csv', '004-order_items.csv', 'manifest.json'])
    const csv = await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/001-customers.csv`, { token: readOnly })
    expect(csv.status).toBe(200)
    expect(csv.text).toBe(readFileSync(join(output, '001-customers.csv'), 'utf8'))
    for (const path of ['..%2f..%2fstate.db', '..%2F..%2Ftdg.json', '%2e%2e/%2e%2e/tdg.json', `..%2f..%2f..%2f..%2f..%2fetc%2fpasswd`]) {
      const r = await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/${path}`, { token: readOnly })
      expect([403, 404], `${path}: ${r.text}`).toContain(r.status)
      expect(r.type).toContain('application/problem+json')
      expect(r.text).not.toContain('serve')
    }
    const up = await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/..%2f..%2ftdg.json`, { token: readOnly })
    expect(up).toMatchObject({ status: 403, json: { code: 'TDG_API_FORBIDDEN' } })
  })

  it('an export job writes a masked snapshot of the seeded SQLite file into an allowed directory; its artifacts are served', async () => {
    const rules = join(dir, 'masking.yaml')
    writeFileSync(rules, 'tables:\n  customers:\n    columns:\n      email: { mask: { fake: { field: email, unique: true } } }\n')
    const output = join(dir, 'out', 'e1')
    const body = { kind: 'export', db: `sqlite:${dir}/a.db`, output, format: 'ndjson', tables: ['customers', 'orders'], where: ['orders:id <= 100'], rules, allowUnmapped: true }
    const post = await api().call('POST', '/v1/jobs', { token: full, body })
    expect(post.status, post.text).toBe(201)
    const job = await api().waitFinal(post.json.id, full)
    expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'ok', kind: 'export', summary: { rows: 20100 } })
    const list = await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/`, { token: readOnly })
    expect(list.json.files).toEqual(['001-customers.ndjson', '002-orders.ndjson', 'manifest.json'])
    const masked = (await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/001-customers.ndjson`, { token: readOnly })).text.trim().split('\n').map((l) => JSON.parse(l))
    const db = new Database(join(dir, 'a.db'), { readonly: true })
    try {
      const orig = new Map((db.prepare('SELECT id, email, first_name FROM customers').all() as Array<{ id: number; email: string; first_name: string }>).map((r) => [r.id, r]))
      expect(masked.length).toBe(20000)
      // The masked column differs on every row and stays unique; the others are the source's.
      expect(masked.filter((r) => r.email === orig.get(r.id)!.email)).toEqual([])
      expect(new Set(masked.map((r) => r.email)).size).toBe(20000)
      expect(masked.every((r) => r.first_name === orig.get(r.id)!.first_name)).toBe(true)
    } finally {
      db.close()
    }
    // A source outside serve.allow.db is refused before it is queued.
    const refused = await api().call('POST', '/v1/jobs', { token: full, body: { ...body, db: 'sqlite:/etc/other.db', output: join(dir, 'out', 'e2') } })
    expect(refused).toMatchObject({ status: 403, json: { code: 'TDG_API_FORBIDDEN' } })
    const audit = await api().call('GET', '/v1/audit?limit=5', { token: full })
    expect(audit.json.records.find((r: any) => r.id === job.runId)).toMatchObject({ origin: 'api', command: 'export', outcome: 'ok' })
  })

  it('a clone job copies a masked subset into a new SQLite file; a mask job masks it in place (only with yes: true)', async () => {
    const rules = join(dir, 'masking.yaml') // written by the export test above
    const target = join(dir, 'b.db')
    const clone = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'clone', from: `sqlite:${dir}/a.db`, to: `sqlite:${target}`, createSchema: true, subset: ['customers:limit 50'], rules, allowUnmapped: true } })
    expect(clone.status, clone.text).toBe(201)
    const cloned = await api().waitFinal(clone.json.id, full)
    expect(cloned, JSON.stringify(cloned.error)).toMatchObject({ status: 'ok', kind: 'clone' })
    const column = (file: string, name: string) => {
      const db = new Database(file, { readonly: true })
      try {
        return new Map((db.prepare(`SELECT id, ${name} AS v FROM customers`).all() as Array<{ id: number; v: string }>).map((r) => [r.id, r.v]))
      } finally {
        db.close()
      }
    }
    const emails = (file: string) => column(file, 'email')
    const lastNames = (file: string) => column(file, 'last_name')
    const source = emails(join(dir, 'a.db'))
    const copied = emails(target)
    expect(copied.size).toBe(50)
    expect([...copied].filter(([id, e]) => source.get(id) === e)).toEqual([])
    expect(cloned.summary.tables.find((t: any) => t.table === 'customers')).toMatchObject({ rows: 50 })
    // In place (a UNIQUE column like email is refused there: keys are clone's job): refused without the confirmation, then every last name is redacted.
    const inPlace = join(dir, 'redact.yaml')
    writeFileSync(inPlace, 'tables:\n  customers:\n    columns:\n      last_name: { mask: redact }\n')
    const unconfirmed = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'mask', db: `sqlite:${target}`, rules: inPlace, allowUnmapped: true } })
    expect(unconfirmed.status).toBe(400)
    const before = lastNames(target)
    const mask = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'mask', db: `sqlite:${target}`, rules: inPlace, allowUnmapped: true, yes: true } })
    expect(mask.status, mask.text).toBe(201)
    const masked = await api().waitFinal(mask.json.id, full)
    expect(masked, JSON.stringify(masked.error)).toMatchObject({ status: 'ok', kind: 'mask', summary: { rows: 50, tables: [{ table: 'customers', rows: 50 }] } })
    const after = lastNames(target)
    expect(after.size).toBe(50)
    expect([...after].filter(([id, n]) => before.get(id) === n)).toEqual([])
    expect(emails(target)).toEqual(copied)
    const audit = await api().call('GET', '/v1/audit?limit=10', { token: full })
    expect(audit.json.records.find((r: any) => r.id === cloned.runId)).toMatchObject({ origin: 'api', command: 'clone', outcome: 'ok' })
    expect(audit.json.records.find((r: any) => r.id === masked.runId)).toMatchObject({ origin: 'api', command: 'mask', outcome: 'ok', rows: 50 })
  })

  it('a profile job writes rules.yaml and profile.json into a new directory, served as artifacts; a non-empty one fails the job', async () => {
    const output = join(dir, 'out', 'p1')
    const body = { kind: 'profile', db: `sqlite:${dir}/a.db`, output, sample: 2000, tables: ['customers', 'orders'] }
    const post = await api().call('POST', '/v1/jobs', { token: full, body })
    expect(post.status, post.text).toBe(201)
    const job = await api().waitFinal(post.json.id, full)
    expect(job, JSON.stringify(job.error)).toMatchObject({ status: 'ok', kind: 'profile', summary: { tables: [{ table: 'customers' }, { table: 'orders' }] } })
    expect(job.summary.seed).toBeUndefined()
    const list = await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/`, { token: readOnly })
    expect(list.json.files).toEqual(['profile.json', 'rules.yaml'])
    const rules = (await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/rules.yaml`, { token: readOnly })).text
    expect(rules).toBe(readFileSync(join(output, 'rules.yaml'), 'utf8'))
    expect(rules).toMatch(/^tables:/m)
    expect(rules).toMatch(/^ {2}customers:/m)
    const profile = JSON.parse((await api().call('GET', `/v1/jobs/${post.json.id}/artifacts/profile.json`, { token: readOnly })).text)
    expect(profile.tables.map((t: any) => [t.name, t.sampled])).toEqual([['customers', 2000], ['orders', 2000]])
    // The same directory again: it holds files now, so the job fails and leaves them as they are.
    const again = await api().call('POST', '/v1/jobs', { token: full, body })
    const failed = await api().waitFinal(again.json.id, full)
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'TDG_USAGE' } })
    expect(readFileSync(join(output, 'rules.yaml'), 'utf8')).toBe(rules)
  })

  it('Idempotency-Key returns the same job; list filters by status and kind and pages with a cursor', async () => {
    const body = { kind: 'generate', schema: shop, output: join(dir, 'out', 'g2'), rows: 5, seed: 2 }
    const a = await api().call('POST', '/v1/jobs', { token: full, body, headers: { 'idempotency-key': 'k-1' } })
    const b = await api().call('POST', '/v1/jobs', { token: full, body, headers: { 'idempotency-key': 'k-1' } })
    expect([a.status, b.status]).toEqual([201, 200])
    expect(b.json.id).toBe(a.json.id)
    const c = await api().call('POST', '/v1/jobs', { token: full, body: { ...body, rows: 6 }, headers: { 'idempotency-key': 'k-1' } })
    expect(c).toMatchObject({ status: 409, json: { code: 'TDG_API_CONFLICT' } })
    await api().waitFinal(a.json.id, full)
    const page1 = await api().call('GET', '/v1/jobs?kind=generate&status=ok&limit=1', { token: readOnly })
    expect(page1.json.jobs).toHaveLength(1)
    expect(page1.json.jobs[0].id).toBe(a.json.id)
    const page2 = await api().call('GET', `/v1/jobs?kind=generate&status=ok&limit=1&cursor=${page1.json.nextCursor}`, { token: readOnly })
    expect(page2.json.jobs.map((j: any) => j.kind)).toEqual(['generate'])
    expect(page2.json.jobs[0].id < a.json.id).toBe(true)
    const bad = await api().call('GET', '/v1/jobs?status=done', { token: readOnly })
    expect(bad).toMatchObject({ status: 400, json: { code: 'TDG_USAGE' } })
  })

  it('401 without, with an unknown or a revoked token; 403 without the scope', async () => {
    const revoked = bodies.find((b) => b.startsWith('revoked:'))!.slice('revoked:'.length)
    for (const t of [undefined, 'tdg_nope', revoked]) {
      const r = await api().call('GET', '/v1/jobs', t ? { token: t } : {})
      expect(r.status).toBe(401)
      expect(r.type).toContain('application/problem+json')
      expect(r.json).toMatchObject({ status: 401, code: 'TDG_API_UNAUTHORIZED', type: 'https://tdg.dev/errors/TDG_API_UNAUTHORIZED' })
    }
    const r = await api().call('POST', '/v1/jobs', { token: readOnly, body: { kind: 'seed', db: `sqlite:${dir}/a.db` } })
    expect(r).toMatchObject({ status: 403, json: { code: 'TDG_API_FORBIDDEN' } })
    expect(r.json.detail).toContain('jobs:write')
    expect((await api().call('GET', '/v1/audit', { token: readOnly })).status).toBe(403)
  })

  it('a database or output outside the allow-lists is refused with 403 naming the key; bad bodies are 400', async () => {
    const db = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'seed', db: 'postgres://app:hunter2-secret@db.example.com/prod' } })
    expect(db).toMatchObject({ status: 403, json: { code: 'TDG_API_FORBIDDEN' } })
    expect(db.json.detail).toContain('serve.allow.db')
    expect(db.text).not.toContain('hunter2-secret')
    const out = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'generate', schema: shop, output: join(dir, 'elsewhere') } })
    expect(out).toMatchObject({ status: 403, json: { code: 'TDG_API_FORBIDDEN' } })
    expect(out.json.detail).toContain('serve.allow.output')
    const escape = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'generate', schema: shop, output: join(dir, 'out', '..', 'x') } })
    expect(escape.json.detail).toContain('serve.allow.output')
    const unknown = await api().call('POST', '/v1/jobs', { token: full, body: { kind: 'seed', db: `sqlite:${dir}/a.db`, rows: -1, bogus: true } })
    expect(unknown).toMatchObject({ status: 400, json: { code: 'TDG_USAGE' } })
    expect(unknown.json.detail).toMatch(/bogus/)
    const notJson = await api().call('POST', '/v1/jobs', { token: full, body: '{"kind":' })
    expect(notJson).toMatchObject({ status: 400 })
    expect(notJson.type).toContain('application/problem+json')
    const big = await api().call('POST', '/v1/jobs', { token: full, body: JSON.stringify({ kind: 'seed', db: 'x'.repeat(100_000) }) })
    expect(big.status).toBe(413)
    expect((await api().call('GET', '/v1/nothing', { token: full })).json.code).toBe('TDG_API_NOT_FOUND')
  })

  it('/openapi.json is a valid OpenAPI 3.1 document naming every route; /docs lists them without external requests', async () => {
    const doc = await api().call('GET', '/openapi.json')
    const result = await new Validator().validate(doc.json)
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.json.openapi).toBe('3.1.0')
    const routes = Object.entries(doc.json.paths as Record<string, object>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort()
    expect(routes).toEqual(
      ['GET /healthz', 'GET /readyz', 'GET /openapi.json', 'GET /docs', 'POST /v1/jobs', 'GET /v1/jobs', 'GET /v1/jobs/{id}', 'GET /v1/jobs/{id}/events', 'POST /v1/jobs/{id}/cancel', 'GET /v1/jobs/{id}/artifacts/{path}', 'GET /v1/jobs/{id}/shards', 'GET /v1/audit',
        'GET /v1/schedules', 'POST /v1/schedules', 'GET /v1/schedules/{name}', 'PATCH /v1/schedules/{name}', 'DELETE /v1/schedules/{name}', 'POST /v1/schedules/{name}/pause', 'POST /v1/schedules/{name}/resume', 'POST /v1/schedules/{name}/run',
        'GET /v1/audit/{id}', 'GET /', 'GET /ui/jobs/{id}', 'GET /ui/history', 'GET /ui/schedules', 'GET /ui/app.js', 'GET /ui/app.css', 'GET /ui/icon.svg', 'POST /ui/sign-in', 'POST /ui/sign-out'].sort(),
    )
    // The job options are the config's own definitions: nullRate's bounds, format's choices.
    const seed = doc.json.paths['/v1/jobs'].post.requestBody.content['application/json'].schema.oneOf ?? doc.json.paths['/v1/jobs'].post.requestBody.content['application/json'].schema.anyOf
    const gen = seed.find((s: any) => s.properties.kind.const === 'generate')
    expect(gen.properties.format.enum).toEqual(['csv', 'json', 'ndjson', 'sql', 'parquet'])
    expect(gen.properties.nullRate).toMatchObject({ minimum: 0, exclusiveMaximum: 1 })
    // A seed fans out as shard jobs (docs/sharding.md).
    const seedKind = seed.find((s: any) => s.properties.kind.const === 'seed')
    expect(seedKind.properties.shards).toMatchObject({ type: 'integer', minimum: 1, maximum: 256 })
    const docs = await api().call('GET', '/docs')
    expect(docs.type).toContain('text/html')
    for (const r of routes) expect(docs.text).toContain(r.split(' ')[1])
    expect(docs.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//i)
    expect((await api().call('GET', '/healthz')).json).toEqual({ status: 'ok' })
    expect((await api().call('GET', '/readyz')).json).toEqual({ status: 'ready' })
  })

  it('tdg token list shows when each token was last used (never the token)', async () => {
    const r = await runCli(['token', 'list', '--json'], { cwd: dir, env })
    expect(r.code, r.stderr).toBe(0)
    const tokens = JSON.parse(r.stdout) as Array<{ name: string; lastUsedAt?: string; revokedAt?: string }>
    const byName = new Map(tokens.map((t) => [t.name, t]))
    expect(Date.now() - Date.parse(byName.get('ci')!.lastUsedAt!)).toBeLessThan(10 * 60_000)
    expect(byName.get('viewer')!.lastUsedAt).toBeDefined()
    expect(byName.get('old')).toMatchObject({ revokedAt: expect.any(String) })
    expect(byName.get('old')!.lastUsedAt).toBeUndefined()
    for (const t of [full, readOnly]) expect(r.stdout).not.toContain(t)
  })

  it('no token and no password appears in any response or in the log', async () => {
    const log = readFileSync(logFile, 'utf8')
    expect(log.split('\n').filter(Boolean).every((l) => typeof JSON.parse(l).level === 'number')).toBe(true)
    expect(log).toMatch(/"reqId":"[0-9a-f-]{36}"/)
    const password = pgDb ? decodeURIComponent(new URL(pgDb.url).password) : undefined
    const secrets = [full, readOnly, 'hunter2-secret', env.TDG_MASK_KEY, ...(password ? [password] : [])]
    const responses = bodies.filter((b) => !b.startsWith('revoked:'))
    expect(responses.length).toBeGreaterThan(20)
    for (const s of secrets) {
      expect(log.includes(s), 'secret in the log').toBe(false)
      expect(responses.some((b) => b.includes(s)), 'secret in a response').toBe(false)
    }
  })
})
