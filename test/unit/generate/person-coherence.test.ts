/**
 * Row coherence of people (issue 10 §1): a row's first, last and full name, email and username come from
 * one person; first names follow the gender column; an age beside a birth date is computed from it;
 * unique emails/usernames stay unique by construction; all of it independent of the batch size.
 */
import { faker } from '@faker-js/faker/locale/en'
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/build-plan.js'
import { planRows } from '../plan/plan-rows.js'
import { analyzeCheck } from '../../../src/adapter/check-shape.js'
import type { SchemaModel } from '../../../src/model/schema.js'
import { handlePart, indexDigits } from '../../../src/generate/person-source.js'
import { col, int, model, table, varchar } from '../plan/model-builders.js'

const NOW = Date.UTC(2026, 11, 5) / 1000
const people = (extra: { checks?: string[] } = {}): SchemaModel =>
  model([
    table(
      'users',
      [
        col('id', int(), { identity: { kind: 'always' } }),
        col('first_name', varchar(40)),
        col('last_name', varchar(40)),
        col('full_name', varchar(90)),
        col('email', varchar(120)),
        col('username', varchar(40)),
        col('gender', varchar(1)),
        col('birth_date', { kind: 'date' }),
        col('age', int(2)),
      ],
      {
        primaryKey: { columns: ['id'] },
        uniques: [{ columns: ['email'] }, { columns: ['username'] }],
        checks: ["gender IN ('F', 'M')", ...(extra.checks ?? [])].map((e) => ({ expression: e, ...analyzeCheck(e) })),
      },
    ),
  ])

const rows = (m: SchemaModel, n: number, batchSize = 1000) => planRows(buildPlan(m, { rows: n, seed: 5, now: NOW }), 'users', batchSize)

describe('the row\'s person', () => {
  const all = rows(people(), 5000)

  it('full name, email and username are made from the row\'s own first and last name', () => {
    for (const r of all) {
      const [f, l] = [handlePart(String(r.first_name)), handlePart(String(r.last_name))]
      expect(r.full_name).toBe(`${r.first_name} ${r.last_name}`)
      const local = String(r.email).split('@')[0]!.replace(/\d+$/, '')
      expect(local.includes(f) || local.includes(l), `${r.email} for ${r.full_name}`).toBe(true)
      expect(String(r.username).includes(f) || String(r.username).includes(l) || String(r.username).startsWith(f[0]!), `${r.username}`).toBe(true)
    }
  })

  it('unique emails and usernames are unique, end in digits and look varied (several patterns and domains)', () => {
    expect(new Set(all.map((r) => r.email)).size).toBe(all.length)
    expect(new Set(all.map((r) => r.username)).size).toBe(all.length)
    expect(all.every((r) => /^[a-z._]+\d{4}@[a-z.]+$/.test(String(r.email)))).toBe(true)
    const shapes = new Set(all.map((r) => String(r.email).replace(/[a-z]+/g, 'a').replace(/\d+/, '9')))
    expect(shapes.size).toBeGreaterThanOrEqual(3) // a.b, ab, a_b
    expect(new Set(all.map((r) => String(r.email).split('@')[1])).size).toBeGreaterThanOrEqual(4)
    expect(new Set(all.map((r) => r.first_name)).size).toBeGreaterThan(1000)
  })

  it('first names follow the gender column', () => {
    const female = new Set(faker.definitions.person.first_name.female as string[])
    const male = new Set(faker.definitions.person.first_name.male as string[])
    for (const r of all) expect(r.gender === 'F' ? female.has(String(r.first_name)) : male.has(String(r.first_name)), `${r.gender} ${r.first_name}`).toBe(true)
  })

  it('age is the whole years from birth_date to --now', () => {
    for (const r of all) {
      const b = new Date(`${String(r.birth_date)}T00:00:00Z`)
      const n = new Date(NOW * 1000)
      let years = n.getUTCFullYear() - b.getUTCFullYear()
      if (n.getUTCMonth() * 32 + n.getUTCDate() < b.getUTCMonth() * 32 + b.getUTCDate()) years--
      expect(r.age).toBe(years)
      expect(years).toBeGreaterThanOrEqual(18)
    }
  })

  it('does not depend on the batch size', () => {
    expect(rows(people(), 700, 64)).toEqual(rows(people(), 700, 1000))
  })

  it('a CHECK the person values could break leaves that column to its own generator', () => {
    const m = people({ checks: ["email NOT LIKE '%gmail%'"] })
    const plan = buildPlan(m, { rows: 10, seed: 5, now: NOW })
    const kind = (c: string) => plan.steps[0]!.columns.find((x) => x.column === c)!.generator.kind
    expect(kind('email')).not.toBe('person')
    expect(kind('first_name')).toBe('person')
  })

  it('a CHECK on the age narrows the birth dates to the ages it allows', () => {
    const all = rows(people({ checks: ['age BETWEEN 21 AND 30'] }), 2000)
    for (const r of all) {
      expect(r.age).toBeGreaterThanOrEqual(21)
      expect(r.age).toBeLessThanOrEqual(30)
      expect(String(r.birth_date) > '1995-12-05' && String(r.birth_date) <= '2005-12-05', String(r.birth_date)).toBe(true)
    }
    expect(new Set(all.map((r) => r.age)).size).toBe(10)
  })
})

describe('indexDigits', () => {
  it('is a bijection of [0, 10^d) for every hash', () => {
    for (const h of [0, 1, 5, 12345, 0xdeadbeef]) {
      const seen = new Set<string>()
      for (let k = 0; k < 1000; k++) seen.add(indexDigits(k, 3, h))
      expect(seen.size).toBe(1000)
    }
  })
})
