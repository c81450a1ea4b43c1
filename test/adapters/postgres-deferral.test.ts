/**
 * PostgreSQL deferral of a NOT NULL cycle when the plan does not know the constraint's name (a model
 * from a DDL file may leave inline FKs unnamed): the DO block finds the FK in the live catalog by table,
 * parent and columns, defers it for the load and restores NOT DEFERRABLE before COMMIT. runPlan with the
 * real adapter; the CLI cases are in test/e2e/seed-not-null-cycles.test.ts.
 */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { buildPlan } from '../../src/plan/index.js'
import { runPlan } from '../../src/pipeline/run.js'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { withPg } from '../support/table-state.js'

const available = postgresAvailable()
if (!available) console.warn(`[postgres-deferral] skipped: ${postgresMissingReason()}`)

describe.skipIf(!available)('PostgreSQL: deferring an FK the plan knows by columns only', () => {
  let db: FreshPostgres | undefined
  afterAll(async () => db?.drop())

  it('finds it in the catalog, loads the cycle, restores NOT DEFERRABLE; a wrong column list fails naming the FK', { timeout: 60_000 }, async () => {
    db = await freshPostgresDatabase()
    await execPostgres(db.url, readFileSync('test/fixtures/postgres/not-null-cycles.sql', 'utf8'))
    const adapter = await connect(db.url)
    try {
      const plan = buildPlan((await adapter.introspect()).model, { rows: 200, seed: 4 })
      expect(plan.deferred.length).toBe(3)
      const unnamed = { ...plan, deferred: plan.deferred.map(({ constraint: _c, ...d }) => d) }
      await runPlan(unnamed, adapter, { dialect: adapter.dialect })
      await withPg(db.url, async (c) => {
        const n = await c.query<{ n: string }>('select count(*) as n from staff s join store t on t.store_id = s.store_id')
        expect(Number(n.rows[0]!.n)).toBe(200)
        const d = await c.query<{ conname: string }>(`select conname from pg_constraint where contype = 'f' and condeferrable`)
        expect(d.rows).toEqual([])
      })
      const wrong = { ...unnamed, deferred: unnamed.deferred.map((d) => (d.table.name === 'staff' ? { ...d, columns: ['email'] } : d)) }
      await expect(runPlan(wrong, adapter, { dialect: adapter.dialect, truncate: true })).rejects.toThrow(
        /cannot defer the foreign keys of the cycles .*tdg found no foreign key public\.staff\(email\) → public\.store\(store_id\) in the catalog/,
      )
      await withPg(db.url, async (c) => {
        // Rolled back: the first run's rows are still there, nothing is left deferrable.
        expect(Number((await c.query<{ n: string }>('select count(*) as n from staff')).rows[0]!.n)).toBe(200)
        expect((await c.query(`select 1 from pg_constraint where contype = 'f' and condeferrable`)).rows).toEqual([])
      })
    } finally {
      await adapter.close()
    }
  })
})
