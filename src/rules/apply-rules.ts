/**
 * The planner's hook into the rules: per table, a column rule (`tables.<t>.columns.<c>`) beats a match
 * rule (`match[i]`), which beats the built-in choice. Also row counts (`tables.<t>.rows`), per-parent
 * fan-out (counts settled at plan time), `unique` capacity checks and reference-cycle detection.
 *
 * This file only wires the phases together; each job is its own file, so a new rule kind is one file:
 * check-targets.ts (tables/columns exist), find-column-rule.ts (which rule decides a column),
 * apply-column-rule.ts (the rule applied to a draft; generators from column-spec.ts), fan-out-rule.ts
 * (`perParent` and the counts it settles), column-deps.ts (reads between columns, cycles),
 * unique-capacity.ts (unique rules vs row counts).
 */
import type { PlanStep } from '../model/plan.js'
import type { SchemaModel, Table } from '../model/schema.js'
import type { Issue } from '../errors.js'
import type { FkEdge } from '../plan/fk-graph.js'
import type { RuleSet } from './schema.js'
import { checkRuleTargets, tableRulesFor } from './check-targets.js'
import { findColumnRule } from './find-column-rule.js'
import { applyColumnRule } from './apply-column-rule.js'
import { applyFanOut, settleFanOuts } from './fan-out-rule.js'
import { settleColumnDeps, type ColumnDeps } from './column-deps.js'
import { checkUniqueCapacity } from './unique-capacity.js'
import { scaleCount } from './scale.js'
import { cellKey, type RuleState } from './rule-state.js'
import type { RuleDraftColumn, RuleTableInput } from './rule-draft.js'
import { hasLocale, ruleLocale, withLocale } from './locale-rule.js'
import { dottedPath, type RulePath } from './rule-error.js'

export type { RuleDraftColumn, RuleTableInput } from './rule-draft.js'

/** The rules bound to one schema, for one plan. */
export interface PlanRules {
  /** Replace the drafts' generators by their rules; returns extra UNIQUE column sets (`unique: true`). */
  applyTable(input: RuleTableInput): string[][]
  /** `tables.<t>.rows` for a table, scaled. */
  rowsOf(table: Table): number | undefined
  /** A rule's null share for a column, when a rule decides it. */
  nullRate(table: string, column: string): number | undefined
  /** Settle counts with fan-outs: a fan-out child's count is the sum of its parents' children. */
  settle(order: string[], requested: Map<string, number>, run: (requested: Map<string, number>, issues: Issue[]) => Map<string, number>, issues: Issue[], cliRows?: Record<string, number>): Map<string, number>
  /** Final checks on the built steps (unique capacity). Throws TDG_PLAN_UNSATISFIABLE. */
  check(steps: PlanStep[]): void
}

/** Bind `set` to a schema. Tables and columns the rules name must exist (TDG_RULES_INVALID otherwise). */
/** `scale` (`--scale`, default 1) multiplies the rules' `rows` (see scale.ts). */
export function prepareRules(set: RuleSet, model: SchemaModel, tables: Map<string, Table>, edges: FkEdge[], seed: string | number, scale = 1): PlanRules {
  checkRuleTargets(set, model)
  const state: RuleState = {
    set,
    tables,
    seed,
    scale,
    now: Math.floor(Date.now() / 86_400_000) * 86_400,
    referenced: new Set(edges.flatMap((e) => e.fk.references.columns.map((c) => cellKey(e.parent, c)))),
    nullRates: new Map(),
    uniqueRules: new Map(),
    fanouts: [],
  }
  return {
    rowsOf: (t) => {
      const rows = tableRulesFor(set, t)?.[1].rows
      return rows === undefined ? undefined : scaleCount(rows, scale)
    },
    nullRate: (table, column) => state.nullRates.get(cellKey(table, column)),
    applyTable: (input) => applyTable(state, input),
    settle: (order, requested, run, issues, cliRows) => settleFanOuts(state, order, requested, run, issues, cliRows),
    check: (steps) => checkUniqueCapacity(state, steps),
  }
}

/** The rules of one table applied to its drafts; returns the extra UNIQUE column sets. */
function applyTable(state: RuleState, input: RuleTableInput): string[][] {
  const { key, table, columns, cons, edges, cut } = input
  const found = tableRulesFor(state.set, table)
  const tr = found?.[1]
  const base: RulePath = found ? ['tables', found[0]] : []
  const extraUniques: string[][] = []
  const deps: ColumnDeps = new Map()
  if (tr?.perParent) applyFanOut(state, key, table, tr, base, columns, edges, cut)
  for (const c of columns) {
    const rule = findColumnRule(state.set, key, table, tr, base, c.name)
    if (!rule) continue
    const applied = applyColumnRule(state, input, c, rule)
    if (!applied) continue
    if (applied.deps) deps.set(c.name, applied.deps)
    if (applied.unique) extraUniques.push([c.name])
  }
  if (tr?.locale !== undefined) localizeTable(ruleLocale(tr.locale), [...base, 'locale'], columns)
  settleColumnDeps(state.set, key, columns, cons, deps)
  return extraUniques
}

/** `tables.<t>.locale`: every faker-backed column without a locale of its own takes the table's. */
function localizeTable(locale: string, path: RulePath, columns: RuleDraftColumn[]): void {
  for (const c of columns) {
    if (c.omit === 'generated' || hasLocale(c.spec)) continue
    const localized = withLocale(c.spec, locale)
    if (!localized) continue
    c.spec = localized
    c.reason = `${c.reason}; locale ${locale} (rule ${dottedPath(path)})`
  }
}
