/**
 * tdg's own paths as the benchmark drives them: the `tdg seed` sequence (connect, introspect the live
 * schema, plan with key floors, runPlan into the adapter), the CSV exporter, and generation alone.
 */
import { connect, ddlParser } from '../../adapters/index.js'
import type { DialectId } from '../../src/adapter/adapter.js'
import { generateBatches } from '../../src/generate/index.js'
import type { Plan } from '../../src/model/plan.js'
import { planForTarget, readerOf } from '../../src/pipeline/plan-for-target.js'
import { buildPlan } from '../../src/plan/build-plan.js'
import { seedDatabase } from '../../src/compose/seed-database.js'
import { generateFiles } from '../../src/compose/generate-files.js'
import { targetModel } from '../../src/compose/target-model.js'
import { BENCH_SEED } from './schemas.js'

/** `tdg seed --db url --rows n --seed 42 [--truncate]`: the command's own code path, minus argument parsing and printing. */
export async function tdgSeed(url: string, rows: number, opts: { truncate?: boolean } = {}): Promise<{ rows: number }> {
  const { summary } = await seedDatabase({ db: url, truncate: opts.truncate === true, plan: { rows, seed: BENCH_SEED } })
  return { rows: summary.rows }
}

/**
 * What `tdg generate --format csv` would write for the live schema at `url` (same plan as `tdgSeed`
 * gives an empty table there): one CSV file per table in `dir`, with a header row.
 */
export async function tdgExportCsv(url: string, rows: number, dir: string): Promise<void> {
  const adapter = await connect(url)
  try {
    const target = await targetModel(adapter, undefined, false)
    const plan = await planForTarget(target.model, { rows, seed: BENCH_SEED }, readerOf(adapter))
    await generateFiles({ model: target.model, plan, output: dir, format: 'csv' })
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
