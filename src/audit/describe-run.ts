import type { GeneratorSpec, Plan } from '../model/plan.js'
import type { MaskPlan, MaskSpec } from '../model/mask.js'
import type { RunSummary } from '../pipeline/run.js'
import type { AuditTable } from './audit-record.js'

/** What a generating run wrote: rows per table (from the summary) and each column's generator (from the plan). */
export function planTables(plan: Plan, summary: RunSummary): AuditTable[] {
  const rows = new Map(summary.steps.map((s) => [s.step, s.rows]))
  return plan.steps.map((step) => ({
    table: step.id,
    rows: rows.get(step.id) ?? 0,
    columns: Object.fromEntries(step.columns.map((c) => [c.column, c.omit ? `omitted (${c.omit})` : generatorLabel(c.generator)])),
  }))
}

/**
 * What a copy or in-place mask wrote: rows per table and the masker of each masked column (other
 * columns were copied as read). `sourceOf` maps a written table to the source table its maskers name.
 */
export function maskTables(masks: MaskPlan, written: Array<{ table: string; rows: number }>, sourceOf: (table: string) => string = (t) => t): AuditTable[] {
  const byTable = new Map(masks.tables.map((t) => [`${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}`, t]))
  return written.map((w) => {
    const m = byTable.get(sourceOf(w.table)) ?? byTable.get(w.table)
    return { table: w.table, rows: w.rows, ...(m ? { columns: Object.fromEntries(m.columns.map((c) => [c.column, maskLabel(c.mask)])) } : {}) }
  })
}

/** `faker:email`, `person:first-name`, `fk`, `identity`, … : the kind and its one defining name, never a value. */
export function generatorLabel(g: GeneratorSpec): string {
  const spec = g as { kind: string; semantic?: unknown; field?: unknown; masker?: unknown; method?: unknown }
  const detail = spec.semantic ?? spec.field ?? spec.masker ?? spec.method
  return typeof detail === 'string' ? `${spec.kind}:${detail}` : spec.kind
}

/** `mask:fake full-name`, `mask:hash`, … : the masker's kind (and field), never its parameters' values. */
export function maskLabel(m: MaskSpec): string {
  const field = (m as { field?: unknown }).field
  return `mask:${m.kind}${typeof field === 'string' ? ` ${field}` : ''}`
}
