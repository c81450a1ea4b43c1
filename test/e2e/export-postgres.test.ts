/**
 * `tdg export` of the shared northwind dump (loaded with psql, not tdg) from PostgreSQL, judged by the
 * database itself: the csv and ndjson files are loaded back into an emptied copy of the schema (psql
 * `\copy … csv header`, `jsonb_populate_recordset`) and every table's rows compared by a digest the
 * database computes; masking changes exactly the masked columns, deterministically per key; `--tables`
 * and `--where` keep what they say; `generator.export` both ways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { pgIdent, psql, withPg } from '../support/table-state.js'
import { TestDataGenerator } from '../../src/index.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[export-postgres] skipped: ${postgresMissingReason()}`)

const KEY = 'export-test-key-0123456789abcdef'
const OTHER_KEY = 'export-other-key-9876543210fedcba'
const RULES = `tables:
  customers:
    columns:
      contact_name: { mask: { fake: full-name } }
      phone: { mask: scramble }
`

interface Manifest {
  format: string
  source?: string
  tables: Array<{ table: string; file: string; rows: number; columns: string[] }>
  fixups: unknown[]
}
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
const bare = (table: string) => table.replace(/^public\./, '')

/** Per table: row count and an md5 of its rows in text form, sorted — computed by PostgreSQL. */
async function digests(url: string): Promise<Record<string, { rows: number; md5: string }>> {
  return withPg(url, async (c) => {
    const tables = await c.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public' order by 1")
    const out: Record<string, { rows: number; md5: string }> = {}
    for (const { t } of tables.rows) {
      const r = await c.query<{ n: string; md5: string }>(`select count(*)::text as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as md5 from ${pgIdent(t)} x`)
      out[t] = { rows: Number(r.rows[0]!.n), md5: r.rows[0]!.md5 }
    }
    return out
  })
}

describe.skipIf(!pg)('tdg export from PostgreSQL (northwind)', () => {
  let src: FreshPostgres
  let dir: string
  let rules: string
  let truth: Record<string, { rows: number; md5: string }>
  const made: FreshPostgres[] = []

  /** A copy of northwind's schema with no rows, to load exported files into. */
  const emptyCopy = async () => {
    const d = await freshPostgresDatabase()
    made.push(d)
    psql(d.url, { file: sharedFixture('northwind-postgres.sql') })
    const tables = await withPg(d.url, (c) => c.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public'"))
    psql(d.url, { sql: `truncate ${tables.rows.map((r) => pgIdent(r.t)).join(', ')} cascade` })
    return d
  }

  /** Load an export directory back (FK triggers off: the files are as read, self-references included). */
  const loadBack = async (out: string) => {
    const d = await emptyCopy()
    const m = manifestOf(out)
    if (m.format === 'csv') {
      const script = ['set session_replication_role = replica;', ...m.tables.map((t) => `\\copy ${pgIdent(bare(t.table))} (${t.columns.map(pgIdent).join(', ')}) from '${join(out, t.file)}' with (format csv, header true)`)].join('\n')
      writeFileSync(join(dir, 'load.sql'), script)
      psql(d.url, { file: join(dir, 'load.sql') })
    } else {
      await withPg(d.url, async (c) => {
        await c.query('set session_replication_role = replica')
        for (const t of m.tables) {
          const lines = readFileSync(join(out, t.file), 'utf8').split('\n').filter((l) => l !== '')
          await c.query(`insert into ${pgIdent(bare(t.table))} select * from jsonb_populate_recordset(null::${pgIdent(bare(t.table))}, $1::jsonb)`, [`[${lines.join(',')}]`])
        }
      })
    }
    return digests(d.url)
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-export-pg-'))
    rules = join(dir, 'masking.yaml')
    writeFileSync(rules, RULES)
    src = await freshPostgresDatabase()
    psql(src.url, { file: sharedFixture('northwind-postgres.sql') })
    truth = await digests(src.url)
  })
  afterAll(async () => {
    for (const d of [src, ...made]) await d?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  for (const format of ['csv', 'ndjson'] as const) {
    it(`--format ${format}: one file per table in FK order, row counts and every value equal to the database's`, async () => {
      const out = join(dir, `all-${format}`)
      const r = await runCli(['export', '--db', src.url, '--format', format, '--output', out], { timeoutMs: 120_000 })
      expect(r.code, r.stderr + r.stdout).toBe(0)
      expect(r.stderr).toMatch(/reading the source in one snapshot/)
      const m = manifestOf(out)
      expect(m.format).toBe(format)
      expect(m.source).toBe('postgres')
      expect(m.fixups).toEqual([])
      expect(Object.fromEntries(m.tables.map((t) => [bare(t.table), t.rows]))).toEqual(Object.fromEntries(Object.entries(truth).map(([t, d]) => [t, d.rows])))
      // FK order: every parent's file comes before its children's.
      const order = m.tables.map((t) => bare(t.table))
      expect(order.indexOf('customers')).toBeLessThan(order.indexOf('orders'))
      expect(order.indexOf('orders')).toBeLessThan(order.indexOf('order_details'))
      expect(order.indexOf('products')).toBeLessThan(order.indexOf('order_details'))
      expect(readdirSync(out).sort()).toEqual([...m.tables.map((t) => t.file), 'manifest.json'].sort())
      // Every row whole (employees.reports_to included), as the database holds it.
      expect(await loadBack(out)).toEqual(truth)
    })
  }

  it('--rules: masked columns differ from the originals, everything else is equal; same key → same files, another key → other values', async () => {
    const run = (out: string, key: string) => runCli(['export', '--db', src.url, '--output', out, '--rules', rules, '--allow-unmapped'], { env: { TDG_MASK_KEY: key }, timeoutMs: 120_000 })
    const [a, b, c] = [join(dir, 'masked-a'), join(dir, 'masked-b'), join(dir, 'masked-c')]
    for (const [out, key] of [[a, KEY], [b, KEY], [c, OTHER_KEY]] as const) {
      const r = await run(out, key)
      expect(r.code, r.stderr + r.stdout).toBe(0)
      expect(r.stderr).toMatch(/customers: contact_name \(fake full-name, rule\), phone \(scramble, rule\)/)
      expect(r.stdout).toMatch(/masking key [0-9a-f]+/)
    }
    const file = manifestOf(a).tables.find((t) => t.table === 'public.customers')!.file
    const read = (out: string) => Papa.parse<Record<string, string>>(readFileSync(join(out, file), 'utf8'), { header: true, skipEmptyLines: true }).data
    const orig = await withPg(src.url, (q) => q.query<Record<string, string | null>>('select * from customers'))
    const byId = new Map(orig.rows.map((x) => [x.customer_id!, x]))
    const masked = read(a)
    expect(masked.length).toBe(orig.rows.length)
    for (const row of masked) {
      const o = byId.get(row.customer_id!)!
      expect(o, row.customer_id).toBeDefined()
      for (const [col, v] of Object.entries(row)) {
        if (col === 'contact_name' || col === 'phone') expect(v, col).not.toBe(o[col])
        else expect(v, col).toBe(o[col] ?? '')
      }
    }
    // Same key: byte-identical output; another key: other masked values, same unmasked ones.
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'))
    const other = read(c)
    expect(other.filter((r, i) => r.contact_name !== masked[i]!.contact_name).length).toBeGreaterThan(masked.length * 0.9)
    expect(other.map((r) => r.company_name)).toEqual(masked.map((r) => r.company_name))
    // Every other table is exactly the database's.
    const back = await loadBack(a)
    expect(back.customers!.md5).not.toBe(truth.customers!.md5)
    expect({ ...back, customers: undefined }).toEqual({ ...truth, customers: undefined })
  })

  it('--tables and --where: only those tables, only the rows meeting the condition, the left-out parents named', async () => {
    const out = join(dir, 'subset')
    const r = await runCli(['export', '--db', src.url, '--format', 'ndjson', '--output', out, '--tables', 'customers,orders', '--where', 'orders:freight > 100 and ship_country = \'Germany\''], { timeoutMs: 60_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(r.stderr).toMatch(/note: public\.orders\.employee_id references public\.employees, which --tables leaves out/)
    expect(r.stderr).toMatch(/note: public\.orders\.ship_via references public\.shippers, which --tables leaves out/)
    const m = manifestOf(out)
    expect(m.tables.map((t) => t.table)).toEqual(['public.customers', 'public.orders'])
    const want = await withPg(src.url, (c) => c.query<{ order_id: number; freight: number }>("select order_id, freight from orders where freight > 100 and ship_country = 'Germany' order by 1"))
    expect(want.rows.length).toBeGreaterThan(5)
    const orders = readFileSync(join(out, m.tables[1]!.file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { order_id: number; freight: number; ship_country: string })
    expect(m.tables[1]!.rows).toBe(want.rows.length)
    expect(orders.map((o) => o.order_id).sort((x, y) => x - y)).toEqual(want.rows.map((o) => o.order_id))
    expect(orders.every((o) => o.freight > 100 && o.ship_country === 'Germany')).toBe(true)
    expect(m.tables[0]!.rows).toBe(truth.customers!.rows)
  })

  it('--format sql: a script that loads into an empty schema and gives back the same rows', async () => {
    const out = join(dir, 'sql')
    const r = await runCli(['export', '--db', src.url, '--format', 'sql', '--output', out, '-q'], { timeoutMs: 60_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const d = await emptyCopy()
    const files = readdirSync(out).filter((f) => f.endsWith('.sql')).sort()
    psql(d.url, { sql: files.map((f) => readFileSync(join(out, f), 'utf8')).join('\n') })
    expect(await digests(d.url)).toEqual(truth)
  })

  it('generator.export: generated rows without db, a database with db', async () => {
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    await g.generate({ rows: 40, seed: 3 })
    const gen = join(dir, 'api-generated')
    const s = await g.export({ format: 'ndjson', destination: gen })
    expect(s.format).toBe('ndjson')
    expect(s.consistency).toBeUndefined()
    const gm = manifestOf(gen)
    expect(gm.tables.length).toBeGreaterThan(1)
    for (const t of gm.tables) expect(readFileSync(join(gen, t.file), 'utf8').split('\n').filter(Boolean).length).toBe(t.rows)
    await expect(g.export({ destination: join(dir, 'api-bad'), tables: ['customers'] })).rejects.toThrow(/tables needs \{ db \}/)

    const out = join(dir, 'api-db')
    const e = await g.export({ format: 'csv', destination: out, db: src.url, tables: ['orders', 'order_details'], where: ['order_details:quantity >= 100'], rules: { tables: { orders: { columns: { ship_name: { mask: { redact: 'X' } } } } } }, allowUnmapped: true })
    expect(e.consistency).toMatch(/one snapshot/)
    expect(e.steps.map((x) => x.step)).toEqual(['public.orders', 'public.order_details'])
    const big = await withPg(src.url, (c) => c.query<{ n: string }>('select count(*)::text as n from order_details where quantity >= 100'))
    expect(e.steps[1]!.rows).toBe(Number(big.rows[0]!.n))
    expect(e.steps[0]!.rows).toBe(truth.orders!.rows)
    expect(e.notes.some((n) => /references public\.customers, which --tables leaves out/.test(n.message))).toBe(true)
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(out, manifestOf(out).tables[0]!.file), 'utf8'), { header: true, skipEmptyLines: true }).data
    expect(new Set(rows.map((r) => r.ship_name))).toEqual(new Set(['X']))
  })
})
