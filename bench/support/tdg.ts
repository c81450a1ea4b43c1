/**
 * tdg's own paths as the benchmark drives them: the `tdg seed` sequence (connect, introspect the live
 * schema, plan with key floors, runPlan into the adapter), the CSV exporter, and generation alone.
 */
import { connect, ddlParser } from '../../adapters/index.js'
import type { DialectId } from '../../src/adapter/adapter.js'
import { generateBatches } from '../../src/generate/index.js'
import type { Plan } from '../../src/model/plan.js'
import { planForTarget } from '../../src/pipeline/plan-for-target.js'
import { runPlan } from '../../src/pipeline/run.js'
import { buildPlan } from '../../src/plan/build-plan.js'
import { targetModel } from '../../src/cli/target-model.js'
import { openFileTarget } from '../../src/sinks/file-target.js'
import { BENCH_SEED } from './schemas.js'

/** What `tdg seed --db url --rows n --seed 42 [--truncate]` does, minus argument parsing and printing. */
export async function tdgSeed(url: string, rows: number, opts: { truncate?: boolean } = {}): Promise<{ rows: number }> {
  const adapter = await connect(url)
  try {
    const target = await targetModel(adapter, undefined, false)
    const plan = await planForTarget(target.model, { rows, seed: BENCH_SEED }, adapter.keyFloor)
    const summary = await runPlan(plan, adapter, { dialect: adapter.dialect, truncate: opts.truncate === true })
    return { rows: summary.rows }
  } finally {
    await adapter.close()
  }
}

/**
 * What `tdg generate --format csv` would write for the live schema at `url` (same plan as `tdgSeed`
 * gives an empty table there): one CSV file per table in `dir`, with a header row.
 */
export async function tdgExportCsv(url: string, rows: number, dir: string): Promise<void> {
  const adapter = await connect(url)
  try {
    const target = await targetModel(adapter, undefined, false)
    const plan = await planForTarget(target.model, { rows, seed: BENCH_SEED }, adapter.keyFloor)
    const files = openFileTarget({ dir, format: 'csv', tables: target.model.tables })
    await runPlan(plan, files)
  } finally {
    await adapter.close()
  }
}

/** The plan of a DDL text, offline (no database): what `tdg generate --schema file` plans. */
export async function planOfDdl(dialect: DialectId, ddl: string, rows: number): Promise<Plan> {
  const parse = await ddlParser(dialect)
  const intro = await parse(ddl)
  return buildPlan(intro.model, { rows, seed: BENCH_SEED })
}

/** Generate every row of every step and drop it; returns the row count. */
export function generateAndDrop(plan: Plan): number {
  let n = 0
  for (const step of plan.steps) {
    for (const batch of generateBatches(plan, step)) n += batch.rows.length
  }
  return n
}
