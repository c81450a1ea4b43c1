/**
 * fidelity() over the shop profiles (test/support/profile-fixtures.ts): a profile against itself is
 * perfect; the 10× target's deliberate drifts (order totals +15, half the delivered orders turned
 * `new`, twice the items per order) fail exactly where they were made, and the clean columns pass.
 */
import { describe, expect, it } from 'vitest'
import type { Profile } from '../../../src/model/profile.js'
import { fidelity, THRESHOLDS } from '../../../src/report/index.js'
import { shopPair, shopProfile } from '../../support/profile-fixtures.js'

const { source, target } = shopPair()

function col(r: ReturnType<typeof fidelity>, table: string, column: string) {
  const c = r.tables.find((t) => t.name === table)?.columns.find((x) => x.name === column)
  if (!c) throw new Error(`${table}.${column} not in the result`)
  return c
}
const value = (c: ReturnType<typeof col>, m: string) => c.measures.find((x) => x.measure === m)?.value

describe('fidelity', () => {
  it('scores a profile against itself 1 with every measure passing', () => {
    const r = fidelity(source, source)
    expect(r.score).toBe(1)
    expect(r.pass).toBe(true)
    expect(r.failing).toEqual([])
    expect(r.scale).toBe(1)
    expect(r.tables.map((t) => t.name)).toEqual(['customers', 'orders', 'order_items'])
  })

  it('finds the deliberate drifts of the 10× target and passes the rest', () => {
    const r = fidelity(source, target)
    expect(r.scale).toBe(10)
    const failing = r.failing.map((f) => `${f.table}.${f.item ?? ''}:${f.measure}`)
    expect(failing).toContain('orders.total:ks')
    expect(failing).toContain('orders.status:tvd')
    expect(failing).toContain('order_items.(order_id) → orders:fan-out-median')
    expect(failing).toContain('order_items.:row-ratio')
    expect(value(col(r, 'orders', 'total'), 'ks')).toBeGreaterThan(0.2)
    expect(value(col(r, 'orders', 'status'), 'tvd')).toBeGreaterThan(0.15)
    for (const [t, c] of [['customers', 'birth_date'], ['customers', 'created_at'], ['orders', 'ordered_at'], ['order_items', 'unit_price'], ['order_items', 'product'], ['order_items', 'quantity']] as const) {
      expect(col(r, t, c).pass, `${t}.${c}`).toBe(true)
    }
    expect(r.pass).toBe(false)
    expect(r.score).toBeGreaterThan(0.6)
    expect(r.score).toBeLessThan(0.95)
    // The overall score is the mean of the table scores; a table's the mean of its items' scores.
    expect(r.score).toBeCloseTo(r.tables.reduce((a, t) => a + t.score, 0) / r.tables.length, 5)
    const orders = r.tables[1]!
    const items = [...orders.columns.map((c) => c.score), ...orders.fanOut.map((f) => f.measure.score), orders.rowRatio.score]
    expect(orders.score).toBeCloseTo(items.reduce((a, b) => a + b, 0) / items.length, 5)
  })

  it('compares key columns after scaling, so 10× more rows is not a drift; FK values are left to the fan-out measure', () => {
    const r = fidelity(source, target)
    expect(col(r, 'customers', 'id').identifier).toBe('unique integers')
    expect(col(r, 'orders', 'customer_id').identifier).toBe('foreign key')
    expect(value(col(r, 'customers', 'id'), 'ks')).toBeLessThan(0.02)
    expect(col(r, 'orders', 'customer_id').measures.map((m) => m.measure)).not.toContain('ks')
    expect(col(r, 'orders', 'customer_id').skipped.find((m) => m.measure === 'ks')?.reason).toMatch(/fan-out measure/)
    expect(col(r, 'orders', 'total').identifier).toBeUndefined()
  })

  it('skips what one side lacks, with the reason, and does not compare a withheld PII column by categories', () => {
    const r = fidelity(source, target)
    const email = col(r, 'customers', 'email')
    expect(email.measures.map((m) => m.measure)).toEqual(['length-ks', 'null-share'])
    const clone: Profile = structuredClone(target)
    const status = clone.tables[1]!.columns.find((c) => c.name === 'status')!
    delete status.categories
    status.valuesWithheld = true
    const s = col(fidelity(source, clone), 'orders', 'status')
    expect(s.skipped).toEqual([{ measure: 'tvd', reason: 'category values withheld on the target side (PII)' }])
  })

  it('matches tables and columns by name case-insensitively and lists what is on one side only', () => {
    const t: Profile = structuredClone(target)
    t.tables[0]!.name = 'CUSTOMERS'
    t.tables[0]!.columns = t.tables[0]!.columns.filter((c) => c.name !== 'score')
    t.tables[0]!.columns.push({ ...t.tables[0]!.columns[2]!, name: 'loyalty_tier' })
    t.tables.splice(2, 1)
    t.tables.push({ ...t.tables[0]!, name: 'audit_log', columns: [], fanOut: [] })
    const r = fidelity(source, t)
    expect(r.tables.map((x) => x.name)).toEqual(['customers', 'orders'])
    expect(r.unmatched).toEqual({ source: ['public.order_items'], target: ['public.audit_log'] })
    expect(r.tables[0]!.unmatched.sourceColumns).toEqual(['score'])
    expect(r.tables[0]!.unmatched.targetColumns).toEqual(['loyalty_tier'])
  })

  it('is plain JSON with the thresholds of the issue', () => {
    const r = fidelity(source, target)
    expect(JSON.parse(JSON.stringify(r))).toEqual(r)
    expect(r.thresholds).toEqual(THRESHOLDS)
    expect(THRESHOLDS).toMatchObject({ ks: 0.1, tvd: 0.1, 'fan-out-median': 0.1 })
  })

  it('scores 0 and fails when no table matches', () => {
    const other = shopProfile({ scale: 1, seed: 3, name: 'x', kind: 'csv' })
    other.tables = other.tables.map((t) => ({ ...t, name: `${t.name}_x` }))
    const r = fidelity(source, other)
    expect(r.score).toBe(0)
    expect(r.pass).toBe(false)
  })
})
