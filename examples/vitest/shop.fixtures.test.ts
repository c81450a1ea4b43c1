import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { tdgFixtures, type Fixtures } from 'tdg'

// Any test database: PostgreSQL (set TDG_EXAMPLE_DB=postgres://…) or a SQLite file.
const db = process.env.TDG_EXAMPLE_DB ?? `sqlite:${join(tmpdir(), `tdg-example-${process.pid}.db`)}`
const schema = db.startsWith('sqlite:') ? 'examples/shop.sql' : 'examples/shop.postgres.sql'

let fx: Fixtures
beforeAll(async () => {
  // Creates the tables when missing, writes 5 customers and 12 orders (plus what they need), deterministically.
  fx = await tdgFixtures({ db, schema, seed: 1, rows: { customers: 5, orders: 12 } })
})
afterAll(() => fx.cleanup())

it('gives back the rows it wrote', () => {
  expect(fx.rows.customers).toHaveLength(5)
  expect(fx.rows.orders).toHaveLength(12)
})

it('keeps every order pointing at a seeded customer', () => {
  const customerIds = new Set(fx.rows.customers.map((c) => String(c.id)))
  for (const order of fx.rows.orders) expect(customerIds.has(String(order.customer_id))).toBe(true)
})

it('is deterministic: the same seed gives the same first customer every run', () => {
  expect(fx.rows.customers[0]).toMatchObject({ id: 1 })
  expect(typeof fx.rows.customers[0]!.email).toBe('string')
})
