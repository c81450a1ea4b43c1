/**
 * `tdg profile --db` on MariaDB (a seeded RAND() draw) and on a SQLite file (random rowid ranges): row
 * counts = count(*), about --sample rows read, fan-out medians = a GROUP BY's, category shares = SQL's,
 * an email column withheld and absent from the JSON, shipped_at NULL when status = 'new' found, and a
 * one-line error for an unknown table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { execMysql, freshMysqlDatabase, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'
import { rawQuery } from '../support/raw-query.js'
import { runCli } from '../support/run-cli.js'
import type { Profile, TableProfile } from '../../src/model/profile.js'

const my = mysqlAvailable()
if (!my) console.warn(`[profile-mariadb] skipped: ${mysqlMissingReason()}`)

const table = (p: Profile, name: string): TableProfile => p.tables.find((x) => x.name === name)!

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = (s.length - 1) / 2
  return (s[Math.floor(m)]! + s[Math.ceil(m)]!) / 2
}

/** Checks shared by both dialects; `q` runs SQL on the database and returns rows as objects. */
function sharedChecks(get: () => { profile: Profile; json: string; q: (sql: string) => Promise<Array<Record<string, unknown>>>; sample: RegExp }) {
  it('counts rows as count(*) and reads about --sample rows of the big table', async () => {
    const { profile, q, sample } = get()
    for (const t of profile.tables) {
      const n = Number((await q(`SELECT COUNT(*) AS n FROM ${t.name}`))[0]!.n)
      expect(t.rows, t.name).toEqual({ count: n, exact: true, method: 'count(*)' })
    }
    const orders = table(profile, 'orders')
    expect(orders.sampling).toMatch(sample)
    expect(orders.sampled).toBeGreaterThan(4500)
    expect(orders.sampled).toBeLessThanOrEqual(5000)
    expect(table(profile, 'customers').sampled).toBe(500)
  })

  it('gives the fan-out median of a GROUP BY over every customer, and the category shares SQL gives', async () => {
    const { profile, q } = get()
    const per = (await q('SELECT COUNT(o.customer_id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id')).map((r) => Number(r.n))
    const f = table(profile, 'orders').fanOut[0]!
    expect(f.exact).toBe(true)
    expect(f.parents).toBe(500)
    expect(f.median).toBe(median(per))
    expect(f.max).toBe(Math.max(...per))
    expect(f.childless).toBeCloseTo(per.filter((n) => n === 0).length / 500, 9)
    expect(f.nullShare).toBeCloseTo(750 / 30_000, 9)
    const shares = await q("SELECT tier AS v, COUNT(*) AS n FROM customers GROUP BY tier")
    const cats = table(profile, 'customers').columns.find((c) => c.name === 'tier')!.categories!
    expect(cats.values).toHaveLength(3)
    for (const s of shares) expect(cats.values.find((v) => v.value === s.v)!.share).toBeCloseTo(Number(s.n) / 500, 9)
  })

  it('withholds the email column: none of its 500 values is in the JSON', async () => {
    const { profile, json, q } = get()
    const email = table(profile, 'customers').columns.find((c) => c.name === 'email')!
    expect(email.pii?.category).toBe('email')
    expect(email.valuesWithheld).toBe(true)
    const values = (await q('SELECT email AS v FROM customers')).map((r) => String(r.v))
    expect(values).toHaveLength(500)
    for (const v of values) expect(json.includes(v)).toBe(false)
  })

  it('finds shipped_at NULL when status = new and created_at < shipped_at', () => {
    const orders = table(get().profile, 'orders')
    expect(orders.conditionalNulls).toEqual([{ column: 'shipped_at', when: { column: 'status', value: 'new' }, nullShareWhen: 1, nullShareOtherwise: 0 }])
    expect(orders.orderedPairs).toContainEqual({ left: 'created_at', op: '<', right: 'shipped_at', share: 1 })
  })
}

describe.skipIf(!my)('tdg profile --db mariadb', () => {
  let db: FreshMysql
  let profile: Profile
  let json: string
  beforeAll(async () => {
    db = await freshMysqlDatabase()
    await execMysql(
      db.url,
      `CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(80) NOT NULL, tier VARCHAR(10) NOT NULL);
       CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NULL, status VARCHAR(10) NOT NULL, created_at DATETIME NOT NULL, shipped_at DATETIME NULL, amount DECIMAL(10,2) NOT NULL,
         FOREIGN KEY (customer_id) REFERENCES customers (id));
       INSERT INTO customers SELECT seq, CONCAT('person', seq, '@mail', seq % 7, '.example'), ELT(1 + seq % 3, 'gold', 'silver', 'basic') FROM seq_1_to_500;
       INSERT INTO orders SELECT seq, IF(seq % 40 = 0, NULL, 1 + (seq * 7) % 450), ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'done'),
         TIMESTAMP '2024-01-01 00:00:00' + INTERVAL seq * 17 MINUTE, IF(seq % 4 = 0, NULL, TIMESTAMP '2024-01-02 00:00:00' + INTERVAL seq * 17 MINUTE), (seq % 1000) / 10 FROM seq_1_to_30000;
       ANALYZE TABLE customers, orders;`,
    )
    const r = await runCli(['profile', '--db', db.url, '--sample', '5000', '--json'], { timeoutMs: 120_000 })
    expect(r.stderr).not.toContain('error')
    expect(r.code).toBe(0)
    json = r.stdout
    profile = JSON.parse(json) as Profile
  }, 180_000)
  afterAll(async () => {
    await db?.drop()
  })
  sharedChecks(() => ({ profile, json, q: (sql) => rawQuery('mysql', db.url, sql), sample: /^WHERE RAND\(\) < 0\.166666667 \(one server-side pass\), LIMIT 5000$/ }))

  it('exits non-zero with one line for an unknown table', async () => {
    const r = await runCli(['profile', '--db', db.url, '--tables', 'customers,nope'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/TDG_TABLE_NOT_FOUND.*nope/)
  })
})

describe('tdg profile --db sqlite', () => {
  let dir: string
  let file: string
  let profile: Profile
  let json: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-profile-sqlite-'))
    file = join(dir, 'shop.db')
    const db = new Database(file)
    db.exec(`CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, tier TEXT NOT NULL);
      CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id), status TEXT NOT NULL, created_at DATETIME NOT NULL, shipped_at DATETIME, amount NUMERIC NOT NULL);`)
    const c = db.prepare('INSERT INTO customers VALUES (?, ?, ?)')
    const o = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)')
    const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
    db.transaction(() => {
      for (let i = 1; i <= 500; i++) c.run(i, `person${i}@mail${i % 7}.example`, ['gold', 'silver', 'basic'][(i % 3)]!)
      for (let i = 1; i <= 30_000; i++) {
        const t = Date.UTC(2024, 0, 1) + i * 17 * 60_000
        o.run(i, i % 40 === 0 ? null : 1 + ((i * 7) % 450), ['new', 'paid', 'shipped', 'done'][i % 4]!, iso(t), i % 4 === 0 ? null : iso(t + 86_400_000), (i % 1000) / 10)
      }
    })()
    db.close()
    const r = await runCli(['profile', '--db', `sqlite:${file}`, '--sample', '5000', '--json'], { timeoutMs: 120_000 })
    expect(r.code).toBe(0)
    json = r.stdout
    profile = JSON.parse(json) as Profile
  }, 180_000)
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  sharedChecks(() => ({
    profile,
    json,
    q: async (sql) => {
      const db = new Database(file, { readonly: true })
      try {
        return db.prepare(sql).all() as Array<Record<string, unknown>>
      } finally {
        db.close()
      }
    },
    sample: /^64 random rowid ranges \(0\.166666667 of rowids\), LIMIT 5000$/,
  }))

  it('exits non-zero with one line for an unknown table and a bad --sample', async () => {
    const r = await runCli(['profile', '--db', `sqlite:${file}`, '--tables', 'nope'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/TDG_TABLE_NOT_FOUND.*nope/)
    const s = await runCli(['profile', '--db', `sqlite:${file}`, '--sample', '-3'])
    expect(s.code).toBe(2)
    expect(s.stderr.trim().split('\n')).toHaveLength(1)
  })
})
