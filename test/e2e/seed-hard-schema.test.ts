/**
 * Issue 3 acceptance: a schema written to be hard (test/fixtures/{postgres,sqlite}/hard.sql) seeds with
 * `--rows 100000` and 0 errors: composite PK + FK, self-FK, a nullable cycle (fixup), a NOT NULL
 * DEFERRABLE cycle, 1:1 FKs, smallint, numeric(5,2), varchar(3), UNIQUE (enum, int) and CHECKs of each
 * simple shape — every one enforced by the database while the rows go in.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { counts, pgState, withPg } from '../support/table-state.js'
import { expectPgAppInserts, expectPgConstraintsEnforced, expectSqliteAppInserts, expectSqliteConsistent, planJson, plannedCounts, sqliteCounts } from '../support/seed-checks.js'
import Database from 'better-sqlite3'

const ROWS = '100000'
const SEED = '7'
const TABLES = ['departments', 'invoices', 'payments', 'regions', 'staff', 'staff_desks', 'stores', 'memberships', 'store_profiles']
const pg = postgresAvailable()
if (!pg) console.warn(`[seed-hard-schema] PostgreSQL case skipped: ${postgresMissingReason()}`)

describe('the hard schema at 100k rows per table', () => {
  it('the plan: deferred NOT NULL cycle, fixup for the nullable cycle, no caps, no issues', async () => {
    const plan = await planJson(['--schema', 'test/fixtures/postgres/hard.sql', '--rows', ROWS, '--seed', SEED])
    expect(plan.issues).toEqual([])
    expect(plan.steps.map((s) => s.rows)).toEqual(TABLES.map(() => 100_000))
    expect(plan.deferred.map((d) => `${d.table.name}(${d.columns.join(',')})`).sort()).toEqual(['invoices(last_payment_id)', 'payments(invoice_id)'])
    expect(plan.fixups.map((f) => `${f.table.name}(${f.columns.join(',')})`)).toEqual(['departments(manager_id)'])
    const col = (t: string, c: string) => plan.steps.find((s) => s.table.name === t)!.columns.find((x) => x.column === c)!
    expect(col('stores', 'closed_on').generator).toMatchObject({ kind: 'relative', from: 'opened_on', op: '>' })
    expect(col('memberships', 'tier').unique && col('memberships', 'level').unique).toBe(true)
    expect(col('staff_desks', 'staff_id').pick).toEqual({ kind: 'row' })
    expect(col('store_profiles', 'motto').generator).toMatchObject({ minLength: 5, maxLength: 200 })
  })

  describe.skipIf(!pg)('PostgreSQL', () => {
    let db: FreshPostgres | undefined
    afterAll(async () => db?.drop())

    it('seeds with --create: exit 0, no error, counts as planned, constraints enforced, app INSERTs work', async () => {
      db = await freshPostgresDatabase()
      const flags = ['--db', db.url, '--schema', 'test/fixtures/postgres/hard.sql', '--rows', ROWS, '--seed', SEED]
      const expected = plannedCounts(await planJson(['--schema', 'test/fixtures/postgres/hard.sql', '--rows', ROWS, '--seed', SEED]))
      const r = await runCli(['seed', ...flags, '--create'], { timeoutMs: 240_000 })
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).not.toMatch(/error|note:/i)
      expect(r.stderr).toMatch(/public\.departments: set manager_id on [\d,]+ rows \(cycle fixup\)/)
      expect(counts(await pgState(db.url))).toEqual(expected)
      await expectPgConstraintsEnforced(db.url)
      await withPg(db.url, async (c) => {
        // The fixup closed the nullable cycle: managers are set (90% by the null share), all valid.
        const m = await c.query<{ n: string }>('select count(*)::text as n from departments where manager_id is not null')
        expect(Number(m.rows[0]!.n)).toBeGreaterThan(80_000)
        // The deferred cycle went in whole: every invoice's last payment exists and vice versa.
        const orphan = await c.query<{ n: string }>('select count(*)::text as n from invoices i left join payments p on p.id = i.last_payment_id where p.id is null')
        expect(orphan.rows[0]!.n).toBe('0')
        const sku = await c.query<{ n: string }>(`select count(*)::text as n from stores where sku = 'SKU-'`)
        expect(sku.rows[0]!.n).toBe('0')
      })
      await expectPgAppInserts(db.url, [
        { table: 'stores', key: 'id', sql: `insert into stores (country, region_no, code, sku, floor_area, opened_on) select country, region_no, 'abc', 'SKU-App.1', 10, current_date from regions limit 1` },
        { table: 'memberships', key: 'id', sql: `insert into memberships (tier, level, store_id, min_spend, max_spend) select 'gold', 2000000000, min(id), 1, 2 from stores` },
        { table: 'departments', key: 'id', sql: `insert into departments (name) values ('app dept')` },
        { table: 'staff', key: 'id', sql: `insert into staff (email) values ('app@example.org')` },
        { table: 'staff_desks', key: 'id', sql: `insert into staff_desks (staff_id, desk_no) select max(id), 1 from staff` },
      ])
    }, 300_000)
  })

  describe('SQLite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-hard-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('seeds with --create: exit 0, no error, counts as planned, FK and integrity checks clean', async () => {
      const file = join(dir, 'hard.db')
      const expected = plannedCounts(await planJson(['--schema', 'test/fixtures/sqlite/hard.sql', '--rows', ROWS, '--seed', SEED]))
      const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', 'test/fixtures/sqlite/hard.sql', '--create', '--rows', ROWS, '--seed', SEED], { timeoutMs: 240_000 })
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).not.toMatch(/error|note:/i)
      expect(sqliteCounts(file, TABLES)).toEqual(expected)
      expectSqliteConsistent(file)
      const db = new Database(file, { readonly: true })
      try {
        expect(db.prepare('select count(*) from stores where closed_on is not null and closed_on <= opened_on').pluck().get()).toBe(0)
        expect(db.prepare('select count(*) from memberships where max_spend < min_spend').pluck().get()).toBe(0)
        expect(db.prepare(`select count(*) from stores where sku = 'SKU-' or length(code) <> 3`).pluck().get()).toBe(0)
      } finally {
        db.close()
      }
      expectSqliteAppInserts(file, [
        { table: 'stores', key: 'id', sql: `insert into stores (country, region_no, code, sku, floor_area, opened_on) select country, region_no, 'abc', 'SKU-App.1', 10, date('now') from regions limit 1` },
        { table: 'departments', key: 'id', sql: `insert into departments (name) values ('app dept')` },
        { table: 'staff', key: 'id', sql: `insert into staff (email) values ('app@example.org')` },
      ])
    }, 300_000)
  })
})
