/**
 * PII verdicts for one profiled table through PII detection itself (`detectPii`: column names in several
 * languages, the sampled texts through the value detectors, the table-level person context), fed with the
 * texts the column accumulators kept. Only findings at detection's default confidence (0.5) count.
 */
import type { PiiCategory } from '../model/mask.js'
import type { Table } from '../model/schema.js'
import type { RowBatch } from '../model/rows.js'
import { detectPii } from '../mask/pii/index.js'

/** Column name → PII verdict, for the columns detection flags. */
export async function piiVerdicts(table: Table, texts: ReadonlyMap<string, readonly string[]>): Promise<Map<string, { category: PiiCategory; confidence: number }>> {
  const model = { dialect: 'postgres' as const, tables: [table], enums: [], domains: [] }
  const detection = await detectPii(
    model,
    (_t, columns) => {
      const lists = columns.map((c) => texts.get(c) ?? [])
      const n = Math.max(0, ...lists.map((l) => l.length))
      if (n === 0) return undefined
      const rows = Array.from({ length: n }, (_, i) => lists.map((l) => l[i] ?? null))
      const batch: RowBatch = { columns, rows }
      return (async function* () {
        yield batch
      })()
    },
    { sampleRows: Math.max(1, ...[...texts.values()].map((l) => l.length)) },
  )
  return new Map(detection.findings.map((f) => [f.column, { category: f.category, confidence: f.confidence }]))
}
