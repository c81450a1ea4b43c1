/**
 * computeSubset on real data: the shared northwind dump in PostgreSQL (loaded with psql), read through
 * one snapshot. The kept rows are then marked in the source (a `tdg_kept` column filled from the keys
 * `keep` accepts) and every FK is checked in SQL: no kept child row may reference a parent row that is
 * not kept. Counts are checked against SQL too.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import type { SchemaModel } from '../../src/model/schema.js'
import { tableKey } from '../../src/plan/insert-order.js'
import { computeSubset, parseSubsetSpec, type SubsetResult } from '../../src/subset/index.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { psql } from '../support/table-state.js'

const available = postgresAvailable()
if (!available) console.warn(`[subset-northwind] skipped: ${postgresMissingReason()}`)

const q = (n: string) => `"${n.replace(/"/g, '""')}"`

describe.skipIf(!available)('subset of northwind (PostgreSQL, real rows)', () => {
  let db: FreshPostgres
  let adapter: Adapter
  let model: SchemaModel
  let client: pg.Client

  beforeAll(async () => {
    db = await freshPostgresDatabase()
    psql(db.url, { file: sharedFixture('northwind-postgres.sql') })
    adapter = await connect(db.url)
    model = (await adapter.introspect()).model
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
    // The marker column is added after introspection: the model (and so the subset) does not know it.
    for (const t of model.tables) await client.query(`ALTER TABLE ${q(t.name)} ADD COLUMN tdg_kept boolean NOT NULL DEFAULT false`)
  })
  afterAll(async () => {
    await client?.end()
    await adapter?.close()
    await db?.drop()
  })

  async function subset(specs: string[], withChildren: boolean): Promise<SubsetResult> {
    return adapter.readSnapshot(async (r) => {
      expect(r.consistent).toBe(true)
      return computeSubset(model, r, specs.map(parseSubsetSpec), { withChildren })
    })
  }

  /** Mark the rows `keep` accepts (read as a copy would: all columns, through the adapter) in `tdg_kept`. */
  async function mark(result: SubsetResult): Promise<Map<string, string[]>> {
    const keys = new Map<string, string[]>()
    for (const t of model.tables) {
      const key = tableKey(t)
      const sub = result.tables.get(key)!
      await client.query(`UPDATE ${q(t.name)} SET tdg_kept = ${sub.mode === 'all'}`)
      if (sub.mode === 'all') continue
      const pk = t.primaryKey!.columns
      const columns = t.columns.map((c) => c.name)
      const tuples: string[][] = pk.map(() => [])
      const seen: string[] = []
      for await (const b of adapter.scan({ schema: t.schema!, name: t.name }, { columns })) {
        const idx = pk.map((c) => b.columns.indexOf(c))
        for (const row of b.rows) {
          if (!sub.keep(row, b.columns)) continue
          idx.forEach((i, k) => tuples[k]!.push(String(row[i])))
          seen.push(idx.map((i) => String(row[i])).join('|'))
        }
      }
      keys.set(key, seen.sort())
      const cols = pk.map((c) => `${q(c)}::text`).join(', ')
      const unnest = pk.map((_c, k) => `$${k + 1}::text[]`).join(', ')
      await client.query(`UPDATE ${q(t.name)} SET tdg_kept = true WHERE (${cols}) IN (SELECT * FROM unnest(${unnest}))`, tuples)
    }
    return keys
  }

  /** Per FK, kept child rows whose parent is not kept (all must be 0), checked in SQL. */
  async function brokenFks(): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (const t of model.tables) {
      for (const fk of t.foreignKeys) {
        const notNull = fk.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ')
        const join = fk.columns.map((c, i) => `p.${q(fk.references.columns[i]!)} = c.${q(c)}`).join(' AND ')
        const sql = `SELECT count(*)::int AS n FROM ${q(t.name)} c WHERE c.tdg_kept AND ${notNull} AND NOT EXISTS (SELECT 1 FROM ${q(fk.references.table)} p WHERE p.tdg_kept AND ${join})`
        out[`${t.name}.${fk.name}`] = (await client.query<{ n: number }>(sql)).rows[0]!.n
      }
    }
    return out
  }

  async function keptCount(table: string): Promise<number> {
    return (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(table)} WHERE tdg_kept`)).rows[0]!.n
  }
  const counts = (r: SubsetResult, table: string) => r.counts.find((c) => c.table === `public.${table}`)!
  const allZero = (o: Record<string, number>) => Object.fromEntries(Object.keys(o).map((k) => [k, 0]))

  async function checkCountsAgainstSql(r: SubsetResult): Promise<void> {
    for (const c of r.counts) {
      const name = c.table.replace(/^public\./, '')
      expect(await keptCount(name), c.table).toBe(c.total)
      expect(c.selected + c.viaParents + c.viaChildren, c.table).toBe(c.total)
      const source = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${q(name)}`)).rows[0]!.n
      expect(c.sourceRows, c.table).toBe(source)
      expect(c.dangling).toBe(0)
    }
  }

  it('customers:10% without children keeps only the sampled customers; FKs hold', async () => {
    const r = await subset(['customers:10%'], false)
    await mark(r)
    const fks = await brokenFks()
    expect(Object.keys(fks).length).toBeGreaterThanOrEqual(13)
    expect(fks).toEqual(allZero(fks))
    await checkCountsAgainstSql(r)
    const c = counts(r, 'customers')
    expect(c.selected).toBeGreaterThanOrEqual(4)
    expect(c.selected).toBeLessThanOrEqual(18)
    expect(c.total).toBe(c.selected)
    // Descendants keep nothing (nothing pulled them); the unconnected table is copied whole.
    expect(counts(r, 'orders').total).toBe(0)
    expect(r.tables.get('public.us_states')).toEqual({ mode: 'all' })
    expect(counts(r, 'us_states').total).toBe(51)
    console.log(r.counts.map((x) => `${x.table}: ${x.total}/${x.sourceRows} (selected ${x.selected}, parents ${x.viaParents}, children ${x.viaChildren})`).join('\n'))
  })

  it('customers:10% with children: their orders, lines, products…; every FK holds; deterministic', async () => {
    const r = await subset(['customers:10%'], true)
    const keys = await mark(r)
    const fks = await brokenFks()
    expect(fks).toEqual(allZero(fks))
    await checkCountsAgainstSql(r)
    console.log(r.counts.map((x) => `${x.table}: ${x.total}/${x.sourceRows} (selected ${x.selected}, parents ${x.viaParents}, children ${x.viaChildren})`).join('\n'))
    // Every order of a kept customer is kept, and every line of a kept order (downward closure complete).
    const missedOrders = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM orders o JOIN customers c USING (customer_id) WHERE c.tdg_kept AND NOT o.tdg_kept')
    expect(missedOrders.rows[0]!.n).toBe(0)
    const missedLines = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM order_details d JOIN orders o USING (order_id) WHERE o.tdg_kept AND NOT d.tdg_kept')
    expect(missedLines.rows[0]!.n).toBe(0)
    // Orders come only from kept customers (no downward step from employees pulled in upward).
    const foreign = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM orders o JOIN customers c USING (customer_id) WHERE o.tdg_kept AND NOT c.tdg_kept')
    expect(foreign.rows[0]!.n).toBe(0)
    expect(counts(r, 'orders')).toMatchObject({ selected: 0, viaParents: 0 })
    expect(counts(r, 'orders').viaChildren).toBeGreaterThan(20)
    expect(counts(r, 'employees').viaParents).toBeGreaterThan(0)
    expect(counts(r, 'employee_territories').total).toBe(0)
    // Same seed, same rows.
    const again = await subset(['customers:10%'], true)
    expect(again.counts).toEqual(r.counts)
    expect(await mark(again)).toEqual(keys)
  })

  it("orders:where … with children keeps exactly the matching orders, their lines and the parents", async () => {
    const where = "order_date >= '1998-04-01' AND ship_country = 'Germany'"
    const r = await subset([`orders:where ${where}`], true)
    await mark(r)
    const fks = await brokenFks()
    expect(fks).toEqual(allZero(fks))
    await checkCountsAgainstSql(r)
    const expected = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE ${where}`)).rows[0]!.n
    expect(expected).toBeGreaterThan(5)
    expect(counts(r, 'orders')).toMatchObject({ selected: expected, total: expected })
    const lines = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM order_details WHERE order_id IN (SELECT order_id FROM orders WHERE ${where})`)).rows[0]!.n
    expect(counts(r, 'order_details')).toMatchObject({ viaChildren: lines, total: lines })
    // Customers are pulled up, not down: no other orders of those customers come along.
    expect(counts(r, 'customers').viaParents).toBe(counts(r, 'customers').total)
    expect(r.scanOptions('public.orders')).toEqual({ where })
  })

  it('employees:limit 1 pulls the reports_to chain', async () => {
    const r = await subset(['employees:limit 1'], false)
    await mark(r)
    const chain = await client.query<{ employee_id: number }>('SELECT employee_id FROM employees WHERE tdg_kept ORDER BY employee_id')
    const expected = await client.query<{ employee_id: number }>(
      'WITH RECURSIVE up AS (SELECT employee_id, reports_to FROM employees WHERE employee_id = (SELECT min(employee_id) FROM employees) UNION SELECT e.employee_id, e.reports_to FROM employees e JOIN up ON e.employee_id = up.reports_to) SELECT employee_id FROM up ORDER BY employee_id',
    )
    expect(expected.rows.length).toBeGreaterThan(1)
    expect(chain.rows).toEqual(expected.rows)
    expect(counts(r, 'employees')).toMatchObject({ selected: 1, viaParents: expected.rows.length - 1 })
    const fks = await brokenFks()
    expect(fks).toEqual(allZero(fks))
  })

  it('employee_territories:limit 5 (composite PK) pulls employees, territories and regions', async () => {
    const r = await subset(['employee_territories:limit 5'], false)
    await mark(r)
    const fks = await brokenFks()
    expect(fks).toEqual(allZero(fks))
    await checkCountsAgainstSql(r)
    expect(counts(r, 'employee_territories').total).toBe(5)
    expect(counts(r, 'territories').viaParents).toBeGreaterThan(0)
    expect(counts(r, 'region').viaParents).toBeGreaterThan(0)
  })
})
