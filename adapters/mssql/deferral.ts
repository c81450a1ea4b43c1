/**
 * SQL Server has no deferrable constraints. A deferred FK of a NOT NULL cycle is switched off with
 * `ALTER TABLE … NOCHECK CONSTRAINT fk` for the load and switched back on with
 * `ALTER TABLE … WITH CHECK CHECK CONSTRAINT fk` before COMMIT, which re-validates every row and makes the
 * constraint trusted again; both are transactional. An FK without a known name (a DDL file's inline FK)
 * takes `CONSTRAINT ALL` of its table: more constraints switched off, and all of them re-validated.
 */
import type { DeferralSql } from '../../src/adapter/adapter.js'
import { crossRowDeferred, fkText } from '../../src/adapter/deferral-text.js'
import type { DeferredConstraint } from '../../src/model/plan.js'
import type { TableRef } from '../../src/model/schema.js'

type Quote = (name: string) => string
type Qualify = (ref: TableRef) => string

/** Build `SqlDialect.deferConstraintsSql` for SQL Server from its quoting functions. */
export function mssqlDeferral(quoteIdent: Quote, qualify: Qualify): (deferred: DeferredConstraint[]) => DeferralSql {
  return (deferred) => {
    const seen = new Set<string>()
    const targets: Array<{ d: DeferredConstraint; table: string; name: string }> = []
    for (const d of crossRowDeferred(deferred)) {
      const t = { d, table: qualify(d.table), name: d.constraint ? quoteIdent(d.constraint) : 'ALL' }
      if (seen.has(`${t.table} ${t.name}`)) continue
      seen.add(`${t.table} ${t.name}`)
      targets.push(t)
    }
    return {
      before: targets.map((t) => `ALTER TABLE ${t.table} NOCHECK CONSTRAINT ${t.name}`),
      aroundStep: {},
      after: targets.map((t) => ({
        sql: `ALTER TABLE ${t.table} WITH CHECK CHECK CONSTRAINT ${t.name}`,
        fails: `rows without a parent for ${fkText(t.d)} (loaded with NOCHECK)`,
      })),
      ...(targets.length > 0 ? { requires: 'ALTER permission on the tables (ALTER TABLE … NOCHECK CONSTRAINT)' } : {}),
    }
  }
}

/** `tdg plan`'s line for one deferred FK. */
export function mssqlDeferralMechanism(d: DeferredConstraint): string | undefined {
  if (d.sameRow) return undefined
  return 'NOT NULL, no deferrable constraints in SQL Server: NOCHECK CONSTRAINT for the load, WITH CHECK CHECK CONSTRAINT before COMMIT (every row re-validated, trusted again)'
}
