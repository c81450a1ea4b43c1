/**
 * `tdg export` from MariaDB and from a SQLite file: row counts per table equal the database's, every value
 * equal to what the raw driver reads (unicode, quotes, newlines, empty string vs NULL, decimals, dates),
 * a child row stored before its parent written whole, `--tables` and `--where` in the source's own SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import Papa from 'papaparse'
import { execMysql, freshMysqlDatabase, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { rawQuery } from '../support/raw-query.js'

const mysql = mysqlAvailable()
if (!mysql) console.warn(`[export-mariadb-sqlite] MariaDB part skipped: ${mysqlMissingReason()}`)

interface Manifest {
  format: string
  tables: Array<{ table: string; file: string; rows: number; columns: string[] }>
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
const ndjson = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)

/** Hand-written rows: the edge values; dept 4 references dept 5, stored after it. */
const DEPTS = [
  [1, 'Root', null],
  [2, 'Sales', 1],
  [3, 'Ünïcode ☃ "quoted", comma', 1],
  [4, 'Late child', 5],
  [5, 'Parent stored later', 1],
] as const

let scratch: string
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tdg-export-my-lite-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe.skipIf(!mysql)('tdg export from MariaDB', () => {
  let db: FreshMysql
  beforeAll(async () => {
    db = await freshMysqlDatabase()
    await execMysql(
      db.url,
      `CREATE TABLE dept (id INT PRIMARY KEY, name VARCHAR(60) NOT NULL, parent_id INT NULL, FOREIGN KEY (parent_id) REFERENCES dept (id)) ENGINE=InnoDB;
       CREATE TABLE person (id INT AUTO_INCREMENT PRIMARY KEY, dept_id INT NOT NULL, full_name VARCHAR(60) NOT NULL, email VARCHAR(80) NULL,
         salary DECIMAL(10,2) NULL, born DATE NULL, seen DATETIME NULL, active TINYINT(1) NOT NULL, note TEXT NULL, FOREIGN KEY (dept_id) REFERENCES dept (id)) ENGINE=InnoDB;
       SET foreign_key_checks = 0;
       INSERT INTO dept VALUES ${DEPTS.map((d) => `(${d[0]}, '${d[1].replace(/'/g, "''")}', ${d[2] ?? 'NULL'})`).join(', ')};
       SET foreign_key_checks = 1;
       INSERT INTO person VALUES (1, 3, 'Zoë O''Brien', '', 12345678.90, '1970-01-02', '2024-02-29 23:59:58', 1, 'line one\nline two, "quoted"'),
                                 (2, 4, 'No Email', NULL, NULL, NULL, NULL, 0, NULL);
       INSERT INTO person (dept_id, full_name, email, salary, born, seen, active, note)
         SELECT 1 + seq % 5, CONCAT('Person ', seq), CONCAT('p', seq, '@example.org'), seq * 1.25, DATE_ADD('1980-01-01', INTERVAL seq DAY), DATE_ADD('2020-01-01 08:00:00', INTERVAL seq MINUTE), seq % 2, NULL FROM seq_1_to_700;`,
    )
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('ndjson: counts and values as the driver reads them; the child stored before its parent is written whole', async () => {
    const out = join(scratch, 'mariadb')
    const r = await runCli(['export', '--db', db.url, '--format', 'ndjson', '--output', out], { timeoutMs: 60_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(r.stderr).toMatch(/reading the source in one snapshot/)
    const m = manifestOf(out)
    expect(m.tables.map((t) => [t.table, t.rows])).toEqual([['dept', 5], ['person', 702]])
    const dept = ndjson(join(out, m.tables[0]!.file))
    expect(dept.map((d) => [d.id, d.name, d.parent_id]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(DEPTS.map((d) => [...d]))
    const people = ndjson(join(out, m.tables[1]!.file))
    expect(people[0]).toEqual({ id: 1, dept_id: 3, full_name: "Zoë O'Brien", email: '', salary: '12345678.90', born: '1970-01-02', seen: '2024-02-29 23:59:58', active: 1, note: 'line one\nline two, "quoted"' })
    expect(people[1]).toEqual({ id: 2, dept_id: 4, full_name: 'No Email', email: null, salary: null, born: null, seen: null, active: 0, note: null })
    // Every row against the database's own text of each value (decimals exact, as strings).
    const truth = await rawQuery('mysql', db.url, "SELECT id, dept_id, full_name, email, CAST(salary AS CHAR) AS salary, DATE_FORMAT(born, '%Y-%m-%d') AS born, DATE_FORMAT(seen, '%Y-%m-%d %H:%i:%s') AS seen, active FROM person ORDER BY id")
    expect(people.length).toBe(truth.length)
    const byId = new Map(people.map((p) => [p.id, p]))
    for (const t of truth) {
      const p = byId.get(t.id)!
      expect([p.dept_id, p.full_name, p.email, p.salary, p.born, p.seen, p.active], String(t.id)).toEqual([t.dept_id, t.full_name, t.email, t.salary, t.born, t.seen, Number(t.active)])
    }
  })

  it('--tables and --where in MariaDB SQL', async () => {
    const out = join(scratch, 'mariadb-where')
    const r = await runCli(['export', '--db', db.url, '--format', 'csv', '--output', out, '--tables', 'person', '--where', "person:salary BETWEEN 100 AND 200 AND full_name LIKE 'Person %'"], { timeoutMs: 60_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(r.stderr).toMatch(/note: person\.dept_id references dept, which --tables leaves out/)
    const m = manifestOf(out)
    expect(m.tables.map((t) => t.table)).toEqual(['person'])
    const want = await rawQuery('mysql', db.url, 'SELECT id FROM person WHERE salary BETWEEN 100 AND 200 ORDER BY id')
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, m.tables[0]!.file), 'utf8'), { header: true, skipEmptyLines: true }).data
    expect(rows.map((x) => Number(x.id))).toEqual(want.map((w) => w.id))
    expect(rows.every((x) => Number(x.salary) >= 100 && Number(x.salary) <= 200)).toBe(true)
  })
})

describe('tdg export from a SQLite file', () => {
  let file: string
  beforeAll(() => {
    file = join(scratch, 'dev.db')
    const db = new Database(file)
    db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, balance NUMERIC, joined TEXT);
             CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id), total REAL NOT NULL, note TEXT);
             CREATE TABLE audit (id INTEGER PRIMARY KEY, what TEXT, shout TEXT GENERATED ALWAYS AS (upper(what)) VIRTUAL);
             INSERT INTO customers VALUES (1, 'Zoë O''Brien', '', 10.5, '2024-01-31'), (2, 'Comma, "quote"', NULL, NULL, NULL), (3, 'line
break', 'x@example.org', -3, '1999-12-31');
             WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 400) INSERT INTO customers SELECT i, 'Customer ' || i, 'c' || i || '@example.org', i * 0.5, NULL FROM n;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) INSERT INTO orders SELECT i, 1 + i % 400, i * 1.75, CASE WHEN i % 3 = 0 THEN 'gift' END FROM n;
             INSERT INTO audit VALUES (1, 'not exported');`)
    db.close()
  })

  it('csv: counts and every value equal to the file; --tables customers,orders leaves audit out', async () => {
    const out = join(scratch, 'sqlite')
    const r = await runCli(['export', '--db', `sqlite:${file}`, '--format', 'csv', '--output', out, '--tables', 'customers,orders'], { timeoutMs: 60_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(r.stderr).not.toMatch(/leaves out/)
    const m = manifestOf(out)
    expect(m.tables.map((t) => [t.table, t.rows])).toEqual([['customers', 400], ['orders', 1500]])
    const db = new Database(file, { readonly: true })
    try {
      for (const t of m.tables) {
        const text = readFileSync(join(out, t.file), 'utf8')
        const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data
        const truth = db.prepare(`SELECT * FROM ${t.table} ORDER BY id`).raw(true).all() as unknown[][]
        expect(rows[0]).toEqual(t.columns)
        expect(rows.slice(1)).toEqual(truth.map((row) => row.map((v) => (v === null ? '' : String(v)))))
      }
    } finally {
      db.close()
    }
    // Empty string and NULL stay apart in the file: "" is quoted, NULL is nothing.
    const customers = readFileSync(join(out, m.tables[0]!.file), 'utf8').split('\n')
    expect(customers[1]).toBe(`1,Zoë O'Brien,"",10.5,2024-01-31`)
    expect(customers[2]).toBe('2,"Comma, ""quote""",,,')
  })

  it('--where on SQLite, and the file is left exactly as it was', async () => {
    const before = readFileSync(file)
    const out = join(scratch, 'sqlite-where')
    const r = await runCli(['export', '--db', `sqlite:${file}`, '--format', 'json', '--output', out, '--where', "orders:note = 'gift' AND total > 2000"], { timeoutMs: 60_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(r.stderr).toMatch(/note: audit: generated column shout left out/)
    const m = manifestOf(out)
    expect(m.tables.find((t) => t.table === 'audit')!.columns).toEqual(['id', 'what'])
    const orders = JSON.parse(readFileSync(join(out, m.tables.find((t) => t.table === 'orders')!.file), 'utf8')) as Array<{ id: number; note: string; total: number }>
    const want = (await rawQuery('sqlite', `sqlite:${file}`, "SELECT id FROM orders WHERE note = 'gift' AND total > 2000 ORDER BY id")).map((x) => x.id)
    expect(want.length).toBeGreaterThan(100)
    expect(Object.fromEntries(m.tables.map((t) => [t.table, t.rows]))).toEqual({ customers: 400, orders: want.length, audit: 1 })
    expect(orders.map((o) => o.id)).toEqual(want)
    expect(orders.every((o) => o.note === 'gift' && o.total > 2000)).toBe(true)
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})
