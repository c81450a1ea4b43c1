/** The rules file scan-pii writes: `mask:` forms, the commented YAML, and the drift check's lookup that reads it back. */
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { maskSpecToRule } from '../../../../src/mask/pii/mask-rule.js'
import { maskedColumns } from '../../../../src/mask/pii/masked-columns.js'
import { renderPiiRules } from '../../../../src/mask/pii/render-rules.js'
import type { MaskSpec, PiiFinding } from '../../../../src/model/mask.js'
import type { SchemaModel } from '../../../../src/model/schema.js'

describe('maskSpecToRule', () => {
  it.each<[MaskSpec, unknown]>([
    [{ kind: 'keep' }, 'keep'],
    [{ kind: 'null' }, 'null'],
    [{ kind: 'permute' }, 'permute'],
    [{ kind: 'hash', encoding: 'hex' }, 'hash'],
    [{ kind: 'hash', encoding: 'hex', length: 16 }, { hash: { length: 16 } }],
    [{ kind: 'hash', encoding: 'base64' }, { hash: { encoding: 'base64' } }],
    [{ kind: 'redact' }, 'redact'],
    [{ kind: 'redact', with: '…' }, { redact: { with: '…' } }],
    [{ kind: 'redact', keepLength: true, char: '*' }, { redact: { keepLength: true, char: '*' } }],
    [{ kind: 'scramble' }, 'scramble'],
    [{ kind: 'scramble', luhn: true }, { scramble: { luhn: true } }],
    [{ kind: 'fake', field: 'full-name' }, { fake: 'full-name' }],
    [{ kind: 'fake', field: 'email', unique: true }, { fake: { field: 'email', unique: true } }],
    [{ kind: 'constant', value: 0 }, { constant: 0 }],
    [{ kind: 'shift', maxDays: 180 }, { shift: { maxDays: 180 } }],
    [{ kind: 'shift', maxDays: 30, by: ['customer_id'] }, { shift: { maxDays: 30, by: ['customer_id'] } }],
    [{ kind: 'noise', percent: 10 }, { noise: { percent: 10 } }],
    [{ kind: 'generalize', how: { round: 100 } }, { generalize: { round: 100 } }],
    [{ kind: 'generalize', how: { truncate: 'month' } }, { generalize: { truncate: 'month' } }],
    [{ kind: 'shuffle' }, 'shuffle'],
    [{ kind: 'shuffle', window: 10000 }, { shuffle: { window: 10000 } }],
  ])('%j → %j', (spec, rule) => {
    expect(maskSpecToRule(spec)).toEqual(rule)
  })
})

const model: SchemaModel = {
  dialect: 'postgres',
  enums: [],
  domains: [],
  tables: [
    { schema: 'public', name: 'customers', columns: ['contact_name', 'fax', 'email'].map((name) => ({ name, nativeType: 'text', type: { kind: 'text' }, nullable: true })), uniques: [], foreignKeys: [], checks: [] },
    { schema: 'audit', name: 'customers', columns: [{ name: 'fax', nativeType: 'text', type: { kind: 'text' }, nullable: true }], uniques: [], foreignKeys: [], checks: [] },
    { schema: 'public', name: 'staff', columns: [{ name: 'home_phone', nativeType: 'text', type: { kind: 'text' }, nullable: true }], uniques: [], foreignKeys: [], checks: [] },
  ],
}

const finding = (schema: string, table: string, column: string, category: PiiFinding['category'], suggested: MaskSpec, confidence = 0.9): PiiFinding => ({
  table: { schema, name: table },
  column,
  category,
  confidence,
  reasons: [`name "${column}"`, '88% of 91 sampled values look like person names'],
  suggested,
  identifying: false,
})

describe('renderPiiRules', () => {
  const detection = {
    findings: [
      finding('public', 'customers', 'contact_name', 'full-name', { kind: 'fake', field: 'full-name' }, 0.95),
      finding('audit', 'customers', 'fax', 'phone', { kind: 'fake', field: 'phone' }),
      finding('public', 'staff', 'home_phone', 'phone', { kind: 'fake', field: 'phone' }),
    ],
    unsure: [finding('public', 'customers', 'email', 'email', { kind: 'fake', field: 'email', unique: true }, 0.3)],
  }
  const text = renderPiiRules(detection, model, { source: 'postgres://ro:***@db/app', sampleRows: 1000, minConfidence: 0.5 })

  it('a header, one commented line per column, unsure ones as comments; tables named as tableRulesFor finds them', () => {
    expect(text.split('\n').slice(0, 1)).toEqual(['# tdg scan-pii: 3 sensitive columns in 3 tables (postgres://ro:***@db/app, 1000 rows sampled per table)'])
    expect(text).toContain('\n  public.customers:\n    columns:\n      contact_name: { mask: { fake: full-name } } # full-name 0.95: name "contact_name", 88% of 91 sampled values look like person names\n')
    expect(text).toContain('\n  audit.customers:\n    columns:\n      fax: { mask: { fake: phone } } # phone 0.90:')
    // `staff` is unambiguous: its bare name.
    expect(text).toContain('\n  staff:\n    columns:\n      home_phone: { mask: { fake: phone } }')
    expect(text).toContain('#   public.customers.email: { mask: { fake: { field: email, unique: true } } }   # email 0.30:')
    expect(parse(text)).toEqual({
      tables: {
        'public.customers': { columns: { contact_name: { mask: { fake: 'full-name' } } } },
        'audit.customers': { columns: { fax: { mask: { fake: 'phone' } } } },
        staff: { columns: { home_phone: { mask: { fake: 'phone' } } } },
      },
    })
  })

  it('reads back: every finding is masked, the unsure one is not', () => {
    expect([...maskedColumns(parse(text), model)].sort()).toEqual(['audit.customers.fax', 'public.customers.contact_name', 'public.staff.home_phone'])
  })
})

describe('maskedColumns', () => {
  it('tables by schema.name or bare name; match globs with an optional table glob; only rules with a mask count', () => {
    const rules = {
      tables: { customers: { columns: { contact_name: { mask: 'keep' }, email: { regex: '[a-z]+@x\\.io' } } } },
      match: [{ column: '*phone', mask: { fake: 'phone' } }, { column: 'fax', table: 'audit.*', mask: 'redact' }, { column: 'email', faker: { method: 'internet.email' } }],
    }
    expect([...maskedColumns(rules, model)].sort()).toEqual(['audit.customers.fax', 'public.customers.contact_name', 'public.staff.home_phone'])
    expect(maskedColumns(null, model).size).toBe(0)
    expect(maskedColumns({ tables: [], match: 'x' }, model).size).toBe(0)
  })
})
