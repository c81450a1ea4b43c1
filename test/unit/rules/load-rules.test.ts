/** The rules loader: YAML and JSON, strict shapes, dotted paths with lines, "did you mean", templates. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRules, parseRules, rulesFromObject } from '../../../src/rules/load.js'
import { thrown } from '../plan/model-builders.js'

describe('loading rules', () => {
  it('parses the issue example into a typed model with a line for every path', () => {
    const set = loadRules('test/fixtures/rules/custom_rules.yaml')
    expect(set.rules.tables?.customers?.rows).toBe(100_000)
    expect(set.rules.tables?.customers?.columns?.tier).toEqual({ values: ['free', 'pro', 'enterprise'], weights: [80, 18, 2] })
    expect(set.rules.tables?.orders?.perParent?.customers).toEqual({ min: 0, max: 20, distribution: 'zipf' })
    expect(set.rules.match?.[1]).toEqual({ column: '/^(ssn|tax_id)$/', regex: '[0-9]{3}-[0-9]{2}-[0-9]{4}' })
    expect(set.lines?.['tables.customers.columns.tier.weights']).toBe(9)
    expect(set.lines?.['match[1]']).toBe(31)
  })

  it('JSON files get lines too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-rules-'))
    const file = join(dir, 'r.json')
    writeFileSync(file, '{\n  "tables": {\n    "t": {\n      "columns": { "c": { "nullRate": 2 } }\n    }\n  }\n}\n')
    const e = thrown(() => loadRules(file))
    expect(e.code).toBe('TDG_RULES_INVALID')
    expect(e.message).toBe(`${file}:4: tables.t.columns.c.nullRate: must be in [0, 1]`)
    expect(e.details).toMatchObject({ file, path: 'tables.t.columns.c.nullRate', line: 4 })
  })

  it('unknown keys name the path and suggest the closest known key at that level', () => {
    expect(thrown(() => parseRules('tabels: {}', 'r.yaml')).message).toBe("r.yaml:1: tabels: unknown key 'tabels' (did you mean 'tables'?)")
    expect(thrown(() => parseRules('tables:\n  t:\n    colums: {}\n', 'r.yaml')).message).toBe("r.yaml:3: tables.t.colums: unknown key 'colums' (did you mean 'columns'?)")
    expect(thrown(() => parseRules('tables:\n  t:\n    columns:\n      c: { range: { min: 1, maks: 2 } }\n', 'r.yaml')).message).toMatch(/^r\.yaml:4: tables\.t\.columns\.c\.range\.maks: unknown key 'maks' \(did you mean 'max'\?\)$/)
    expect(thrown(() => parseRules('match:\n  - { column: x, tabel: y, constant: 1 }\n', 'r.yaml')).message).toMatch(/match\[0\]\.tabel: unknown key 'tabel' \(did you mean 'table'\?\)/)
    expect(thrown(() => parseRules('tables:\n  t:\n    columns:\n      c: { zzzzzz: 1 }\n', 'r.yaml')).message).toBe("r.yaml:4: tables.t.columns.c.zzzzzz: unknown key 'zzzzzz'")
  })

  it('nested then/else rules are validated strictly too', () => {
    const e = thrown(() => parseRules('tables:\n  t:\n    columns:\n      c:\n        when: { s: x }\n        then: { aftr: d }\n', 'r.yaml'))
    expect(e.message).toMatch(/^r\.yaml:6: tables\.t\.columns\.c\.then\.aftr: unknown key 'aftr' \(did you mean 'after'\?\)$/)
  })

  it('type errors say what was expected', () => {
    expect(thrown(() => parseRules('tables:\n  t:\n    rows: many\n', 'r.yaml')).message).toBe('r.yaml:3: tables.t.rows: expected number, got string')
  })

  it('rules given as an object (API) are validated the same way, without lines', () => {
    const set = rulesFromObject({ tables: { t: { columns: { c: { use: 'email' } } } } })
    expect(set.rules.tables?.t?.columns?.c).toEqual({ use: 'email' })
    expect(thrown(() => rulesFromObject({ tables: { t: { columns: { c: { use: 'emial' } } } } })).message).toBe(
      "rules: tables.t.columns.c.use: unknown template 'emial' (did you mean 'email'?)",
    )
  })

  it('a template and a rule cannot both choose the generator', () => {
    const e = thrown(() => parseRules('templates:\n  x: { regex: "[a-z]{3}" }\ntables:\n  t:\n    columns:\n      c: { use: x, values: [a] }\n', 'r.yaml'))
    expect(e.message).toBe("r.yaml:6: tables.t.columns.c.values: 'values' conflicts with 'regex' of template 'x': choose one generator")
  })
})
