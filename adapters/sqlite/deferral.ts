/**
 * SQLite: `PRAGMA defer_foreign_keys = ON` inside the transaction defers every FK check to COMMIT, which
 * checks every row (foreign keys are on in tdg's connections; the pragma switches itself off at COMMIT
 * or ROLLBACK). Declared DEFERRABLE and NOT DEFERRABLE FKs alike; nothing to restore.
 *
 * Because of that, a SQLite seed defers whole a cycle whose cut columns a self-FK reads
 * (`SqlDialect.defersAllForeignKeys`, `PlanOptions.deferCycles`) rather than writing the cut FK NULL and
 * setting it by UPDATE: SQLite 3.53's deferred-violation counter keeps the violation of a row whose
 * self-FK matches the value that UPDATE gives the row itself (its parent scan skips the updated row), so
 * COMMIT failed while `PRAGMA foreign_key_check` was empty.
 */
import type { DeferralSql } from '../../src/adapter/adapter.js'
import type { DeferredConstraint } from '../../src/model/plan.js'
import { crossRowDeferred } from '../../src/adapter/deferral-text.js'

/** `SqlDialect.deferConstraintsSql` for SQLite. */
export function sqliteDeferral(deferred: DeferredConstraint[]): DeferralSql {
  return { before: crossRowDeferred(deferred).length > 0 ? ['PRAGMA defer_foreign_keys = ON'] : [], aroundStep: {}, after: [] }
}

/** `tdg plan`'s line for one deferred FK. */
export function sqliteDeferralMechanism(d: DeferredConstraint): string | undefined {
  if (d.sameRow) return undefined
  return `${d.forced ? `${d.nullable ? 'nullable' : 'NOT NULL'}, not deferrable` : 'DEFERRABLE'}: PRAGMA defer_foreign_keys = ON, every row checked at COMMIT`
}
