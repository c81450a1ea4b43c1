import { describe, expect, it } from 'vitest'
import { labelKey, vocabularyFor, weightsFor } from '../../../src/plan/vocabularies.js'

const name = (t: string, c: string, siblings: string[] = []) => vocabularyFor(t, c, siblings)?.name

describe('vocabularyFor: by column name and table context', () => {
  it('picks the status vocabulary of the table', () => {
    expect(name('orders', 'status')).toBe('order status')
    expect(name('order_items', 'status')).toBe('order status')
    expect(name('subscriptions', 'status')).toBe('subscription status')
    expect(name('invoices', 'status')).toBe('invoice status')
    expect(name('payments', 'status')).toBe('payment status')
    expect(name('support_tickets', 'status')).toBe('ticket status')
    expect(name('users', 'status')).toBe('account status')
    expect(name('widgets', 'status')).toBe('status')
    expect(name('Orders', 'orderStatus')).toBe('order status')
  })

  it('keeps an address state a state: a table with address columns, or an address table', () => {
    expect(name('customers', 'state', ['city', 'zip'])).toBeUndefined()
    expect(name('addresses', 'state')).toBeUndefined()
    expect(name('tickets', 'state', ['priority'])).toBe('ticket status')
  })

  it('knows roles, priorities, levels, types, plans, genders, time zones and categories', () => {
    expect(name('users', 'role')).toBe('user role')
    expect(name('team_members', 'role')).toBe('membership role')
    expect(name('tickets', 'priority')).toBe('priority')
    expect(name('employees', 'level')).toBe('seniority level')
    expect(name('logs', 'level')).toBe('log level')
    expect(name('employees', 'type')).toBe('employment type')
    expect(name('addresses', 'type')).toBe('address type')
    expect(name('accounts', 'plan')).toBe('plan tier')
    expect(name('customers', 'tier')).toBe('plan tier')
    expect(name('people', 'gender')).toBe('gender')
    expect(name('users', 'time_zone')).toBe('time zone')
    expect(name('products', 'category')).toBe('product category')
    expect(name('tickets', 'category')).toBe('ticket category')
    expect(name('attachments', 'content_type')).toBe('media type')
    expect(name('events', 'event_type')).toBe('type')
  })

  it('leaves other columns alone', () => {
    for (const c of ['notes', 'name', 'email', 'country', 'currency', 'language', 'statement', 'typeface', 'package']) expect(name('orders', c)).toBeUndefined()
  })
})

describe('weightsFor: the vocabulary weights of an IN list', () => {
  const orders = vocabularyFor('orders', 'status', [])!

  it('moves the weight of a missing label to the label that absorbs it (delivered → shipped)', () => {
    const w = weightsFor(orders, ['new', 'paid', 'shipped', 'cancelled'])!
    expect(w).toHaveLength(4)
    const [n, paid, shipped, cancelled] = w as [number, number, number, number]
    expect(shipped).toBeGreaterThan(paid + n + cancelled)
    expect(cancelled).toBeLessThan(paid)
    // Without the absorption shipped would be below 15 % of the total.
    expect(shipped / (n + paid + shipped + cancelled)).toBeGreaterThan(0.5)
  })

  it('matches labels loosely and gives unknown labels the smallest known weight', () => {
    const tickets = vocabularyFor('tickets', 'status', [])!
    const w = weightsFor(tickets, ['Open', 'In Progress', 'WEIRD', 'Closed'])!
    // Open 20 + the missing `new` 8; In Progress 17 + the missing `pending` 8 and `on_hold` 3; WEIRD the
    // smallest own weight of a known label (17); Closed 20 + the missing `resolved` 24.
    expect(w).toEqual([28, 28, 17, 44])
    expect(labelKey('In Progress')).toBe(labelKey('in_progress'))
  })

  it('a synonym takes the weight it stands for, not the floor on top (critical = urgent)', () => {
    const priority = vocabularyFor('tickets', 'priority', [])!
    // low 30, normal = medium 42, high 21, critical = urgent 7.
    expect(weightsFor(priority, ['low', 'normal', 'high', 'critical'])).toEqual([30, 42, 21, 7])
  })

  it('knows no label: undefined, so the caller keeps the uniform choice', () => {
    expect(weightsFor(orders, ['a', 'b', 'c'])).toBeUndefined()
    expect(weightsFor(orders, [1, 2, 3])).toBeUndefined()
  })

  it('counts a label listed twice once', () => {
    const w = weightsFor(orders, ['paid', 'PAID', 'new'])!
    expect(w[1]).toBe(0)
    expect(w[0]).toBeGreaterThan(0)
  })
})
