/**
 * Which columns a rules file masks: `tables.<t>.columns.<c>.mask` (table by `schema.name` or bare name)
 * and `match[]` entries with a `mask` whose `column` glob (and optional `table` glob) fit. Reads the plain
 * parsed object, so it works before and after the rules schema learns `mask:`.
 */
import type { SchemaModel } from '../../model/schema.js'
import { tableKey } from '../../plan/insert-order.js'
import { matchesName } from '../../rules/match.js'

/** `schema.table.column` (or `table.column` without schemas) of every column of `model` that has a `mask` rule. */
export function maskedColumns(rules: unknown, model: SchemaModel): Set<string> {
  const out = new Set<string>()
  const root = asRecord(rules)
  const tables = asRecord(root?.tables)
  const match = Array.isArray(root?.match) ? root.match.map(asRecord) : []
  for (const t of model.tables) {
    const own = asRecord(tables?.[tableKey(t)]) ?? asRecord(tables?.[t.name])
    const cols = asRecord(own?.columns)
    for (const c of t.columns) {
      const byTable = asRecord(cols?.[c.name])?.mask !== undefined
      const byMatch = match.some(
        (m) => m?.mask !== undefined && typeof m.column === 'string' && matchesName(m.column, c.name) && (typeof m.table !== 'string' || matchesName(m.table, tableKey(t)) || matchesName(m.table, t.name)),
      )
      if (byTable || byMatch) out.add(`${tableKey(t)}.${c.name}`)
    }
  }
  return out
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
}
