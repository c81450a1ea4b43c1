/**
 * Row coherence of places (issue 10 §1): street, city, state, postal code, country and coordinates of a
 * row are one real place (src/geo), checked with geo's own `checkAddress`; a constrained country column
 * is followed; the place's columns are NULL together.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { planRows } from '../plan/plan-rows.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import type { SchemaModel } from '../../../src/model/schema.js'
import { checkAddress, resolveCountry } from '../../../src/geo/index.js'
import { col, int, model, table, varchar } from '../plan/model-builders.js'

const opt = (name: string, n: number) => col(name, varchar(n), { nullable: true })
const dec = { kind: 'decimal', precision: 9, scale: 6 } as const

const rows = (m: SchemaModel, name: string, n = 3000) => planRows(buildPlan(m, { rows: n, seed: 8, now: Date.UTC(2026, 11, 5) / 1000 }), name, 999)

const m = model([
  table('customers', [col('id', int()), opt('street', 100), opt('city', 60), opt('state', 2), opt('zip', 10), col('latitude', dec, { nullable: true }), col('longitude', dec, { nullable: true })], { primaryKey: { columns: ['id'] } }),
  table('offices', [col('id', int()), opt('address', 200), opt('city', 60), opt('region', 60), opt('postal_code', 12), opt('country', 60)], { primaryKey: { columns: ['id'] } }),
  table('stores', [col('id', int()), opt('city', 60), col('country', { kind: 'string', maxLength: 2 })], {
    primaryKey: { columns: ['id'] },
    checks: [{ expression: "country IN ('DE', 'FR', 'GB')", ...analyzeCheck("country IN ('DE', 'FR', 'GB')") }],
  }),
])

describe("the row's place", () => {
  it('city, state and ZIP of a US customer belong together; coordinates lie near the city', () => {
    const all = rows(m, 'customers')
    let checked = 0
    for (const r of all) {
      if (r.city === null) {
        expect([r.street, r.state, r.zip, r.latitude, r.longitude]).toEqual([null, null, null, null, null])
        continue
      }
      const v = checkAddress({ city: String(r.city), state: String(r.state), zip: String(r.zip), country: 'US' })
      expect(v.verdict, JSON.stringify(r)).toBe('consistent')
      expect(Number(r.latitude)).toBeGreaterThan(17)
      expect(Number(r.longitude)).toBeLessThan(-60)
      checked++
    }
    expect(checked).toBeGreaterThan(2500)
    expect(new Set(all.map((r) => r.city)).size).toBeGreaterThan(100)
  })

  it('a free country column is drawn by real-world weight, and the rest of the place is in it', () => {
    const all = rows(m, 'offices').filter((r) => r.city !== null)
    for (const r of all) expect(checkAddress({ city: String(r.city), state: String(r.region), zip: String(r.postal_code), country: String(r.country) }).verdict, JSON.stringify(r)).toBe('consistent')
    const countries = new Map<string, number>()
    for (const r of all) countries.set(String(r.country), (countries.get(String(r.country)) ?? 0) + 1)
    expect(countries.size).toBeGreaterThan(10)
    const top = [...countries.entries()].sort((a, b) => b[1] - a[1])[0]!
    expect(top[0]).toBe('United States')
    expect(all.every((r) => String(r.address).includes(String(r.city)))).toBe(true)
  })

  it('a country column with a CHECK list keeps it, and the city is in that country', () => {
    const all = rows(m, 'stores')
    expect(new Set(all.map((r) => r.country))).toEqual(new Set(['DE', 'FR', 'GB']))
    for (const r of all) if (r.city !== null) expect(checkAddress({ city: String(r.city), country: resolveCountry(String(r.country))! }).verdict, JSON.stringify(r)).toBe('consistent')
  })
})
