/**
 * Every rule generator kind, checked statistically on 100k values; determinism across seeds and batch
 * sizes; precedence (table rule > match rule > built-in) and the reasons `tdg plan` prints.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { generateBatches } from '../../../src/generate/index.js'
import { parseRules } from '../../../src/rules/load.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'
import type { Table } from '../../../src/model/schema.js'
import { check, col, fk, int, model, table, varchar } from '../plan/model-builders.js'
import { validate } from '../generate/validate.js'

const ts = { kind: 'timestamp', tz: true } as const

function shop(): Table[] {
  const customers = table(
    'customers',
    [
      col('id', int(8), { identity: { kind: 'always' } }),
      col('email', varchar(120)),
      col('backup_email', varchar(120), { nullable: true }),
      col('tier', { kind: 'enum', values: ['free', 'pro', 'enterprise'], name: 'tier' }),
      col('credit', { kind: 'decimal', precision: 12, scale: 2 }, { nullable: true }),
      col('vat_id', varchar(11)),
      col('country', { kind: 'string', maxLength: 2, fixed: true }),
      col('signup_at', ts),
      col('closed_at', ts, { nullable: true }),
      col('customer_no', varchar(12)),
      col('score', int(4)),
      col('source', { kind: 'text' }),
      col('nickname', varchar(40), { nullable: true }),
    ],
    { primaryKey: { columns: ['id'] }, uniques: [{ columns: ['email'] }] },
  )
  const orders = table(
    'orders',
    [
      col('id', int(8), { identity: { kind: 'always' } }),
      col('customer_id', int(8)),
      col('status', { kind: 'text' }),
      col('created_at', ts),
      col('shipped_at', ts, { nullable: true }),
      col('ship_country', { kind: 'string', maxLength: 2, fixed: true }),
    ],
    {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['customer_id'], 'customers', ['id'])],
      checks: [check('status_in', { kind: 'in', column: 'status', values: ['new', 'paid', 'shipped', 'cancelled'] })],
    },
  )
  return [customers, orders]
}

const RULES = `
templates:
  corporate_email: { template: "{{person.firstName}}.{{person.lastName}}@acme.test", lowercase: true }
tables:
  customers:
    rows: 100000
    columns:
      email:       { use: corporate_email, unique: true }
      tier:        { values: [free, pro, enterprise], weights: [80, 18, 2] }
      credit:      { range: { min: 0, max: 50000 }, distribution: lognormal, nullRate: 0.1 }
      vat_id:      { regex: "DE[0-9]{9}", unique: true }
      country:     { faker: location.countryCode }
      signup_at:   { between: ["2020-01-01", "2024-12-31"] }
      closed_at:   { after: signup_at, maxDays: 90, nullRate: 0.7 }
      customer_no: { sequence: { start: 1, prefix: "C-", padding: 8 } }
      score:       { range: { min: 1, max: 1000 }, distribution: zipf }
      source:      { constant: web }
  orders:
    perParent: { customers: { min: 0, max: 20, distribution: zipf } }
    columns:
      status:       { values: [new, paid, shipped, cancelled] }
      created_at:   { between: ["2021-01-01", "2024-12-31"] }
      shipped_at:   { when: { status: shipped }, then: { after: created_at, maxDays: 30 }, else: null }
      ship_country: { from: customers.country }
match:
  - { column: "*_email", use: corporate_email }
  - { column: "/^nick/", faker: internet.username, lowercase: true }
`

function rowsOf(plan: Plan, step: string, batchSize = 10_000): { columns: string[]; rows: Value[][] } {
  const s = plan.steps.find((x) => x.id === step)!
  const batches = [...generateBatches(plan, s, { batchSize })]
  return { columns: batches[0]?.columns ?? [], rows: batches.flatMap((b) => b.rows) }
}

const rules = parseRules(RULES, 'custom_rules.yaml')
const plan = buildPlan(model(shop()), { rows: 10, seed: 7, rules })
const customers = rowsOf(plan, 'customers')
const orders = rowsOf(plan, 'orders')
const colOf = (t: { columns: string[]; rows: Value[][] }, name: string) => {
  const j = t.columns.indexOf(name)
  return t.rows.map((r) => r[j]!)
}
const share = (vs: Value[], pred: (v: Value) => boolean) => vs.filter(pred).length / vs.length
const num = (v: Value) => Number(v)
const tsSec = (v: Value) => Date.parse(String(v).replace(' ', 'T').replace(/\+00$/, 'Z')) / 1000

describe('rule generators on 100k rows', () => {
  it('rows from the rules; every value satisfies the schema', () => {
    expect(customers.rows).toHaveLength(100_000)
    expect(validate(model(shop()), new Map([['customers', customers], ['orders', orders]]))).toEqual([])
  })

  it('values with weights: shares within ±2 points', () => {
    const tier = colOf(customers, 'tier')
    expect(Math.abs(share(tier, (v) => v === 'free') - 0.8)).toBeLessThan(0.02)
    expect(Math.abs(share(tier, (v) => v === 'pro') - 0.18)).toBeLessThan(0.02)
    expect(Math.abs(share(tier, (v) => v === 'enterprise') - 0.02)).toBeLessThan(0.02)
    const status = colOf(orders, 'status')
    for (const s of ['new', 'paid', 'shipped', 'cancelled']) expect(Math.abs(share(status, (v) => v === s) - 0.25)).toBeLessThan(0.02)
  })

  it('nullRate within ±1 point', () => {
    expect(Math.abs(share(colOf(customers, 'credit'), (v) => v === null) - 0.1)).toBeLessThan(0.01)
    expect(Math.abs(share(colOf(customers, 'closed_at'), (v) => v === null) - 0.7)).toBeLessThan(0.01)
    // A rule with a generator and no nullRate writes no NULLs, even in a nullable column.
    expect(colOf(customers, 'backup_email').every((v) => v !== null)).toBe(true)
  })

  it('regex: 100 % matches, unique by construction', () => {
    const vat = colOf(customers, 'vat_id') as string[]
    expect(vat.every((v) => /^DE[0-9]{9}$/.test(v))).toBe(true)
    expect(new Set(vat).size).toBe(vat.length)
  })

  it('template: compiled once, lowercased, unique with a suffix', () => {
    const email = colOf(customers, 'email') as string[]
    expect(email.every((v) => v.endsWith('@acme.test') && v === v.toLowerCase() && v.length <= 120)).toBe(true)
    expect(new Set(email).size).toBe(email.length)
    const backup = colOf(customers, 'backup_email') as string[]
    expect(backup.every((v) => /^[^@]+\.[^@]+@acme\.test$/.test(v))).toBe(true)
  })

  it('faker method path: a pool of values, drawn by index', () => {
    const country = colOf(customers, 'country') as string[]
    expect(country.every((v) => /^[A-Z]{2}$/.test(v))).toBe(true)
    expect(new Set(country).size).toBeGreaterThan(100)
    expect(new Set(country).size).toBeLessThanOrEqual(2000)
    const nick = colOf(customers, 'nickname') as string[]
    expect(nick.every((v) => v === v.toLowerCase())).toBe(true)
  })

  it('range with a lognormal distribution: long right tail, inside the range', () => {
    const credit = colOf(customers, 'credit').filter((v) => v !== null).map(num).sort((a, b) => a - b)
    expect(credit[0]).toBeGreaterThanOrEqual(0)
    expect(credit[credit.length - 1]).toBeLessThanOrEqual(50_000)
    const median = credit[credit.length >> 1]!
    const mean = credit.reduce((a, b) => a + b, 0) / credit.length
    expect(Math.abs(median - 2500) / 2500).toBeLessThan(0.05) // median at min + range/20
    expect(mean).toBeGreaterThan(median * 1.4)
  })

  it('zipf: the top value is far more frequent than the median value', () => {
    const counts = new Map<number, number>()
    for (const v of colOf(customers, 'score')) counts.set(num(v), (counts.get(num(v)) ?? 0) + 1)
    const freq = [...counts.values()].sort((a, b) => b - a)
    expect(counts.get(1)).toBe(freq[0])
    expect(freq[0]! / freq[freq.length >> 1]!).toBeGreaterThan(50)
  })

  it('between, after (maxDays), sequence and constant', () => {
    const signup = colOf(customers, 'signup_at').map(tsSec)
    const closed = colOf(customers, 'closed_at')
    const lo = Date.UTC(2020, 0, 1) / 1000
    const hi = Date.UTC(2024, 11, 31) / 1000
    expect(signup.every((s) => s >= lo && s <= hi)).toBe(true)
    const bad = closed.filter((c, i) => c !== null && !(tsSec(c) - signup[i]! > 0 && tsSec(c) - signup[i]! <= 90 * 86400))
    expect(bad).toEqual([])
    const no = colOf(customers, 'customer_no')
    expect(no[0]).toBe('C-00000001')
    expect(no[99_999]).toBe('C-00100000')
    expect(colOf(customers, 'source').every((v) => v === 'web')).toBe(true)
  })

  it('when/then/else holds for every row', () => {
    const status = colOf(orders, 'status')
    const created = colOf(orders, 'created_at').map(tsSec)
    const shipped = colOf(orders, 'shipped_at')
    let checked = 0
    const bad: number[] = []
    shipped.forEach((v, i) => {
      if (status[i] !== 'shipped') {
        if (v !== null) bad.push(i)
        return
      }
      const d = tsSec(v) - created[i]!
      if (!(d > 0 && d <= 30 * 86400)) bad.push(i)
      checked++
    })
    expect(bad).toEqual([])
    expect(checked).toBeGreaterThan(10_000)
  })

  it('perParent fan-out: counts within bounds, zipf-shaped; from: copies the parent value', () => {
    const step = plan.steps.find((s) => s.id === 'orders')!
    expect(step.rows).toBe(orders.rows.length)
    const per = new Map<number, number>()
    const cid = colOf(orders, 'customer_id').map(num)
    for (const c of cid) per.set(c, (per.get(c) ?? 0) + 1)
    const counts = Array.from({ length: 100_000 }, (_, j) => per.get(j + 1) ?? 0).sort((a, b) => b - a)
    expect(counts[0]).toBeLessThanOrEqual(20)
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(0)
    expect(counts[0]).toBe(20)
    expect(counts[0]! / Math.max(1, counts[counts.length >> 1]!)).toBeGreaterThanOrEqual(5)
    // Children come parent by parent (prefix sums): customer ids never decrease.
    expect(cid.every((c, i) => i === 0 || c >= cid[i - 1]!)).toBe(true)
    const country = colOf(customers, 'country')
    const ship = colOf(orders, 'ship_country')
    expect(ship.every((v, i) => v === country[cid[i]! - 1])).toBe(true)
  })

  it('plan reasons name the rule: table rule > match rule > built-in', () => {
    const reason = (t: string, c: string) => plan.steps.find((s) => s.id === t)!.columns.find((x) => x.column === c)!.reason
    expect(reason('customers', 'email')).toBe('rule tables.customers.columns.email (use corporate_email)')
    expect(reason('customers', 'backup_email')).toBe('rule match[0] (column "*_email", use corporate_email)')
    expect(reason('customers', 'nickname')).toBe('rule match[1] (column "/^nick/", faker internet.username)')
    expect(reason('customers', 'tier')).toBe('rule tables.customers.columns.tier (values with weights 80/18/2)')
    expect(reason('orders', 'customer_id')).toMatch(/rule tables\.orders\.perParent\.customers \(0\.\.20 children per parent, zipf\)/)
    expect(reason('customers', 'id')).toBe('key sequence')
  })
})

describe('determinism', () => {
  it('same seed → same values, whatever the batch size; another seed → other values', () => {
    const again = buildPlan(model(shop()), { rows: 10, seed: 7, rules: parseRules(RULES, 'custom_rules.yaml') })
    expect(rowsOf(again, 'orders', 7777).rows).toEqual(orders.rows)
    expect(rowsOf(again, 'customers', 333).rows.slice(0, 5000)).toEqual(customers.rows.slice(0, 5000))
    const other = buildPlan(model(shop()), { rows: 10, seed: 8, rules: parseRules(RULES, 'custom_rules.yaml') })
    expect(rowsOf(other, 'customers').rows.slice(0, 100)).not.toEqual(customers.rows.slice(0, 100))
  })

  it('a per-table count from the command line beats tables.<t>.rows', () => {
    const p = buildPlan(model(shop()), { rows: 10, seed: 7, rules, rowsPerTable: { customers: 50 } })
    expect(p.steps.find((s) => s.id === 'customers')!.rows).toBe(50)
  })
})

describe('distribution shapes (100k draws)', () => {
  const one = (distribution: string) => {
    const t = table('t', [col('id', int(8), { identity: { kind: 'always' } }), col('v', int(4))], { primaryKey: { columns: ['id'] } })
    const p = buildPlan(model([t]), { rows: 100_000, seed: 3, rules: parseRules(`tables: { t: { columns: { v: { range: { min: 0, max: 1000 }, distribution: ${distribution} } } } }`) })
    return colOf(rowsOf(p, 't'), 'v').map(num)
  }
  const stats = (v: number[]) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length)
    const sorted = [...v].sort((a, b) => a - b)
    return { mean, sd, median: sorted[v.length >> 1]!, min: sorted[0]!, max: sorted[v.length - 1]! }
  }

  it('uniform: flat, mean at the middle', () => {
    const s = stats(one('uniform'))
    expect(Math.abs(s.mean - 500)).toBeLessThan(5)
    expect(Math.abs(s.sd - 1000 / Math.sqrt(12))).toBeLessThan(5)
    expect([s.min, s.max]).toEqual([0, 1000])
  })

  it('normal: mean at the middle, σ ≈ range / 6, ~68 % within one σ', () => {
    const v = one('normal')
    const s = stats(v)
    expect(Math.abs(s.mean - 500)).toBeLessThan(3)
    expect(Math.abs(s.sd - 166.7)).toBeLessThan(5)
    expect(Math.abs(share(v, (x) => Math.abs(num(x) - 500) <= 166.7) - 0.6827)).toBeLessThan(0.01)
  })

  it('exponential: mean ≈ range / 5, mode at min', () => {
    const s = stats(one('exponential'))
    expect(Math.abs(s.mean - 200) / 200).toBeLessThan(0.05)
    expect(s.min).toBe(0)
    expect(s.median).toBeLessThan(s.mean)
  })

  it('lognormal: median ≈ range / 20, mean above the median', () => {
    const s = stats(one('lognormal'))
    expect(Math.abs(s.median - 50)).toBeLessThan(3)
    expect(s.mean).toBeGreaterThan(s.median * 1.4)
  })
})
