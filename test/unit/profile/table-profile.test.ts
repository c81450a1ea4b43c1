/**
 * profileInput over an in-memory ProfileInput (rows made here, so every expected figure is known):
 * ordered pairs, conditional nulls, fan-out from the rows read, PII withholding, table selection.
 */
import { describe, expect, it } from 'vitest'
import type { Column, Table } from '../../../src/model/schema.js'
import type { Value } from '../../../src/model/rows.js'
import type { ProfileInput } from '../../../src/profile/profile-input.js'
import { profileInput } from '../../../src/profile/profile.js'
import { isTdgError } from '../../../src/errors.js'

const col = (name: string, type: Column['type'], nullable = true): Column => ({ name, nativeType: type.kind, type, nullable })

function tableOf(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, uniques: [], foreignKeys: [], checks: [], ...extra }
}

function memoryInput(tables: Array<{ table: Table; rows: Value[][] }>): ProfileInput {
  return {
    kind: 'files',
    name: 'memory',
    tables: async () => tables.map((t) => t.table),
    rowCount: async (ref) => {
      const t = tables.find((x) => x.table.name === ref.name)!
      return { count: t.rows.length, exact: true, method: `all ${t.rows.length} rows` }
    },
    sample: (ref, limit) => {
      const t = tables.find((x) => x.table.name === ref.name)!
      const rows = t.rows.slice(0, limit ?? t.rows.length)
      return {
        rows: (async function* () {
          for (let i = 0; i < rows.length; i += 1000) yield { columns: t.table.columns.map((c) => c.name), rows: rows.slice(i, i + 1000) }
        })(),
        sampling: () => 'all rows',
      }
    },
    close: async () => undefined,
  }
}

const DAY = 86_400_000
const STATUSES = ['new', 'paid', 'shipped', 'done']

/** 4000 orders: created ≤ updated always, shipped_at NULL exactly when status = 'new', customer FK with a known fan-out. */
function orders(): { table: Table; rows: Value[][] } {
  const table = tableOf(
    'orders',
    [
      col('id', { kind: 'integer', bytes: 4 }, false),
      col('customer_id', { kind: 'integer', bytes: 4 }),
      col('status', { kind: 'string', maxLength: 10 }, false),
      col('created_at', { kind: 'timestamp', tz: true }, false),
      col('updated_at', { kind: 'timestamp', tz: true }, false),
      col('shipped_at', { kind: 'timestamp', tz: true }),
      col('amount', { kind: 'decimal', precision: 10, scale: 2 }, false),
      col('contact_email', { kind: 'string', maxLength: 80 }),
    ],
    { primaryKey: { columns: ['id'] }, foreignKeys: [{ columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'no action', onUpdate: 'no action', deferrable: false, initiallyDeferred: false }] },
  )
  const rows: Value[][] = []
  for (let i = 0; i < 4000; i++) {
    const status = STATUSES[i % 4]!
    const created = Date.UTC(2024, 0, 1) + (i % 365) * DAY + (i % 24) * 3_600_000
    // Customers 1..100 have 40 orders each; every 50th order has no customer.
    const customer = i % 50 === 0 ? null : 1 + (i % 100)
    rows.push([i + 1, customer, status, new Date(created).toISOString(), new Date(created + (i % 5) * DAY).toISOString(), status === 'new' ? null : new Date(created + 2 * DAY).toISOString(), ((i % 997) / 10).toFixed(2), `buyer${i % 300}@shop.example`])
  }
  return { table, rows }
}

function customers(): { table: Table; rows: Value[][] } {
  const table = tableOf('customers', [col('id', { kind: 'integer', bytes: 4 }, false), col('tier', { kind: 'string' })], { primaryKey: { columns: ['id'] } })
  // 120 customers: 20 of them (101..120) have no order.
  return { table, rows: Array.from({ length: 120 }, (_, i) => [i + 1, i % 3 === 0 ? 'gold' : 'basic']) }
}

describe('profileInput', () => {
  it('finds created_at ≤ updated_at and shipped_at NULL when status = new, and nothing spurious', async () => {
    const p = await profileInput(memoryInput([orders(), customers()]), {})
    const t = p.tables.find((x) => x.name === 'orders')!
    expect(t.orderedPairs).toContainEqual({ left: 'created_at', op: '<=', right: 'updated_at', share: 1 })
    expect(t.orderedPairs).toContainEqual({ left: 'created_at', op: '<', right: 'shipped_at', share: 1 })
    // updated_at (created + 0..4 days) vs shipped_at (created + 2 days): neither order holds in 99 %.
    expect(t.orderedPairs.find((o) => [o.left, o.right].includes('updated_at') && [o.left, o.right].includes('shipped_at'))).toBeUndefined()
    expect(t.conditionalNulls).toEqual([{ column: 'shipped_at', when: { column: 'status', value: 'new' }, nullShareWhen: 1, nullShareOtherwise: 0 }])
    const status = t.columns.find((c) => c.name === 'status')!
    expect(status.categories).toEqual({ values: STATUSES.map((value) => ({ value, share: 0.25 })).sort((a, b) => (a.value < b.value ? -1 : 1)), other: 0 })
    expect(t.columns.find((c) => c.name === 'shipped_at')!.nullShare).toBe(0.25)
    const created = t.columns.find((c) => c.name === 'created_at')!
    const times = orders().rows.map((r) => Date.parse(r[3] as string))
    expect(created.range).toEqual({ min: new Date(Math.min(...times)).toISOString(), max: new Date(Math.max(...times)).toISOString() })
    expect(created.seasonality!.hour).toHaveLength(24)
    // The PK is distinct by constraint (not hashed): every value counts, no categories.
    expect(t.columns.find((c) => c.name === 'id')).toMatchObject({ distinct: 4000, distinctShare: 1 })
    expect(t.columns.find((c) => c.name === 'id')!.categories).toBeUndefined()
    // Customers 1 and 51 only ever come with i % 50 === 0, whose customer is NULL.
    expect(t.columns.find((c) => c.name === 'customer_id')!.distinct).toBe(98)
    const amount = t.columns.find((c) => c.name === 'amount')!
    expect(amount.numeric).toMatchObject({ min: 0, max: 99.6, integral: false })
  })

  it('reports numeric pairs of one scale (min_price ≤ max_price), not columns ordered by their scales (quantity < unit_price)', async () => {
    const table = tableOf('lines', [col('quantity', { kind: 'integer', bytes: 4 }), col('unit_price', { kind: 'decimal' }), col('min_price', { kind: 'decimal' }), col('max_price', { kind: 'decimal' })])
    const rows: Value[][] = Array.from({ length: 2000 }, (_, i) => [1 + (i % 10), 12 + ((i * 37) % 500), 10 + (i % 300), 10 + (i % 300) + (i % 7)])
    const p = await profileInput(memoryInput([{ table, rows }]), {})
    expect(p.tables[0]!.orderedPairs).toEqual([{ left: 'min_price', op: '<=', right: 'max_price', share: 1 }])
  })

  it('computes fan-out from the rows when the input has no GROUP BY of its own, childless parents included', async () => {
    const p = await profileInput(memoryInput([orders(), customers()]), {})
    const f = p.tables.find((x) => x.name === 'orders')!.fanOut[0]!
    // 3920 orders with a customer over 100 customers... but every 50th (i % 50 === 0) is NULL: i % 100 ∈ {0, 50} lose theirs.
    const perCustomer = new Map<number, number>()
    for (const r of orders().rows) if (r[1] !== null) perCustomer.set(r[1] as number, (perCustomer.get(r[1] as number) ?? 0) + 1)
    expect(f.parents).toBe(120)
    expect(f.childless).toBeCloseTo((120 - perCustomer.size) / 120, 9)
    expect(f.nullShare).toBeCloseTo(80 / 4000, 9)
    expect(f.max).toBe(Math.max(...perCustomer.values()))
    expect(f.exact).toBe(true)
    const sampled = await profileInput(memoryInput([orders(), customers()]), { sample: 1000 })
    expect(sampled.tables.find((x) => x.name === 'orders')!.fanOut[0]!.exact).toBe(false)
    expect(sampled.tables.find((x) => x.name === 'orders')!.sampled).toBe(1000)
  })

  it('withholds the values of PII columns unless keepValues, and never lists them as a condition', async () => {
    const p = await profileInput(memoryInput([orders()]), { tables: ['orders'] })
    const email = p.tables[0]!.columns.find((c) => c.name === 'contact_email')!
    expect(email.pii?.category).toBe('email')
    expect(email.shape).toBe('email')
    expect(email.valuesWithheld).toBe(true)
    expect(email.categories).toBeUndefined()
    expect(JSON.stringify(p)).not.toContain('@shop')
    const kept = await profileInput(memoryInput([orders()]), { tables: ['orders'], keepValues: true, categoryThreshold: 400 })
    const keptEmail = kept.tables[0]!.columns.find((c) => c.name === 'contact_email')!
    expect(keptEmail.valuesWithheld).toBeUndefined()
    expect(keptEmail.categories!.values).toHaveLength(300)
    expect(kept.keepValues).toBe(true)
  })

  it('refuses an unknown table with TDG_TABLE_NOT_FOUND and a bad sample with TDG_USAGE', async () => {
    const err = await profileInput(memoryInput([orders()]), { tables: ['nope'] }).catch((e: unknown) => e)
    expect(isTdgError(err) && err.code).toBe('TDG_TABLE_NOT_FOUND')
    const bad = await profileInput(memoryInput([orders()]), { sample: 0 }).catch((e: unknown) => e)
    expect(isTdgError(bad) && bad.code).toBe('TDG_USAGE')
  })
})
