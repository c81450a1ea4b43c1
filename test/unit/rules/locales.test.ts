/**
 * Locales: `locale` in the plan (the CLI's --locale) and in rules (per table, per column) switch the faker
 * data of names, addresses and phones; only the modules named are loaded; output is deterministic per
 * (seed, locale); unknown codes are refused with a few valid ones.
 */
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { generateBatches } from '../../../src/generate/index.js'
import { canonicalLocale, FAKER_LOCALES, fakerFor, loadPlanLocales, planLocales } from '../../../src/generate/locales.js'
import { parseRules } from '../../../src/rules/load.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'
import type { Table } from '../../../src/model/schema.js'
import { col, int, model, table, thrown, varchar } from '../plan/model-builders.js'
import { TestDataGenerator } from '../../../src/index.js'

function people(name = 'people'): Table {
  return table(
    name,
    [
      col('id', int(8), { identity: { kind: 'always' } }),
      col('first_name', varchar(50)),
      col('last_name', varchar(50)),
      col('phone', varchar(40)),
      col('street', varchar(100)),
      col('city', varchar(60)),
      col('score', int(4)),
    ],
    { primaryKey: { columns: ['id'] } },
  )
}

async function rows(plan: Plan, step = plan.steps[0]!.id): Promise<Record<string, Value[]>> {
  await loadPlanLocales(plan)
  const s = plan.steps.find((x) => x.id === step)!
  const out: Record<string, Value[]> = {}
  for (const b of generateBatches(plan, s)) b.columns.forEach((c, j) => (out[c] ??= []).push(...b.rows.map((r) => r[j]!)))
  return out
}

const GERMAN_PHONE = /^0\d{2,5} \d{4,9}$/
const US_PHONE = /^\(\d{3}\) \d{3}-\d{4}$/
const GERMAN_STREET = /(str\.|straße|weg|platz|allee|gasse|ring|^Am |^Im |^An )/i
const share = (vs: Value[], re: RegExp) => vs.filter((v) => re.test(String(v))).length / vs.length

describe('--locale de', () => {
  const m = model([people()])
  let de: Record<string, Value[]>
  let en: Record<string, Value[]>
  beforeAll(async () => {
    de = await rows(buildPlan(m, { rows: 2000, seed: 9, locale: 'de' }))
    en = await rows(buildPlan(m, { rows: 2000, seed: 9 }))
  })

  it('is recorded in the plan (English by default)', () => {
    expect(buildPlan(m, { rows: 1, seed: 9, locale: 'de' }).locale).toBe('de')
    expect(buildPlan(m, { rows: 1, seed: 9, locale: 'pt-br' }).locale).toBe('pt_BR')
    expect(buildPlan(m, { rows: 1, seed: 9 }).locale).toBe('en')
  })

  it('German phones, streets and names; English ones without it', () => {
    expect(share(de.phone!, GERMAN_PHONE)).toBe(1)
    expect(share(en.phone!, US_PHONE)).toBe(1)
    expect(share(de.phone!, US_PHONE)).toBe(0)
    expect(share(de.street!, GERMAN_STREET)).toBeGreaterThan(0.7)
    expect(share(en.street!, GERMAN_STREET)).toBeLessThan(0.1)
    // Surnames: German lists and English lists barely overlap.
    const enLast = new Set(en.last_name)
    expect(de.last_name!.filter((v) => enLast.has(v)).length / 2000).toBeLessThan(0.2)
    expect(de.last_name!.some((v) => /[äöüß]/.test(String(v)))).toBe(true)
    // Non-faker columns do not depend on the locale.
    expect(de.score).toEqual(en.score)
  })

  it('deterministic per (seed, locale): same twice, another seed differs', async () => {
    expect(await rows(buildPlan(m, { rows: 2000, seed: 9, locale: 'de' }))).toEqual(de)
    const other = await rows(buildPlan(m, { rows: 2000, seed: 10, locale: 'de' }))
    expect(other.last_name).not.toEqual(de.last_name)
  })

  it('an unknown locale is TDG_USAGE listing valid ones', () => {
    const e = thrown(() => buildPlan(m, { rows: 1, seed: 1, locale: 'xx' }))
    expect(e.code).toBe('TDG_USAGE')
    expect(e.message).toMatch(/^unknown locale 'xx' \(faker locales such as en, en_GB, de, fr, .*\)$/)
    expect(thrown(() => buildPlan(m, { rows: 1, seed: 1, locale: 'de_XX' })).message).toBe("unknown locale 'de_XX' (faker locales such as de, de_AT, de_CH)")
  })
})

describe('locale in rules', () => {
  const m = model([people(), people('clients')])
  const set = parseRules(
    `tables:\n  people:\n    columns:\n      phone: { locale: de }\n      city: { faker: location.city, locale: fr }\n  clients:\n    locale: de\n    columns:\n      city: { locale: fr }\n`,
    'r.yaml',
  )

  it('a column rule overrides the plan, a table rule its columns; the plan says so', async () => {
    const plan = buildPlan(m, { rows: 1000, seed: 4, rules: set })
    expect([...planLocales(plan)].sort()).toEqual(['de', 'en', 'fr'])
    const p = await rows(plan, 'people')
    const c = await rows(plan, 'clients')
    expect(share(p.phone!, GERMAN_PHONE)).toBe(1)
    expect(share(p.street!, GERMAN_STREET)).toBeLessThan(0.1)
    expect(share(c.phone!, GERMAN_PHONE)).toBe(1)
    expect(share(c.street!, GERMAN_STREET)).toBeGreaterThan(0.7)
    const reasons = Object.fromEntries(plan.steps.flatMap((s) => s.columns.map((x) => [`${s.id}.${x.column}`, x.reason])))
    expect(reasons['people.phone']).toBe('phone by name; rule tables.people.columns.phone (locale de)')
    expect(reasons['people.city']).toBe('rule tables.people.columns.city (faker location.city, locale fr)')
    expect(reasons['clients.street']).toContain('locale de (rule tables.clients.locale)')
    expect(reasons['clients.city']).toContain('locale fr')
    expect(reasons['clients.city']).not.toContain('locale de')
    // clients.city draws French cities (its own rule), not the table's German ones. The baselines have a
    // lone city column: beside a street it would be part of the row's (real) place instead.
    const towns = model([table('people', [col('id', int(8), { identity: { kind: 'always' } }), col('city', varchar(60))], { primaryKey: { columns: ['id'] } })])
    const frCity = new Set((await rows(buildPlan(towns, { rows: 1000, seed: 4, locale: 'fr' }))).city)
    const deCity = new Set((await rows(buildPlan(towns, { rows: 1000, seed: 4, locale: 'de' }))).city)
    expect(c.city!.filter((v) => frCity.has(v)).length).toBeGreaterThan(900)
    expect(c.city!.filter((v) => deCity.has(v)).length).toBeLessThan(50)
  })

  it('a bad locale in rules is an error at its path; a locale on a column without faker data too', () => {
    const bad = thrown(() => parseRules('tables:\n  people:\n    columns:\n      phone: { locale: klingon }\n', 'r.yaml'))
    expect(bad.message).toMatch(/^r\.yaml:4: tables\.people\.columns\.phone\.locale: unknown locale 'klingon' \(faker locales such as/)
    const table = thrown(() => parseRules('tables:\n  people:\n    locale: zz\n', 'r.yaml'))
    expect(table.message).toMatch(/^r\.yaml:3: tables\.people\.locale: unknown locale 'zz'/)
    const num = thrown(() => buildPlan(m, { rows: 1, seed: 1, rules: parseRules('tables:\n  people:\n    columns:\n      score: { locale: de }\n', 'r.yaml') }))
    expect(num.code).toBe('TDG_RULES_INVALID')
    expect(num.message).toBe('r.yaml:4: tables.people.columns.score.locale: people.score: locale needs faker data (names, addresses, phones, a faker or template rule); the column generates none')
  })
})

describe('locale codes', () => {
  it("the list is faker's: every locale module of the installed package, no other", () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('@faker-js/faker/package.json')), 'dist', 'locale')
    const modules = readdirSync(dir).filter((f) => /^[a-z]{2}[A-Za-z_]*\.js$/.test(f) && f !== 'base.js').map((f) => f.slice(0, -3))
    expect([...FAKER_LOCALES].sort()).toEqual(modules.sort())
  })

  it('canonical spelling; modules load on demand only', async () => {
    expect(canonicalLocale('pt-BR')).toBe('pt_BR')
    expect(canonicalLocale('EN_gb')).toBe('en_GB')
    expect(canonicalLocale('de_DE')).toBeUndefined()
    expect(thrown(() => fakerFor('nl_BE')).code).toBe('TDG_INTERNAL')
    const plan = buildPlan(model([people()]), { rows: 10, seed: 1, locale: 'nl_BE' })
    await loadPlanLocales(plan)
    expect(fakerFor('nl_BE').person.lastName()).toEqual(expect.any(String))
  })
})

describe('the API', () => {
  it('generate({ locale }) loads the locale and records it; rows differ from English, same per seed', async () => {
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    const pl = await g.generate({ rows: 200, seed: 1, locale: 'pl' })
    expect(pl.plan.locale).toBe('pl')
    const names = pl.rows('customers').map((r) => r.last_name)
    expect((await g.generate({ rows: 200, seed: 1, locale: 'pl' })).rows('customers').map((r) => r.last_name)).toEqual(names)
    const en = (await g.generate({ rows: 200, seed: 1 })).rows('customers').map((r) => r.last_name)
    expect(names.filter((n, j) => n === en[j]).length).toBeLessThan(20)
    expect(names.some((n) => /[ąćęłńóśźż]/.test(String(n)))).toBe(true)
  })
})
