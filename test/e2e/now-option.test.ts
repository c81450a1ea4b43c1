/**
 * `--now`: where generated time ends (issue 10). Default today (UTC), recorded in the plan, the summary and
 * the manifest; creation times fall in the five years before it; a bad value is a one-line usage error.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../support/run-cli.js'

const shop = join(repoRoot, 'examples/shop.sql')
const dir = mkdtempSync(join(tmpdir(), 'tdg-now-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = (args: string[], cwd = repoRoot) => spawnSync(process.execPath, [join(repoRoot, 'bin/tdg.js'), ...args], { cwd, encoding: 'utf8' })
const today = new Date().toISOString().slice(0, 10)

describe('--now', () => {
  it('ends creation times at --now (the 5 years before it) and records it in the summary and the plan', () => {
    const db = join(dir, 'a.db')
    const r = cli(['seed', '--db', `sqlite:${db}`, '--schema', shop, '--create', '--rows', '300', '--seed', '4', '--now', '2020-03-15', '-q', '--json'])
    expect(r.status, r.stderr).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ seed: 4, now: '2020-03-15' })
    const sqlite = new Database(db, { readonly: true })
    try {
      const { lo, hi } = sqlite.prepare('select min(created_at) as lo, max(created_at) as hi from customers').get() as { lo: string; hi: string }
      expect(lo >= '2015-03-15').toBe(true)
      expect(hi < '2020-03-15').toBe(true)
      expect(hi > '2019-06-01').toBe(true) // the window reaches up to now, not a fixed year
    } finally {
      sqlite.close()
    }
    const plan = cli(['plan', '--schema', shop, '--rows', '5', '--seed', '4', '--now', '2020-03-15T12:00:00+01:00', '--json'])
    expect(JSON.parse(plan.stdout).now).toBe(Date.UTC(2020, 2, 15, 11) / 1000)
    expect(cli(['plan', '--schema', shop, '--rows', '5', '--seed', '4']).stdout).toContain(`Plan (seed 4, now ${today}, `)
  })

  it('defaults to today and prints it so the run can be repeated; the manifest records it', () => {
    const out = join(dir, 'out')
    const r = cli(['generate', '--schema', shop, '--rows', '5', '--output', out])
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^seed: \\d+, now: ${today} \\(random seed; repeat this run with --seed \\d+ --now ${today}\\)$`, 'm'))
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ now: today })
  })

  it('the same seed and --now give the same rows', () => {
    const a = cli(['generate', '--schema', shop, '--rows', '50', '--seed', '9', '--now', '2024-01-01', '--format', 'ndjson', '--output', '-', '-q'])
    const b = cli(['generate', '--schema', shop, '--rows', '50', '--seed', '9', '--now', '2024-01-01', '--format', 'ndjson', '--output', '-', '-q'])
    const c = cli(['generate', '--schema', shop, '--rows', '50', '--seed', '9', '--now', '2025-01-01', '--format', 'ndjson', '--output', '-', '-q'])
    expect(a.status, a.stderr).toBe(0)
    expect(a.stdout).toBe(b.stdout)
    expect(c.stdout).not.toBe(a.stdout)
  })

  it('refuses a bad --now or config now with one line, exit 2', () => {
    for (const bad of ['2026-02-30', 'tomorrow', '1800-01-01']) {
      const r = cli(['plan', '--schema', shop, '--now', bad])
      expect(r.status).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toContain(`'${bad}' is not a date (YYYY-MM-DD)`)
    }
    const cwd = mkdtempSync(join(dir, 'cfg-'))
    writeFileSync(join(cwd, '.tdgrc.json'), JSON.stringify({ schema: shop, now: '2026-02-30' }))
    const r = cli(['plan'], cwd)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^tdg: error TDG_USAGE: config 'now': '2026-02-30' is not a date/)
  })
})
