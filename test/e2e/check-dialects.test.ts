/**
 * The same hand-made rows in SQLite, PostgreSQL and MariaDB give the same `tdg check` counts: each
 * adapter's values (Dates or ISO text, numeric strings, 0/1 or true/false booleans) read alike.
 * The rows hold known good and bad cases, so the expected counts are exact.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { execMysql, execPostgres, freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, postgresAvailable } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'

/** DDL with the dialect's spelling of a timestamp and a boolean. */
const ddl = (ts: string, boolean: string) => `
CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name VARCHAR(40), last_name VARCHAR(40), email VARCHAR(120), is_active ${boolean}, created_at ${ts}, deleted_at ${ts});
CREATE TABLE products (id INTEGER PRIMARY KEY, price DECIMAL(10,2));
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), status VARCHAR(20), ordered_at ${ts}, shipped_at ${ts});
CREATE TABLE order_items (order_id INTEGER REFERENCES orders (id), line_no INTEGER, product_id INTEGER REFERENCES products (id), unit_price DECIMAL(10,2), PRIMARY KEY (order_id, line_no));
`
const rows = (t: (s: string) => string, yes: string, no: string) => `
INSERT INTO customers VALUES (1, 'Jane', 'Doe', 'jane.doe@example.com', ${yes}, ${t('2024-01-01 10:00:00')}, NULL);
INSERT INTO customers VALUES (2, 'Conrad', 'Herzog', 'cassie56@example.com', ${yes}, ${t('2024-03-01 10:00:00')}, ${t('2024-04-01 10:00:00')});
INSERT INTO customers VALUES (3, 'José', 'Núñez', 'jose.nunez@example.com', ${no}, ${t('2024-05-01 10:00:00')}, ${t('2024-02-01 10:00:00')});
INSERT INTO products VALUES (1, 18.00);
INSERT INTO products VALUES (2, 10.00);
INSERT INTO orders VALUES (1, 1, 'shipped', ${t('2024-02-01 09:00:00')}, ${t('2024-02-02 09:00:00')});
INSERT INTO orders VALUES (2, 1, 'new', ${t('2024-02-03 09:00:00')}, ${t('2024-02-04 09:00:00')});
INSERT INTO orders VALUES (3, 2, 'paid', ${t('2024-01-15 09:00:00')}, NULL);
INSERT INTO order_items VALUES (1, 1, 1, 18.00);
INSERT INTO order_items VALUES (1, 2, 2, 411.30);
INSERT INTO order_items VALUES (2, 1, 1, 14.40);
INSERT INTO order_items VALUES (3, 1, 2, 10.00);
`

/** [invariant, table, applicable, passed] for the rows above. */
const EXPECTED = [
  ['email-name', 'customers', 3, 2],
  ['temporal-row', 'customers', 2, 1],
  ['temporal-row', 'orders', 2, 2],
  ['temporal-fk', 'orders', 3, 2],
  ['lifecycle', 'customers', 2, 1],
  ['lifecycle', 'orders', 3, 2],
  ['vocabulary', 'orders', 3, 3],
  ['price-copy', 'order_items', 4, 3],
  ['fan-out', 'order_items', 1, 1],
  // Both products have two lines each: constant.
  ['fan-out', 'order_items', 1, 0],
  ['fan-out', 'orders', 1, 1],
]

interface JsonReport {
  invariants: Array<{ id: string; results: Array<{ table: string; applicable: number; passed: number }> }>
}

async function counts(url: string): Promise<Array<[string, string, number, number]>> {
  const r = await runCli(['check', '--db', url, '--json'], { timeoutMs: 60_000 })
  expect(r.code, r.stderr).toBe(0)
  const doc = JSON.parse(r.stdout) as JsonReport
  return doc.invariants.flatMap((i) => i.results.map((x): [string, string, number, number] => [i.id, x.table.replace(/^public\./, ''), x.applicable, x.passed]))
}

const dir = mkdtempSync(join(tmpdir(), 'tdg-check-dialects-'))
const cleanups: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const c of cleanups) await c()
  rmSync(dir, { recursive: true, force: true })
})

describe('tdg check reads every dialect alike', () => {
  it('SQLite', async () => {
    const file = join(dir, 'a.db')
    const db = new Database(file)
    db.exec(ddl('DATETIME', 'BOOLEAN') + rows((s) => `'${s}'`, '1', '0'))
    db.close()
    expect(await counts(`sqlite:${file}`)).toEqual(EXPECTED)
  })

  it.skipIf(!postgresAvailable())('PostgreSQL', async () => {
    const db = await freshPostgresDatabase()
    cleanups.push(() => db.drop())
    await execPostgres(db.url, ddl('timestamptz', 'boolean') + rows((s) => `'${s}+00'`, 'true', 'false'))
    expect(await counts(db.url)).toEqual(EXPECTED)
  })

  it.skipIf(!mysqlAvailable())('MariaDB', async () => {
    const db = await freshMysqlDatabase()
    cleanups.push(() => db.drop())
    await execMysql(db.url, ddl('DATETIME', 'BOOLEAN') + rows((s) => `'${s}'`, 'TRUE', 'FALSE'))
    expect(await counts(db.url)).toEqual(EXPECTED)
  })
})
