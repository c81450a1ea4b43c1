/**
 * Constraint shapes the e2e seed runs exposed (issue 3): domain CHECKs, NOT LIKE, case-folding unique
 * indexes, date-vs-timestamp relations, `length(c) BETWEEN`, short `country` columns, and LIKE prefixes
 * that must not come out bare.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { generateBatches } from '../../../src/generate/index.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import { likeMatcher, likeUnique, likeSpace, parseLike } from '../../../src/generate/strings.js'
import { foldedColumns } from '../../../adapters/postgres/introspect.js'
import { check, col, int, model, table, varchar } from './model-builders.js'

function rows(plan: Plan, step: string): Value[][] {
  const s = plan.steps.find((x) => x.id === step)!
  return [...generateBatches(plan, s, { batchSize: 997 })].flatMap((b) => b.rows)
}

const column = (plan: Plan, step: string, name: string) => plan.steps.find((s) => s.id === step)!.columns.findIndex((c) => c.column === name)

describe('constraint coverage', () => {
  it('CHECKs of a domain hold for the columns declared with it', () => {
    const m = model([table('t', [col('id', int(), { identity: { kind: 'always' } }), col('discount', int(), { domain: 'positive_int', nullable: true })], { primaryKey: { columns: ['id'] } })])
    m.domains.push({ schema: 'public', name: 'positive_int', baseType: 'integer', nullable: true, checks: [check('positive_int_check', { kind: 'compare', column: 'VALUE', op: '>', value: 0 })] })
    const plan = buildPlan(m, { rows: 2000, seed: 1 })
    const j = column(plan, 't', 'discount')
    for (const r of rows(plan, 't')) if (r[j] !== null) expect(r[j] as number).toBeGreaterThan(0)
  })

  it('NOT LIKE: pool values that match are left out, without an issue for non-unique columns', () => {
    const m = model([table('t', [col('id', int()), col('legacy_code', { kind: 'text' })], { primaryKey: { columns: ['id'] }, checks: [check('c', { kind: 'like', column: 'legacy_code', pattern: 'A%', negated: true })] })])
    const plan = buildPlan(m, { rows: 5000, seed: 3 })
    expect(plan.issues).toEqual([])
    const j = column(plan, 't', 'legacy_code')
    const all = rows(plan, 't').map((r) => r[j] as string)
    expect(all.filter((v) => /^a/i.test(v))).toEqual([])
  })

  it('a unique index on lower(col) becomes a unique of the plain columns', () => {
    const t = table('s', [col('id', int()), col('carrier', { kind: 'string', maxLength: 20 }), col('n', int())], { primaryKey: { columns: ['id'] }, foldedUniques: [{ name: 'x', columns: ['carrier', 'n'] }] })
    const plan = buildPlan(model([t]), { rows: 3000, seed: 1 })
    const cols = [column(plan, 's', 'carrier'), column(plan, 's', 'n')]
    const seen = new Set(rows(plan, 's').map((r) => cols.map((c) => String(r[c]).toLowerCase()).join('|')))
    expect(seen.size).toBe(3000)
    expect(foldedColumns(['lower(carrier::text)', 'order_id'])).toEqual(['carrier', 'order_id'])
    expect(foldedColumns(['upper("a""b")'])).toEqual(['a"b'])
    expect(foldedColumns(['(a + b)'])).toBeUndefined()
  })

  it('a timestamp kept >= a date of the same row (and > for SQLite text comparison too)', () => {
    const t = table('o', [col('id', int()), col('ordered_on', { kind: 'date' }), col('shipped_at', { kind: 'timestamp', tz: false }, { nullable: true })], {
      primaryKey: { columns: ['id'] },
      checks: [check('c', { kind: 'columns', left: 'shipped_at', op: '>=', right: 'ordered_on' })],
    })
    const plan = buildPlan(model([t], 'sqlite'), { rows: 3000, seed: 9 })
    expect(plan.issues).toEqual([])
    const [d, ts] = [column(plan, 'o', 'ordered_on'), column(plan, 'o', 'shipped_at')]
    for (const r of rows(plan, 'o')) if (r[ts] !== null) expect(String(r[ts]) > String(r[d]), `${String(r[ts])} vs ${String(r[d])}`).toBe(true)
  })

  it('length(c) BETWEEN a AND b parses as two length bounds', () => {
    expect(analyzeCheck('length(motto) BETWEEN 5 AND 200')).toEqual({
      parsed: [
        { kind: 'length', column: 'motto', op: '>=', value: 5 },
        { kind: 'length', column: 'motto', op: '<=', value: 200 },
      ],
      fullyParsed: true,
    })
  })

  it('char(2) / varchar(3) country columns hold country codes', () => {
    const t = table('customers', [col('id', int()), col('country', { kind: 'string', maxLength: 2, fixed: true }), col('country_name', varchar(60))], { primaryKey: { columns: ['id'] } })
    const plan = buildPlan(model([t]), { rows: 500, seed: 2 })
    // With a country name beside it, both are one place's (issue 10): the code and the name agree.
    expect(plan.steps[0]!.columns.find((c) => c.column === 'country')!.generator).toMatchObject({ kind: 'address', field: 'country-code' })
    expect(plan.steps[0]!.columns.find((c) => c.column === 'country_name')!.generator).toMatchObject({ kind: 'address', field: 'country' })
    const j = column(plan, 'customers', 'country')
    for (const r of rows(plan, 'customers')) if (r[j] !== null) expect(r[j]).toMatch(/^[A-Z]{2}$/)
  })

  it("LIKE 'SKU-%' never yields the bare prefix; capacity agrees with the unique path", () => {
    const tokens = parseLike('SKU-%')
    expect(likeUnique(tokens, 0, 0)).toBe('SKU-0')
    expect(likeUnique(tokens, 0, 0, 4)).toBe('SKU-')
    expect(likeSpace(tokens, 0, 5)).toBe(36)
    expect(new Set(Array.from({ length: 36 }, (_, k) => likeUnique(tokens, k, 0, 5))).size).toBe(36)
    expect(likeMatcher('SKU-%')('sku-1')).toBe(true)
    expect(likeMatcher('a_c')('abd')).toBe(false)
  })
})
