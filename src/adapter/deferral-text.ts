/**
 * Words every dialect's deferral uses for messages and `tdg plan`: a cycle and an FK as text. Shared so
 * the four dialects name things alike.
 */
import type { DeferredConstraint, ForeignKeyCheck } from '../model/plan.js'
import type { TableRef } from '../model/schema.js'

const tableText = (t: TableRef) => (t.schema ? `${t.schema}.${t.name}` : t.name)

/** `store → staff → store` (child → parent). */
export function cycleText(d: DeferredConstraint): string {
  return d.cycle.join(' → ')
}

/** The distinct cycles of `deferred` (forced ones only when `forcedOnly`), joined with `; `. */
export function cyclesText(deferred: DeferredConstraint[], forcedOnly = false): string {
  return [...new Set(deferred.filter((d) => !forcedOnly || d.forced).map(cycleText))].join('; ')
}

/** `store(manager_staff_id) → staff(staff_id)`, with the constraint name when known. */
export function fkText(fk: ForeignKeyCheck): string {
  const name = fk.constraint ? ` [${fk.constraint}]` : ''
  const cols = fk.parentColumns.length > 0 ? `(${fk.parentColumns.join(', ')})` : ''
  return `${tableText(fk.table)}(${fk.columns.join(', ')}) → ${tableText(fk.parent)}${cols}${name}`
}

/**
 * The entries that break a cycle across rows, without `sameRow` self-references: what a database that
 * checks a row only once all of it is in (PostgreSQL, SQLite, SQL Server) needs deferred.
 */
export function crossRowDeferred(deferred: DeferredConstraint[]): DeferredConstraint[] {
  return deferred.filter((d) => !d.sameRow)
}
