/**
 * The README's vitest example is a real file (examples/vitest/shop.fixtures.test.ts): the main run
 * executes it on SQLite; this test runs it twice in a row against the same database, on SQLite and on
 * PostgreSQL (the second run must see what the first one's `cleanup()` left: empty tables and restarted
 * identities, so ids start at 1 again), and checks the README shows it verbatim.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { repoRoot } from '../support/run-cli.js'
import { withPg } from '../support/table-state.js'

const example = 'examples/vitest/shop.fixtures.test.ts'

/** Run the example with `TDG_EXAMPLE_DB=db`; it must pass all three tests. */
function runExample(db: string): void {
  const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', example], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, TDG_EXAMPLE_DB: db, TDG_TEST_POSTGRES: 'off', TDG_TEST_MYSQL: 'off', TDG_TEST_S3: 'off', CI: '' },
    timeout: 120_000,
  })
  expect(r.status, r.stdout + r.stderr).toBe(0)
  expect(r.stdout).toMatch(/3 passed/)
}

describe('README vitest example', () => {
  it('is quoted in the README exactly as the file that runs', () => {
    expect(readFileSync(`${repoRoot}README.md`, 'utf8')).toContain(readFileSync(`${repoRoot}${example}`, 'utf8').trim())
  })

  const dir = mkdtempSync(join(tmpdir(), 'tdg-readme-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('passes twice in a row against the same SQLite file; cleanup leaves it empty with counters restarted', { timeout: 240_000 }, () => {
    const file = join(dir, 'shop.db')
    runExample(`sqlite:${file}`)
    runExample(`sqlite:${file}`)
    const db = new Database(file)
    try {
      for (const t of ['customers', 'orders', 'products', 'order_items']) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 0 })
      expect(db.prepare("SELECT name FROM sqlite_sequence WHERE name IN ('customers', 'orders')").all()).toEqual([])
      // The application's next INSERT starts at 1, as in a database tdg never touched.
      const id = db.prepare("INSERT INTO customers (email, first_name, last_name) VALUES ('app@example.org', 'A', 'B') RETURNING id").get()
      expect(id).toEqual({ id: 1 })
    } finally {
      db.close()
    }
  })

  const available = postgresAvailable()
  if (!available) console.warn(`[readme-example] PostgreSQL run skipped: ${postgresMissingReason()}`)
  let pgDb: FreshPostgres | undefined
  afterAll(async () => pgDb?.drop())

  it.skipIf(!available)('passes twice in a row against the same PostgreSQL database; cleanup restarts the identities', { timeout: 240_000 }, async () => {
    pgDb = await freshPostgresDatabase()
    runExample(pgDb.url)
    runExample(pgDb.url)
    await withPg(pgDb.url, async (c) => {
      const n = await c.query<{ c: string; o: string }>('select (select count(*) from customers)::text as c, (select count(*) from orders)::text as o')
      expect(n.rows[0]).toEqual({ c: '0', o: '0' })
      const customer = await c.query<{ id: string }>("insert into customers (email, first_name, last_name) values ('app@example.org', 'A', 'B') returning id::text")
      expect(customer.rows[0]).toEqual({ id: '1' })
      const order = await c.query<{ id: string }>("insert into orders (customer_id, status, ordered_at) values (1, 'new', now()) returning id::text")
      expect(order.rows[0]).toEqual({ id: '1' })
    })
  })
})
