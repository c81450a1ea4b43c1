/**
 * A child's price copies its parent's (issue 10 §3): order_items.unit_price = products.price of the
 * product the row points to; not where the copy could break the child (a CHECK, a narrower type).
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { planRows } from './plan-rows.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import type { Plan } from '../../../src/model/plan.js'
import type { LogicalType } from '../../../src/model/schema.js'
import { col, fk, int, model, table } from './model-builders.js'

const money = (precision = 10, scale = 2): LogicalType => ({ kind: 'decimal', precision, scale })
const shop = (itemPrice: LogicalType, checks: string[] = []) =>
  model([
    table('products', [col('id', int()), col('price', money())], { primaryKey: { columns: ['id'] } }),
    table('order_items', [col('id', int()), col('product_id', int()), col('unit_price', itemPrice)], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [fk(['product_id'], 'products', ['id'])],
      checks: checks.map((e) => ({ expression: e, ...analyzeCheck(e) })),
    }),
  ])

const rowsOf = (plan: Plan, name: string) => planRows(plan, name, 333)

describe('price copying', () => {
  it('order_items.unit_price is the price of the product the row points to', () => {
    const plan = buildPlan(shop(money()), { rows: 1000, seed: 2 })
    const products = rowsOf(plan, 'products')
    for (const r of rowsOf(plan, 'order_items')) expect(r.unit_price).toBe(products[Number(r.product_id) - 1]!.price)
    expect(plan.steps[1]!.columns.find((c) => c.column === 'unit_price')!.reason).toContain('copies products.price of the row its product_id points to')
  })

  it('keeps the child\'s own generator where a copy could break it', () => {
    for (const m of [shop(money(10, 0)), shop(money(4, 2)), shop(money(), ['unit_price < 50'])]) {
      const plan = buildPlan(m, { rows: 10, seed: 2 })
      expect(plan.steps[1]!.columns.find((c) => c.column === 'unit_price')!.generator.kind).not.toBe('parent-value')
    }
  })
})
