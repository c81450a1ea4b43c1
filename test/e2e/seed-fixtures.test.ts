/**
 * Issue 3 acceptance: `tdg seed --rows 10000` into databases built (with psql / sqlite3, not tdg) from
 * every fixture, and with `--create` from a DDL file into an empty database. Exit 0, every table at
 * its planned count (caps only where the plan explains them), constraints enforced by the database
 * itself, and a plain application INSERT without an id works afterwards.
 *
 * Northwind: the full dump (schema + real rows) is loaded and seeded with `--truncate`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { counts, pgState, psql, sqlite3, sqliteTables } from '../support/table-state.js'
import { expectPgAppInserts, expectPgConstraintsEnforced, expectSqliteAppInserts, expectSqliteConsistent, planJson, plannedCounts, sqliteCounts } from '../support/seed-checks.js'

const ROWS = '10000'
const SEED = '20240603'
const pg = postgresAvailable()
if (!pg) console.warn(`[seed-fixtures] PostgreSQL cases skipped: ${postgresMissingReason()}`)

interface PgCase {
  name: string
  file: string
  truncate?: boolean
  /** URL query for the seed/plan runs (e.g. the schemas to introspect). */
  query?: string
  inserts: Array<{ table: string; key: string; sql: string }>
}

const pgCases: PgCase[] = [
  {
    name: 'everything',
    file: 'test/fixtures/postgres/everything.sql',
    // Both schemas of the fixture: inventory.bins is seeded too.
    query: '?schema=public,inventory',
    inserts: [
      { table: 'customers', key: 'id', sql: `insert into customers (email, name) values ('app-user@example.org', 'App User')` },
      { table: 'products', key: 'id', sql: `insert into products (sku, title, summary, price) values ('~~~', 'App product', 'App summary', 1.50)` },
      { table: 'orders', key: 'id', sql: `insert into orders (customer_id) select min(id) from customers` },
      { table: 'inventory.bins', key: 'id', sql: `insert into inventory.bins (kind, product_id) select 'shelf', min(id) from products` },
    ],
  },
  {
    name: 'hostile-names',
    file: 'test/fixtures/postgres/hostile-names.sql',
    inserts: [
      { table: '"order"', key: '"order"', sql: `insert into "order" ("select") select min("from") from "select"` },
      { table: '"with space"', key: 'id', sql: `insert into "with space" default values` },
    ],
  },
  {
    name: 'examples/shop.postgres.sql',
    file: 'examples/shop.postgres.sql',
    inserts: [
      { table: 'customers', key: 'id', sql: `insert into customers (email, first_name, last_name) values ('app-user@example.org', 'App', 'User')` },
      { table: 'products', key: 'id', sql: `insert into products (sku, name, price) values ('SKU-APP', 'App product', 2.00)` },
      { table: 'orders', key: 'id', sql: `insert into orders (customer_id, status, ordered_at) select min(id), 'new', now() from customers` },
    ],
  },
  // Northwind keys are plain smallint/bpchar columns without sequences: nothing to insert "without an id".
  { name: 'northwind (dump + --truncate)', file: sharedFixture('northwind-postgres.sql'), truncate: true, inserts: [] },
]

describe.skipIf(!pg)('tdg seed --rows 10000 into PostgreSQL fixtures', () => {
  const dbs: FreshPostgres[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })

  for (const c of pgCases) {
    it(`${c.name}: exit 0, planned counts, constraints enforced, app INSERT works`, async () => {
      const db = await freshPostgresDatabase()
      dbs.push(db)
      psql(db.url, { file: c.file })
      const flags = ['--db', db.url + (c.query ?? ''), '--rows', ROWS, '--seed', SEED]
      const expected = plannedCounts(await planJson(flags))
      const r = await runCli(['seed', ...flags, ...(c.truncate ? ['--truncate'] : [])], { timeoutMs: 120_000 })
      expect(r.code, r.stderr).toBe(0)
      expect(r.stderr).not.toMatch(/error/i)
      expect(r.stdout).toMatch(new RegExp(`^seed: ${SEED}, now: \\d{4}-\\d{2}-\\d{2}$`, 'm'))
      expect(counts(await pgState(db.url))).toEqual(expected)
      for (const [t, n] of Object.entries(expected)) expect(n, t).toBeGreaterThan(0)
      await expectPgConstraintsEnforced(db.url)
      await expectPgAppInserts(db.url, c.inserts)
    })
  }

  it('everything: the one capped table is capped by the plan, with the reason', async () => {
    const plan = await planJson(['--schema', 'test/fixtures/postgres/everything.sql', '--rows', ROWS, '--seed', SEED])
    const shipments = plan.steps.find((s) => s.id === 'public.shipments')!
    // UNIQUE (lower(carrier), order_id): carrier has 3 values and order_id comes from a composite FK,
    // so only 3 rows are unique by construction.
    expect(shipments.rows).toBe(3)
    expect(plan.issues.map((i) => i.message)).toContain('public.shipments: 10000 rows requested, capped at 3: UNIQUE (carrier, order_id) has only 3 distinct values')
    expect(plan.steps.filter((s) => s.rows !== 10000).map((s) => s.id)).toEqual(['public.shipments'])
  })

  it('--create from a DDL file into an empty database', async () => {
    const db = await freshPostgresDatabase()
    dbs.push(db)
    const r = await runCli(['seed', '--db', db.url, '--schema', 'test/fixtures/postgres/hostile-names.sql', '--create', '--rows', '2000', '--seed', SEED], { timeoutMs: 60_000 })
    expect(r.code, r.stderr).toBe(0)
    const got = counts(await pgState(db.url))
    expect(Object.keys(got)).toHaveLength(6)
    for (const [t, n] of Object.entries(got)) expect(n, t).toBe(2000)
    await expectPgAppInserts(db.url, pgCases[1]!.inserts)
  })
})

interface SqliteCase {
  name: string
  file: string
  inserts: Array<{ table: string; key: string; sql: string }>
}

const sqliteCases: SqliteCase[] = [
  {
    name: 'everything',
    file: 'test/fixtures/sqlite/everything.sql',
    inserts: [
      { table: 'customers', key: 'id', sql: `insert into customers (email, name) values ('app-user@example.org', 'App User')` },
      { table: 'categories', key: 'id', sql: `insert into categories (name) values ('app category')` },
      { table: 'products', key: 'id', sql: `insert into products (sku, category_id, price, list_price) select 'APP-1', min(id), 1, 2 from categories` },
      { table: 'orders', key: 'id', sql: `insert into orders (customer_id) select min(id) from customers` },
    ],
  },
  {
    name: 'hostile-names',
    file: 'test/fixtures/sqlite/hostile-names.sql',
    inserts: [
      { table: '"order"', key: '"select"', sql: `insert into "order" ("a""b") values ('app')` },
      { table: '顧客', key: 'id', sql: `insert into 顧客 ("名前") values ('app user')` },
    ],
  },
  {
    name: 'examples/shop.sql',
    file: 'examples/shop.sql',
    inserts: [
      { table: 'customers', key: 'id', sql: `insert into customers (email, first_name, last_name) values ('app-user@example.org', 'App', 'User')` },
      { table: 'products', key: 'id', sql: `insert into products (sku, name, price) values ('SKU-APP', 'App product', 2.00)` },
      { table: 'orders', key: 'id', sql: `insert into orders (customer_id, status, ordered_at) select min(id), 'new', datetime('now') from customers` },
    ],
  },
]

describe('tdg seed --rows 10000 into SQLite fixtures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-seed-fixtures-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  for (const c of sqliteCases) {
    it(`${c.name}: built with sqlite3, then seeded — planned counts, FK/integrity checks, app INSERT works`, async () => {
      const file = join(dir, `${c.name.replace(/\W+/g, '-')}.db`)
      sqlite3(file, `.read ${c.file}\n`)
      const before = sqliteCounts(file, sqliteTables(file))
      const flags = ['--db', `sqlite:${file}`, '--rows', ROWS, '--seed', SEED]
      const expected = plannedCounts(await planJson(flags))
      const r = await runCli(['seed', ...flags], { timeoutMs: 120_000 })
      expect(r.code, r.stderr).toBe(0)
      const after = sqliteCounts(file, sqliteTables(file))
      for (const t of Object.keys(expected)) expect(after[t], t).toBe((before[t] ?? 0) + expected[t]!)
      expectSqliteConsistent(file)
      expectSqliteAppInserts(file, c.inserts)
    })

    it(`${c.name}: --create from the DDL file into a new database`, async () => {
      const file = join(dir, `${c.name.replace(/\W+/g, '-')}-created.db`)
      const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', c.file, '--create', '--rows', '3000', '--seed', SEED], { timeoutMs: 60_000 })
      expect(r.code, r.stderr).toBe(0)
      // The DDL's own INSERT rows (everything.sql has one customer) stay, and keys start after them.
      const got = sqliteCounts(file, sqliteTables(file))
      const ddlRows = c.name === 'everything' ? { customers: 1 } : {}
      for (const [t, n] of Object.entries(got)) expect(n, t).toBe(3000 + ((ddlRows as Record<string, number>)[t] ?? 0))
      expectSqliteConsistent(file)
      expectSqliteAppInserts(file, c.inserts)
    })
  }
})
