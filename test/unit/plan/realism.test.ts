import { describe, expect, it } from 'vitest'
import { buildPlan, type PlanOptions } from '../../../src/plan/index.js'
import { generateBatches } from '../../../src/generate/index.js'
import type { Plan } from '../../../src/model/plan.js'
import type { LogicalType, SchemaModel } from '../../../src/model/schema.js'
import type { Value } from '../../../src/model/rows.js'
import { check, col, fk, int, model, table, varchar } from './model-builders.js'
import { parseRules } from '../../../src/rules/load.js'

const dec = (precision: number, scale: number): LogicalType => ({ kind: 'decimal', precision, scale })
const text: LogicalType = { kind: 'text' }
const step = (p: Plan, id: string) => p.steps.find((s) => s.id === id)!
const colPlan = (p: Plan, t: string, c: string) => step(p, t).columns.find((x) => x.column === c)!

/** Every row of a step as an object. */
function rows(p: Plan, id: string, batchSize = 10_000): Array<Record<string, Value>> {
  const out: Array<Record<string, Value>> = []
  for (const b of generateBatches(p, step(p, id), { batchSize })) for (const r of b.rows) out.push(Object.fromEntries(b.columns.map((c, j) => [c, r[j]!])))
  return out
}
const tally = (xs: Array<Value | undefined>) => {
  const m = new Map<string, number>()
  for (const x of xs) m.set(String(x), (m.get(String(x)) ?? 0) + 1)
  return m
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const share = (xs: Array<Value | undefined>, f: (v: Value | undefined) => boolean) => xs.filter(f).length / xs.length

const shop = (): SchemaModel =>
  model([
    table('customers', [col('id', int(), { identity: { kind: 'always' } }), col('email', varchar(120)), col('country', { kind: 'string', maxLength: 2, fixed: true }, { default: { kind: 'literal', value: 'DE' } }), col('tier', text, { default: { kind: 'literal', value: 'free' } }), col('created_at', { kind: 'timestamp', tz: false }, { default: { kind: 'now' } })], {
      primaryKey: { columns: ['id'] },
      uniques: [{ columns: ['email'] }],
      checks: [check('tier_in', { kind: 'in', column: 'tier', values: ['free', 'pro', 'enterprise'] })],
    }),
    table('products', [col('id', int(), { identity: { kind: 'always' } }), col('price', dec(10, 2)), col('cost', dec(10, 2)), col('weight_kg', dec(6, 3)), col('discount_percent', int()), col('rating', int(2), { nullable: true }), col('stock', int(), { default: { kind: 'literal', value: 0 } }), col('is_active', { kind: 'boolean' }, { default: { kind: 'literal', value: true } })], {
      primaryKey: { columns: ['id'] },
      checks: [check('price_pos', { kind: 'compare', column: 'price', op: '>=', value: 0 }), check('rating_range', { kind: 'between', column: 'rating', min: 1, max: 5 }), check('disc', { kind: 'between', column: 'discount_percent', min: 0, max: 90 })],
    }),
    table('orders', [col('id', int(), { identity: { kind: 'always' } }), col('customer_id', int()), col('status', text)], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['customer_id'], 'customers', ['id'])],
      checks: [check('status_in', { kind: 'in', column: 'status', values: ['new', 'paid', 'shipped', 'cancelled'] })],
    }),
    table('order_items', [col('order_id', int()), col('line_no', int(2)), col('product_id', int()), col('quantity', int()), col('unit_price', dec(10, 2))], {
      primaryKey: { columns: ['order_id', 'line_no'] },
      foreignKeys: [fk(['order_id'], 'orders', ['id']), fk(['product_id'], 'products', ['id'])],
      checks: [check('line_pos', { kind: 'compare', column: 'line_no', op: '>', value: 0 }), check('qty', { kind: 'between', column: 'quantity', min: 1, max: 99 })],
    }),
  ])

const plan = (m: SchemaModel = shop(), opts: Partial<PlanOptions> = {}) => buildPlan(m, { rows: 2000, seed: 7, ...opts })

describe('vocabularies in plans and rows', () => {
  it('an IN-list status takes the order vocabulary weights, not a uniform draw', () => {
    const p = plan()
    expect(colPlan(p, 'orders', 'status').reason).toContain('order status vocabulary (table orders)')
    const t = tally(rows(p, 'orders').map((r) => r.status))
    expect([...t.keys()].sort()).toEqual(['cancelled', 'new', 'paid', 'shipped'])
    // Uniform would give each ~25 %: shipped carries the weight of the missing `delivered`.
    expect(t.get('shipped')! / 2000).toBeGreaterThan(0.55)
    expect(t.get('cancelled')! / 2000).toBeLessThan(0.2)
  })

  it('a free-text status gets its table vocabulary that fits the column length, never lorem', () => {
    const m = model([
      table('tickets', [col('id', int(), { identity: { kind: 'always' } }), col('status', varchar(8)), col('priority', varchar(20)), col('gender', { kind: 'string', maxLength: 1 })], { primaryKey: { columns: ['id'] } }),
    ])
    const p = plan(m)
    const r = rows(p, 'tickets')
    const statuses = new Set(r.map((x) => x.status))
    expect([...statuses].every((s) => ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'].includes(String(s)))).toBe(true)
    expect(statuses.has('in_progress')).toBe(false) // 11 characters do not fit varchar(8)
    const pr = tally(r.map((x) => x.priority))
    expect([...pr.keys()].sort()).toEqual(['high', 'low', 'medium', 'urgent'])
    expect(pr.get('medium')!).toBeGreaterThan(pr.get('urgent')! * 3)
    expect(new Set(r.map((x) => x.gender))).toEqual(new Set(['F', 'M', 'X']))
  })

  it('a unique status-like column keeps its unique choice', () => {
    const m = model([
      table('widgets', [col('id', int(), { identity: { kind: 'always' } }), col('status', text)], {
        primaryKey: { columns: ['id'] },
        uniques: [{ columns: ['status'] }],
        checks: [check('s_in', { kind: 'in', column: 'status', values: ['active', 'inactive', 'pending'] })],
      }),
    ])
    const p = plan(m, { rows: 3 })
    expect(colPlan(p, 'widgets', 'status').generator.kind).toBe('choice')
    expect(new Set(rows(p, 'widgets').map((r) => r.status)).size).toBe(3)
  })

  it('an address state stays a state name', () => {
    const m = model([table('addresses', [col('id', int(), { identity: { kind: 'always' } }), col('city', varchar(60)), col('state', varchar(40))], { primaryKey: { columns: ['id'] } })])
    // Beside a city it is the state of the row's place (issue 10 §1), not a status vocabulary.
    expect(colPlan(plan(m), 'addresses', 'state').generator).toMatchObject({ kind: 'address', field: 'state' })
  })
})

describe('column DEFAULTs for most rows', () => {
  it('a literal default takes ~75 % of the rows and says so; CURRENT_TIMESTAMP and unique columns do not', () => {
    const p = plan()
    expect(colPlan(p, 'customers', 'country').reason).toMatch(/DEFAULT 'DE' for ~75 % of rows/)
    const r = rows(p, 'customers')
    const de = share(r.map((x) => x.country), (v) => v === 'DE')
    expect(de).toBeGreaterThan(0.72)
    expect(de).toBeLessThan(0.85)
    const free = share(r.map((x) => x.tier), (v) => v === 'free')
    expect(free).toBeGreaterThan(0.8)
    expect(new Set(r.map((x) => x.tier)).size).toBe(3)
    expect(colPlan(p, 'customers', 'created_at').generator.kind).toBe('timestamp')
    const products = rows(p, 'products')
    expect(share(products.map((x) => x.stock), (v) => v === 0)).toBeGreaterThan(0.72)
    expect(share(products.map((x) => x.is_active), (v) => v === true)).toBeGreaterThan(0.75)
  })

  it('a default the CHECKs reject, or one on a unique column, is not used', () => {
    const m = model([
      table('t', [col('id', int(), { identity: { kind: 'always' } }), col('code', varchar(10), { default: { kind: 'literal', value: 'x' } }), col('qty', int(), { default: { kind: 'literal', value: 0 } })], {
        primaryKey: { columns: ['id'] },
        uniques: [{ columns: ['code'] }],
        checks: [check('q', { kind: 'compare', column: 'qty', op: '>', value: 0 })],
      }),
    ])
    const p = plan(m)
    expect(colPlan(p, 't', 'code').reason).not.toContain('DEFAULT')
    expect(colPlan(p, 't', 'qty').reason).not.toContain('DEFAULT')
    expect(rows(p, 't').every((r) => (r.qty as number) > 0)).toBe(true)
  })
})

describe('numbers by name', () => {
  it('quantities mostly 1–3 inside their CHECK; prices log-normal; cost below price; weights ~1–2 kg; discounts mostly 0; ratings high', () => {
    const p = plan()
    const items = rows(p, 'order_items')
    const q = items.map((r) => r.quantity as number)
    expect(share(q, (v) => (v as number) <= 3)).toBeGreaterThan(0.8)
    expect(q.every((v) => v >= 1 && v <= 99)).toBe(true)
    const products = rows(p, 'products')
    const price = products.map((r) => r.price as number)
    expect(median(price)).toBeGreaterThan(20)
    expect(median(price)).toBeLessThan(50)
    expect(Math.max(...price)).toBeGreaterThan(200)
    expect(price.every((v) => Math.round(v * 100) === Math.round(v * 100 * 1e6) / 1e6)).toBe(true)
    expect(products.every((r) => (r.cost as number) < (r.price as number) && (r.cost as number) >= 0)).toBe(true)
    const w = products.map((r) => r.weight_kg as number).filter((v) => v !== null)
    expect(median(w)).toBeGreaterThan(1)
    expect(median(w)).toBeLessThan(2.2)
    const d = products.map((r) => r.discount_percent as number)
    expect(share(d, (v) => v === 0)).toBeGreaterThan(0.6)
    expect(new Set(d.filter((v) => v !== 0)).size).toBeGreaterThan(2)
    expect(d.every((v) => [0, 5, 10, 15, 20, 25].includes(v))).toBe(true)
    const rt = products.map((r) => r.rating).filter((v): v is number => v !== null)
    expect(rt.reduce((a, b) => a + b, 0) / rt.length).toBeGreaterThan(3.6)
    expect(rt.every((v) => v >= 1 && v <= 5)).toBe(true)
  })

  it('CHECK bounds win over a shape: a price between 100 and 200 stays there', () => {
    const m = model([
      table('products', [col('id', int(), { identity: { kind: 'always' } }), col('price', dec(10, 2)), col('quantity', int())], {
        primaryKey: { columns: ['id'] },
        checks: [check('p', { kind: 'between', column: 'price', min: 100, max: 200 }), check('q', { kind: 'between', column: 'quantity', min: 10, max: 20 })],
      }),
    ])
    const r = rows(plan(m), 'products')
    expect(r.every((x) => (x.price as number) >= 100 && (x.price as number) <= 200)).toBe(true)
    expect(r.every((x) => (x.quantity as number) >= 10 && (x.quantity as number) <= 20)).toBe(true)
    // zipf inside the bounds: the low end is the most common value.
    const t = tally(r.map((x) => x.quantity))
    expect(t.get('10')!).toBeGreaterThan(t.get('15')! * 2)
  })
})

describe('skewed fan-out', () => {
  it('a (fk, counter) key: skewed 1..k children per parent, counters 1..count, exact row count, batch-size independent', () => {
    const p = plan(shop(), { rowsPerTable: { orders: 1000, order_items: 2500 } })
    expect(step(p, 'order_items').rows).toBe(2500)
    expect(colPlan(p, 'order_items', 'order_id').reason).toMatch(/2500 rows over \d+ of 1000 orders/)
    const items = rows(p, 'order_items')
    const perOrder = new Map<number, number[]>()
    for (const r of items) {
      const list = perOrder.get(r.order_id as number) ?? []
      list.push(r.line_no as number)
      perOrder.set(r.order_id as number, list)
    }
    const counts = [...perOrder.values()].map((l) => l.length)
    for (const l of perOrder.values()) expect([...l].sort((a, b) => a - b)).toEqual(l.map((_, j) => j + 1))
    const hist = tally(counts)
    expect(hist.size).toBeGreaterThan(4)
    expect(share(counts, (c) => (c as number) <= 3)).toBeGreaterThan(0.7)
    expect(Math.max(...counts)).toBeGreaterThan(5)
    expect(new Set(items.map((r) => `${String(r.order_id)}/${String(r.line_no)}`)).size).toBe(2500)
    expect(rows(p, 'order_items', 7)).toEqual(items)
  })

  it('falls back to children in turn when the counter cannot hold the layout', () => {
    const m = shop()
    m.tables.find((t) => t.name === 'order_items')!.checks.push(check('few', { kind: 'compare', column: 'line_no', op: '<=', value: 2 }))
    const p = plan(m, { rowsPerTable: { orders: 100, order_items: 200 } })
    expect(colPlan(p, 'order_items', 'line_no').generator.kind).toBe('number')
    const items = rows(p, 'order_items')
    expect(new Set(items.map((r) => `${String(r.order_id)}/${String(r.line_no)}`)).size).toBe(200)
  })

  it('a rule fan-out on a (fk, counter) key numbers the children 1, 2, … within each parent (no repeated key)', () => {
    const rules = parseRules('tables:\n  order_items:\n    perParent: { orders: { min: 1, max: 5, distribution: zipf } }\n', 'fan.yaml')
    const p = plan(shop(), { rowsPerTable: { orders: 300 }, rules })
    expect(colPlan(p, 'order_items', 'line_no').reason).toContain('rule fan-out')
    const items = rows(p, 'order_items')
    expect(items.length).toBe(step(p, 'order_items').rows)
    expect(new Set(items.map((r) => `${String(r.order_id)}/${String(r.line_no)}`)).size).toBe(items.length)
    expect(items.every((r) => (r.line_no as number) >= 1 && (r.line_no as number) <= 5)).toBe(true)
  })

  it('plain FK picks are skewed: some parents have many children, many none', () => {
    const p = plan(shop(), { rowsPerTable: { customers: 1000, orders: 1000 } })
    const per = tally(rows(p, 'orders').map((r) => r.customer_id))
    const counts = [...per.values()]
    // A uniform pick over 1000 parents leaves ~37 % without children and gives at most ~6 to one.
    expect(1000 - per.size).toBeGreaterThan(410)
    expect(Math.max(...counts)).toBeGreaterThan(15)
    expect(colPlan(p, 'orders', 'customer_id').reason).toContain('skewed')
  })
})
