import type { Plan, PlanStep } from '../model/plan.js'
import type { RowStream, Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { compiledStep, rowStream } from '../generate/index.js'

/** One generated row as an object keyed by column name (written columns only). */
export type RowObject = Record<string, Value>

/**
 * What `generate()` returns: the plan and index-addressable access to every table's rows. Nothing is
 * held in memory: rows are recomputed from (seed, table, column, index) when asked for.
 */
export class GenerationResult {
  constructor(readonly plan: Plan) {}

  get seed(): Plan['seed'] {
    return this.plan.seed
  }

  /** Tables in insert order with their row counts. */
  get tables(): Array<{ table: string; rows: number }> {
    return this.plan.steps.map((s) => ({ table: s.id, rows: s.rows }))
  }

  /**
   * Rows [start, end) of `table` (`name` or `schema.name`) as objects, with their FINAL values (an FK cut
   * to break a cycle shows the value its fixup sets); default all rows — mind the size.
   */
  rows(table: string, range: { start?: number; end?: number } = {}): RowObject[] {
    const step = this.step(table)
    const compiled = compiledStep(this.plan, step.id)
    const columns = step.columns.filter((c) => !c.omit).map((c) => compiled.column(c.column))
    const start = Math.max(0, range.start ?? 0)
    const end = Math.min(step.rows, range.end ?? step.rows)
    const out: RowObject[] = []
    for (let i = start; i < end; i++) {
      const row: RowObject = {}
      for (const c of columns) row[c.name] = c.final(i)
      out.push(row)
    }
    return out
  }

  /** All rows of `table` as a stream of positional batches (bounded memory). */
  stream(table: string, batchSize = 10_000): RowStream {
    return rowStream(this.plan, this.step(table), { batchSize })
  }

  private step(table: string): PlanStep {
    const step = this.plan.steps.find((s) => s.id === table) ?? this.plan.steps.find((s) => s.table.name === table)
    if (!step) throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${table} is not in the plan (tables: ${this.plan.steps.map((s) => s.id).join(', ')})`, { table })
    return step
  }
}
