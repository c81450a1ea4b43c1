/**
 * Time runs forwards and lifecycle columns follow the row's state (issue 10 §2–3): children are created
 * after their parents, later-than-creation columns after the row's creation, everything before --now;
 * shipped_at only for shipped orders, deleted_at only where the row is not active, mostly NULL otherwise.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { planRows } from './plan-rows.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import type { Value } from '../../../src/model/rows.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Column, LogicalType } from '../../../src/model/schema.js'
import { col, fk, int, model, table, varchar } from './model-builders.js'

const NOW = Date.UTC(2026, 11, 5) / 1000
const ts: LogicalType = { kind: 'timestamp', tz: false }
const date: LogicalType = { kind: 'date' }
const opt = (name: string, type: LogicalType): Column => col(name, type, { nullable: true })
const check = (e: string) => ({ expression: e, ...analyzeCheck(e) })

const shop = model([
  table('customers', [col('id', int()), col('created_at', ts), opt('updated_at', ts), opt('last_login_at', ts), col('is_active', { kind: 'boolean' }), opt('deleted_at', ts)], { primaryKey: { columns: ['id'] } }),
  table('accounts', [col('id', int()), col('created_on', date), opt('closed_on', date), opt('archived_at', ts)], { primaryKey: { columns: ['id'] } }),
  table(
    'orders',
    [col('id', int()), col('customer_id', int()), col('account_id', int()), col('status', varchar(12)), col('order_date', date), opt('shipped_at', ts), opt('cancelled_at', ts), opt('deleted_at', ts)],
    {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['customer_id'], 'customers', ['id']), fk(['account_id'], 'accounts', ['id'])],
      checks: [check("status IN ('new', 'paid', 'shipped', 'delivered', 'cancelled')")],
    },
  ),
])

const rowsOf = (plan: Plan, name: string) => planRows(plan, name, 700)
const secs = (v: Value | undefined) => Date.parse(`${String(v).replace(' ', 'T')}${String(v).length === 10 ? 'T00:00:00' : ''}Z`) / 1000

// One plan and its rows serve both groups of tests.
const plan = buildPlan(shop, { rows: 3000, seed: 3, now: NOW })
const customers = rowsOf(plan, 'customers')
const accounts = rowsOf(plan, 'accounts')
const orders = rowsOf(plan, 'orders')

describe('time runs forwards', () => {

  it('an order is placed after its customer and its account were created (date after timestamp, by day)', () => {
    for (const o of orders) {
      const c = customers[Number(o.customer_id) - 1]!
      const a = accounts[Number(o.account_id) - 1]!
      expect(secs(o.order_date)).toBeGreaterThanOrEqual(Math.floor(secs(c.created_at) / 86400) * 86400)
      expect(secs(o.order_date)).toBeGreaterThanOrEqual(secs(a.created_on))
      expect(secs(o.order_date)).toBeLessThan(NOW)
    }
  })

  it('updated, last login, deleted and closed times come after the row\'s creation and before now', () => {
    let set = 0
    for (const c of customers)
      for (const k of ['updated_at', 'last_login_at', 'deleted_at'] as const) {
        if (c[k] === null) continue
        set++
        expect(secs(c[k]), k).toBeGreaterThanOrEqual(secs(c.created_at))
        expect(secs(c[k]), k).toBeLessThan(NOW)
      }
    expect(set).toBeGreaterThan(3000)
    for (const a of accounts) if (a.closed_on !== null) expect(secs(a.closed_on)).toBeGreaterThanOrEqual(secs(a.created_on))
  })

  it('tdg plan says why', () => {
    const reason = plan.steps.find((s) => s.table.name === 'orders')!.columns.find((c) => c.column === 'order_date')!.reason
    expect(reason).toMatch(/after customers\.created_at and accounts\.created_on/)
  })
})

describe('lifecycle columns follow status and flags', () => {

  it('shipped_at is set exactly for shipped/delivered orders, cancelled_at exactly for cancelled ones', () => {
    for (const o of orders) {
      expect(o.shipped_at !== null, `${o.status}`).toBe(o.status === 'shipped' || o.status === 'delivered')
      expect(o.cancelled_at !== null, `${o.status}`).toBe(o.status === 'cancelled')
    }
    expect(orders.some((o) => o.status === 'delivered')).toBe(true)
  })

  it('deleted_at only where is_active is false; most customers are active', () => {
    for (const c of customers) if (c.is_active === true) expect(c.deleted_at).toBeNull()
    const active = customers.filter((c) => c.is_active === true).length / customers.length
    expect(active).toBeGreaterThan(0.85)
    expect(customers.filter((c) => c.deleted_at !== null).length).toBeGreaterThan(100)
  })

  it('without a flag or status, soft-delete columns are mostly NULL', () => {
    const share = accounts.filter((a) => a.archived_at !== null).length / accounts.length
    expect(share).toBeGreaterThan(0.03)
    expect(share).toBeLessThan(0.15)
    const deleted = orders.filter((o) => o.deleted_at !== null).length / orders.length
    expect(deleted).toBeLessThan(0.15)
  })
})
