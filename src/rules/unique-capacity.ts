/** `unique: true` rules hold by construction only if their generator has enough distinct values. */
import type { PlanStep } from '../model/plan.js'
import { TdgError } from '../errors.js'
import { domainSize } from '../plan/domain.js'
import { dottedPath } from './rule-error.js'
import { cellKey, type RuleState } from './rule-state.js'

/** Throws TDG_PLAN_UNSATISFIABLE for the first unique rule whose domain is smaller than its row count. */
export function checkUniqueCapacity(state: RuleState, steps: PlanStep[]): void {
  for (const step of steps)
    for (const c of step.columns) {
      const rule = state.uniqueRules.get(cellKey(step.id, c.column))
      if (!rule) continue
      const size = domainSize(c.generator)
      if (size < step.requestedRows)
        throw new TdgError(
          'TDG_PLAN_UNSATISFIABLE',
          `${step.id}.${c.column}: the unique rule ${dottedPath(rule.path)} allows ${size === 0 ? 'no guaranteed distinct values' : `only ${size} distinct values`}, but ${step.requestedRows} rows are requested`,
          { table: step.id, column: c.column, path: dottedPath(rule.path) },
        )
    }
}
