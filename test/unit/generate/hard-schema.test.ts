import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { createRowGenerator, fixupBatches, generateBatches } from '../../../src/generate/index.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'
import { hardSchema, notNullCycle } from './hard-schema.js'
import { validate, type Tables } from './validate.js'

const N = 100_000

/** Every step's rows, with the plan's fixups applied as the database would after the inserts. */
function materialise(plan: Plan, batchSize = 5000): Tables {
  const out: Tables = new Map()
  for (const step of plan.steps) {
    const rows: Value[][] = []
    let columns: string[] = []
    for (const b of generateBatches(plan, step, { batchSize })) {
      columns = b.columns
      for (const r of b.rows) rows.push(r)
    }
    out.set(step.id, { columns: columns.length ? columns : createRowGenerator(plan, step).columns, rows })
  }
  for (const f of plan.fixups) {
    const t = out.get(f.step)!
    const keyIdx = f.keyColumns.map((c) => t.columns.indexOf(c))
    const byKey = new Map(t.rows.map((r) => [JSON.stringify(keyIdx.map((j) => r[j])), r]))
    for (const b of fixupBatches(plan, f, { batchSize: 777 }))
      for (const u of b.rows) {
        const row = byKey.get(JSON.stringify(u.slice(0, f.keyColumns.length)))!
        f.columns.forEach((c, j) => (row[t.columns.indexOf(c)] = u[f.keyColumns.length + j]!))
      }
  }
  return out
}

describe('hard schema at 100k rows per table', () => {
  const model = hardSchema()
  const plan = buildPlan(model, { rows: N, rowsPerTable: { employee_profiles: N + 5000 }, seed: 42 })
  const data = materialise(plan)

  it('orders parents first and breaks both cycles as designed', () => {
    const order = plan.steps.map((s) => s.id)
    const before = (a: string, b: string) => expect(order.indexOf(a)).toBeLessThan(order.indexOf(b))
    before('warehouses', 'stock')
    before('departments', 'employees')
    before('employees', 'employee_profiles')
    expect(plan.fixups).toEqual([expect.objectContaining({ step: 'departments', columns: ['head_id'], keyColumns: ['id'] })])
    expect(plan.deferred.map((d) => d.constraint).sort()).toEqual(['a_b_fk', 'b_a_fk'])
  })

  it('caps what cannot hold the rows asked for, with issues naming the cap', () => {
    const rows = (id: string) => plan.steps.find((s) => s.id === id)!.rows
    expect(rows('employee_profiles')).toBe(N)
    expect(rows('codes')).toBe(36 + 36 ** 2 + 36 ** 3)
    const capped = plan.issues.filter((i) => i.code === 'ROWS_CAPPED').map((i) => i.table)
    expect(capped.sort()).toEqual(['codes', 'employee_profiles'])
    expect(plan.issues.find((i) => i.table === 'employee_profiles')!.message).toMatch(/1:1 FK .*employees/)
    expect(plan.issues.some((i) => i.code === 'CHECK_UNPARSED' && i.table === 'checked')).toBe(true)
  })

  it('every value fits its type, every CHECK shape, PK/UNIQUE and FK holds', () => {
    expect(validate(model, data)).toEqual([])
    for (const s of plan.steps) expect(data.get(s.id)!.rows.length).toBe(s.rows)
  })

  it('writes cut FKs as NULL and the fixup restores them', () => {
    const gen = createRowGenerator(plan, plan.steps.find((s) => s.id === 'departments')!)
    const j = gen.columns.indexOf('head_id')
    expect(gen.row(5)[j]).toBeNull()
    const fixed = data.get('departments')!.rows.filter((r) => r[j] !== null).length
    expect(fixed).toBeGreaterThan(N * 0.8)
  })

  it('self-FK rows point to earlier rows; row 0 is NULL', () => {
    const emp = data.get('employees')!
    const id = emp.columns.indexOf('id')
    const mgr = emp.columns.indexOf('manager_id')
    expect(emp.rows[0]![mgr]).toBeNull()
    for (const r of emp.rows) if (r[mgr] !== null) expect(r[mgr] as number).toBeLessThan(r[id] as number)
  })

  it('never writes generated columns', () => {
    const checked = plan.steps.find((s) => s.id === 'checked')!
    expect(checked.columns.find((c) => c.column === 'total')!.omit).toBe('generated')
    expect(data.get('checked')!.columns).not.toContain('total')
  })

  it('is identical whatever the batch size or start/end split', () => {
    for (const step of plan.steps) {
      const whole = data.get(step.id)!.rows.slice(0, 3000)
      const gen = createRowGenerator(plan, step)
      const parts: Value[][] = []
      for (const [start, end] of [
        [0, 1234],
        [1234, 1235],
        [1235, 3000],
      ] as const)
        for (const b of generateBatches(plan, step, { batchSize: 97, start, end })) parts.push(...b.rows)
      // Fixups changed `departments` in `data`; compare raw inserts there.
      const expected = step.id === 'departments' ? Array.from({ length: 3000 }, (_, i) => gen.row(i)) : whole
      expect(parts).toEqual(expected)
    }
  })

  it('the same seed gives the same rows from a fresh plan; another seed differs', () => {
    const again = buildPlan(model, { rows: 2000, seed: 42 })
    const other = buildPlan(model, { rows: 2000, seed: 43 })
    const rows = (p: Plan, id: string) => [...generateBatches(p, p.steps.find((s) => s.id === id)!, { batchSize: 500 })].flatMap((b) => b.rows)
    const first = buildPlan(model, { rows: 2000, seed: 42 })
    for (const id of ['employees', 'checked', 'stock']) {
      expect(rows(again, id)).toEqual(rows(first, id))
      expect(rows(other, id)).not.toEqual(rows(first, id))
    }
    expect(JSON.parse(JSON.stringify(first))).toEqual(first)
  })
})

describe('NOT NULL, non-deferrable cycle', () => {
  it('is planned with one link deferred by force; every FK value is a key of a planned parent row', () => {
    const plan = buildPlan(notNullCycle(), { rows: 10, seed: 1 })
    expect(plan.deferred.map((d) => [d.step, d.columns, d.forced, d.cycle])).toEqual([['p', ['q_id'], true, ['p', 'q', 'p']]])
    const rows = (id: string) => [...generateBatches(plan, plan.steps.find((s) => s.id === id)!, { batchSize: 4 })].flatMap((b) => b.rows)
    // p is written before q, yet its q_id values are keys q gets when it is written later.
    const qKeys = new Set(rows('q').map((r) => r[0]))
    const pKeys = new Set(rows('p').map((r) => r[0]))
    expect(rows('p').every((r) => qKeys.has(r[1]))).toBe(true)
    expect(rows('q').every((r) => pKeys.has(r[1]))).toBe(true)
  })
})
