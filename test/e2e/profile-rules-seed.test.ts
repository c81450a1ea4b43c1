/**
 * Round trip of issue 12's rules output: a northwind-like profile → profileToRules → the YAML file →
 * `tdg seed --rules … --scale 10` into a real SQLite file and the test PostgreSQL → the written rows,
 * read back by SQL, against the profile: row counts exact (× 10), numeric and date columns within KS 0.1
 * of the profile's quantiles, categories within TVD 0.1, fan-out median within 10 %, weekday shares,
 * conditional nulls and ordered pairs held in every row.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { profileToRules } from '../../src/profile/emit-rules.js'
import { TestDataGenerator } from '../../src/index.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { rawQuery } from '../support/raw-query.js'
import { runCli } from '../support/run-cli.js'
import { northwindProfile } from '../unit/profile/northwind-profile.js'
import { ksToQuantiles, median, shares, tvd } from '../unit/profile/stats.js'

const profile = northwindProfile()
const { yaml } = profileToRules(profile)
const dir = mkdtempSync(join(tmpdir(), 'tdg-profile-rules-'))
const rulesFile = join(dir, 'rules.yaml')
writeFileSync(rulesFile, yaml)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const DDL = {
  sqlite: `CREATE TABLE customers (customer_id TEXT PRIMARY KEY, company_name TEXT NOT NULL, contact_email TEXT, reach TEXT NOT NULL, country TEXT NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(customer_id), order_date DATE NOT NULL, shipped_date DATE, status TEXT NOT NULL, freight DECIMAL(10,2) NOT NULL);`,
  postgres: `CREATE TABLE customers (customer_id character(5) PRIMARY KEY, company_name varchar(40) NOT NULL, contact_email varchar(60), reach varchar(60) NOT NULL, country varchar(15) NOT NULL, created_at timestamp NOT NULL);
CREATE TABLE orders (order_id integer PRIMARY KEY, customer_id character(5) NOT NULL REFERENCES customers(customer_id), order_date date NOT NULL, shipped_date date, status varchar(10) NOT NULL, freight numeric(10,2) NOT NULL);`,
}
const SELECT = {
  sqlite: 'SELECT customer_id, order_date, shipped_date, status, CAST(freight AS REAL) AS freight FROM orders',
  postgres: 'SELECT customer_id, order_date::text AS order_date, shipped_date::text AS shipped_date, status, freight::float8 AS freight FROM orders',
}

const col = (t: string, c: string) => profile.tables.find((x) => x.name === t)!.columns.find((x) => x.name === c)!
const day = (s: unknown) => Date.parse(`${String(s).slice(0, 10)}T00:00:00Z`)

function checks(target: 'sqlite' | 'postgres', url: () => string) {
  it('row counts are the profile counts × 10, exactly', async () => {
    const [c] = await rawQuery(target, url(), 'SELECT count(*) AS n FROM customers')
    const [o] = await rawQuery(target, url(), 'SELECT count(*) AS n FROM orders')
    expect(Number(c!.n)).toBe(910)
    expect(Number(o!.n)).toBe(8300)
  })

  it('freight and order_date within KS 0.1 of the profile quantiles; weekday shares within 3 points', async () => {
    const rows = await rawQuery(target, url(), SELECT[target])
    const freight = rows.map((r) => Number(r.freight))
    const ksF = ksToQuantiles(freight, col('orders', 'freight').numeric!.quantiles, 0.01)
    const dates = rows.map((r) => day(r.order_date))
    const ksD = ksToQuantiles(dates, col('orders', 'order_date').numeric!.quantiles, 86_400_000)
    console.log(`[profile-rules ${target}] KS freight ${ksF.toFixed(4)}, order_date ${ksD.toFixed(4)}`)
    expect(ksF).toBeLessThanOrEqual(0.1)
    expect(ksD).toBeLessThanOrEqual(0.1)
    const wd = new Array(7).fill(0) as number[]
    for (const d of dates) wd[(new Date(d).getUTCDay() + 6) % 7]!++
    col('orders', 'order_date').seasonality!.weekday.forEach((s, j) => expect(Math.abs(wd[j]! / dates.length - s)).toBeLessThan(0.03))
  })

  it('categories within TVD 0.1 (status, country)', async () => {
    const rows = await rawQuery(target, url(), SELECT[target])
    const want = (t: string, c: string) => new Map(col(t, c).categories!.values.map((v) => [String(v.value), v.share]))
    const st = tvd(shares(rows.map((r) => r.status as string)), want('orders', 'status'))
    const countries = await rawQuery(target, url(), 'SELECT country FROM customers')
    const ct = tvd(shares(countries.map((r) => r.country as string)), want('customers', 'country'))
    console.log(`[profile-rules ${target}] TVD status ${st.toFixed(4)}, country ${ct.toFixed(4)}`)
    expect(st).toBeLessThanOrEqual(0.1)
    expect(ct).toBeLessThanOrEqual(0.1)
  })

  it('fan-out median within 10 % of the profile; childless share close', async () => {
    const per = await rawQuery(target, url(), 'SELECT (SELECT count(*) FROM orders o WHERE o.customer_id = c.customer_id) AS n FROM customers c')
    const counts = per.map((r) => Number(r.n))
    const f = profile.tables[1]!.fanOut[0]!
    const m = median(counts)
    console.log(`[profile-rules ${target}] fan-out median ${m} vs ${f.median}, childless ${(counts.filter((c) => c === 0).length / counts.length).toFixed(3)} vs ${f.childless.toFixed(3)}`)
    expect(Math.abs(m - f.median) / f.median).toBeLessThanOrEqual(0.1)
  })

  it('shipped_date NULL exactly when status is new, after order_date otherwise', async () => {
    const rows = await rawQuery(target, url(), SELECT[target])
    for (const r of rows) {
      expect(r.shipped_date === null).toBe(r.status === 'new')
      if (r.shipped_date !== null) expect(day(r.shipped_date)).toBeGreaterThan(day(r.order_date))
    }
  })
}

describe('profile → rules → tdg seed --scale 10 into SQLite', () => {
  const db = join(dir, 'nw.db')
  it('seeds', async () => {
    writeFileSync(join(dir, 'sqlite.sql'), DDL.sqlite)
    const r = await runCli(['seed', '--db', `sqlite:${db}`, '--schema', join(dir, 'sqlite.sql'), '--create', '--rules', rulesFile, '--scale', '10', '--seed', '12', '--quiet'], { timeoutMs: 120_000 })
    expect(r.code, r.stderr).toBe(0)
  }, 120_000)
  checks('sqlite', () => `sqlite:${db}`)
})

const pgOk = postgresAvailable()
if (!pgOk) console.warn(`[profile-rules-seed] PostgreSQL part skipped: ${postgresMissingReason()}`)

describe.skipIf(!pgOk)('profile → rules → tdg seed --scale 10 into PostgreSQL', () => {
  let pgdb: FreshPostgres
  afterAll(async () => pgdb?.drop())
  it('seeds', async () => {
    pgdb = await freshPostgresDatabase()
    const ddl = join(dir, 'pg.sql')
    writeFileSync(ddl, DDL.postgres)
    const r = await runCli(['seed', '--db', pgdb.url, '--schema', ddl, '--create', '--rules', rulesFile, '--scale', '10', '--seed', '12', '--quiet'], { timeoutMs: 120_000 })
    expect(r.code, r.stderr).toBe(0)
  }, 120_000)
  checks('postgres', () => pgdb.url)
})

describe('the API: setRules takes the emitted rules object, generate takes a scale', () => {
  it('row counts × 2, same rows as the YAML file gives', async () => {
    const ddl = join(dir, 'api.sql')
    writeFileSync(ddl, DDL.sqlite)
    const g = new TestDataGenerator()
    await g.loadSchema(ddl, { dialect: 'sqlite' })
    g.setRules(profileToRules(profile).rules)
    const r = await g.generate({ seed: 3, scale: 2 })
    expect(r.tables).toEqual([
      { table: 'customers', rows: 182 },
      { table: 'orders', rows: 1660 },
    ])
    const fromFile = new TestDataGenerator()
    await fromFile.loadSchema(ddl, { dialect: 'sqlite' })
    fromFile.setRules(rulesFile)
    expect((await fromFile.generate({ seed: 3, scale: 2 })).rows('orders')).toEqual(r.rows('orders'))
  })
})
