/**
 * The profiler's commands wired together as a user runs them: `tdg profile --csv` writes a rules file;
 * the seed's form `tdg --profile data.csv --rules custom_rules.yaml --rows N --output DIR` learns schema
 * and rules from a CSV and generates like it, and `tdg report` between the CSV and that directory scores
 * numbers, dates and categories within the thresholds; on northwind (real rows in PostgreSQL)
 * `tdg profile --db` → `tdg seed --scale 10` into an empty copy of the schema → `tdg report` between the
 * two databases runs, with exact row ratios and no original value of a PII column in the rules file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { psql } from '../support/table-state.js'
import { sharedFixture } from '../support/shared-fixtures.js'

interface Fidelity {
  score: number
  tables: Array<{
    name: string
    columns: Array<{ name: string; measures: Array<{ measure: string; value: number; pass: boolean }> }>
    fanOut: Array<{ measure: { measure: string; value: number; pass: boolean } }>
    rowRatio?: unknown
  }>
  failing: Array<{ table: string; item: string; measure: string; value: number }>
}

/** A seeded CSV of orders: ids, emails, lognormal amounts, a skewed status, timestamps, shipped_at NULL for open orders. */
function ordersCsv(rows: number): string {
  let seed = 7
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648)
  const statuses = ['new', 'new', 'paid', 'paid', 'paid', 'paid', 'shipped', 'shipped', 'shipped', 'shipped', 'shipped', 'shipped', 'cancelled']
  const lines = ['order_id,customer_email,amount,status,created_at,shipped_at,items']
  const base = Date.UTC(2024, 0, 1)
  for (let i = 1; i <= rows; i++) {
    const status = statuses[Math.floor(rand() * statuses.length)]!
    const created = base + Math.floor(rand() * 365 * 86400) * 1000
    const shipped = status === 'new' || status === 'cancelled' ? '' : new Date(created + Math.floor(4 + rand() * 116) * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    const amount = Math.exp(3.5 + 0.8 * (rand() + rand() + rand() - 1.5)).toFixed(2)
    lines.push(`${i},buyer${Math.floor(rand() * 900)}@mail${1 + Math.floor(rand() * 5)}.com,${amount},${status},${new Date(created).toISOString().slice(0, 19).replace('T', ' ')},${shipped},${1 + Math.floor(rand() * 9)}`)
  }
  return lines.join('\n') + '\n'
}

describe('profile → rules → generate → report (CSV)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-profile-csv-'))
    writeFileSync(join(dir, 'existing_data.csv'), ordersCsv(4000))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('tdg profile --csv writes a commented rules file; --json the raw profile', async () => {
    const r = await runCli(['profile', '--csv', join(dir, 'existing_data.csv'), '--out', join(dir, 'learned.yaml'), '-q'])
    expect(r.code, r.stderr).toBe(0)
    const yaml = readFileSync(join(dir, 'learned.yaml'), 'utf8')
    expect(yaml.startsWith('# tdg profile: rules learned from csv')).toBe(true)
    expect(yaml).toMatch(/status:\n\s+values: \[/)
    expect(yaml).toMatch(/shipped_at:\n\s+after: created_at/)
    const j = await runCli(['profile', '--csv', join(dir, 'existing_data.csv'), '--json', '-q'])
    expect(j.code, j.stderr).toBe(0)
    const profile = JSON.parse(j.stdout) as { source: { kind: string }; tables: Array<{ rows: { count: number; exact: boolean } }> }
    expect(profile.source.kind).toBe('csv')
    expect(profile.tables[0]!.rows).toMatchObject({ count: 4000, exact: true })
  })

  it("the seed's form learns, writes the rules, generates; the report scores numbers, dates and categories within 0.1", async () => {
    const rules = join(dir, 'custom_rules.yaml')
    const out = join(dir, 'data')
    const r = await runCli(['--profile', join(dir, 'existing_data.csv'), '--rules', rules, '--rows', '10000', '--output', out, '--seed', '3'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/learned 1 table and their rules from .*existing_data\.csv; rules written to .*custom_rules\.yaml/)
    expect(existsSync(join(out, '001-existing_data.csv'))).toBe(true)
    expect(readFileSync(join(out, '001-existing_data.csv'), 'utf8').trim().split('\n')).toHaveLength(10001)
    // Generated emails are whole (a CSV's longest value is no column limit).
    expect(readFileSync(join(out, '001-existing_data.csv'), 'utf8')).toMatch(/@[a-z]+\.(com|net|org)/)
    const rep = await runCli(['report', '--source', join(dir, 'existing_data.csv'), '--target', out, '--json'])
    expect(rep.code, rep.stderr).toBe(0)
    const f = JSON.parse(rep.stdout) as Fidelity
    const measures = f.tables[0]!.columns.flatMap((c) => c.measures.map((m) => ({ column: c.name, ...m })))
    for (const m of measures.filter((x) => x.measure === 'ks' || x.measure === 'tvd')) expect(m.value, `${m.column} ${m.measure}`).toBeLessThanOrEqual(0.1)
    expect(measures.filter((x) => x.measure === 'ks').map((x) => x.column).sort()).toEqual(expect.arrayContaining(['amount', 'created_at']))
    // A rules file the user wrote is never replaced by a learned one.
    writeFileSync(join(dir, 'mine.yaml'), 'tables: {}\n')
    const refused = await runCli(['--profile', join(dir, 'existing_data.csv'), '--rules', join(dir, 'mine.yaml'), '--output', join(dir, 'other')])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/TDG_USAGE: --profile with --rules .*mine\.yaml: the file exists and was not written by tdg profile/)
    expect(readFileSync(join(dir, 'mine.yaml'), 'utf8')).toBe('tables: {}\n')
  })
})

describe('generator.profile (programmatic)', () => {
  it('learns rules from a CSV, which setRules takes; the CSV table becomes the schema; generation follows the shares', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-profile-api-'))
    try {
      writeFileSync(join(dir, 'orders.csv'), ordersCsv(3000))
      const { TestDataGenerator } = await import('../../src/index.js')
      const g = new TestDataGenerator()
      const { rules, profile } = await g.profile({ csv: join(dir, 'orders.csv'), useSchema: true })
      expect(profile.tables[0]!.rows.count).toBe(3000)
      expect(rules.tables?.orders?.columns?.status?.values).toEqual(expect.arrayContaining(['new', 'paid', 'shipped', 'cancelled']))
      g.setRules(rules)
      const result = await g.generate({ seed: 11, rows: 5000 })
      const rows = result.rows('orders')
      expect(rows.length).toBe(3000)
      const status = rows.map((r) => r.status)
      const share = status.filter((x) => x === 'shipped').length / status.length
      const sourceShare = profile.tables[0]!.columns.find((c) => c.name === 'status')!.categories!.values.find((v) => v.value === 'shipped')!.share
      expect(Math.abs(share - sourceShare)).toBeLessThan(0.05)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

const pg = postgresAvailable()
if (!pg) console.warn(`[profile-wiring] northwind part skipped: ${postgresMissingReason()}`)

describe.skipIf(!pg)('profile → rules → seed --scale 10 → report (northwind, PostgreSQL)', () => {
  let src: FreshPostgres
  let dst: FreshPostgres
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-profile-nw-'))
    src = await freshPostgresDatabase()
    dst = await freshPostgresDatabase()
    psql(src.url, { file: sharedFixture('northwind-postgres.sql') })
    const schema = spawnSync('pg_dump', ['--schema-only', '--no-owner', src.url], { encoding: 'utf8', maxBuffer: 1 << 26 })
    if (schema.status !== 0) throw new Error(`pg_dump failed: ${schema.stderr}`)
    psql(dst.url, { sql: schema.stdout })
  })
  afterAll(async () => {
    await src?.drop()
    await dst?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('rules hold no PII value; the seeded copy has exactly 10× the rows; the report compares the two databases', async () => {
    const rules = join(dir, 'rules.yaml')
    const p = await runCli(['profile', '--db', src.url, '--out', rules, '-q'])
    expect(p.code, p.stderr).toBe(0)
    const text = readFileSync(rules, 'utf8')
    const names = psql(src.url, { sql: 'select contact_name from customers union select phone from customers union select address from customers' }, ['-At']).trim().split('\n')
    expect(names.length).toBeGreaterThan(100)
    for (const v of names) expect(text.includes(v), 'an original PII value in the rules').toBe(false)
    const s = await runCli(['seed', '--db', dst.url, '--rules', rules, '--scale', '10', '--seed', '5', '-q'])
    expect(s.code, s.stderr).toBe(0)
    const rep = await runCli(['report', '--source', src.url, '--target', dst.url, '--json', '--out', join(dir, 'report.html')])
    expect(rep.code, rep.stderr).toBe(0)
    const f = JSON.parse(rep.stdout) as Fidelity
    expect(f.tables.length).toBe(14)
    // The acceptance: KS ≤ 0.1 (numbers, dates), TVD ≤ 0.1 (categories), fan-out medians within 10 %,
    // exact row ratios — on every table, the 4-row and 9-row ones too; NULL shares within 10 % as well.
    // String lengths (`length-ks`) are not part of it: PII columns are generated, not learned, on purpose.
    const judged = f.failing.filter((x) => x.measure !== 'length-ks')
    expect(judged, JSON.stringify(judged)).toEqual([])
    const all = f.tables.flatMap((t) => t.columns.flatMap((c) => c.measures.map((m) => ({ table: t.name, column: c.name, ...m }))))
    const measured = new Set(all.map((m) => m.measure))
    for (const m of ['ks', 'tvd', 'null-share']) expect(measured.has(m), m).toBe(true)
    // The small tables were compared, not skipped: employees (9 rows), shippers (6), region (4).
    for (const t of ['employees', 'shippers', 'region']) expect(all.some((m) => m.table.endsWith(t) && (m.measure === 'tvd' || m.measure === 'ks')), t).toBe(true)
    // Fan-out medians were measured along the FKs (employee_territories → employees, orders → shippers, …).
    const fans = f.tables.flatMap((t) => t.fanOut.map((x) => ({ table: t.name, ...x.measure })))
    expect(fans.filter((x) => x.measure === 'fan-out-median').length).toBeGreaterThanOrEqual(8)
    expect(existsSync(join(dir, 'report.html'))).toBe(true)
    expect(f.score).toBeGreaterThan(0.9)
  })
})
