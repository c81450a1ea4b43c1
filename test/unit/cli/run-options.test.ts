import { describe, expect, it } from 'vitest'
import { parseCount, parseRowsPerTable, parseSeed } from '../../../src/cli/run-options.js'
import { redactText as redactSecrets } from '../../../src/adapter/redact-url.js'

describe('CLI option parsing', () => {
  it('parses counts, per-table counts and seeds', () => {
    expect(parseCount('10000')).toBe(10000)
    expect(() => parseCount('1e3')).toThrow(/not a whole number/)
    expect(() => parseCount('-5')).toThrow(/not a whole number/)
    expect(parseRowsPerTable('orders=50000, public.order_items=200000')).toEqual({ orders: 50000, 'public.order_items': 200000 })
    expect(() => parseRowsPerTable('orders')).toThrow(/'orders' is not table=rows/)
    expect(parseSeed('42')).toBe(42)
    expect(parseSeed('release-7')).toBe('release-7')
  })

  it('redacts passwords from any URL in a message', () => {
    expect(redactSecrets('cannot connect to postgres://app:s3cret@db:5432/x and mysql://root:pw@h/y')).toBe('cannot connect to postgres://app:***@db:5432/x and mysql://root:***@h/y')
    expect(redactSecrets('sqlite:./a.db is fine')).toBe('sqlite:./a.db is fine')
  })
})
