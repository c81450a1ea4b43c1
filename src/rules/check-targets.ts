/** Rules name tables and columns of the schema: each must exist (with a "did you mean" otherwise). */
import type { SchemaModel, Table } from '../model/schema.js'
import { tableKey } from '../plan/insert-order.js'
import type { RuleSet, TableRules } from './schema.js'
import { didYouMean, ruleSetError } from './rule-error.js'

/** Throws TDG_RULES_INVALID at the first `tables.<t>` or `tables.<t>.columns.<c>` the schema lacks. */
export function checkRuleTargets(set: RuleSet, model: SchemaModel): void {
  const allNames = model.tables.flatMap((t) => [tableKey(t), t.name])
  for (const [name, tr] of Object.entries(set.rules.tables ?? {})) {
    const t = model.tables.find((x) => tableKey(x) === name) ?? model.tables.find((x) => x.name === name)
    if (!t) throw ruleSetError(set, ['tables', name], `no table '${name}' in the schema${didYouMean(name, allNames)}`)
    for (const c of Object.keys(tr.columns ?? {}))
      if (!t.columns.some((x) => x.name === c))
        throw ruleSetError(set, ['tables', name, 'columns', c], `no column '${c}' in ${tableKey(t)}${didYouMean(c, t.columns.map((x) => x.name))}`)
  }
}

/** The rules of a table (by `schema.name`, then by bare name) and the key they are under. */
export function tableRulesFor(set: RuleSet, t: Table): [string, TableRules] | undefined {
  const ruleTables = set.rules.tables ?? {}
  for (const k of [tableKey(t), t.name]) {
    const tr = ruleTables[k]
    if (tr) return [k, tr]
  }
  return undefined
}
