import { describe, expect, it } from 'vitest'
import { fk } from '../plan/model-builders.js'
import { bool, data, date, dec, int, measure, only, rows, str, ts } from './helpers.js'

describe('temporal-row', () => {
  it('passes ordered moments, fails any pair out of order, per day against a DATE', () => {
    const r = only('temporal-row', [
      data('orders', { created_at: ts, updated_at: ts, shipped_at: ts, delivered_on: date }, [
        { created_at: '2024-01-01 10:00:00', updated_at: '2024-01-02 00:00:00', shipped_at: '2024-01-03 09:00:00', delivered_on: '2024-01-03' },
        { created_at: '2024-01-05 10:00:00', updated_at: '2024-01-04 00:00:00' },
        { created_at: '2024-01-05 10:00:00', shipped_at: '2024-01-06 00:00:00', delivered_on: '2024-01-05' },
        { created_at: null, updated_at: '2024-01-04 00:00:00' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 3, passed: 1 })
    expect(r.examples.map((e) => e.row)).toEqual([2, 3])
  })

  it('pairs start with end and hire with termination, not unrelated dates', () => {
    const r = only('temporal-row', [data('salaries', { start_date: date, end_date: date, review_date: date }, [{ start_date: '2024-02-01', end_date: '2024-01-01', review_date: '2020-01-01' }])])
    expect(r).toMatchObject({ columns: ['start_date', 'end_date'], applicable: 1, passed: 0 })
    expect(measure('temporal-row', [data('events', { happened_at: ts, noted_at: ts }, [{ happened_at: '2024-01-02 00:00:00', noted_at: '2024-01-01 00:00:00' }])])).toEqual([])
  })
})

describe('temporal-fk', () => {
  const customers = data('customers', { id: int, created_at: ts }, [
    { id: 1, created_at: '2024-01-01 00:00:00' },
    { id: 2, created_at: '2024-06-01 00:00:00' },
  ], { primaryKey: { columns: ['id'] } })
  it("passes children created after their parent, fails those before", () => {
    const orders = data('orders', { id: int, customer_id: int, ordered_at: ts }, [
      { id: 1, customer_id: 1, ordered_at: '2024-02-01 00:00:00' },
      { id: 2, customer_id: 2, ordered_at: '2024-02-01 00:00:00' },
      { id: 3, customer_id: null, ordered_at: '2020-01-01 00:00:00' },
    ], { foreignKeys: [fk(['customer_id'], 'customers', ['id'])] })
    const r = only('temporal-fk', [customers, orders])
    expect(r).toMatchObject({ table: 'orders', applicable: 2, passed: 1, columns: ['customer_id', 'ordered_at', 'customers.created_at'] })
    expect(r.examples).toEqual([{ row: 2, value: 'ordered_at=2024-02-01 00:00:00, customers.created_at=2024-06-01 00:00:00' }])
  })

  it('does not apply when the parent has no creation moment', () => {
    const cats = data('categories', { id: int, name: str }, [{ id: 1, name: 'x' }])
    const products = data('products', { id: int, category_id: int, created_at: ts }, [{ id: 1, category_id: 1, created_at: '2024-01-01 00:00:00' }], { foreignKeys: [fk(['category_id'], 'categories', ['id'])] })
    expect(measure('temporal-fk', [cats, products])).toEqual([])
  })
})

describe('lifecycle', () => {
  it('shipped_at only with a shipped-or-later status; unknown statuses are not judged', () => {
    const r = only('lifecycle', [
      data('orders', { status: str, shipped_at: ts }, [
        { status: 'shipped', shipped_at: '2024-01-01 00:00:00' },
        { status: 'new', shipped_at: null },
        { status: 'new', shipped_at: '2024-01-01 00:00:00' },
        { status: 'Cancelled', shipped_at: '2024-01-01 00:00:00' },
        { status: 'on the moon', shipped_at: '2024-01-01 00:00:00' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 4, passed: 2 })
    expect(r.examples.map((e) => e.row)).toEqual([3, 4])
  })

  it('deleted_at is NULL while is_active is true or is_deleted false', () => {
    const r = only('lifecycle', [
      data('users', { is_active: bool, deleted_at: ts }, [
        { is_active: true, deleted_at: null },
        { is_active: 1, deleted_at: '2024-01-01 00:00:00' },
        { is_active: false, deleted_at: '2024-01-01 00:00:00' },
      ]),
    ])
    expect(r).toMatchObject({ applicable: 2, passed: 1 })
    const d = only('lifecycle', [data('posts', { is_deleted: bool, deleted_at: ts }, [{ is_deleted: 'false', deleted_at: '2024-01-01' }, { is_deleted: 'true', deleted_at: '2024-01-01' }])])
    expect(d).toMatchObject({ applicable: 1, passed: 0 })
  })

  it('cancelled_at only with a cancelled status; an address state is not a status', () => {
    const r = only('lifecycle', [data('subscriptions', { status: str, canceled_at: ts }, [{ status: 'active', canceled_at: '2024-01-01' }, { status: 'paid', canceled_at: '2024-01-01' }, { status: 'canceled', canceled_at: '2024-01-01' }])])
    // `active` with a cancellation date is a cancel at period end: not judged.
    expect(r).toMatchObject({ applicable: 2, passed: 1 })
    expect(measure('lifecycle', [data('shops', { city: str, state: str, closed_at: ts }, [{ city: 'Eugene', state: 'open', closed_at: '2024-01-01' }])])).toEqual([])
  })
})

describe('vocabulary', () => {
  it('fails lorem values and passes a real vocabulary', () => {
    const r = only('vocabulary', [data('orders', { status: str }, [{ status: 'new' }, { status: 'Surgo odio credo' }, { status: 'video' }, { status: 'shipped' }, { status: null }])])
    expect(r).toMatchObject({ applicable: 4, passed: 3 })
    expect(r.examples).toEqual([{ row: 2, value: 'status=Surgo odio credo' }])
  })

  it('fails rows beyond the 50 most frequent values of a type column', () => {
    const r = only('vocabulary', [data('items', { item_type: str }, rows(120, (i) => ({ item_type: i < 60 ? 'book' : `kind ${i}` })))])
    // 'book' (60 rows) and 49 singletons are kept: 109 pass, 11 fail.
    expect(r).toMatchObject({ applicable: 120, passed: 109 })
  })

  it('does not apply to ids, numbers or an address state', () => {
    expect(measure('vocabulary', [data('x', { type_id: str, level: int }, [{ type_id: 'lorem', level: 3 }])])).toEqual([])
    expect(measure('vocabulary', [data('addr', { city: str, state: str }, [{ city: 'a', state: 'dolor' }])])).toEqual([])
  })
})

describe('price-copy', () => {
  const products = data('products', { id: int, price: dec }, [
    { id: 1, price: '18.00' },
    { id: 2, price: 10 },
  ])
  const items = (list: Array<Record<string, string | number>>) => data('order_items', { product_id: int, unit_price: dec, total_price: dec }, list, { foreignKeys: [fk(['product_id'], 'products', ['id'])] })
  it('passes a copied price (and one of its day, within 25 %), fails an unrelated one', () => {
    const r = only('price-copy', [products, items([{ product_id: 1, unit_price: 18 }, { product_id: 1, unit_price: '14.40' }, { product_id: 2, unit_price: 411.3 }])])
    expect(r).toMatchObject({ columns: ['product_id', 'unit_price', 'products.price'], applicable: 3, passed: 2, note: '1 of 3 equal to the cent (33%)' })
  })

  it('does not apply to totals, nor without a parent price', () => {
    const t = data('order_items', { order_id: int, total_price: dec }, [{ order_id: 1, total_price: 5 }], { foreignKeys: [fk(['order_id'], 'orders', ['id'])] })
    expect(measure('price-copy', [data('orders', { id: int, price: dec }, [{ id: 1, price: 9 }]), t])).toEqual([])
  })
})

describe('fan-out', () => {
  const orders = data('orders', { id: int }, rows(4, (i) => ({ id: i + 1 })), { primaryKey: { columns: ['id'] } })
  const items = (perOrder: number[]) =>
    data(
      'order_items',
      { order_id: int, line_no: int },
      perOrder.flatMap((n, o) => rows(n, (l) => ({ order_id: o + 1, line_no: l + 1 }))),
      { foreignKeys: [fk(['order_id'], 'orders', ['id'])], primaryKey: { columns: ['order_id', 'line_no'] } },
    )
  it('fails when every parent has the same number of children', () => {
    expect(only('fan-out', [orders, items([1, 1, 1, 1])])).toMatchObject({ applicable: 1, passed: 0, unit: 'fk', note: '100% of parents have 1; min 1, median 1, max 1' })
  })
  it('passes a skewed spread (parents without children count)', () => {
    expect(only('fan-out', [orders, items([3, 1, 1, 0])])).toMatchObject({ applicable: 1, passed: 1, note: '50% of parents have 1; min 0, median 1, max 3' })
  })
  it('does not apply to a one-to-one FK', () => {
    const profile = data('profiles', { order_id: int }, rows(4, (i) => ({ order_id: i + 1 })), { foreignKeys: [fk(['order_id'], 'orders', ['id'])], uniques: [{ columns: ['order_id'] }] })
    expect(measure('fan-out', [orders, profile])).toEqual([])
  })
})
