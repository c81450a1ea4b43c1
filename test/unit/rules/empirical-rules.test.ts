/**
 * The rule kinds for profiles: `distribution: { quantiles }` on numbers, dates and timestamps (alone, in
 * a range, in a between), `seasonality`, empirical `perParent` with a fixed `rows`, and `--scale`
 * (PlanOptions.scale). Draws follow the quantiles (KS ≤ 0.03 on 10k+ rows), seasonal shares hold,
 * the same seed gives the same values, and bad rules are one TDG_RULES_INVALID line with file:line.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { generateBatches } from '../../../src/generate/index.js'
import { parseRules } from '../../../src/rules/load.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'
import type { Table } from '../../../src/model/schema.js'
import { col, fk, int, model, table, varchar } from '../plan/model-builders.js'
import { ksToQuantiles, median } from '../profile/stats.js'

const ts = { kind: 'timestamp', tz: false } as const

function schema(): Table[] {
  const customers = table(
    'customers',
    [col('id', int(8), { identity: { kind: 'always' } }), col('name', varchar(40)), col('signup_at', ts), col('credit', { kind: 'decimal', precision: 10, scale: 2 })],
    { primaryKey: { columns: ['id'] } },
  )
  const orders = table(
    'orders',
    [
      col('id', int(8), { identity: { kind: 'always' } }),
      col('customer_id', int(8)),
      col('qty', int(4)),
      col('amount', { kind: 'decimal', precision: 10, scale: 2 }),
      col('ordered_on', { kind: 'date' }),
      col('created_at', ts),
      col('shipped_at', ts, { nullable: true }),
    ],
    { primaryKey: { columns: ['id'] }, foreignKeys: [fk(['customer_id'], 'customers', ['id'])] },
  )
  return [customers, orders]
}

const AMOUNT_Q = Array.from({ length: 101 }, (_, i) => Math.round(Math.exp(1 + (i / 100) * 5) * 100) / 100)
const QTY_Q = [1, 1, 1, 2, 2, 3, 4, 6, 10, 20, 50]
const DAY = 86400

const RULES = `
tables:
  customers:
    rows: 2000
    columns:
      signup_at: { distribution: { quantiles: ["2020-01-01", "2020-02-01", "2021-01-01"] } }
      credit: { range: { min: 10, max: 100 }, distribution: { quantiles: [0, 20, 50, 200] } }
  orders:
    rows: 20000
    perParent: { customers: { quantiles: [0, 1, 3, 6, 10, 40] } }
    columns:
      qty: { distribution: { quantiles: [${QTY_Q.join(', ')}] } }
      amount: { distribution: { quantiles: [${AMOUNT_Q.join(', ')}] } }
      ordered_on:
        between: ["2022-01-01", "2023-12-31"]
        seasonality: { weekday: [3, 3, 3, 3, 3, 1, 0], month: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 8] }
      created_at:
        distribution: { quantiles: ["2023-01-01", "2023-03-01", "2023-06-01", "2024-01-01"] }
        seasonality: { hour: [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0] }
      shipped_at: { after: created_at, maxDays: 10, nullRate: 0.05 }
`

function rowsOf(plan: Plan, step: string, batchSize = 10_000): { columns: string[]; rows: Value[][] } {
  const s = plan.steps.find((x) => x.id === step)!
  const batches = [...generateBatches(plan, s, { batchSize })]
  return { columns: batches[0]?.columns ?? [], rows: batches.flatMap((b) => b.rows) }
}
const colOf = (t: { columns: string[]; rows: Value[][] }, name: string) => {
  const j = t.columns.indexOf(name)
  return t.rows.map((r) => r[j]!)
}
const tsSec = (v: Value) => Date.parse(String(v).replace(' ', 'T') + (/[zZ+]/.test(String(v).slice(10)) ? '' : 'Z')) / 1000
const daySec = (v: Value) => Date.parse(`${String(v)}T00:00:00Z`) / 1000

const rules = parseRules(RULES, 'profile.yaml')
const plan = buildPlan(model(schema()), { rows: 10, seed: 5, rules })
const customers = rowsOf(plan, 'customers')
const orders = rowsOf(plan, 'orders')

describe('empirical distributions', () => {
  it('numbers: KS ≤ 0.03 against the quantiles (decimals and integers), within the range', () => {
    const amount = colOf(orders, 'amount').map(Number)
    expect(amount.length).toBe(20000)
    expect(ksToQuantiles(amount, AMOUNT_Q, 0.01)).toBeLessThanOrEqual(0.03)
    expect(amount.every((a) => Math.round(a * 100) === Math.round(a * 100 + 1e-9) && a >= AMOUNT_Q[0]! && a <= AMOUNT_Q[100]!)).toBe(true)
    const qty = colOf(orders, 'qty').map(Number)
    expect(qty.every(Number.isInteger)).toBe(true)
    expect(ksToQuantiles(qty, QTY_Q, 1)).toBeLessThanOrEqual(0.03)
    // A range cuts the quantiles: nothing outside 10..100.
    const credit = colOf(customers, 'credit').map(Number)
    expect(Math.min(...credit)).toBeGreaterThanOrEqual(10)
    expect(Math.max(...credit)).toBeLessThanOrEqual(100)
  })

  it('timestamps from ISO quantiles: KS ≤ 0.03', () => {
    const q = ['2020-01-01', '2020-02-01', '2021-01-01'].map(daySec)
    const signup = colOf(customers, 'signup_at').map(tsSec)
    expect(ksToQuantiles(signup, q)).toBeLessThanOrEqual(0.03)
    // Half the rows in January 2020 (the first segment holds 1/2 of the mass).
    expect(Math.abs(signup.filter((s) => s < q[1]!).length / signup.length - 0.5)).toBeLessThan(0.03)
  })

  it('seasonality with between: weekday and month shares within 1.5 points of the weights', () => {
    const days = colOf(orders, 'ordered_on').map(daySec)
    expect(Math.min(...days)).toBeGreaterThanOrEqual(daySec('2022-01-01'))
    expect(Math.max(...days)).toBeLessThanOrEqual(daySec('2023-12-31'))
    const wd = [0, 0, 0, 0, 0, 0, 0]
    for (const d of days) wd[((Math.floor(d / DAY) + 3) % 7 + 7) % 7]!++
    const want = [3, 3, 3, 3, 3, 1, 0].map((w) => w / 16)
    wd.forEach((c, j) => expect(Math.abs(c / days.length - want[j]!)).toBeLessThan(0.015))
    // December (weight 8 of 22 month units, ×31 days) beats the rest; 31-day months all weigh alike.
    const mo = new Array(12).fill(0) as number[]
    for (const d of days) mo[new Date(d * 1000).getUTCMonth()]!++
    const dim = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    const wm = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4, 8].map((w, j) => w * dim[j]!)
    const tot = wm.reduce((a, b) => a + b, 0)
    mo.forEach((c, j) => expect(Math.abs(c / days.length - wm[j]! / tot)).toBeLessThan(0.015))
  })

  it('seasonality with quantiles: hours follow the shares, the quantiles still hold', () => {
    const created = colOf(orders, 'created_at').map(tsSec)
    const hours = new Array(24).fill(0) as number[]
    for (const t of created) hours[Math.floor(t / 3600) % 24]!++
    const w = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0]
    const sum = w.reduce((a, b) => a + b, 0)
    hours.forEach((c, j) => expect(Math.abs(c / created.length - w[j]! / sum)).toBeLessThan(0.01))
    const q = ['2023-01-01', '2023-03-01', '2023-06-01', '2024-01-01'].map(daySec)
    expect(ksToQuantiles(created, q)).toBeLessThanOrEqual(0.03)
  })

  it('after a seasonal column still holds (raw values flow)', () => {
    const created = colOf(orders, 'created_at').map(tsSec)
    const shipped = colOf(orders, 'shipped_at')
    shipped.forEach((s, j) => {
      if (s !== null) expect(tsSec(s)).toBeGreaterThan(created[j]!)
    })
  })

  it('empirical perParent with rows: exact total, median children per parent as drawn', () => {
    const counts = new Map<number, number>()
    for (const c of colOf(orders, 'customer_id')) counts.set(Number(c), (counts.get(Number(c)) ?? 0) + 1)
    expect(orders.rows.length).toBe(20000)
    const per = Array.from({ length: 2000 }, (_, j) => counts.get(j + 1) ?? 0)
    // Quantiles [0, 1, 3, 6, 10, 40]: median 4.5 drawn (mean ~8.4 → 16.9k, evened up to 20k: +1..2 each).
    expect(median(per)).toBeGreaterThanOrEqual(5)
    expect(median(per)).toBeLessThanOrEqual(8)
    expect(per.filter((c) => c === 0).length).toBeLessThan(2000 * 0.1)
  })

  it('same seed, same values; another seed, other values; batch size does not matter', () => {
    const again = buildPlan(model(schema()), { rows: 10, seed: 5, rules })
    expect(rowsOf(again, 'orders', 777).rows).toEqual(orders.rows)
    const other = buildPlan(model(schema()), { rows: 10, seed: 6, rules })
    expect(colOf(rowsOf(other, 'orders'), 'amount')).not.toEqual(colOf(orders, 'amount'))
  })

  it('tdg plan says what each rule does', () => {
    const reasons = plan.steps.find((s) => s.id === 'orders')!.columns.map((c) => `${c.column}: ${c.reason}`).join('\n')
    expect(reasons).toMatch(/amount: .*empirical distribution \(101 quantiles\) 2\.72\.\.403\.43/)
    expect(reasons).toMatch(/ordered_on: .*between, seasonal by weekday\/month/)
    expect(reasons).toMatch(/customer_id: .*empirical, 6 quantiles, 20000 in all/)
  })
})

describe('a unique column', () => {
  it('enumerates the span of its quantiles (draws would collide)', () => {
    const s = schema()
    s[0]!.uniques.push({ columns: ['credit'] })
    const set = parseRules('tables:\n  customers:\n    rows: 3000\n    columns:\n      credit: { distribution: { quantiles: [0, 10, 100] } }\n', 'u.yaml')
    const p = buildPlan(model(s), { rows: 10, seed: 3, rules: set })
    const credit = colOf(rowsOf(p, 'customers'), 'credit').map(Number)
    expect(new Set(credit).size).toBe(3000)
    expect(credit.every((c) => c >= 0 && c <= 100)).toBe(true)
    expect(p.issues.map((i) => i.message).join('\n')).not.toMatch(/cannot be guaranteed/)
  })
})

describe('perParent on a junction key (order_details(order_id, product_id))', () => {
  it('the other FK takes distinct parents within each fanned-out parent: the composite key holds', () => {
    const products = table('products', [col('id', int(4))], { primaryKey: { columns: ['id'] } })
    const orders = table('orders', [col('id', int(4))], { primaryKey: { columns: ['id'] } })
    const details = table('order_details', [col('order_id', int(4)), col('product_id', int(4)), col('qty', int(4))], {
      primaryKey: { columns: ['order_id', 'product_id'] },
      foreignKeys: [fk(['order_id'], 'orders', ['id']), fk(['product_id'], 'products', ['id'])],
    })
    const set = parseRules('tables:\n  products: { rows: 77 }\n  orders: { rows: 830 }\n  order_details:\n    rows: 2155\n    perParent: { orders: { quantiles: [1, 1, 2, 2, 3, 4, 5, 6, 25] } }\n', 'j.yaml')
    const p = buildPlan(model([products, orders, details]), { rows: 10, seed: 4, rules: set })
    const d = rowsOf(p, 'order_details')
    expect(d.rows).toHaveLength(2155)
    const pairs = d.rows.map((r) => `${String(r[0])}/${String(r[1])}`)
    expect(new Set(pairs).size).toBe(pairs.length)
    expect(p.steps.find((s) => s.id === 'order_details')!.columns.find((c) => c.column === 'product_id')!.reason).toMatch(/distinct within each order_id \(junction, rule fan-out\)/)
  })
})

describe('perParent naming two parents', () => {
  it('the first sets the row count, the second spreads the rows over its parents by its own shape; no NULL, every key a parent', () => {
    const customers = table('customers', [col('id', int(4))], { primaryKey: { columns: ['id'] } })
    const employees = table('employees', [col('id', int(4))], { primaryKey: { columns: ['id'] } })
    const orders = table('orders', [col('id', int(4)), col('customer_id', int(4)), col('employee_id', int(4), { nullable: true })], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['customer_id'], 'customers', ['id']), fk(['employee_id'], 'employees', ['id'])],
    })
    const set = parseRules(
      'tables:\n  customers: { rows: 900 }\n  employees: { rows: 90 }\n  orders:\n    rows: 8300\n    perParent:\n      customers: { quantiles: [0, 2, 8, 12, 40] }\n      employees: { quantiles: [10, 40, 85, 130, 220] }\n',
      'two.yaml',
    )
    const p = buildPlan(model([customers, employees, orders]), { rows: 10, seed: 9, rules: set })
    const o = rowsOf(p, 'orders')
    expect(o.rows).toHaveLength(8300)
    const per = new Map<number, number>()
    for (const e of colOf(o, 'employee_id')) {
      expect(e).not.toBeNull()
      per.set(Number(e), (per.get(Number(e)) ?? 0) + 1)
    }
    const counts = Array.from({ length: 90 }, (_, j) => per.get(j + 1) ?? 0)
    expect([...per.keys()].every((k) => k >= 1 && k <= 90)).toBe(true)
    // Drawn with median 85 (mean ~92.5, as 8300 rows over 90 employees need: little evening out), not ~92 each.
    expect(Math.abs(median(counts) - 85) / 85).toBeLessThan(0.1)
    expect(Math.max(...counts)).toBeGreaterThan(150)
    expect(Math.min(...counts)).toBeLessThan(40)
    const reason = p.steps.find((s) => s.id === 'orders')!.columns.find((c) => c.column === 'employee_id')!.reason
    expect(reason).toMatch(/perParent\.employees .*spread over the rows/)
    // Same seed, same rows.
    expect(rowsOf(buildPlan(model([customers, employees, orders]), { rows: 10, seed: 9, rules: set }), 'orders').rows).toEqual(o.rows)
  })
})

describe('scale', () => {
  it('multiplies the rules rows and the default count; perParent children follow their total', () => {
    const p = buildPlan(model(schema()), { rows: 10, seed: 5, rules, scale: 0.1 })
    expect(p.steps.map((s) => [s.id, s.rows])).toEqual([['customers', 200], ['orders', 2000]])
    const none = buildPlan(model(schema()), { rows: 10, seed: 5, scale: 2.5 })
    expect(none.steps.map((s) => s.rows)).toEqual([25, 25])
    // Never scaled down to zero; per-table counts given stay exact.
    const tiny = buildPlan(model(schema()), { rows: 3, seed: 5, scale: 0.01, rowsPerTable: { orders: 7 } })
    expect(tiny.steps.map((s) => s.rows)).toEqual([1, 7])
  })

  it('refuses a factor that is not > 0', () => {
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => buildPlan(model(schema()), { rows: 3, seed: 5, scale: bad })).toThrow(/TDG_USAGE|scale must be a number > 0/)
  })
})

describe('bad empirical rules: one line with file:line and path', () => {
  const bad = (text: string) => {
    try {
      const set = parseRules(text, 'r.yaml')
      buildPlan(model(schema()), { rows: 10, seed: 1, rules: set })
    } catch (e) {
      return (e as Error).message
    }
    return 'no error'
  }
  const t = (cols: string) => `tables:\n  orders:\n    columns:\n${cols}`
  it.each([
    [t('      qty: { distribution: { quantiles: [3, 2, 5] } }\n'), /^r\.yaml:4: tables\.orders\.columns\.qty\.distribution\.quantiles\[1\]: 2 is below the point before it/],
    [t('      qty: { distribution: { quantiels: [1, 2] } }\n'), /^r\.yaml:4: tables\.orders\.columns\.qty\.distribution\.quantiels: unknown key 'quantiels' \(did you mean 'quantiles'\?\)/],
    [t('      qty: { distribution: { quantiles: [1] } }\n'), /^r\.yaml:4: tables\.orders\.columns\.qty\.distribution\.quantiles: needs at least 2 points/],
    [t('      qty: { distribution: { quantiles: [1, "2024-01-01"] } }\n'), /quantiles: points must be all numbers or all date\/timestamp texts/],
    [t('      qty: { values: [1, 2], distribution: { quantiles: [1, 2] } }\n'), /qty\.distribution: quantiles go with 'range', 'between' or no other generator, not 'values'/],
    [t('      created_at: { distribution: { quantiles: [1, 2] } }\n'), /^r\.yaml:4: tables\.orders\.columns\.created_at\.distribution\.quantiles: orders\.created_at: quantiles of a timestamp column are ISO timestamps/],
    [t('      qty: { distribution: { quantiles: ["2024-01-01", "2024-02-01"] } }\n'), /qty\.distribution\.quantiles: orders\.qty: quantiles of a numeric column are numbers/],
    [t('      created_at: { distribution: { quantiles: ["2024-01-01", "soon"] } }\n'), /created_at\.distribution\.quantiles\[1\]: 'soon' is not a date/],
    [t('      created_at: { distribution: { quantiles: ["2024-03-01", "2024-02-01"] } }\n'), /quantiles\[1\]: '2024-02-01' is before the point before it/],
    [t('      ordered_on:\n        between: ["2022-01-01", "2022-12-31"]\n        seasonality: { weekday: [1, 1, 1] }\n'), /^r\.yaml:6: tables\.orders\.columns\.ordered_on\.seasonality\.weekday: needs 7 shares \(Monday first\)/],
    [t('      ordered_on:\n        seasonality: { month: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] }\n'), /ordered_on\.seasonality: seasonality needs 'between' or a distribution with quantiles/],
    [t('      ordered_on: { between: ["2022-01-01", "2022-12-31"], seasonality: { weekdays: [1] } }\n'), /unknown key 'weekdays' \(did you mean 'weekday'\?\)/],
    [t('      qty: { distribution: { quantiles: [1, 2] }, seasonality: { hour: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1] } }\n'), /qty\.seasonality: orders\.qty: seasonality needs a date or timestamp column/],
    ['tables:\n  orders:\n    perParent:\n      customers: { quantiles: [0, 5, -1] }\n', /^r\.yaml:4: tables\.orders\.perParent\.customers\.quantiles\[2\]: -1 is below the point before it/],
    ['tables:\n  orders:\n    perParent:\n      customers: { quantiles: [0, 5], distribution: zipf }\n', /perParent\.customers\.distribution: choose one of 'distribution' and 'quantiles'/],
    ['tables:\n  orders:\n    perParent:\n      customers: { max: 5 }\n', /perParent\.customers\.min: needs 'min' \(or 'quantiles'\)/],
  ])('%#', (text, want) => {
    expect(bad(text)).toMatch(want)
  })
})

describe('the README example of rules learned from data', () => {
  it('loads and plans', async () => {
    const { readFileSync } = await import('node:fs')
    const readme = readFileSync('README.md', 'utf8')
    const from = readme.indexOf('**Rules learned from data**')
    const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(from))![1]!
    const set = parseRules(block, 'README.md')
    const s = schema()
    s[1]!.columns.push(col('freight', { kind: 'decimal', precision: 10, scale: 2 }), col('order_date', { kind: 'date' }))
    const p = buildPlan(model(s), { rows: 10, seed: 1, rules: set })
    expect(p.steps.find((x) => x.id === 'orders')!.rows).toBe(830)
  })
})
