/** `from: parentTable.column`: the value of the parent row the (single) FK to that table picked. */
import { tableKey } from '../../plan/insert-order.js'
import { didYouMean } from '../rule-error.js'
import { family, type RuleKind } from './rule-kind.js'

/** A copy of the parent's column; refused when the FK to the parent is missing or ambiguous. */
export const fromParentKind: RuleKind = (rule, ctx, h) => {
  const from = rule.from!
  const dot = from.lastIndexOf('.')
  const parentName = from.slice(0, dot)
  const parentColumn = from.slice(dot + 1)
  const edges = ctx.edges.filter((e) => !e.self && (e.parent === parentName || ctx.tables.get(e.parent)?.name === parentName))
  const groups = [...new Set(edges.map((e) => e.group))]
  if (groups.length === 0) return h.fail('from', `${ctx.table} has no foreign key to '${parentName}'`)
  if (groups.length > 1) return h.fail('from', `${ctx.table} has ${groups.length} foreign keys to '${parentName}'; which parent row is meant is ambiguous`)
  const edge = edges[0]!
  const parent = ctx.tables.get(edge.parent)!
  const pc = parent.columns.find((c) => c.name === parentColumn)
  if (!pc) return h.fail('from', `no column '${parentColumn}' in ${tableKey(parent)}${didYouMean(parentColumn, parent.columns.map((c) => c.name))}`)
  if (family(pc) !== h.fam) return h.fail('from', `${tableKey(parent)}.${parentColumn} (${pc.nativeType}) does not fit ${ctx.column.nativeType}`)
  return h.out({ kind: 'parent-value', via: edge.fk.columns[0]!, parentStep: edge.parent, parentColumn }, `from ${from}`, [edge.fk.columns[0]!], edge.nullable)
}
