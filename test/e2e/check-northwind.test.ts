/**
 * `tdg check` on real data: the shared northwind dump loaded into PostgreSQL (psql, not tdg). Real rows
 * must score high on every invariant that applies, or the detection is wrong; and the invariants that
 * apply to northwind's columns must actually apply (a check that never runs proves nothing).
 */
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { psql } from '../support/table-state.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[check-northwind] skipped: ${postgresMissingReason()}`)

interface JsonResult {
  table: string
  columns: string[]
  applicable: number
  passed: number
  score: number | null
  note?: string
}
interface JsonReport {
  invariants: Array<{ id: string; results: JsonResult[] }>
}

describe.skipIf(!pg)('tdg check on northwind (real data)', () => {
  let db: FreshPostgres | undefined
  afterAll(async () => {
    await db?.drop()
  })

  it('every applicable invariant scores high; the expected ones apply', async () => {
    db = await freshPostgresDatabase()
    psql(db.url, { file: sharedFixture('northwind-postgres.sql') })
    // Northwind's orders run 1996–1998: its "now" is 1998-06-01.
    const r = await runCli(['check', '--db', db.url, '--now', '1998-06-01', '--json', '--min-score', '0.95'], { timeoutMs: 60_000 })
    const report = JSON.parse(r.stdout) as JsonReport
    const lines: string[] = []
    for (const inv of report.invariants) {
      for (const res of inv.results) lines.push(`${inv.id} ${res.table} (${res.columns.join(', ')}): ${res.passed}/${res.applicable}${res.note ? ` — ${res.note}` : ''}`)
      if (inv.results.length === 0) lines.push(`${inv.id}: n/a`)
    }
    console.log(lines.join('\n'))
    expect(r.code, r.stderr).toBe(0)
    const applied = (id: string) => report.invariants.find((i) => i.id === id)!.results
    // Rows with US addresses (region + ZIP), orders with ship/required dates, products priced in order
    // lines, every FK with children: these must be measured on northwind, not skipped.
    expect(applied('address').map((x) => x.table).sort()).toEqual(['public.customers', 'public.employees', 'public.orders', 'public.suppliers'])
    expect(applied('temporal-row').find((x) => x.table === 'public.orders')?.applicable).toBeGreaterThan(800)
    expect(applied('price-copy').find((x) => x.table === 'public.order_details')?.applicable).toBe(2155)
    expect(applied('fan-out').length).toBeGreaterThanOrEqual(8)
    for (const inv of report.invariants) for (const res of inv.results) expect(res.score, `${inv.id} ${res.table}`).toBeGreaterThanOrEqual(0.95)
  })
})
