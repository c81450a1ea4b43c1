/**
 * Re-running a shard that had committed (docs/sharding.md): its rows of the phase are deleted first, inside
 * its transaction, so the re-run writes them again instead of failing on their keys. A shard's rows of a
 * phase are all there or none (one transaction), so one probe — deleting the range's last row — says
 * which; only when it was there are the others deleted. Rows go last row first: a self-reference points
 * to earlier rows only, so children leave before their parents.
 */
import type { Writer } from '../adapter/adapter.js'
import type { Plan, PlanStep } from '../model/plan.js'
import type { RowBatch, Value } from '../model/rows.js'
import { compiledStep } from '../generate/compile-column.js'
import type { RowRange } from '../plan/shard.js'

/**
 * Columns that identify a row of `step`: every written column the plan makes unique by construction and
 * never NULL (a superset of a key still matches exactly one row). Empty when there are none.
 */
export function rowKeyColumns(step: PlanStep): string[] {
  return step.columns.filter((c) => c.unique && c.nullRate === 0 && !c.omit && !(c.generator.kind === 'fk' && (c.generator.fixup || c.generator.nullable))).map((c) => c.column)
}

/**
 * Delete this shard's earlier rows of `step` (rows `range`) when a previous run of the shard committed
 * them; the rows deleted. Does nothing (0) when the writer cannot delete by keys or the step has no key.
 */
export async function clearShardRows(plan: Plan, step: PlanStep, range: RowRange, w: Writer, batchSize: number): Promise<number> {
  const keys = rowKeyColumns(step)
  if (!w.deleteKeys || keys.length === 0 || range.end <= range.start) return 0
  const compiled = compiledStep(plan, step.id)
  const values = keys.map((k) => compiled.column(k).cell)
  const row = (i: number): Value[] => values.map((v) => v(i))
  // The probe is the last row: no row of the range points to it (a self-reference points to earlier rows).
  const probe = await w.deleteKeys(step.table, keys, once({ columns: keys, rows: [row(range.end - 1)] }))
  if (probe.rows === 0) return 0
  const rest = await w.deleteKeys(step.table, keys, lastFirst(range.start, range.end - 1, Math.max(1, batchSize), keys, row))
  return probe.rows + rest.rows
}

async function* once(batch: RowBatch): AsyncGenerator<RowBatch> {
  yield batch
}

/** Rows [start, end) as batches, the last row first. */
async function* lastFirst(start: number, end: number, size: number, columns: string[], row: (i: number) => Value[]): AsyncGenerator<RowBatch> {
  for (let to = end; to > start; to -= size) {
    const from = Math.max(start, to - size)
    const rows: Value[][] = []
    for (let i = to - 1; i >= from; i--) rows.push(row(i))
    yield { columns, rows }
  }
}
