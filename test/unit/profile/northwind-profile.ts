/**
 * A northwind-like source (customers 91, orders 830) built from a seeded PRNG, and the Profile a profiler
 * would compute from it (by this file's small, exact statistics): categories, dates with weekday/hour
 * seasonality, a PII email column with its values withheld, a code pattern, an ordered pair, a
 * conditional null and a skewed fan-out. The source rows are kept so tests can compare generated data
 * with them (and search the rules for every PII value).
 */
import type { ColumnProfile, FanOutProfile, Profile, TableProfile } from '../../../src/model/profile.js'
import type { LogicalKind } from '../../../src/model/schema.js'
import { median, percentiles, rng } from './stats.js'

export interface Source {
  customers: Array<{ customer_id: string; company_name: string; contact_email: string | null; reach: string; country: string; created_at: number }>
  orders: Array<{ order_id: number; customer_id: string; order_date: number; shipped_date: number | null; status: string; freight: number }>
}

const DAY = 86_400_000
const COUNTRIES: Array<[string, number]> = [['USA', 13], ['Germany', 11], ['France', 11], ['Brazil', 9], ['UK', 7], ['Spain', 5], ['Mexico', 5], ['Italy', 3]]
const STATUS: Array<[string, number]> = [['delivered', 70], ['shipped', 20], ['new', 10]]

function pick<T>(r: () => number, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0)
  let u = r() * total
  for (const [v, w] of items) if ((u -= w) < 0) return v
  return items[items.length - 1]![0]
}

/** The source rows (deterministic). */
export function northwindSource(): Source {
  const r = rng(1996)
  const letters = () => Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(r() * 26))).join('')
  const ids = new Set<string>()
  while (ids.size < 91) ids.add(letters())
  const customers = [...ids].map((customer_id, j) => {
    // Weekdays, office hours (UTC), over 1995.
    let t = Date.UTC(1995, 0, 1) + Math.floor(r() * 365) * DAY
    while ([0, 6].includes(new Date(t).getUTCDay())) t += DAY
    t += (8 + Math.floor(r() * 10)) * 3_600_000 + Math.floor(r() * 3600) * 1000
    return {
      customer_id,
      company_name: `Company ${j}`,
      contact_email: r() < 0.1 ? null : `person${j}.secret${Math.floor(r() * 1e6)}@mail${j}.example`,
      reach: `reach${j}.private${Math.floor(r() * 1e6)}@corp${j}.example`,
      country: pick(r, COUNTRIES),
      created_at: t,
    }
  })
  // Skewed orders per customer: weight u^2, two customers with none.
  const weights = customers.map((_, j) => (j < 2 ? 0 : 0.05 + r() * r()))
  const wsum = weights.reduce((a, b) => a + b, 0)
  const orders: Source['orders'] = []
  const start = Date.UTC(1996, 6, 4)
  for (let k = 0; k < 830; k++) {
    let u = r() * wsum
    let c = 0
    while ((u -= weights[c]!) > 0 && c < customers.length - 1) c++
    let d = start + Math.floor(r() * 672) * DAY
    while ([0, 6].includes(new Date(d).getUTCDay())) d += DAY
    const status = pick(r, STATUS)
    orders.push({
      order_id: 10248 + k,
      customer_id: customers[c]!.customer_id,
      order_date: d,
      shipped_date: status === 'new' ? null : d + (1 + Math.floor(r() * 14)) * DAY,
      status,
      freight: Math.round(Math.exp(Math.log(40) + 1.1 * gauss(r)) * 100) / 100,
    })
  }
  return { customers, orders }
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())
}

interface ColSpec {
  name: string
  kind: LogicalKind
  nativeType: string
  values: Array<string | number | null>
  pii?: ColumnProfile['pii']
  shape?: string
  pattern?: string
  temporal?: 'date' | 'timestamp'
}

/** A column's profile from its values (exact statistics over all rows). */
function columnProfile(c: ColSpec): ColumnProfile {
  const nonNull = c.values.filter((v): v is string | number => v !== null)
  const distinct = new Set(nonNull).size
  const out: ColumnProfile = {
    name: c.name,
    kind: c.kind,
    nativeType: c.nativeType,
    count: c.values.length,
    nullShare: (c.values.length - nonNull.length) / c.values.length,
    distinct,
    distinctShare: distinct / nonNull.length,
  }
  if (typeof nonNull[0] === 'number') {
    const nums = nonNull as number[]
    out.numeric = { min: Math.min(...nums), max: Math.max(...nums), mean: nums.reduce((a, b) => a + b, 0) / nums.length, quantiles: percentiles(nums), integral: nums.every(Number.isInteger) }
  } else {
    const lens = (nonNull as string[]).map((s) => s.length)
    out.length = { min: Math.min(...lens), max: Math.max(...lens), mean: lens.reduce((a, b) => a + b, 0) / lens.length, quantiles: percentiles(lens), integral: true }
  }
  if (c.pii) {
    out.pii = c.pii
    out.valuesWithheld = true
  } else if (distinct <= 50) {
    const counts = new Map<string | number, number>()
    for (const v of nonNull) counts.set(v, (counts.get(v) ?? 0) + 1)
    out.categories = { values: [...counts].sort((a, b) => b[1] - a[1]).map(([value, n]) => ({ value, share: n / nonNull.length })), other: 0 }
  }
  if (c.shape) out.shape = c.shape
  if (c.pattern) out.pattern = c.pattern
  if (c.temporal) {
    const ms = nonNull as number[]
    const iso = (t: number) => (c.temporal === 'date' ? new Date(t).toISOString().slice(0, 10) : new Date(t).toISOString())
    out.range = { min: iso(Math.min(...ms)), max: iso(Math.max(...ms)) }
    const wd = new Array(7).fill(0) as number[]
    const mo = new Array(12).fill(0) as number[]
    const hr = new Array(24).fill(0) as number[]
    for (const t of ms) {
      const d = new Date(t)
      wd[(d.getUTCDay() + 6) % 7]!++
      mo[d.getUTCMonth()]!++
      hr[d.getUTCHours()]!++
    }
    const norm = (a: number[]) => a.map((x) => x / ms.length)
    out.seasonality = { weekday: norm(wd), month: norm(mo), ...(c.temporal === 'timestamp' ? { hour: norm(hr) } : {}) }
  }
  return out
}

/** Fan-out of orders over customers. */
export function fanOutOf(src: Source): FanOutProfile {
  const counts = new Map(src.customers.map((c) => [c.customer_id, 0]))
  for (const o of src.orders) counts.set(o.customer_id, counts.get(o.customer_id)! + 1)
  const per = [...counts.values()]
  const sorted = [...per].sort((a, b) => a - b)
  return {
    columns: ['customer_id'],
    parent: { table: 'customers', columns: ['customer_id'] },
    parents: per.length,
    childless: per.filter((c) => c === 0).length / per.length,
    min: sorted[0]!,
    median: median(per),
    p95: sorted[Math.floor(0.95 * (sorted.length - 1))]!,
    max: sorted[sorted.length - 1]!,
    mean: src.orders.length / per.length,
    nullShare: 0,
    exact: true,
  }
}

/** The profile of the source. */
export function northwindProfile(src: Source = northwindSource()): Profile {
  const cs = src.customers
  const os = src.orders
  const email = { category: 'email' as const, confidence: 0.97 }
  const customers: TableProfile = {
    name: 'customers',
    rows: { count: cs.length, exact: true, method: 'count(*)' },
    sampled: cs.length,
    sampling: 'all rows',
    columns: [
      columnProfile({ name: 'customer_id', kind: 'string', nativeType: 'character(5)', values: cs.map((c) => c.customer_id), pattern: '[A-Z]{5}' }),
      columnProfile({ name: 'company_name', kind: 'string', nativeType: 'character varying(40)', values: cs.map((c) => c.company_name), shape: 'company' }),
      columnProfile({ name: 'contact_email', kind: 'string', nativeType: 'character varying(60)', values: cs.map((c) => c.contact_email), pii: email, shape: 'email' }),
      columnProfile({ name: 'reach', kind: 'string', nativeType: 'character varying(60)', values: cs.map((c) => c.reach), pii: email, shape: 'email' }),
      columnProfile({ name: 'country', kind: 'string', nativeType: 'character varying(15)', values: cs.map((c) => c.country) }),
      columnProfile({ name: 'created_at', kind: 'timestamp', nativeType: 'timestamp without time zone', values: cs.map((c) => c.created_at), temporal: 'timestamp' }),
    ],
    fanOut: [],
    orderedPairs: [],
    conditionalNulls: [],
  }
  const orders: TableProfile = {
    name: 'orders',
    rows: { count: os.length, exact: true, method: 'count(*)' },
    sampled: os.length,
    sampling: 'all rows',
    columns: [
      columnProfile({ name: 'order_id', kind: 'integer', nativeType: 'integer', values: os.map((o) => o.order_id) }),
      columnProfile({ name: 'customer_id', kind: 'string', nativeType: 'character(5)', values: os.map((o) => o.customer_id) }),
      columnProfile({ name: 'order_date', kind: 'date', nativeType: 'date', values: os.map((o) => o.order_date), temporal: 'date' }),
      columnProfile({ name: 'shipped_date', kind: 'date', nativeType: 'date', values: os.map((o) => o.shipped_date), temporal: 'date' }),
      columnProfile({ name: 'status', kind: 'string', nativeType: 'character varying(10)', values: os.map((o) => o.status) }),
      columnProfile({ name: 'freight', kind: 'decimal', nativeType: 'numeric(10,2)', values: os.map((o) => o.freight) }),
    ],
    fanOut: [fanOutOf(src)],
    orderedPairs: [{ left: 'order_date', op: '<', right: 'shipped_date', share: 1 }],
    conditionalNulls: [{ column: 'shipped_date', when: { column: 'status', value: 'new' }, nullShareWhen: 1, nullShareOtherwise: 0 }],
  }
  return { version: 1, source: { kind: 'db', name: 'postgres://ro@prod/northwind', dialect: 'postgres' }, createdAt: '2026-12-05T12:00:00Z', keepValues: false, tables: [customers, orders] }
}
