/**
 * `tdg report` in a real browser (Debian chromium driven by playwright-core, never downloaded): the
 * built CLI writes the HTML for two shop profiles (three tables; numbers, dates, timestamps,
 * categories, a withheld PII column, nulls, two FKs, and a column named like an HTML injection); the
 * page must load with no console error and no request but the document itself, show one chart per
 * compared column and FK and the overall score, and a screenshot is saved to test-results/report.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FidelityResult } from '../../src/report/index.js'
import { shopPair } from '../support/profile-fixtures.js'
import { repoRoot, runCli } from '../support/run-cli.js'

const CHROMIUM = '/usr/bin/chromium'
const HOSTILE = '<img src=x onerror="console.error(\'injected\')">'
const haveChromium = existsSync(CHROMIUM)
// CI installs chromium (.ci/run); a machine without it skips with a notice instead of failing.
if (!haveChromium && process.env.CI !== 'true') console.warn(`[report-browser] skipped: ${CHROMIUM} is not installed`)

const dir = mkdtempSync(join(tmpdir(), 'tdg-report-browser-'))
const artifacts = join(repoRoot, 'test-results')
let browser: Browser | undefined
afterAll(async () => {
  await browser?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe.skipIf(!haveChromium && process.env.CI !== 'true')('tdg report in chromium', () => {
  const html = join(dir, 'report.html')
  let result: FidelityResult

  beforeAll(async () => {
    const { source, target } = shopPair(HOSTILE)
    writeFileSync(join(dir, 'source.json'), JSON.stringify(source))
    writeFileSync(join(dir, 'target.json'), JSON.stringify(target))
    const r = await runCli(['report', '--source', join(dir, 'source.json'), '--target', join(dir, 'target.json'), '--out', html, '--json'])
    expect(r.code, r.stderr).toBe(0)
    result = JSON.parse(r.stdout) as FidelityResult
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
  })

  it('loads with no console error and no request but the document, one chart per column and FK, the overall score on top', async () => {
    const page = await browser!.newPage({ viewport: { width: 1400, height: 1000 } })
    const errors: string[] = []
    const requests: string[] = []
    page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(`${m.type()}: ${m.text()}`))
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
    page.on('request', (r) => requests.push(r.url()))
    const url = pathToFileURL(html).href
    await page.goto(url, { waitUntil: 'load' })
    await page.waitForTimeout(300)

    expect(errors).toEqual([])
    expect(requests).toEqual([url])

    const columns = result.tables.reduce((n, t) => n + t.columns.length, 0)
    const fks = result.tables.reduce((n, t) => n + t.fanOut.length, 0)
    expect(columns).toBe(17)
    expect(fks).toBe(2)
    expect(await page.locator('[data-chart="column"]').count()).toBe(columns)
    expect(await page.locator('[data-chart="fan-out"]').count()).toBe(fks)
    for (const t of result.tables) {
      for (const c of t.columns) {
        const chart = page.locator(`[data-chart="column"][data-table="${t.name}"][data-column="${c.name.replace(/["\\]/g, '\\$&')}"]`)
        expect(await chart.count(), `${t.name}.${c.name}`).toBe(1)
        expect(await chart.locator('svg').count(), `${t.name}.${c.name} has a drawn chart`).toBeGreaterThan(0)
      }
    }
    // The hostile column name is text on the page, never an element.
    expect(await page.locator('img').count()).toBe(0)
    const hostileTitle = page.locator('[data-chart="column"][data-table="customers"] h3').filter({ hasText: HOSTILE })
    expect(await hostileTitle.count()).toBe(1)
    expect(await hostileTitle.innerText()).toContain(HOSTILE)

    const overall = page.locator('[data-summary="overall"] [data-overall-score]')
    expect(await overall.innerText()).toBe(result.score.toFixed(3))
    expect(Number(await overall.getAttribute('data-overall-score'))).toBe(result.score)
    // Failing measures are listed on top: the deliberate drifts of the target.
    const failing = await page.locator('ul.failing').innerText()
    for (const f of ['orders.total', 'orders.status', 'order_items.(order_id) → orders']) expect(failing).toContain(f)

    // Dates are shown as dates on the axis of a date column.
    const birth = page.locator('[data-chart="column"][data-column="birth_date"] svg text.tick')
    expect(await birth.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]))

    // The "failing only" filter is the page's one script: passing charts hide, failing ones stay.
    await page.locator('#only-failing').check()
    const visibleFailing = await page.locator('[data-chart].fail:visible').count()
    expect(await page.locator('[data-chart].pass:visible').count()).toBe(0)
    expect(visibleFailing).toBeGreaterThan(0)
    await page.locator('#only-failing').uncheck()

    mkdirSync(artifacts, { recursive: true })
    await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true })
    await page.screenshot({ path: join(artifacts, 'report-top.png') })
    expect(readFileSync(join(artifacts, 'report.png')).length).toBeGreaterThan(10_000)
    expect(errors).toEqual([])
    await page.close()
  })
})
