/**
 * Expression nodes back to SQL text, then through the same functions the live introspector uses
 * (`dialect.classifyDefault`, `analyzeCheck`): that shared path is what gives DDL/live parity.
 */
import type { Node } from 'libpg-query'
import { deparseSync } from 'pgsql-deparser'
import type { CheckConstraint, CheckShape, ColumnDefault } from '../../model/schema.js'
import { analyzeCheck } from '../../adapter/check-shape.js'
import { displaySequence } from './names.js'
import type { DdlState } from './state.js'

/** SQL text of an expression node, on one line. */
export function exprSql(node: Node): string {
  return deparseSync(node, { pretty: false }).trim()
}

/**
 * Classify a DEFAULT expression; a `nextval` sequence is re-spelled the way the catalog would show it
 * (unqualified in the table's own schema, else qualified) after resolving it through the search_path.
 */
export function classifyDefaultNode(state: DdlState, node: Node, tableSchema: string): ColumnDefault {
  const def = state.dialect.classifyDefault(exprSql(node))
  if (def.kind !== 'sequence') return def
  const parts = def.sequence.split('.')
  const name = parts.pop() ?? def.sequence
  const schema = parts.pop() ?? state.findSequence(undefined, name)?.schema ?? tableSchema
  return { kind: 'sequence', sequence: displaySequence(schema, name, tableSchema) }
}

/**
 * PostgreSQL stores `x BETWEEN a AND b` as `x >= a AND x <= b`, so its catalog never shows a BETWEEN;
 * spelling the DDL's BETWEEN the same way keeps DDL and live shapes identical.
 */
function asCatalogShapes(shapes: CheckShape[]): CheckShape[] {
  return shapes.flatMap((s): CheckShape[] =>
    s.kind === 'between'
      ? [{ kind: 'compare', column: s.column, op: '>=', value: s.min }, { kind: 'compare', column: s.column, op: '<=', value: s.max }]
      : [s])
}

/** A CheckConstraint from a CHECK expression node. */
export function checkFromNode(node: Node, name: string | undefined): CheckConstraint {
  const expression = exprSql(node)
  const analysis = analyzeCheck(expression)
  const parsed = asCatalogShapes(analysis.parsed)
  const fullyParsed = analysis.fullyParsed
  const check: CheckConstraint = { expression, parsed, fullyParsed }
  return name === undefined ? check : { name, ...check }
}
