/**
 * profileToRules on hand-built profiles: the rule chosen per kind of evidence, the commented YAML loads
 * back with the rules loader, scaled row counts, keys and FKs left to the plan, and no raw value of a
 * PII column anywhere in the rules (every original value of those columns is searched for).
 */
import { describe, expect, it } from 'vitest'
import { profileToRules } from '../../../src/profile/emit-rules.js'
import { fanOutQuantiles } from '../../../src/profile/emit-fan-out.js'
import { parseRules } from '../../../src/rules/load.js'
import type { Profile } from '../../../src/model/profile.js'
import { northwindProfile, northwindSource } from './northwind-profile.js'
import { col, fk, int, table, varchar } from '../plan/model-builders.js'

const src = northwindSource()
const profile = northwindProfile(src)
const { rules, yaml } = profileToRules(profile, { scale: 10 })
const cols = (t: string) => rules.tables![t]!.columns!

describe('profileToRules on a northwind-like profile', () => {
  it('rows × scale per table; the YAML loads back to the same rules', () => {
    expect(rules.tables!.customers!.rows).toBe(910)
    expect(rules.tables!.orders!.rows).toBe(8300)
    const back = parseRules(yaml, 'rules.yaml')
    expect(back.rules).toEqual(rules)
  })

  it('categories → values + weights (shares of the non-null values)', () => {
    const country = cols('customers').country!
    expect(country.values).toHaveLength(8)
    expect(country.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3)
    expect(country.values![0]).toBe(profile.tables[0]!.columns.find((c) => c.name === 'country')!.categories!.values[0]!.value)
  })

  it('numbers → 101 quantiles at the column scale; dates and timestamps → ISO quantiles + seasonality', () => {
    const freight = cols('orders').freight!
    const q = (freight.distribution as { quantiles: number[] }).quantiles
    expect(q).toHaveLength(101)
    expect(q.every((v) => Math.round(v * 100) / 100 === v)).toBe(true)
    const created = cols('customers').created_at!
    expect((created.distribution as { quantiles: string[] }).quantiles.every((s) => /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(s))).toBe(true)
    expect(created.seasonality!.hour).toHaveLength(24)
    const orderDate = cols('orders').order_date!
    expect((orderDate.distribution as { quantiles: string[] }).quantiles[0]).toBe('1996-07-04')
    expect(orderDate.seasonality!.weekday!.slice(5)).toEqual([0, 0])
    expect(orderDate.seasonality!.hour).toBeUndefined()
  })

  it('pattern → regex; conditional null → when/then null/else after; keys and the fanned-out FK get no rule', () => {
    expect(cols('customers').customer_id).toEqual({ regex: '[A-Z]{5}' })
    expect(cols('orders').shipped_date).toMatchObject({ when: { status: 'new' }, then: null, else: { after: 'order_date' } })
    expect((cols('orders').shipped_date!.else as { maxDays: number }).maxDays).toBeGreaterThanOrEqual(10)
    expect(cols('orders').order_id).toBeUndefined()
    expect(cols('orders').customer_id).toBeUndefined()
    expect(yaml).toMatch(/left to tdg: order_id \(key\), customer_id \(FK, perParent\)/)
  })

  it('fan-out → perParent quantiles whose median is the profile median', () => {
    const f = profile.tables[1]!.fanOut[0]!
    const q = rules.tables!.orders!.perParent!.customers!.quantiles as number[]
    expect(q).toHaveLength(101)
    expect(Math.round(q[50]!)).toBe(f.median)
    expect(q[0]).toBe(f.min)
    expect(q[100]).toBe(f.max)
    expect(q[95]).toBe(f.p95)
  })

  it('PII columns: no raw value in the rules or comments; a shape the name does not tell gets a faker call', () => {
    expect(cols('customers').reach).toEqual({ faker: 'internet.email' })
    // contact_email: the built-in generator makes emails from the name: only the NULL share.
    expect(cols('customers').contact_email).toEqual({ nullRate: expect.closeTo(0.11, 2) })
    const secrets = src.customers.flatMap((c) => [c.contact_email, c.reach]).filter((v): v is string => v !== null)
    expect(secrets.length).toBeGreaterThan(150)
    for (const s of secrets) {
      expect(yaml.includes(s)).toBe(false)
      expect(yaml.includes(s.split('@')[0]!)).toBe(false)
    }
    expect(yaml).toMatch(/# 91 sampled, 0% null, 100% distinct \(91\); PII email 0\.97, values withheld; shape email\n\s+reach:/)
  })

  it('comments: header with the source and scale, evidence per column', () => {
    expect(yaml).toMatch(/^# tdg profile: rules learned from db postgres:\/\/ro@prod\/northwind .*row counts × 10\)/)
    expect(yaml).toMatch(/# 830 rows \(count\(\*\)\) × 10; 830 sampled \(all rows\)/)
    expect(yaml).toMatch(/# 830 sampled, 0% null, [\d.]+% distinct \(\d+\); 101 quantiles\n\s+freight:/)
  })

  it('without a scale: the source counts; a bad scale is refused', () => {
    expect(profileToRules(profile).rules.tables!.orders!.rows).toBe(830)
    expect(profileToRules(profile, { scale: 0.001 }).rules.tables!.customers!.rows).toBe(1)
    expect(() => profileToRules(profile, { scale: 0 })).toThrow(/scale must be a number > 0/)
  })
})

describe('profileToRules with table definitions', () => {
  it('primary keys and identity columns get no rule; NOT NULL columns get no nullRate', () => {
    const p: Profile = structuredClone(profile)
    const orders = p.tables[1]!
    // A text column with a few NULLs in the sample, NOT NULL in the schema.
    orders.columns.find((c) => c.name === 'status')!.nullShare = 0.01
    const defs = [
      table('customers', [col('customer_id', varchar(5)), col('company_name', varchar(40)), col('country', varchar(15))], { primaryKey: { columns: ['customer_id'] }, uniques: [{ columns: ['country'] }] }),
      table('orders', [col('order_id', int(4)), col('customer_id', varchar(5)), col('status', varchar(10)), col('freight', { kind: 'decimal', precision: 10, scale: 2 }), col('order_date', { kind: 'date' }), col('shipped_date', { kind: 'date' }, { nullable: true })], {
        primaryKey: { columns: ['order_id'] },
        foreignKeys: [fk(['customer_id'], 'customers', ['customer_id'])],
      }),
    ]
    const out = profileToRules(p, { tables: defs })
    expect(out.rules.tables!.orders!.columns!.order_id).toBeUndefined()
    expect(out.rules.tables!.orders!.columns!.status!.nullRate).toBeUndefined()
    // A unique column gets no short list of values to repeat.
    expect(out.rules.tables!.customers!.columns!.country).toBeUndefined()
    // A text primary key can take a rule: the plan keeps it unique.
    expect(out.rules.tables!.customers!.columns!.customer_id).toEqual({ regex: '[A-Z]{5}' })
  })
})

describe('category values become the literals their columns take', () => {
  it('epoch-ms dates → ISO text, 1/0 booleans → true/false', () => {
    const p: Profile = structuredClone(profile)
    const t = p.tables[0]!
    const base = { count: 10, nullShare: 0, distinct: 2, distinctShare: 0.2 }
    t.columns.push(
      { ...base, name: 'active', kind: 'boolean', categories: { values: [{ value: 1, share: 0.7 }, { value: 0, share: 0.3 }], other: 0 } },
      { ...base, name: 'signup_day', kind: 'date', categories: { values: [{ value: Date.UTC(2024, 0, 2), share: 0.5 }, { value: Date.UTC(2024, 0, 3), share: 0.5 }], other: 0 } },
    )
    const c = profileToRules(p).rules.tables!.customers!.columns!
    expect(c.active!.values).toEqual([true, false])
    expect(c.signup_day!.values).toEqual(['2024-01-02', '2024-01-03'])
  })
})

describe('fanOutQuantiles', () => {
  it('piecewise linear through min, childless, median, p95, max; monotone', () => {
    const q = fanOutQuantiles({ columns: ['a'], parent: { table: 'p', columns: ['id'] }, parents: 100, childless: 0.2, min: 0, median: 4, p95: 10, max: 30, mean: 5, nullShare: 0, exact: true })
    expect(q.slice(0, 20).every((v) => v === 0)).toBe(true)
    expect(q[21]).toBeGreaterThanOrEqual(1)
    expect(q[50]).toBe(4)
    expect(q[95]).toBe(10)
    expect(q[100]).toBe(30)
    expect(q.every((v, j) => j === 0 || v >= q[j - 1]!)).toBe(true)
  })
})
