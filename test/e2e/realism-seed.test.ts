/**
 * Issue 10 §3 as a user sees it: vocabularies, DEFAULTs, number shapes and skewed fan-out, seeded into a
 * real PostgreSQL (test/fixtures/postgres/realism.sql: enum, IN lists, CHECK bounds, a (fk, line) key)
 * and SQLite (examples/shop.sql), every constraint enforced by the database, the shapes read back by SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { counts, pgState, withPg } from '../support/table-state.js'
import { expectPgConstraintsEnforced, expectSqliteConsistent, planJson, plannedCounts } from '../support/seed-checks.js'

const SCHEMA = 'test/fixtures/postgres/realism.sql'
const FLAGS = ['--rows', '2000', '--rows-per-table', 'orders=1000,order_items=2500', '--seed', '5']
const pg = postgresAvailable()
if (!pg) console.warn(`[realism-seed] PostgreSQL case skipped: ${postgresMissingReason()}`)

describe.skipIf(!pg)('realistic shapes in PostgreSQL', () => {
  let db: FreshPostgres | undefined
  afterAll(async () => db?.drop())

  it('seeds with --create: counts as planned, constraints enforced, vocabularies, defaults, numbers and fan-out as planned', async () => {
    db = await freshPostgresDatabase()
    const expected = plannedCounts(await planJson(['--schema', SCHEMA, ...FLAGS]))
    const r = await runCli(['seed', '--db', db.url, '--schema', SCHEMA, '--create', ...FLAGS], { timeoutMs: 120_000 })
    expect(r.code, r.stderr).toBe(0)
    expect(counts(await pgState(db.url))).toEqual(expected)
    await expectPgConstraintsEnforced(db.url)
    await withPg(db.url, async (c) => {
      const one = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n)
      const shares = async (sql: string) => new Map((await c.query<{ v: string; n: string }>(sql)).rows.map((x) => [x.v, Number(x.n)]))
      // Order status: IN list with the vocabulary's weights (delivered most), not uniform.
      const status = await shares('select status as v, count(*)::text as n from orders group by status')
      expect(status.get('delivered')! / 1000).toBeGreaterThan(0.38)
      expect(status.get('refunded')! / 1000).toBeLessThan(0.1)
      // Subscriptions: free text, subscription vocabulary, never lorem.
      const subs = await shares('select status as v, count(*)::text as n from subscriptions group by status')
      expect([...subs.keys()].every((k) => ['active', 'trialing', 'past_due', 'canceled', 'unpaid', 'incomplete'].includes(k))).toBe(true)
      expect(subs.get('active')! / 2000).toBeGreaterThan(0.6)
      // Enum priority: the enum's labels, weighted (normal most, critical least).
      const pr = await shares('select priority::text as v, count(*)::text as n from tickets group by priority')
      expect(pr.get('normal')!).toBeGreaterThan(pr.get('critical')! * 3)
      // DEFAULTs for most rows; CURRENT_TIMESTAMP-like defaults are not used.
      expect(await one(`select count(*)::text as n from users where country = 'US'`)).toBeGreaterThan(1400)
      expect(await one(`select count(*)::text as n from users where role = 'user'`)).toBeGreaterThan(1500)
      expect(await one('select count(*)::text as n from users where is_active')).toBeGreaterThan(1700)
      expect(await one('select count(distinct created_at)::text as n from users')).toBeGreaterThan(1900)
      expect(await one(`select count(*)::text as n from users where gender not in ('F', 'M', 'X')`)).toBe(0)
      // Numbers: cost below price, quantity mostly 1–3, discounts mostly 0, price median 20–50.
      expect(await one('select count(*)::text as n from products where cost >= price')).toBe(0)
      expect(await one('select count(*)::text as n from order_items where quantity <= 3')).toBeGreaterThan(2000)
      expect(await one('select count(*)::text as n from products where discount_percent = 0')).toBeGreaterThan(1600)
      const median = await one('select (percentile_cont(0.5) within group (order by price))::text as n from products')
      expect(median).toBeGreaterThan(20)
      expect(median).toBeLessThan(50)
      // Fan-out: line_no = 1..count in every order, counts spread (not constant).
      expect(await one('select count(*)::text as n from (select order_id from order_items group by order_id having max(line_no) <> count(*)) x')).toBe(0)
      expect(await one('select count(distinct c)::text as n from (select count(*) as c from order_items group by order_id) x')).toBeGreaterThan(4)
      // Plain FKs are skewed: the busiest user has many orders.
      expect(await one('select max(c)::text as n from (select count(*) as c from orders group by user_id) x')).toBeGreaterThan(8)
    })
  }, 180_000)
})

describe('realistic shapes in SQLite (examples/shop.sql)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-realism-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('seeds the bundled example: statuses weighted, items per order skewed with line numbers 1..n, DEFAULTs used', async () => {
    const file = join(dir, 'shop.db')
    const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', 'examples/shop.sql', '--create', '--rows', '1000', '--seed', '1'])
    expect(r.code, r.stderr).toBe(0)
    expectSqliteConsistent(file)
    const d = new Database(file, { readonly: true })
    try {
      const n = (sql: string) => Number(d.prepare(sql).pluck().get())
      expect(n(`select count(*) from orders where status = 'shipped'`)).toBeGreaterThan(500)
      expect(n(`select count(*) from customers where country = 'DE'`)).toBeGreaterThan(700)
      expect(n(`select count(*) from customers where tier = 'free'`)).toBeGreaterThan(850)
      expect(n('select count(*) from (select order_id from order_items group by order_id having max(line_no) <> count(*))')).toBe(0)
      expect(n('select count(distinct c) from (select count(*) as c from order_items group by order_id)')).toBeGreaterThan(4)
      expect(n('select count(*) from order_items where quantity <= 3')).toBeGreaterThan(750)
    } finally {
      d.close()
    }
  }, 120_000)
})
