/**
 * Which rule decides a column: its own `tables.<t>.columns.<c>` rule, else the first `match` rule whose
 * patterns fit the column and table, else none (the built-in choice stays). `use` templates merged.
 */
import type { Table } from '../model/schema.js'
import type { ColumnRule, RuleSet, TableRules } from './schema.js'
import { dottedPath, type RulePath } from './rule-error.js'
import { resolveUse } from './validate.js'
import { matchesName } from './match.js'

/** The rule found for a column, where it is and how `tdg plan` names it. */
export interface FoundRule {
  body: ColumnRule
  path: RulePath
  /** `rule <path> (` or `rule match[j] (column "…", `: the reason's opening; the caller closes it. */
  label: string
  /** The template the rule uses, if any. */
  used: string | undefined
  /** From a `match` pattern (skipped, not fatal, where it does not fit). */
  isMatch: boolean
}

/** The rule for column `column` of table `key` (rules `tr` found under `base`), or undefined. */
export function findColumnRule(set: RuleSet, key: string, table: Table, tr: TableRules | undefined, base: RulePath, column: string): FoundRule | undefined {
  const own = tr?.columns?.[column]
  if (own) {
    const path = [...base, 'columns', column]
    return { body: resolveUse(set, own, path), path, label: `rule ${dottedPath(path)} (`, used: own.use, isMatch: false }
  }
  const j = (set.rules.match ?? []).findIndex((m) => matchesName(m.column, column) && (m.table === undefined || matchesName(m.table, key) || matchesName(m.table, table.name)))
  if (j < 0) return undefined
  const m = set.rules.match![j]!
  const path: RulePath = ['match', j]
  const { column: _c, table: _t, ...rule } = m
  return { body: resolveUse(set, rule, path), path, label: `rule match[${j}] (column "${m.column}", `, used: m.use, isMatch: true }
}
