/**
 * `mask: { generate: <rule> }`: the generator the rule engine builds for that column, as a masker draws it
 * (at a row index given by the keyed hash of the original). Built by planning the column's table with the
 * rule alone, so the rule is checked against the column exactly as a seed run checks it.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { Column, SchemaModel, Table } from '../model/schema.js'
import { buildPlan } from '../plan/build-plan.js'
import { tableKey } from '../plan/insert-order.js'
import { rulesFromObject } from '../rules/load.js'
import { ruleSetError, type RulePath } from '../rules/rule-error.js'
import type { RuleSet } from '../rules/schema.js'
import { isTdgError } from '../errors.js'

/** Kinds that read other columns or parent rows: a masker sees one value, so they cannot replace it. */
const ROW_READING = new Set<GeneratorSpec['kind']>(['fk', 'relative', 'conditional', 'parent-value', 'after-parents', 'age', 'scaled', 'ordinal', 'copy'])

/** The generator of `rule` on `table.column`; TDG_RULES_INVALID at `path` when the rule does not fit. */
export function generatorForRule(model: SchemaModel, table: Table, column: Column, rule: unknown, path: RulePath, rules: RuleSet | undefined): GeneratorSpec {
  const key = tableKey(table)
  const fail = (why: string) => (rules ? ruleSetError(rules, path, why) : ruleSetError({ rules: {} }, path, why))
  let spec: GeneratorSpec | undefined
  try {
    const set = rulesFromObject({ tables: { [key]: { columns: { [column.name]: rule } } } }, rules?.source ?? 'rules')
    const plan = buildPlan(model, { rows: 1, seed: 0, tables: [key], rules: set })
    spec = plan.steps.find((s) => s.id === key)?.columns.find((c) => c.column === column.name)?.generator
  } catch (e) {
    if (!isTdgError(e)) throw e
    // The message names the synthetic path; keep its reason and point at the mask rule.
    throw fail(e.message.replace(/^[^:]*:(\d+:)?\s*tables\.[^:]*:\s*/, ''))
  }
  if (!spec) throw fail(`${key}.${column.name}: the rule gives no generator`)
  if (ROW_READING.has(spec.kind) || (spec.kind === 'template' && /\{\{\s*[a-z_][a-z0-9_]*\s*\}\}/i.test(spec.template)))
    throw fail(`${key}.${column.name}: a '${spec.kind}' rule reads other columns or rows; a masker sees one value — use a rule that needs none (values, regex, faker, range, template of faker paths)`)
  return spec
}
