/**
 * Templates that read the row's own columns (`{{first_name}}.{{last_name}}@example.com`): the values are
 * the row's, unique variants get digits (injective by construction, within the column's length), and
 * reads that cannot work (the column itself, a cycle, a column never written) are rule errors.
 */
import { describe, expect, it } from 'vitest'
import { buildPlan } from '../../../src/plan/index.js'
import { generateBatches } from '../../../src/generate/index.js'
import { localPart, userDigits } from '../../../src/generate/row-templates.js'
import { parseRules } from '../../../src/rules/load.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'
import type { Column, Table } from '../../../src/model/schema.js'
import { col, int, model, table, thrown, varchar } from '../plan/model-builders.js'
import { validate } from '../generate/validate.js'

function people(extra: Column[] = [], uniques: string[][] = []): Table {
  return table(
    'people',
    [
      col('id', int(8), { identity: { kind: 'always' } }),
      col('first_name', varchar(50)),
      col('last_name', varchar(50)),
      col('middle_name', varchar(50), { nullable: true }),
      col('email', varchar(120)),
      col('username', varchar(60)),
      ...extra,
    ],
    { primaryKey: { columns: ['id'] }, uniques: uniques.map((columns) => ({ columns })) },
  )
}

function rows(plan: Plan, batchSize = 10_000): Record<string, Value>[] {
  const step = plan.steps[0]!
  const out: Record<string, Value>[] = []
  for (const b of generateBatches(plan, step, { batchSize })) for (const r of b.rows) out.push(Object.fromEntries(b.columns.map((c, j) => [c, r[j]!])))
  return out
}

const rules = (columns: string) => parseRules(`tables:\n  people:\n    columns:\n${columns}`, 'r.yaml')

describe('templates reading the row', () => {
  const t = people([], [['email']])
  const set = rules(`      email: { template: "{{first_name}}.{{last_name}}@example.com", lowercase: true }\n      username: { template: "{{first_name}}_{{last_name}}" }\n`)
  const plan = buildPlan(model([t]), { rows: 20_000, seed: 11, rules: set })
  const data = rows(plan)

  it("every value is built from the row's own columns (20 000 rows)", () => {
    const off = data.filter((r) => r.username !== `${String(r.first_name)}_${String(r.last_name)}`)
    expect(off).toEqual([])
    const re = /^(.*?)(_?)(\d{2,})@example\.com$/
    const bad = data.filter((r) => {
      const m = re.exec(String(r.email))
      return !m || m[1] !== `${localPart(String(r.first_name).toLowerCase())}.${localPart(String(r.last_name).toLowerCase())}`
    })
    expect(bad).toEqual([])
    // Realistic variety: the names come from the pools, not a counter.
    expect(new Set(data.map((r) => r.first_name)).size).toBeGreaterThan(500)
  })

  it('a UNIQUE column stays unique by construction (digits, no visible counters), also case-folded', () => {
    const emails = data.map((r) => String(r.email))
    expect(new Set(emails).size).toBe(20_000)
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(20_000)
    // The digits do not count rows: neighbours do not get neighbouring numbers.
    const digits = emails.slice(0, 50).map((e) => Number(/(\d+)@/.exec(e)![1]))
    expect(digits.filter((d, j) => j > 0 && d === digits[j - 1]! + 1).length).toBeLessThan(5)
    expect(emails.every((e) => e.length <= 120)).toBe(true)
    expect(validate(model([t]), new Map([['people', { columns: Object.keys(data[0]!), rows: data.map((r) => Object.values(r)) }]]))).toEqual([])
  })

  it('the plan says what the column reads and how it stays unique', () => {
    const email = plan.steps[0]!.columns.find((c) => c.column === 'email')!
    expect(email.reason).toContain("from the row's first_name, last_name; unique by appended digits")
  })

  it('rows do not depend on the batch size', () => {
    const other = rows(buildPlan(model([t]), { rows: 20_000, seed: 11, rules: set }), 777)
    expect(other).toEqual(data)
  })

  it('a NULL in a column read is empty text; faker placeholders mix with columns', () => {
    const p = buildPlan(model([people()]), {
      rows: 2000,
      seed: 3,
      rules: rules(`      username: { template: "{{first_name}}{{middle_name}}-{{number.int({\\"min\\":1,\\"max\\":9})}}" }\n`),
    })
    const d = rows(p)
    expect(d.some((r) => r.middle_name === null)).toBe(true)
    const bad = d.filter((r) => !new RegExp(`^${String(r.first_name)}${r.middle_name === null ? '' : String(r.middle_name)}-[1-9]$`).test(String(r.username)))
    expect(bad).toEqual([])
  })
})

describe('unique row templates in a narrow column', () => {
  const narrow = people([col('login', varchar(16))])
  const rule = rules(`      login: { template: "{{first_name}}{{last_name}}@example.com", lowercase: true, unique: true }\n`)

  it('within the length: the name is cut, the digits and the tail stay', () => {
    const d = rows(buildPlan(model([narrow]), { rows: 9990, seed: 5, rules: rule }))
    const logins = d.map((r) => String(r.login))
    expect(logins.every((l) => l.length <= 16 && /\d{2,}@example\.com$/.test(l))).toBe(true)
    expect(new Set(logins).size).toBe(9990)
  })

  it('more rows than 10^(16 − 12) − 10 is refused at plan time, naming the capacity', () => {
    const e = thrown(() => buildPlan(model([narrow]), { rows: 10_000, seed: 5, rules: rule }))
    expect(e.code).toBe('TDG_PLAN_UNSATISFIABLE')
    expect(e.message).toContain('only 9990 distinct values')
  })
})

describe('reads that cannot work are rule errors', () => {
  it('a template reading its own column', () => {
    const e = thrown(() => buildPlan(model([people()]), { rows: 5, seed: 1, rules: rules(`      email: { template: "{{email}}x@example.com" }\n`) }))
    expect(e.code).toBe('TDG_RULES_INVALID')
    expect(e.message).toBe('r.yaml:4: tables.people.columns.email.template: people.email: {{email}} is the column itself: a template cannot read its own value')
  })

  it('a cycle between templates names the columns', () => {
    const e = thrown(() =>
      buildPlan(model([people()]), { rows: 5, seed: 1, rules: rules(`      email: { template: "{{username}}@example.com" }\n      username: { template: "{{email}}" }\n`) }),
    )
    expect(e.code).toBe('TDG_RULES_INVALID')
    expect(e.message).toMatch(/columns of people refer to each other in a cycle: (email → username → email|username → email → username)$/)
  })

  it('an unknown column, with a "did you mean"', () => {
    const e = thrown(() => buildPlan(model([people()]), { rows: 5, seed: 1, rules: rules(`      email: { template: "{{frist_name}}@example.com" }\n`) }))
    expect(e.message).toContain("no column 'frist_name' in people (did you mean 'first_name'?)")
  })

  it('a column tdg never writes (generated)', () => {
    const t = people([col('full_name', varchar(101), { generated: { expression: "first_name || ' ' || last_name", stored: true } })])
    const e = thrown(() => buildPlan(model([t]), { rows: 5, seed: 1, rules: rules(`      email: { template: "{{full_name}}@example.com" }\n`) }))
    expect(e.code).toBe('TDG_RULES_INVALID')
    expect(e.message).toContain('tdg never writes people.full_name: it is a generated column')
  })
})

describe('names in email-shaped templates', () => {
  it('are written as local parts: accents, spaces and apostrophes go; other scripts stay', () => {
    expect(['María Teresa', 'Müller', 'Straß', "O'Reilly", 'Jeanne d’Arc', 'van de Brink', 'Łukasz', 'Lang-Marks', '愛菜'].map((n) => localPart(n))).toEqual([
      'MariaTeresa', 'Muller', 'Strass', 'OReilly', 'JeannedArc', 'vandeBrink', 'Lukasz', 'Lang-Marks', '愛菜',
    ])
    expect(localPart('Jürgen Müller-Lüdenscheidt', true)).toBe('JuergenMueller-Luedenscheidt')
  })

  it('only in email-shaped templates: elsewhere the value is the row\'s as it is', () => {
    const t = people([col('display', varchar(120))])
    const set = rules(`      email: { template: "{{first_name}} {{last_name}}@x.test" }\n      display: { template: "{{first_name}} {{last_name}}" }\n`)
    const d = rows(buildPlan(model([t]), { rows: 3000, seed: 2, rules: set }))
    expect(d.filter((r) => r.display !== `${String(r.first_name)} ${String(r.last_name)}`)).toEqual([])
    expect(d.some((r) => /'/.test(String(r.last_name)))).toBe(true)
    expect(d.filter((r) => /'/.test(String(r.email)))).toEqual([])
  })
})

describe('userDigits', () => {
  it('is injective, at least two digits, and not a visible counter', () => {
    const d = userDigits(12345)
    const seen = new Set<string>()
    const bad: string[] = []
    for (let k = 0; k < 200_000; k++) {
      const s = d(k)
      if (!/^[1-9]\d+$/.test(s)) bad.push(s)
      seen.add(s)
    }
    expect(bad).toEqual([])
    expect(seen.size).toBe(200_000)
    expect(d(0).length).toBe(2)
    expect(d(89).length).toBe(2)
    expect(d(90).length).toBe(3)
  })
})
