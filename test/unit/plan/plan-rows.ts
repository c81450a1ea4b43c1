/** The rows a plan generates for one table, as records (column → value); batches of `batchSize`. */
import { generateBatches } from '../../../src/generate/index.js'
import type { Plan } from '../../../src/model/plan.js'
import type { Value } from '../../../src/model/rows.js'

export function planRows(plan: Plan, tableName: string, batchSize = 500): Array<Record<string, Value>> {
  const step = plan.steps.find((s) => s.table.name === tableName)
  if (!step) throw new Error(`no step for ${tableName}`)
  const out: Array<Record<string, Value>> = []
  for (const b of generateBatches(plan, step, { batchSize })) for (const r of b.rows) out.push(Object.fromEntries(b.columns.map((c, j) => [c, r[j]!])))
  return out
}
