/**
 * The bad-rules corpus (test/bad-input/rules/): every broken rules file gives one clear line naming the
 * file, the line and the dotted path in it (where YAML has them), exit 2 (4 for a plan the schema cannot
 * satisfy) and no stack trace. Driven through `tdg plan --schema … --rules …` as a user would.
 */
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'

const dir = 'test/bad-input/rules'
const schema = 'test/fixtures/postgres/rules-shop.sql'

interface Case {
  file: string
  exit?: number
  /** `file:line: path:` prefix; `undefined` line for files YAML gives none for. */
  line?: number
  path?: string
  /** Further fragments the line must hold. */
  expect: RegExp[]
}

const cases: Case[] = [
  { file: 'unknown-key.yaml', line: 4, path: 'tables.orders.columns.status.valuez', expect: [/unknown key 'valuez' \(did you mean 'values'\?\)/] },
  { file: 'weights-length.yaml', line: 6, path: 'tables.orders.columns.status.weights', expect: [/2 weights for 3 values/] },
  { file: 'yaml-syntax.yaml', line: 4, expect: [/indented|\]/] },
  { file: 'two-generators.yaml', line: 4, path: 'tables.customers.columns.vat_id.regex', expect: [/choose one generator/] },
  { file: 'regex-backreference.yaml', line: 3, path: 'match[0].regex', expect: [/backreferences are not supported/] },
  { file: 'regex-lookahead.yaml', line: 4, path: 'tables.customers.columns.tax_id.regex', expect: [/lookarounds are not supported/] },
  { file: 'unknown-template.yaml', line: 6, path: 'tables.customers.columns.email.use', expect: [/unknown template 'corporat_email' \(did you mean 'corporate_email'\?\)/] },
  { file: 'unknown-faker-method.yaml', line: 4, path: 'tables.customers.columns.country.faker', expect: [/faker has no 'location.countryKode'/] },
  { file: 'bad-template-placeholder.yaml', line: 3, path: 'templates.corporate_email.template', expect: [/person\.nope/] },
  { file: 'bad-between.yaml', line: 4, path: 'tables.customers.columns.signup_at.between[1]', expect: [/'yesterday' is not a date/] },
  { file: 'null-rate-out-of-range.yaml', line: 4, path: 'tables.customers.columns.credit.nullRate', expect: [/\[0, 1\]/] },
  { file: 'unknown-distribution.yaml', line: 4, path: 'tables.customers.columns.credit.distribution', expect: [/"zipf"/] },
  { file: 'range-min-above-max.yaml', line: 5, path: 'tables.customers.columns.score.range', expect: [/min 100 > max 1/] },
  { file: 'unknown-table.yaml', line: 2, path: 'tables.ordrs', expect: [/no table 'ordrs'.*did you mean 'orders'/] },
  { file: 'unknown-column.yaml', line: 4, path: 'tables.orders.columns.stauts', expect: [/did you mean 'status'/] },
  { file: 'values-outside-check.yaml', line: 4, path: 'tables.orders.columns.status.values[1]', expect: [/public\.orders\.status/, /'lost' is not allowed by its CHECK/] },
  { file: 'values-outside-enum.yaml', line: 4, path: 'tables.customers.columns.tier.values[1]', expect: [/'gold' is not a label of enum tier/] },
  { file: 'regex-longer-than-varchar.yaml', line: 4, path: 'tables.customers.columns.vat_id.regex', expect: [/public\.customers\.vat_id/, /14 characters, more than character varying\(11\)/] },
  { file: 'fan-out-unique-fk.yaml', line: 4, path: 'tables.customer_profiles.perParent.customers.max', expect: [/fan-out impossible/, /customer_id/] },
  { file: 'reference-cycle.yaml', line: 4, path: 'tables.customers.columns.signup_at', expect: [/cycle: signup_at → closed_at → signup_at/] },
  { file: 'after-wrong-type.yaml', line: 4, path: 'tables.customers.columns.closed_at.after', expect: [/two date, two timestamp or two numeric columns/] },
  { file: 'null-rate-on-not-null.yaml', line: 4, path: 'tables.customers.columns.email.nullRate', expect: [/public\.customers\.email cannot be NULL/] },
  { file: 'from-without-fk.yaml', line: 4, path: 'tables.customers.columns.country.from', expect: [/no foreign key to 'orders'/] },
  { file: 'when-without-then.yaml', line: 4, path: 'tables.orders.columns.shipped_at.when', expect: [/needs 'then'/] },
  { file: 'match-bad-regex.yaml', line: 2, path: 'match[0].column', expect: [/bad regular expression/] },
  { file: 'not-a-mapping.yaml', line: 1, path: '(top)', expect: [/must be a mapping/] },
  { file: 'empty.yaml', path: '(top)', expect: [/empty/] },
  { file: 'rule-on-foreign-key.yaml', line: 4, path: 'tables.orders.columns.customer_id', expect: [/is a foreign key/] },
  { file: 'duplicate-key.yaml', line: 4, expect: [/unique/] },
  { file: 'weights-without-values.json', line: 5, path: 'tables.orders.columns.status.weights', expect: [/weights need 'values'/] },
  { file: 'template-cycle.yaml', line: 4, path: 'tables.customers.columns.email', expect: [/cycle: email → nickname → email/] },
  { file: 'template-own-column.yaml', line: 4, path: 'tables.customers.columns.backup_email.template', expect: [/\{\{backup_email\}\} is the column itself/] },
  { file: 'unknown-locale.yaml', line: 4, path: 'tables.customers.columns.nickname.locale', expect: [/unknown locale 'klingon' \(faker locales such as en, en_GB, de/] },
  { file: 'quantiles-descending.yaml', line: 4, path: 'tables.customers.columns.credit.distribution.quantiles[1]', expect: [/5 is below the point before it: quantiles ascend/] },
  { file: 'seasonality-wrong-length.yaml', line: 7, path: 'tables.customers.columns.signup_at.seasonality.weekday', expect: [/needs 7 shares \(Monday first\)/] },
  { file: 'quantiles-on-text.yaml', line: 4, path: 'tables.customers.columns.vat_id.distribution', expect: [/public\.customers\.vat_id: quantiles need a numeric, date or timestamp column/] },
  { file: 'unique-values-too-few.yaml', exit: 4, expect: [/TDG_PLAN_UNSATISFIABLE/, /public\.customers\.source/, /tables\.customers\.columns\.source/, /only 3 distinct values, but 10 rows/] },
]

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

describe('broken rules files give one clear line with file, line and path', () => {
  it('has at least 20 cases, one per file of the corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20)
    expect(cases.map((c) => c.file).sort()).toEqual(readdirSync(dir).sort())
  })

  for (const c of cases) {
    it.concurrent(c.file, async () => {
      const r = await runCli(['plan', '--schema', schema, '--rules', `${dir}/${c.file}`, '--seed', '1'])
      expect(r.code, r.stderr).toBe(c.exit ?? 2)
      expect(r.stdout).toBe('')
      const lines = r.stderr.trimEnd().split('\n')
      expect(lines, r.stderr).toHaveLength(1)
      const line = lines[0]!
      if ((c.exit ?? 2) === 2) {
        const where = `${dir}/${c.file}${c.line !== undefined ? `:${c.line}` : ''}: ${c.path !== undefined ? `${c.path}: ` : ''}`
        expect(line).toMatch(new RegExp(`^tdg: error TDG_RULES_INVALID: ${escape(where)}`))
      }
      for (const re of c.expect) expect(line).toMatch(re)
      expect(r.stderr).not.toMatch(/^\s+at /m)
    })
  }

  it('a missing rules file is TDG_FILE_READ naming it', async () => {
    const r = await runCli(['plan', '--schema', schema, '--rules', `${dir}/no-such-rules.yaml`])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe(`tdg: error TDG_FILE_READ: ${dir}/no-such-rules.yaml: no such file`)
  })
})
