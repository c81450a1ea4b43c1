/**
 * `tdg check --db` on PostgreSQL reads through the adapter's scan (timestamps as text, numerics as
 * strings, booleans): the same rows seeded into PostgreSQL and written as CSV by `tdg generate` (same
 * schema, seed and counts) must give the same results, invariant by invariant.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[check-postgres] skipped: ${postgresMissingReason()}`)
const SCHEMA = 'examples/shop.postgres.sql'

interface JsonReport {
  invariants: Array<{ id: string; results: Array<{ table: string; columns: string[]; applicable: number; passed: number }> }>
}
const summary = (r: JsonReport) => r.invariants.map((i) => [i.id, i.results.map((x) => [x.table.replace(/^public\./, ''), x.columns.map((c) => c.replace(/^public\./, '')), x.applicable, x.passed])])

describe.skipIf(!pg)('tdg check --db postgres', () => {
  let db: FreshPostgres | undefined
  const dir = mkdtempSync(join(tmpdir(), 'tdg-check-pg-'))
  afterAll(async () => {
    await db?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('scores rows read from PostgreSQL as the same rows read from CSV', async () => {
    db = await freshPostgresDatabase()
    const gen = ['--schema', SCHEMA, '--rows', '300', '--seed', '11', '-q']
    const s = await runCli(['seed', '--db', db.url, '--create', ...gen], { timeoutMs: 120_000 })
    expect(s.code, s.stderr).toBe(0)
    const g = await runCli(['generate', ...gen, '--output', join(dir, 'csv')])
    expect(g.code, g.stderr).toBe(0)
    const fromDb = await runCli(['check', '--db', db.url, '--now', '2026-12-05', '--json'], { timeoutMs: 60_000 })
    const fromCsv = await runCli(['check', '--input', join(dir, 'csv'), '--schema', SCHEMA, '--now', '2026-12-05', '--json'])
    expect(fromDb.code, fromDb.stderr).toBe(0)
    expect(fromCsv.code, fromCsv.stderr).toBe(0)
    const a = summary(JSON.parse(fromDb.stdout) as JsonReport)
    expect(a).toEqual(summary(JSON.parse(fromCsv.stdout) as JsonReport))
    // Not vacuous: row invariants applied to the PostgreSQL rows.
    expect(a.filter(([, results]) => (results as unknown[]).length > 0).length).toBeGreaterThanOrEqual(5)
  })
})
