/**
 * `tdgFixtures(...).cleanup()` removes exactly the rows the fixture wrote (by their plan-assigned keys)
 * and restarts the identity counters of the tables it emptied, so the next fixture run gets the same ids
 * and the application's next INSERT starts where an untouched database would. SQLite, real files.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { tdgFixtures } from '../../src/index.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-fixtures-cleanup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function sql<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file)
  try {
    return work(db)
  } finally {
    db.close()
  }
}

describe('tdgFixtures cleanup', () => {
  it('leaves a row the test added, removes the fixture rows, restarts the counters of emptied tables', async () => {
    const file = join(dir, 'shop.db')
    const db = `sqlite:${file}`
    const fx = await tdgFixtures({ db, schema: 'examples/shop.sql', seed: 1, rows: { customers: 5, orders: 12 } })
    expect(fx.rows.customers!.map((c) => c.id)).toEqual([1, 2, 3, 4, 5])
    // The test's own row, written by the application after the fixture: it gets the next id.
    const mine = sql(file, (d) => d.prepare("INSERT INTO customers (email, first_name, last_name) VALUES ('mine@example.org', 'M', 'E') RETURNING id").get())
    expect(mine).toEqual({ id: 6 })
    await fx.cleanup()
    sql(file, (d) => {
      expect(d.prepare('SELECT id, email FROM customers').all()).toEqual([{ id: 6, email: 'mine@example.org' }])
      expect(d.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 0 })
      // customers still holds id 6: its counter stays there; orders is empty: its counter restarts.
      expect(d.prepare("SELECT name, seq FROM sqlite_sequence WHERE name IN ('customers', 'orders') ORDER BY name").all()).toEqual([{ name: 'customers', seq: 6 }])
      d.prepare('DELETE FROM customers').run()
    })
    // Emptied by the test too: the next fixture run writes the same rows, ids from 1 again.
    const again = await tdgFixtures({ db, schema: 'examples/shop.sql', seed: 1, rows: { customers: 5, orders: 12 } })
    expect(again.rows).toEqual(fx.rows)
    await again.cleanup()
    sql(file, (d) => expect(d.prepare("SELECT count(*) AS n FROM sqlite_sequence WHERE name IN ('customers', 'orders')").get()).toEqual({ n: 0 }))
  })
})
