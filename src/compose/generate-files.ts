import type { Plan } from '../model/plan.js'
import type { SchemaModel } from '../model/schema.js'
import { runPlan, type RunSummary } from '../pipeline/run.js'
import type { ProgressListener } from '../pipeline/progress.js'
import { openFileTarget, type FileFormat } from '../sinks/file-target.js'
import { dialectByName } from '../../adapters/index.js'

export interface GenerateFilesOptions {
  model: SchemaModel
  plan: Plan
  /** Output directory; files are moved into it only when the whole run succeeded. */
  output: string
  /** Default csv. */
  format?: FileFormat
  batchSize?: number
  onProgress?: ProgressListener
}

/**
 * Write a plan's rows to files, one per table (in FK order) plus manifest.json; SQL output uses the
 * model's dialect. Nothing is left half-written on failure.
 */
export async function generateFiles(opts: GenerateFilesOptions): Promise<RunSummary> {
  const { dialect } = await dialectByName(opts.model.dialect).load()
  const target = openFileTarget({ dir: opts.output, format: opts.format ?? 'csv', dialect, tables: opts.model.tables, manifest: { seed: opts.plan.seed } })
  try {
    return await runPlan(opts.plan, target, {
      dialect,
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    })
  } finally {
    await target.close()
  }
}
