/**
 * Checks of a table's CHECK constraints before planning, so that nothing is written that breaks one
 * silently: a CHECK naming a column the table does not have, and a CHECK part tdg does not understand
 * (its columns must then be covered by rules, or the plan is refused).
 */
import type { CheckConstraint, Table } from '../model/schema.js'
import { shapeColumns, unparsedConjuncts } from '../adapter/check-shape.js'

/** `CHECK name` or `CHECK (expression)`, as messages name a CHECK. */
export function checkLabel(check: CheckConstraint): string {
  const text = check.expression.replace(/^\s*check\s*/i, '')
  return check.name !== undefined ? `CHECK ${check.name}` : `CHECK ${text.startsWith('(') ? text : `(${text})`}`
}

/** A table column by name: exact, else case-folded. */
export function resolveColumn(table: Table, name: string): string | undefined {
  return table.columns.find((c) => c.name === name)?.name ?? table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())?.name
}

/** The first column a CHECK's understood shapes name that `table` does not have. */
export function unresolvedCheckColumn(table: Table, check: CheckConstraint): string | undefined {
  for (const shape of check.parsed) for (const c of shapeColumns(shape)) if (resolveColumn(table, c) === undefined) return c
  return undefined
}

/**
 * CHECK parts tdg does not understand (a disjunction, a function call, arithmetic…), with the table
 * columns each names. Rows written without keeping them could break them, so the planner refuses them
 * unless rules cover those columns; a part naming no column of the table does not depend on the rows.
 */
export function unsupportedChecks(table: Table): Array<{ check: CheckConstraint; columns: string[]; disjunction: boolean }> {
  const out: Array<{ check: CheckConstraint; columns: string[]; disjunction: boolean }> = []
  for (const check of table.checks) {
    if (check.fullyParsed) continue
    for (const { names: idents, or } of unparsedConjuncts(check.expression)) {
      const columns = [...new Set(idents.map((i) => resolveColumn(table, i)).filter((c): c is string => c !== undefined))]
      out.push({ check, columns, disjunction: or })
    }
  }
  return out
}
