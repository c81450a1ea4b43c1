/**
 * Issue 15 item 3: the web dashboard of `tdg serve` in a real browser (Debian chromium driven by
 * playwright-core, never downloaded) against a real `node bin/tdg.js serve` process: sign in with a
 * token (a wrong one is refused with a message), start a seed job into a SQLite file from the form (the
 * server's validation errors shown next to their field first), watch it reach "done" through the live
 * view (SSE), open it, find it in the history, pause and run now a schedule created over the API (a bad
 * cron refused next to its field), cancel a running job, sign out. No
 * console error and no page error anywhere; no horizontal scroll at 390 px; the token never in the HTML
 * or the log. Screenshots (1280×800 and 390×844) go to test-results/dashboard/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'
import { apiClient, startServe, type ServeProcess } from '../support/serve-process.js'

const CHROMIUM = '/usr/bin/chromium'
const haveChromium = existsSync(CHROMIUM)
// CI installs chromium (.ci/run); a machine without it skips with a notice instead of failing.
if (!haveChromium && process.env.CI !== 'true') console.warn(`[dashboard] skipped: ${CHROMIUM} is not installed`)

const dir = mkdtempSync(join(tmpdir(), 'tdg-dashboard-'))
const env = { TDG_STATE_URL: join(dir, 'state.db') }
const logFile = join(dir, 'serve.log')
const shots = join(repoRoot, 'test-results', 'dashboard')
const TABLES = ['customers', 'orders', 'products', 'order_items']
const ROWS = 40_000
let server: ServeProcess | undefined
let browser: Browser | undefined
let token = ''
let jobId = ''
/** Whether this build has the schedules API (branch i15-sched); without it the schedules page shows a notice after a 404. */
let haveSchedules = false
/** Console errors and page errors of every page, as `where: text`. */
const problems: string[] = []

function watchPage(page: Page, where: string): Page {
  page.on('console', (m) => m.type() === 'error' && problems.push(`${where} console: ${m.text()}`))
  page.on('pageerror', (e) => problems.push(`${where} pageerror: ${e.message}`))
  return page
}

/** Take out the console lines of `n` requests that fail on purpose with `status` (chromium logs every 4xx response); the rest must be none. */
function expectedFailures(n: number, status: number): void {
  for (let i = 0; i < n; i++) {
    const at = problems.findIndex((p) => p.includes(`Failed to load resource: the server responded with a status of ${status}`))
    expect(at, `a console line for the expected ${status}`).toBeGreaterThanOrEqual(0)
    problems.splice(at, 1)
  }
}

/** The page scrolls sideways when its content is wider than its viewport. */
async function horizontalOverflow(page: Page): Promise<number> {
  // A string: it runs in the page (the tests are type-checked without the DOM library).
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')
}

async function signIn(page: Page, base: string, withToken: string): Promise<void> {
  await page.goto(`${base}/`)
  await page.getByLabel('API token').fill(withToken)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForLoadState('load')
}

afterAll(async () => {
  await browser?.close()
  if (server) {
    server.child.kill('SIGTERM')
    await server.exited
  }
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!haveChromium && process.env.CI !== 'true')('the dashboard in chromium', { timeout: 180_000 }, () => {
  let wide: BrowserContext
  let page: Page

  beforeAll(async () => {
    mkdirSync(join(dir, 'out'))
    writeFileSync(join(dir, 'tdg.json'), JSON.stringify({ serve: { allow: { db: [`sqlite:${dir}/*`], output: [join(dir, 'out')] } } }))
    const t = await runCli(['token', 'create', '--name', 'dash', '--scopes', 'jobs:write,jobs:read,audit:read'], { cwd: dir, env })
    expect(t.code, t.stderr).toBe(0)
    token = t.stdout.trim()
    server = await startServe(['--config', 'tdg.json', '--log', logFile], { cwd: dir, env })
    haveSchedules = (await apiClient(server.base).call('GET', '/v1/schedules', { token })).status !== 404
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    wide = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    page = watchPage(await wide.newPage(), 'wide')
    mkdirSync(shots, { recursive: true })
  })

  it('signs in with a token: a wrong one gets a clear message; the right one an HttpOnly, SameSite=Strict cookie, never in the page', async () => {
    const base = server!.base
    await signIn(page, base, 'tdg_not-a-real-token')
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('unknown or revoked')
    expect(await page.getByLabel('API token').getAttribute('aria-invalid')).toBe('true')
    expect(page.url()).toBe(`${base}/ui/sign-in`)

    await signIn(page, base, token)
    expect(page.url()).toBe(`${base}/`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Jobs')
    expect(await page.getByText('Signed in as').innerText()).toContain('dash')
    const cookie = (await wide.cookies()).find((c) => c.name === 'tdg_session')
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
    expect(await page.content()).not.toContain(token)
    expect(await page.evaluate<string>('document.cookie')).toBe('')
    // A state change with the cookie but without the page's CSRF header is refused.
    const forged = await page.evaluate(async (b) => {
      const r = await fetch(`${b}/v1/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'seed', db: 'sqlite:/x.db', rows: 1 }) })
      return r.status
    }, base)
    expect(forged).toBe(403)
    expectedFailures(1, 403)
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]) // the refused sign-in page itself is a 401
    problems.length = 0
  })

  it('starts a seed job from the form (validation errors next to their field) and watches it reach done live', async () => {
    const events: string[] = []
    page.on('request', (r) => r.url().includes('/events') && events.push(r.url()))
    const form = page.locator('#start-job')
    await form.getByLabel('Kind').selectOption('seed')
    await form.getByLabel('Target database').fill('sqlite:/etc/not-allowed.db')
    await form.getByLabel('Rows per table').fill('-5')
    await form.getByRole('button', { name: 'Start job' }).click()
    await expect.poll(() => page.locator('#f-rows-error').innerText()).not.toBe('')
    expect(await form.getByLabel('Rows per table').getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('f-rows')

    await form.getByLabel('Rows per table').fill(String(ROWS))
    await form.getByRole('button', { name: 'Start job' }).click()
    await expect.poll(() => page.locator('#f-db-error').innerText()).toContain('serve.allow.db')
    expect(await form.getByLabel('Rows per table').getAttribute('aria-invalid')).toBeNull()
    expectedFailures(1, 400) // the bad row count
    expectedFailures(1, 403) // the database no pattern allows

    await form.getByLabel('Target database').fill(`sqlite:${dir}/dash.db`)
    await form.getByLabel('Schema file', { exact: true }).fill(join(repoRoot, 'examples/shop.sql'))
    await form.getByLabel('Rules file').fill('')
    await form.getByLabel('Seed').fill('7')
    await form.getByLabel('Create the tables first').check()
    await form.getByRole('button', { name: 'Start job' }).click()
    const row = page.locator('#jobs tbody tr').first()
    await row.waitFor()
    jobId = (await row.getAttribute('data-job-id'))!
    expect(jobId).toMatch(/^[0-9A-Z]{26}$/)
    // The live view: the row's status goes to "done" without a reload, fed by the job's event stream.
    const status = row.locator('td[data-label="Status"]')
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 120_000 }).toBe('ok')
    expect(await status.innerText()).toBe('done')
    expect(events.some((u) => u.endsWith(`/v1/jobs/${jobId}/events`))).toBe(true)
    expect(await row.locator('td[data-label="Progress"]').innerText()).toContain(`${(ROWS * 4).toLocaleString('en')} / ${(ROWS * 4).toLocaleString('en')} rows`)
    await expect.poll(() => page.locator('#announce').innerText()).toContain('done')
    const db = new Database(join(dir, 'dash.db'), { readonly: true })
    try {
      expect(TABLES.map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n)).toEqual(TABLES.map(() => ROWS))
    } finally {
      db.close()
    }
    await page.screenshot({ path: join(shots, 'jobs-wide.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('shows the job: status, progress per table, its audit record', async () => {
    await page.locator(`#jobs tr[data-job-id="${jobId}"] a`).click()
    await page.waitForURL(`**/ui/jobs/${jobId}`)
    await expect.poll(() => page.locator('#job-status').getAttribute('data-status')).toBe('ok')
    const tables = page.getByRole('region', { name: 'Tables' })
    expect(await tables.locator('tbody tr').count()).toBe(4)
    for (const t of TABLES) expect(await tables.locator('tbody tr', { hasText: t }).locator('td[data-label="Written"]').innerText()).toBe(ROWS.toLocaleString('en'))
    const audit = page.getByRole('region', { name: 'Audit record' })
    await audit.waitFor()
    const auditText = await audit.innerText()
    expect(auditText).toContain('api')
    expect(auditText).toContain('dash')
    expect(auditText).toMatch(/outcome\s*ok/)
    await page.screenshot({ path: join(shots, 'job-wide.png'), fullPage: true })
    expect(problems).toEqual([])
  })

  it('finds the job in the history, filtered by status and kind', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click()
    await page.waitForURL('**/ui/history')
    await page.locator(`#history tr[data-job-id="${jobId}"]`).waitFor()
    await page.getByLabel('Status').selectOption('ok')
    await page.getByLabel('Kind').selectOption('seed')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL('**/ui/history?status=ok&kind=seed')
    await page.locator(`#history tr[data-job-id="${jobId}"]`).waitFor()
    expect(await page.locator(`#history tr[data-job-id="${jobId}"] td[data-label="Rows"]`).innerText()).toBe((ROWS * 4).toLocaleString('en'))
    await page.screenshot({ path: join(shots, 'history-wide.png'), fullPage: true })
    await page.getByLabel('Status').selectOption('failed')
    await page.getByRole('button', { name: 'Filter' }).click()
    await page.waitForURL('**/ui/history?status=failed&kind=seed')
    await expect.poll(() => page.locator('#history').innerText()).toContain('No finished jobs match')
    expect(problems).toEqual([])
  })

  it('pauses a schedule created over the API', async (ctx) => {
    const api = apiClient(server!.base)
    const created = await api.call('POST', '/v1/schedules', { token, body: { name: 'nightly-dash', cron: '0 3 * * *', tz: 'Europe/Berlin', job: { kind: 'seed', db: `sqlite:${dir}/nightly.db`, schema: join(repoRoot, 'examples/shop.sql'), create: true, rows: 10 } } })
    // The schedules API comes from branch i15-sched; before it is merged this server has no such route.
    if (!haveSchedules) {
      expect(created.status).toBe(404)
      console.warn('[dashboard] schedule step skipped: this build has no /v1/schedules (merge i15-sched)')
      return ctx.skip()
    }
    expect(created.status, created.text).toBe(201)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click()
    await page.waitForURL('**/ui/schedules')
    const row = page.locator('#schedules tr[data-schedule="nightly-dash"]')
    await row.waitFor()
    expect(await row.locator('td[data-label="Next runs"] li').count()).toBe(3)
    await page.screenshot({ path: join(shots, 'schedules-wide.png'), fullPage: true })
    await row.getByRole('button', { name: 'Pause nightly-dash' }).click()
    await expect.poll(() => row.locator('td[data-label="State"]').innerText()).toBe('paused')
    await expect.poll(() => page.locator('#announce').innerText()).toBe('Paused nightly-dash')
    expect(await row.locator('td[data-label="Next runs"]').innerText()).toContain('none')
    const after = await api.call('GET', '/v1/schedules/nightly-dash', { token })
    expect(after.json).toMatchObject({ enabled: false, nextRuns: [] })
    // Run now queues its job at once, paused or not.
    await row.getByRole('button', { name: 'Run nightly-dash now' }).click()
    await expect.poll(() => page.locator('#announce').innerText()).toMatch(/^Queued job \w{8} of nightly-dash$/)
    // The add form shows the server's refusal of a bad cron next to the cron field.
    const form = page.locator('#add-schedule')
    await form.getByLabel('Name').fill('bad-cron')
    await form.getByLabel('Cron').fill('61 * * * *')
    await form.getByLabel('Job (JSON)').fill(JSON.stringify({ kind: 'seed', db: `sqlite:${dir}/nightly.db`, rows: 1 }))
    await form.getByRole('button', { name: 'Add schedule' }).click()
    await expect.poll(() => page.locator('#s-cron-error').innerText()).not.toBe('')
    expect(await form.getByLabel('Cron').getAttribute('aria-invalid')).toBe('true')
    expectedFailures(1, 400)
    expect(problems).toEqual([])
  })

  it('cancels a running job from the jobs page', async () => {
    const api = apiClient(server!.base)
    const big = await api.call('POST', '/v1/jobs', { token, body: { kind: 'seed', db: `sqlite:${dir}/big.db`, schema: join(repoRoot, 'examples/shop.sql'), create: true, rows: 2_000_000 } })
    expect(big.status, big.text).toBe(201)
    await page.goto(`${server!.base}/`)
    const row = page.locator(`#jobs tr[data-job-id="${big.json.id}"]`)
    await row.getByRole('button', { name: `Cancel job ${big.json.id}` }).click()
    await expect.poll(() => row.locator('td[data-label="Status"]').getAttribute('data-status'), { timeout: 60_000 }).toBe('cancelled')
    expect((await api.waitFinal(big.json.id, token)).status).toBe('cancelled')
    expect(problems).toEqual([])
  })

  it('fits a phone (390×844): no horizontal scroll on any page; screenshots', async () => {
    const phone = await browser!.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    const p = watchPage(await phone.newPage(), 'phone')
    await signIn(p, server!.base, token)
    const pages: Array<[string, string, string]> = [
      ['/', '#jobs tbody tr', 'jobs-phone.png'],
      [`/ui/jobs/${jobId}`, '#job-status', 'job-phone.png'],
      ['/ui/history', '#history tbody tr', 'history-phone.png'],
      ['/ui/schedules', '#schedules:not([aria-busy])', 'schedules-phone.png'],
    ]
    for (const [path, ready, file] of pages) {
      await p.goto(server!.base + path)
      await p.locator(ready).first().waitFor()
      await p.waitForTimeout(200)
      expect(await horizontalOverflow(p), `${path} scrolls sideways at 390 px`).toBeLessThanOrEqual(0)
      await p.screenshot({ path: join(shots, file), fullPage: true })
    }
    await p.goto(`${server!.base}/`)
    await p.screenshot({ path: join(shots, 'sign-in-phone.png') })
    await phone.close()
    if (!haveSchedules) expectedFailures(1, 404) // GET /v1/schedules on a build without it
    expect(problems).toEqual([])
  })

  it('signs out: the cookie is gone and the pages ask for a token again; the token is in no log line', async () => {
    await page.goto(`${server!.base}/`)
    await page.getByRole('button', { name: 'Sign out' }).click()
    await page.waitForURL(`${server!.base}/`)
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in')
    expect((await wide.cookies()).find((c) => c.name === 'tdg_session')).toBeUndefined()
    await page.screenshot({ path: join(shots, 'sign-in-wide.png') })
    const log = readFileSync(logFile, 'utf8')
    expect(log).toContain('dashboard sign-in')
    expect(log).not.toContain(token)
    expect(log).not.toContain(token.slice(4, 20))
    expect(problems).toEqual([])
  })
})
