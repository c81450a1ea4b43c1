import { describe, expect, it } from 'vitest'
import { nameEvidence } from '../../../../src/profile/csv/fk-candidates.js'
import { KeySet } from '../../../../src/profile/csv/key-set.js'

describe('KeySet', () => {
  it('stays within its bound and still tests inclusion and uniqueness on the kept values', () => {
    const parent = new KeySet(1024)
    for (let i = 1; i <= 200_000; i++) parent.add(String(i))
    expect(parent.size).toBeLessThanOrEqual(1024)
    expect(parent.exact).toBe(false)
    expect(parent.duplicate).toBe(false)

    const child = new KeySet(1024)
    for (let i = 0; i < 300_000; i++) child.add(String(1 + ((i * 7) % 150_000)))
    expect(child.duplicate).toBe(true)
    expect(child.within(parent)).toBe(true)

    const outside = new KeySet(1024)
    for (let i = 150_000; i <= 260_000; i++) outside.add(String(i))
    expect(outside.within(parent)).toBe(false)
  })

  it('is exact while small', () => {
    const s = new KeySet()
    for (const v of ['a', 'b', 'c']) s.add(v)
    expect([s.exact, s.size, s.duplicate]).toEqual([true, 3, false])
    s.add('a')
    expect(s.duplicate).toBe(true)
  })
})

describe('nameEvidence', () => {
  it.each([
    ['customer_id', 'customers', 'id', 3],
    ['category_id', 'categories', 'id', 3],
    ['customerId', 'customers', 'id', 3],
    ['customer_id', 'customers', 'customer_id', 3],
    ['manager_id', 'employees', 'id', 2],
    ['id', 'customers', 'id', 1],
    ['ship_to', 'countries', 'code', 1],
  ])('%s → %s.%s: %i', (col, table, key, evidence) => {
    expect(nameEvidence(col, table, key)).toBe(evidence)
  })
})
