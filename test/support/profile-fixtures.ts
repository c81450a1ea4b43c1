/**
 * Realistic profiles for the report tests, summarised from raw samples drawn with a seeded PRNG (the
 * quantiles are real type-7 percentiles of those samples, not typed-in numbers): a small shop
 * (customers, orders, order_items) as the source, and a 10× "generated" target that follows it with
 * deliberate, known deviations (order totals shifted, a status share moved, items per order doubled).
 */
import type { ColumnProfile, FanOutProfile, NumericSummary, Profile, TableProfile } from '../../src/model/profile.js'
import type { LogicalKind } from '../../src/model/schema.js'

/** A seeded uniform PRNG in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A standard normal draw (Box–Muller). */
export function normal(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())
}

/** Type-7 (linear interpolation) percentiles 0..100 of `values`. */
export function quantiles(values: number[]): number[] {
  const s = [...values].sort((a, b) => a - b)
  return Array.from({ length: 101 }, (_, i) => {
    const h = ((s.length - 1) * i) / 100
    const lo = Math.floor(h)
    return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!)
  })
}

export function summary(values: number[]): NumericSummary {
  const q = quantiles(values)
  return { min: q[0]!, max: q[100]!, mean: values.reduce((a, b) => a + b, 0) / values.length, quantiles: q, integral: values.every(Number.isInteger) }
}

type Raw = number | string | boolean | null

/** A column profile of raw values, as the profiler would write it (categories up to 50 distinct unless withheld). */
export function column(name: string, kind: LogicalKind, values: Raw[], opts: { withheld?: boolean } = {}): ColumnProfile {
  const present = values.filter((v): v is Exclude<Raw, null> => v !== null)
  const counts = new Map<string | number | boolean, number>()
  for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1)
  const temporal = kind === 'date' || kind === 'timestamp'
  const col: ColumnProfile = {
    name,
    kind,
    count: values.length,
    nullShare: (values.length - present.length) / values.length,
    distinct: counts.size,
    distinctShare: counts.size / Math.max(1, present.length),
  }
  if (present.length > 0 && (typeof present[0] === 'number' || temporal) && kind !== 'boolean') {
    const nums = present.map((v) => (typeof v === 'number' ? v : Date.parse(String(v))))
    col.numeric = summary(nums)
    if (temporal) col.range = { min: new Date(col.numeric.min).toISOString(), max: new Date(col.numeric.max).toISOString() }
  }
  if (present.length > 0 && typeof present[0] === 'string' && !temporal) col.length = summary(present.map((v) => String(v).length))
  if (opts.withheld) col.valuesWithheld = true
  else if (counts.size <= 50 && present.length > 0) {
    const values = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value, n]) => ({ value, share: n / present.length }))
    col.categories = { values, other: 0 }
  }
  return col
}

/** A fan-out profile from children-per-parent counts. */
export function fanOut(columns: string[], parent: string, perParent: number[]): FanOutProfile {
  const q = quantiles(perParent)
  return {
    columns,
    parent: { table: parent, columns: ['id'] },
    parents: perParent.length,
    childless: perParent.filter((n) => n === 0).length / perParent.length,
    min: q[0]!,
    median: q[50]!,
    p95: q[95]!,
    max: q[100]!,
    mean: perParent.reduce((a, b) => a + b, 0) / perParent.length,
    nullShare: 0,
    exact: true,
  }
}

function table(name: string, rows: number, columns: ColumnProfile[], fk: FanOutProfile[] = []): TableProfile {
  return { schema: 'public', name, rows: { count: rows, exact: true, method: 'count(*)' }, sampled: rows, sampling: 'all rows', columns, fanOut: fk, orderedPairs: [], conditionalNulls: [] }
}

const DAY = 86_400_000
const FIRST = ['anna', 'ben', 'carla', 'david', 'elif', 'frank', 'grace', 'hiro', 'ines', 'jonas', 'katarzyna', 'liam']
const LAST = ['smith', 'mueller', 'dubois', 'garcia', 'rossi', 'jansen', 'novak', 'tanaka', 'oconnor', 'silva']
const DOMAINS = ['example.com', 'mail.example.org', 'example.net']
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'CA', 'ES', 'IT', 'NL']
const STATUS = ['delivered', 'shipped', 'new', 'cancelled', 'returned']
const PRODUCTS = ['Chai', 'Chang', 'Aniseed Syrup', 'Tofu', 'Ikura', 'Konbu', 'Pavlova', 'Geitost', 'Filo Mix', 'Tourtière']

export interface ShopOptions {
  /** Rows per table = base × scale. */
  scale: number
  seed: number
  /** Added to every order total (a numeric drift the KS measure must catch). */
  totalShift?: number
  /** Share of orders moved from `delivered` to `new` (a category drift for TVD). */
  statusDrift?: number
  /** Multiplies the items per order (a fan-out drift). */
  itemsFactor?: number
  /** A hostile column name in customers, for the escaping tests. */
  hostileName?: string
  name: string
  kind: Profile['source']['kind']
}

/** The shop profile: 3 tables, numbers, dates, timestamps, categories, a withheld PII column, nulls and two FKs. */
export function shopProfile(o: ShopOptions): Profile {
  const u = rng(o.seed)
  const nCustomers = 300 * o.scale
  const nOrders = 900 * o.scale
  const pick = <T>(xs: T[], skew = 1.6) => xs[Math.min(xs.length - 1, Math.floor(xs.length * u() ** skew))]!
  const customers = Array.from({ length: nCustomers }, (_, i) => ({
    id: i + 1,
    email: `${pick(FIRST, 1)}.${pick(LAST, 1)}${i % 7 === 0 ? Math.floor(u() * 90 + 10) : ''}@${pick(DOMAINS)}`,
    country: pick(COUNTRIES),
    birth: new Date(Date.UTC(1950, 0, 1) + Math.floor(u() * 50 * 365) * DAY).toISOString().slice(0, 10),
    created: new Date(Date.UTC(2023, 0, 1) + Math.floor(u() * 700 * DAY)).toISOString(),
    score: u() < 0.12 ? null : Math.round((50 + 15 * normal(u)) * 10) / 10,
  }))
  const perCustomer = Array.from({ length: nCustomers }, () => (u() < 0.1 ? 0 : 1 + Math.floor(-Math.log(1 - u()) * 3)))
  const orders: Array<{ id: number; customer: number; status: string; total: number; at: string; shipped: string | null }> = []
  for (let c = 0; c < nCustomers && orders.length < nOrders; c++) {
    for (let k = 0; k < perCustomer[c]! && orders.length < nOrders; k++) {
      let status = pick(STATUS, 2.2)
      if (status === 'delivered' && u() < (o.statusDrift ?? 0)) status = 'new'
      const at = Date.UTC(2023, 0, 1) + Math.floor(u() * 700 * DAY)
      orders.push({ id: orders.length + 1, customer: c + 1, status, total: Math.round(Math.exp(3.5 + 0.8 * normal(u)) * 100) / 100 + (o.totalShift ?? 0), at: new Date(at).toISOString(), shipped: status === 'new' ? null : new Date(at + Math.floor(u() * 5 * DAY)).toISOString() })
    }
  }
  while (orders.length < nOrders) orders.push({ id: orders.length + 1, customer: 1, status: 'new', total: 20, at: new Date(Date.UTC(2024, 0, 1)).toISOString(), shipped: null })
  const perCustomerActual = Array.from({ length: nCustomers }, () => 0)
  for (const ord of orders) perCustomerActual[ord.customer - 1]!++
  const perOrder = orders.map(() => Math.max(1, Math.round((1 + Math.floor(-Math.log(1 - u()) * 2.5)) * (o.itemsFactor ?? 1))))
  const items = perOrder.flatMap((n, i) => Array.from({ length: n }, () => ({ order: i + 1, product: pick(PRODUCTS, 1.3), quantity: 1 + Math.floor(-Math.log(1 - u()) * 4), price: Math.round((5 + 40 * u() ** 2) * 100) / 100 })))
  const customerColumns = [
    column('id', 'integer', customers.map((c) => c.id)),
    column('email', 'string', customers.map((c) => c.email), { withheld: true }),
    column('country', 'string', customers.map((c) => c.country)),
    column('birth_date', 'date', customers.map((c) => c.birth)),
    column('created_at', 'timestamp', customers.map((c) => c.created)),
    column('score', 'float', customers.map((c) => c.score)),
  ]
  if (o.hostileName) customerColumns.push(column(o.hostileName, 'string', customers.map((c, i) => (i % 3 === 0 ? o.hostileName! : c.country))))
  customerColumns[1]!.pii = { category: 'email', confidence: 0.98 } as ColumnProfile['pii']
  return {
    version: 1,
    source: { kind: o.kind, name: o.name },
    createdAt: '2026-12-05T12:00:00.000Z',
    keepValues: false,
    tables: [
      table('customers', nCustomers, customerColumns),
      table(
        'orders',
        nOrders,
        [
          column('id', 'integer', orders.map((r) => r.id)),
          column('customer_id', 'integer', orders.map((r) => r.customer)),
          column('status', 'string', orders.map((r) => r.status)),
          column('total', 'decimal', orders.map((r) => r.total)),
          column('ordered_at', 'timestamp', orders.map((r) => r.at)),
          column('shipped_at', 'timestamp', orders.map((r) => r.shipped)),
        ],
        [fanOut(['customer_id'], 'customers', perCustomerActual)],
      ),
      table(
        'order_items',
        items.length,
        [
          column('order_id', 'integer', items.map((r) => r.order)),
          column('product', 'string', items.map((r) => r.product)),
          column('quantity', 'integer', items.map((r) => r.quantity)),
          column('unit_price', 'decimal', items.map((r) => r.price)),
        ],
        [fanOut(['order_id'], 'orders', perOrder)],
      ),
    ],
  }
}

/** Source (scale 1) and a 10× target with the three deliberate deviations. */
export function shopPair(hostileName?: string): { source: Profile; target: Profile } {
  return {
    source: shopProfile({ scale: 1, seed: 1, name: 'postgres://ro@prod/shop', kind: 'db', hostileName }),
    target: shopProfile({ scale: 10, seed: 2, name: './data', kind: 'files', totalShift: 15, statusDrift: 0.5, itemsFactor: 2, hostileName }),
  }
}
