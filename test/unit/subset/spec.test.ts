import { describe, expect, it } from 'vitest'
import { parseSubsetSpec, parseWhereSpec, resolveSpecTables } from '../../../src/subset/index.js'
import type { SchemaModel, Table } from '../../../src/model/schema.js'

const table = (name: string, schema?: string): Table => ({ ...(schema ? { schema } : {}), name, columns: [], uniques: [], foreignKeys: [], checks: [] })

describe('--subset specs', () => {
  it('parses N%, limit N and where …', () => {
    expect(parseSubsetSpec('customers:5%').rule).toEqual({ kind: 'percent', percent: 5 })
    expect(parseSubsetSpec('customers: 12.5 %').rule).toEqual({ kind: 'percent', percent: 12.5 })
    expect(parseSubsetSpec('customers:LIMIT 100').rule).toEqual({ kind: 'limit', limit: 100 })
    const w = parseSubsetSpec("orders:where created_at > now() - interval '90 days'")
    expect(w).toEqual({ table: 'orders', rule: { kind: 'where', where: "created_at > now() - interval '90 days'" }, text: "orders:where created_at > now() - interval '90 days'" })
    // Only the first colon splits: the condition may hold more.
    expect(parseSubsetSpec("public.t:where ts > '10:30'").rule).toEqual({ kind: 'where', where: "ts > '10:30'" })
  })

  it('refuses malformed specs with one line naming the spec', () => {
    const cases: Array<[string, RegExp]> = [
      ['customers', /--subset "customers": expected <table>:<rule>/],
      [':5%', /must be a table name/],
      ['customers:', /no rule after ":"/],
      ['customers:0%', /more than 0 and at most 100/],
      ['customers:150%', /more than 0 and at most 100/],
      ['customers:limit ten', /"limit" needs a whole number of rows, got "ten"/],
      ['customers:limit -1', /whole number/],
      ['customers:where   ', /"where" needs a condition/],
      ['customers:sample 5', /unknown rule "sample"/],
    ]
    for (const [text, re] of cases) {
      let err: unknown
      try {
        parseSubsetSpec(text)
      } catch (e) {
        err = e
      }
      expect((err as { code?: string }).code, text).toBe('TDG_USAGE')
      expect((err as Error).message, text).toMatch(re)
      expect((err as Error).message).not.toMatch(/\n/)
    }
  })

  it('resolves table names: schema.name, a unique bare name, case-insensitively last', () => {
    const model: SchemaModel = { dialect: 'postgres', tables: [table('orders', 'public'), table('orders', 'archive'), table('Customers', 'public')], enums: [], domains: [] }
    expect([...resolveSpecTables(model, [parseSubsetSpec('archive.orders:5%')]).keys()]).toEqual(['archive.orders'])
    expect([...resolveSpecTables(model, [parseSubsetSpec('customers:5%')]).keys()]).toEqual(['public.Customers'])
    expect(() => resolveSpecTables(model, [parseSubsetSpec('orders:5%')])).toThrow(/orders is ambiguous \(public.orders, archive.orders\)/)
  })
})

describe('--where specs (tdg export)', () => {
  it('splits at the first colon into a table and a where rule', () => {
    expect(parseWhereSpec("orders:ts > '10:30' and total > 5")).toEqual({ table: 'orders', rule: { kind: 'where', where: "ts > '10:30' and total > 5" }, text: "orders:ts > '10:30' and total > 5", option: '--where' })
    expect(parseWhereSpec(' sales.orders : id = 1').table).toBe('sales.orders')
  })

  it('refuses malformed specs naming --where, and resolves tables with --where in the message', () => {
    expect(() => parseWhereSpec('total > 5')).toThrow(/^--where "total > 5": expected <table>:<condition>/)
    expect(() => parseWhereSpec(':x = 1')).toThrow(/--where ":x = 1": the part before ":" must be a table name/)
    expect(() => parseWhereSpec('orders:  ')).toThrow(/--where "orders:  ": no condition/)
    const model = { dialect: 'postgres', tables: [table('orders', 'public')] } as unknown as SchemaModel
    expect(() => resolveSpecTables(model, [parseWhereSpec('invoices:x = 1')])).toThrow(/^--where "invoices:x = 1": no table invoices/)
    expect(() => resolveSpecTables(model, [parseWhereSpec('orders:x = 1'), parseWhereSpec('orders:y = 2')])).toThrow(/--where "orders:y = 2": table public\.orders is already filtered by "orders:x = 1"/)
  })
})
