/**
 * The rules file (test/fixtures/rules/custom_rules.yaml, on test/fixtures/postgres/rules-shop.sql)
 * seeded into PostgreSQL at 100k customers (+ their fanned-out orders) by the CLI, then checked by SQL:
 * weights ±2 points, nullRate ±1 point, regex 100 %, after/when 100 %, fan-out bounds and zipf shape,
 * unique 100 %, `from:` equal to the parent's value; and the same seed twice gives identical data.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'

const available = postgresAvailable()
if (!available) console.warn(`[rules-postgres] skipped: ${postgresMissingReason()}`)

const args = (url: string) => ['seed', '--db', url, '--schema', 'test/fixtures/postgres/rules-shop.sql', '--create', '--rules', 'test/fixtures/rules/custom_rules.yaml', '--seed', '42', '--quiet']

describe.skipIf(!available)('rules applied by tdg seed into PostgreSQL (100k customers)', () => {
  const dbs: FreshPostgres[] = []
  let client: pg.Client
  const one = async <T = Record<string, unknown>>(sql: string): Promise<T> => (await client.query(sql)).rows[0] as T
  const n = async (sql: string): Promise<number> => Number(Object.values(await one(sql))[0])

  beforeAll(async () => {
    const db = await freshPostgresDatabase()
    dbs.push(db)
    const r = await runCli(args(db.url), { timeoutMs: 300_000 })
    expect(r.code, r.stderr).toBe(0)
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  }, 300_000)

  afterAll(async () => {
    await client?.end()
    for (const db of dbs) await db.drop()
  })

  it('row counts: rules rows for customers, the fan-out total for orders', async () => {
    expect(await n('SELECT count(*) FROM customers')).toBe(100_000)
    expect(await n('SELECT count(*) FROM orders')).toBeGreaterThan(100_000)
  })

  it('weights within ±2 percentage points', async () => {
    const r = await one<Record<string, number>>(
      `SELECT avg((tier = 'free')::int)::float AS free, avg((tier = 'pro')::int)::float AS pro, avg((tier = 'enterprise')::int)::float AS ent FROM customers`,
    )
    expect(Math.abs(r.free! - 0.8)).toBeLessThan(0.02)
    expect(Math.abs(r.pro! - 0.18)).toBeLessThan(0.02)
    expect(Math.abs(r.ent! - 0.02)).toBeLessThan(0.02)
    const s = await one<Record<string, number>>(`SELECT avg((status = 'shipped')::int)::float AS shipped, avg((status = 'new')::int)::float AS new FROM orders`)
    expect(Math.abs(s.shipped! - 0.25)).toBeLessThan(0.02)
    expect(Math.abs(s.new! - 0.25)).toBeLessThan(0.02)
  })

  it('nullRate within ±1 point', async () => {
    const r = await one<Record<string, number>>(
      'SELECT avg((credit IS NULL)::int)::float AS credit, avg((closed_at IS NULL)::int)::float AS closed, avg((nickname IS NULL)::int)::float AS nick FROM customers',
    )
    expect(Math.abs(r.credit! - 0.1)).toBeLessThan(0.01)
    expect(Math.abs(r.closed! - 0.7)).toBeLessThan(0.01)
    expect(Math.abs(r.nick! - 0.25)).toBeLessThan(0.01)
  })

  it('regex matches 100 % (column rule and match rule)', async () => {
    expect(await n(`SELECT count(*) FROM customers WHERE vat_id !~ '^DE[0-9]{9}$'`)).toBe(0)
    expect(await n(`SELECT count(*) FROM customers WHERE tax_id !~ '^[0-9]{3}-[0-9]{2}-[0-9]{4}$'`)).toBe(0)
  })

  it('after and when/then/else hold 100 %', async () => {
    expect(await n('SELECT count(*) FROM customers WHERE closed_at <= signup_at')).toBe(0)
    expect(await n(`SELECT count(*) FROM orders WHERE (status = 'shipped') <> (shipped_at IS NOT NULL)`)).toBe(0)
    expect(await n(`SELECT count(*) FROM orders WHERE shipped_at <= created_at OR shipped_at > created_at + interval '30 days'`)).toBe(0)
    expect(await n(`SELECT count(*) FROM customers WHERE signup_at < '2020-01-01' OR signup_at > now()`)).toBe(0)
  })

  it('fan-out within bounds, zipf-shaped: the top parent ≫ the median', async () => {
    const r = await one<Record<string, number>>(
      `SELECT min(k) AS lo, max(k) AS hi, percentile_cont(0.5) WITHIN GROUP (ORDER BY k) AS median, avg((k = 0)::int)::float AS zero
         FROM (SELECT c.id, count(o.id) AS k FROM customers c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.id) t`,
    )
    expect(Number(r.lo)).toBeGreaterThanOrEqual(0)
    expect(Number(r.hi)).toBe(20)
    expect(Number(r.hi) / Math.max(1, Number(r.median))).toBeGreaterThanOrEqual(5)
    expect(Number(r.zero)).toBeGreaterThan(0.2) // zipf: the smallest count is the most common
  })

  it('unique 100 %', async () => {
    for (const c of ['email', 'vat_id', 'customer_no']) expect(await n(`SELECT count(*) - count(DISTINCT ${c}) FROM customers`)).toBe(0)
    expect(await n(`SELECT count(*) FROM customers WHERE email <> lower(email) OR email NOT LIKE '%@acme.test'`)).toBe(0)
    expect(await n(`SELECT count(*) FROM customers WHERE backup_email NOT LIKE '%@acme.test'`)).toBe(0)
  })

  it('from: values equal the parent row', async () => {
    expect(await n('SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.ship_country <> c.country')).toBe(0)
    expect(await n(`SELECT count(*) FROM customers WHERE source <> 'web'`)).toBe(0)
  })

  it('distributions: normal amount centred, zipf score peaked at its minimum', async () => {
    expect(Math.abs((await n('SELECT avg(amount) FROM orders')) - 2500.5)).toBeLessThan(25)
    expect(await n('SELECT score FROM customers GROUP BY score ORDER BY count(*) DESC LIMIT 1')).toBe(1)
  })

  it('the same seed twice gives identical data', async () => {
    const again = await freshPostgresDatabase()
    dbs.push(again)
    const r = await runCli(args(again.url), { timeoutMs: 300_000 })
    expect(r.code, r.stderr).toBe(0)
    const other = new pg.Client({ connectionString: again.url })
    await other.connect()
    try {
      for (const t of ['customers', 'orders']) {
        const q = `SELECT md5(string_agg(x::text, '|' ORDER BY x.id)) AS h FROM ${t} x`
        const [a, b] = [(await client.query(q)).rows[0].h, (await other.query(q)).rows[0].h]
        expect(a).toBe(b)
      }
    } finally {
      await other.end()
    }
  }, 300_000)
})
