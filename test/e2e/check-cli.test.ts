/**
 * `tdg check` as a user runs it: on a generated directory (csv/json/ndjson) and on a SQLite file,
 * human and JSON output, `--min-score` exit code, `--tables`, usage errors, and no values of
 * secret-like columns in the report.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const SHOP = 'examples/shop.sql'

interface JsonReport {
  now: string
  minScore: number
  invariants: Array<{ id: string; results: Array<{ table: string; columns: string[]; applicable: number; passed: number; score: number | null; examples: Array<{ row: number; value?: string }> }> }>
}

describe('tdg check --input', () => {
  it('reads csv, json and ndjson alike and prints a table of scores', async () => {
    const reports: string[] = []
    for (const format of ['csv', 'json', 'ndjson']) {
      const out = join(dir, `shop-${format}`)
      const g = await runCli(['generate', '--schema', SHOP, '--rows', '200', '--seed', '7', '--output', out, '--format', format, '-q'])
      expect(g.code, g.stderr).toBe(0)
      const r = await runCli(['check', '--input', out, '--schema', SHOP, '--now', '2026-12-05', '--json'])
      expect(r.code, r.stderr).toBe(0)
      const doc = JSON.parse(r.stdout) as JsonReport
      expect(doc.now).toBe('2026-12-05T00:00:00.000Z')
      reports.push(JSON.stringify(doc.invariants.map((i) => i.results.map((x) => [x.table, x.applicable, x.passed]))))
    }
    expect(reports[1]).toBe(reports[0])
    expect(reports[2]).toBe(reports[0])
    const text = await runCli(['check', '--input', join(dir, 'shop-csv'), '--schema', SHOP])
    expect(text.code, text.stderr).toBe(0)
    expect(text.stdout).toMatch(/^ {3}invariant +table +applicable +score +columns$/m)
    expect(text.stdout).toMatch(/^ {3}temporal-row +orders +\d+ +100\.0% +ordered_at, shipped_at$/m)
    expect(text.stdout).toMatch(/^ {3}age-birth +- +- +n\/a$/m)
  })

  it('--min-score exits 6 with TDG_CHECK_FAILED naming the low results; --tables narrows the report', async () => {
    const out = join(dir, 'shop-csv')
    // tdg's own shop rows meet every invariant: rows whose emails belong to other people do not.
    const bad = join(dir, 'bad-emails.db')
    const db = new Database(bad)
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, last_name TEXT)')
    const insert = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?)')
    for (let i = 1; i <= 20; i++) insert.run(i, i <= 5 ? `ann.lee${i}@mail.test` : `x${i}.someone@mail.test`, 'Ann', 'Lee')
    db.close()
    const r = await runCli(['check', '--db', `sqlite:${bad}`, '--min-score', '0.98'])
    expect(r.code, r.stderr).toBe(6)
    expect(r.stderr).toMatch(/^tdg: error TDG_CHECK_FAILED: \d+ applicable invariant results? below 98\.0%: .*email-name on customers/m)
    expect(r.stdout).toMatch(/^! +email-name +customers/m)
    const narrow = await runCli(['check', '--input', out, '--schema', SHOP, '--tables', 'orders', '--json', '--min-score', '0'])
    expect(narrow.code, narrow.stderr).toBe(0)
    const doc = JSON.parse(narrow.stdout) as JsonReport
    const tables = new Set(doc.invariants.flatMap((i) => i.results.map((x) => x.table)))
    expect([...tables]).toEqual(['orders'])
    // The parent (customers) was read for the join, though not reported.
    expect(doc.invariants.find((i) => i.id === 'temporal-fk')!.results[0]!.columns).toEqual(['customer_id', 'ordered_at', 'customers.created_at'])
  })

  it('refuses bad input with one line and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['check'], /TDG_USAGE: check needs exactly one of --db <url> or --input <dir>/],
      [['check', '--input', join(dir, 'shop-csv')], /TDG_USAGE: check --input .* needs --schema <file>/],
      [['check', '--input', join(dir, 'nothing-here'), '--schema', SHOP], /TDG_FILE_READ: .*no manifest\.json/],
      [['check', '--input', join(dir, 'shop-csv'), '--schema', SHOP, '--now', 'June'], /TDG_USAGE: --now must be a date/],
      [['check', '--input', join(dir, 'shop-csv'), '--schema', SHOP, '--min-score', '2'], /TDG_USAGE: --min-score must be a number from 0 to 1/],
      [['check', '--input', join(dir, 'shop-csv'), '--schema', SHOP, '--tables', 'nope'], /TDG_TABLE_NOT_FOUND: no table nope/],
    ]
    for (const [args, re] of cases) {
      const r = await runCli(args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(re)
    }
  })
})

describe('tdg check --db (SQLite)', () => {
  it('measures a live file and never prints values of secret-like columns', async () => {
    const file = join(dir, 'app.db')
    const db = new Database(file)
    db.exec(`CREATE TABLE sessions (id INTEGER PRIMARY KEY, token_type TEXT, kind TEXT);`)
    const insert = db.prepare('INSERT INTO sessions (token_type, kind) VALUES (?, ?)')
    for (let i = 0; i < 10; i++) insert.run(i < 5 ? 'bearer' : 'odio credo', i < 5 ? 'web' : 'surgo odio')
    db.close()
    const r = await runCli(['check', '--db', `sqlite:${file}`, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as JsonReport
    const vocab = doc.invariants.find((i) => i.id === 'vocabulary')!.results
    expect(vocab.map((x) => [x.columns[0], x.applicable, x.passed])).toEqual([
      ['token_type', 10, 5],
      ['kind', 10, 5],
    ])
    expect(vocab[0]!.examples[0]).toEqual({ row: 6, key: 'id=6', value: 'token_type=***' })
    expect(vocab[1]!.examples[0]).toEqual({ row: 6, key: 'id=6', value: 'kind=surgo odio' })
    expect(r.stdout).not.toContain('odio credo')
  })
})
