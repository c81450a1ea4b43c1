/**
 * `tdg profile --db` on PostgreSQL: the northwind dump (real rows, loaded with psql) and a 200 000-row
 * table made by generate_series, checked against the database's own answers: row counts = count(*),
 * fan-out medians = a GROUP BY's percentile_cont, category shares = SQL's, PII values nowhere in the
 * JSON, sampled quantiles near the exact ones, a one-line error for an unknown table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { psql, withPg } from '../support/table-state.js'
import type { Profile, TableProfile } from '../../src/model/profile.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[profile-postgres] skipped: ${postgresMissingReason()}`)

const table = (p: Profile, name: string): TableProfile => {
  const t = p.tables.find((x) => x.name === name)
  if (!t) throw new Error(`no table ${name} in the profile`)
  return t
}

describe.skipIf(!pg)('tdg profile --db postgres', () => {
  let db: FreshPostgres
  let profile: Profile
  let json: string
  let stderr: string
  beforeAll(async () => {
    db = await freshPostgresDatabase()
    psql(db.url, { file: sharedFixture('northwind-postgres.sql') })
    psql(db.url, {
      sql: `CREATE TABLE big AS SELECT g AS id, (g * 7919 % 100003) / 100.03 AS x, timestamp '2024-01-01' + g * interval '97 seconds' AS t, CASE WHEN g % 10 = 0 THEN NULL ELSE 'k' || (g % 5) END AS k FROM generate_series(1, 200000) g;
            ALTER TABLE big ADD PRIMARY KEY (id); ANALYZE big;`,
    })
    const r = await runCli(['profile', '--db', db.url, '--json'], { timeoutMs: 120_000 })
    expect(r.stderr).toContain('tdg: profile:')
    expect(r.code).toBe(0)
    json = r.stdout
    stderr = r.stderr
    profile = JSON.parse(json) as Profile
  }, 180_000)
  afterAll(async () => {
    await db?.drop()
  })

  it('counts rows as count(*) does, table by table, and reads small tables whole', async () => {
    const expected = await withPg(db.url, async (c) => {
      const out: Record<string, number> = {}
      for (const t of profile.tables) out[t.name] = Number((await c.query<{ n: string }>(`select count(*)::text as n from public."${t.name}"`)).rows[0]!.n)
      return out
    })
    expect(profile.tables.length).toBe(15)
    for (const t of profile.tables) {
      expect(t.rows, t.name).toEqual({ count: expected[t.name], exact: true, method: 'count(*)' })
      if (t.name !== 'big') expect(t.sampled, t.name).toBe(expected[t.name])
    }
    expect(table(profile, 'orders').sampling).toBe('all rows')
  })

  it('gives fan-out medians equal to a GROUP BY over every parent (childless ones included)', async () => {
    const sqlMedian = (child: string, fk: string, parent: string, pk: string) =>
      withPg(db.url, async (c) => {
        const r = await c.query<{ m: number; childless: number }>(
          `select percentile_cont(0.5) within group (order by n)::float8 as m, avg((n = 0)::int)::float8 as childless from (select count(x."${fk}") as n from "${parent}" p left join "${child}" x on x."${fk}" = p."${pk}" group by p."${pk}") s`,
        )
        return r.rows[0]!
      })
    const cases: Array<[string, string, string, string]> = [
      ['order_details', 'order_id', 'orders', 'order_id'],
      ['order_details', 'product_id', 'products', 'product_id'],
      ['orders', 'customer_id', 'customers', 'customer_id'],
      ['orders', 'ship_via', 'shippers', 'shipper_id'],
      ['employees', 'reports_to', 'employees', 'employee_id'],
    ]
    for (const [child, fk, parent, pk] of cases) {
      const f = table(profile, child).fanOut.find((x) => x.columns[0] === fk)!
      const expected = await sqlMedian(child, fk, parent, pk)
      expect(f.median, `${child}.${fk}`).toBeCloseTo(expected.m, 9)
      expect(f.childless, `${child}.${fk}`).toBeCloseTo(expected.childless, 9)
      expect(f.exact).toBe(true)
    }
    // Numbers a reader can check by hand: 830 orders, 2155 lines, one order with 25 lines at most.
    const lines = table(profile, 'order_details').fanOut.find((x) => x.columns[0] === 'order_id')!
    expect(lines).toMatchObject({ parents: 830, min: 1, max: 25, nullShare: 0 })
    expect(lines.mean).toBeCloseTo(2155 / 830, 9)
    expect(table(profile, 'employees').fanOut[0]!.nullShare).toBeCloseTo(1 / 9, 9)
  })

  it('lists categories of low-cardinality columns with the shares SQL gives', async () => {
    for (const [t, col] of [
      ['orders', 'ship_via'],
      ['employees', 'title'],
      ['order_details', 'discount'],
    ] as const) {
      const expected = await withPg(db.url, async (c) =>
        (await c.query<{ v: string | number; share: number }>(`select "${col}" as v, (count(*)::float8 / sum(count(*)) over ())::float8 as share from "${t}" where "${col}" is not null group by 1`)).rows,
      )
      const got = table(profile, t).columns.find((c) => c.name === col)!.categories!
      expect(got.other).toBe(0)
      expect(got.values.length, `${t}.${col}`).toBe(expected.length)
      for (const e of expected) {
        const hit = got.values.find((v) => v.value === (typeof v.value === 'number' ? Number(e.v) : e.v))
        expect(hit, `${t}.${col}`).toBeDefined()
        expect(hit!.share).toBeCloseTo(e.share, 9)
      }
    }
    // More than 50 distinct values: no categories.
    expect(table(profile, 'orders').columns.find((c) => c.name === 'freight')!.categories).toBeUndefined()
  })

  it('withholds the values of PII columns: none of their original values is anywhere in the JSON', async () => {
    const customers = table(profile, 'customers')
    const contact = customers.columns.find((c) => c.name === 'contact_name')!
    expect(contact.pii?.category).toBe('full-name')
    expect(contact.valuesWithheld).toBe(true)
    expect(contact.categories).toBeUndefined()
    const names = await withPg(db.url, async (c) => (await c.query<{ v: string }>('select distinct contact_name as v from customers')).rows.map((r) => r.v))
    expect(names.length).toBe(91)
    for (const n of names) expect(json.includes(n), 'a contact name is in the profile').toBe(false)
    // Every column flagged as PII: none of its values appears as a JSON string, outside the categories of
    // columns that are not PII (a title "Sales Representative" is a value of employees.title too).
    const stripped = JSON.stringify({ ...profile, tables: profile.tables.map((t) => ({ ...t, columns: t.columns.map((c) => (c.pii ? c : { ...c, categories: undefined })) })) })
    let checked = 0
    for (const t of profile.tables) {
      for (const c of t.columns.filter((x) => x.pii)) {
        expect(c.valuesWithheld, `${t.name}.${c.name}`).toBe(true)
        const values = await withPg(db.url, async (q) => (await q.query<{ v: string | null }>(`select distinct "${c.name}"::text as v from "${t.name}"`)).rows.map((r) => r.v))
        for (const v of values) if (v !== null && v.length >= 3) expect(stripped.includes(JSON.stringify(v)), `a value of ${t.name}.${c.name} is in the profile`).toBe(false)
        checked++
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20)
    // birth_date is PII: no ISO range, no quantiles (they are birth dates), only shares; hire_date is not PII.
    const employees = table(profile, 'employees')
    expect(employees.columns.find((c) => c.name === 'birth_date')!.range).toBeUndefined()
    expect(employees.columns.find((c) => c.name === 'birth_date')!.numeric).toBeUndefined()
    expect(employees.columns.find((c) => c.name === 'birth_date')!.seasonality!.month).toHaveLength(12)
    expect(employees.columns.find((c) => c.name === 'hire_date')!.range).toEqual({ min: '1992-04-01', max: '1994-11-15' })
  })

  it('finds ordered date pairs, code patterns and seasonality', () => {
    const orders = table(profile, 'orders')
    expect(orders.orderedPairs).toContainEqual({ left: 'order_date', op: '<', right: 'shipped_date', share: 1 })
    expect(orders.columns.find((c) => c.name === 'customer_id')!.pattern).toBe('[A-Z]{5}')
    const season = orders.columns.find((c) => c.name === 'order_date')!.seasonality!
    expect(season.hour).toBeUndefined()
    expect(season.weekday.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    // Northwind takes no orders at the weekend.
    expect(season.weekday[5]! + season.weekday[6]!).toBe(0)
  })

  it('samples a 200 000-row table: about --sample rows, spread over the whole table, quantiles near the exact ones', async () => {
    const big = table(profile, 'big')
    // BERNOULLI (a table this small gets a row-level draw) of 5 %: about 10 000 rows, LIMIT 10 000.
    expect(big.sampling).toBe('TABLESAMPLE BERNOULLI (5%), LIMIT 10000')
    expect(big.sampled).toBeGreaterThan(9_500)
    expect(big.sampled).toBeLessThanOrEqual(10_000)
    const exact = await withPg(db.url, async (c) =>
      (await c.query<{ x: number[]; t: number[] }>(
        `select percentile_cont(array[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9]) within group (order by x::float8) as x, percentile_cont(array[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9]) within group (order by extract(epoch from t) * 1000) as t from big`,
      )).rows[0]!,
    )
    const x = big.columns.find((c) => c.name === 'x')!.numeric!
    const t = big.columns.find((c) => c.name === 't')!.numeric!
    for (let i = 0; i < 9; i++) {
      expect(Math.abs(x.quantiles[(i + 1) * 10]! - exact.x[i]!) / (x.max - x.min), `x p${(i + 1) * 10}`).toBeLessThan(0.02)
      // t follows insertion order: a sample cut at a LIMIT would miss the last pages.
      expect(Math.abs(t.quantiles[(i + 1) * 10]! - Number(exact.t[i]!)) / (t.max - t.min), `t p${(i + 1) * 10}`).toBeLessThan(0.03)
    }
    const k = big.columns.find((c) => c.name === 'k')!
    expect(k.nullShare).toBeGreaterThan(0.08)
    expect(k.nullShare).toBeLessThan(0.12)
  })

  it('--tables and --out write only the named table; an unknown table or a bad --sample is one line and a non-zero exit', async () => {
    const { mkdtempSync, readFileSync, existsSync, rmSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
    const dir = mkdtempSync(join(tmpdir(), 'tdg-profile-'))
    try {
      const out = join(dir, 'p.json')
      const ok = await runCli(['profile', '--db', db.url, '--tables', 'orders,public.customers', '--sample', '500', '--out', out, '-q'])
      expect(ok.code).toBe(0)
      expect(ok.stdout).toBe('')
      expect(ok.stderr).toBe('')
      const p = JSON.parse(readFileSync(out, 'utf8')) as Profile
      expect(p.tables.map((t) => t.name)).toEqual(['customers', 'orders'])
      expect(p.sampleLimit).toBe(500)
      expect(table(p, 'orders').sampled).toBe(500)

      // --keep-values: the PII column's categories are kept, and say so.
      const kept = await runCli(['profile', '--db', db.url, '--tables', 'customers', '--keep-values', '--json', '-q'])
      expect(kept.code).toBe(0)
      const keptProfile = JSON.parse(kept.stdout) as Profile
      expect(keptProfile.keepValues).toBe(true)
      const title = table(keptProfile, 'customers').columns.find((c) => c.name === 'contact_title')!
      expect(title.pii?.category).toBe('job-title')
      expect(title.valuesWithheld).toBeUndefined()
      expect(title.categories!.values.map((v) => v.value)).toContain('Owner')
      expect(table(profile, 'customers').columns.find((c) => c.name === 'contact_title')!.categories).toBeUndefined()

      const bad = await runCli(['profile', '--db', db.url, '--tables', 'no_such_table', '--out', join(dir, 'bad.json')])
      expect(bad.code).not.toBe(0)
      expect(bad.stderr.trim().split('\n')).toHaveLength(1)
      expect(bad.stderr).toMatch(/TDG_TABLE_NOT_FOUND.*no_such_table/)
      expect(existsSync(join(dir, 'bad.json'))).toBe(false)

      const badSample = await runCli(['profile', '--db', db.url, '--sample', 'lots'])
      expect(badSample.code).toBe(2)
      expect(badSample.stderr.trim().split('\n')).toHaveLength(1)
      expect(badSample.stderr).toMatch(/TDG_USAGE.*--sample 'lots'/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
