import { describe, expect, it } from 'vitest'
import { insertOrder } from '../../../src/plan/insert-order.js'
import type { SchemaModel, Table } from '../../../src/model/schema.js'

function t(name: string, fks: Array<{ to: string; col: string; nullable?: boolean }> = []): Table {
  return {
    name,
    columns: [{ name: 'id', nativeType: 'int', type: { kind: 'integer', bytes: 4 }, nullable: false }, ...fks.map((f) => ({ name: f.col, nativeType: 'int', type: { kind: 'integer' as const, bytes: 4 as const }, nullable: f.nullable ?? false }))],
    primaryKey: { columns: ['id'] },
    uniques: [],
    foreignKeys: fks.map((f) => ({ columns: [f.col], references: { table: f.to, columns: ['id'] }, onDelete: 'no action' as const, onUpdate: 'no action' as const, deferrable: false, initiallyDeferred: false })),
    checks: [],
  }
}
const model = (tables: Table[]): SchemaModel => ({ dialect: 'sqlite', tables, enums: [], domains: [] })

describe('insertOrder', () => {
  it('puts every parent before its children, ties by name', () => {
    const r = insertOrder(model([t('order_items', [{ to: 'orders', col: 'o' }, { to: 'products', col: 'p' }]), t('orders', [{ to: 'customers', col: 'c' }]), t('products'), t('customers')]))
    expect(r.order).toEqual(['customers', 'orders', 'products', 'order_items'])
    expect(r.cycles).toEqual([])
  })

  it('names self-references and cycles, and says whether a nullable FK can cut them', () => {
    const r = insertOrder(model([t('a', [{ to: 'b', col: 'b_id', nullable: true }]), t('b', [{ to: 'a', col: 'a_id' }]), t('emp', [{ to: 'emp', col: 'boss' }]), t('c', [{ to: 'a', col: 'a_id' }])]))
    expect(r.cycles).toEqual([{ tables: ['a', 'b'], cuttable: true }, { tables: ['emp'], cuttable: false }])
    expect(r.order.indexOf('c')).toBeGreaterThan(r.order.indexOf('a'))
  })

  it('ignores FKs to tables outside the model and survives a 5,000-table chain', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => t(`t${String(i).padStart(4, '0')}`, i === 0 ? [{ to: 'elsewhere', col: 'x' }] : [{ to: `t${String(i - 1).padStart(4, '0')}`, col: 'p' }]))
    const r = insertOrder(model([...chain].reverse()))
    expect(r.order).toEqual(chain.map((x) => x.name))
  })
})
