import type { Plan } from '../model/plan.js'
import type { SchemaModel } from '../model/schema.js'
import { runPlan, type RunSummary } from '../pipeline/run.js'
import type { ProgressListener } from '../pipeline/progress.js'
import { openFileTarget, type FileFormat } from '../sinks/file-target.js'
import { openStreamTarget, type StreamFormat } from '../sinks/stream-target.js'
import type { ParquetOptions } from '../sinks/parquet/options.js'
import { dialectByName } from '../../adapters/index.js'

export interface GenerateFilesOptions {
  model: SchemaModel
  plan: Plan
  /** Output directory; it is replaced by the new files only when the whole run succeeded. */
  output: string
  /** Write one stream here instead of a directory (`--output -`): csv, ndjson or sql; `output` is ignored. */
  stream?: NodeJS.WritableStream
  /** Replace `output` even when it holds files that are not an earlier tdg output. */
  force?: boolean
  /** Cancels the run: the temp directory is removed and the run fails with TDG_INTERRUPTED. */
  signal?: AbortSignal
  /** Default csv. */
  format?: FileFormat
  batchSize?: number
  onProgress?: ProgressListener
  /** `parquet` only: compression, row group size, parts. */
  parquet?: ParquetOptions
}

import { nowText } from '../plan/now-text.js'
/**
 * Write a plan's rows to files, one per table (in FK order) plus manifest.json; SQL output uses the
 * model's dialect. Nothing is left half-written on failure.
 */
export async function generateFiles(opts: GenerateFilesOptions): Promise<RunSummary> {
  const { dialect } = await dialectByName(opts.model.dialect).load()
  const run = {
    dialect,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  }
  if (opts.stream) {
    const target = openStreamTarget({ stream: opts.stream, format: (opts.format ?? 'csv') as StreamFormat, dialect, tables: opts.model.tables })
    return runPlan(opts.plan, target, run)
  }
  const target = openFileTarget({
    dir: opts.output,
    format: opts.format ?? 'csv',
    dialect,
    tables: opts.model.tables,
    manifest: { seed: opts.plan.seed, now: nowText(opts.plan.now) },
    ...(opts.force ? { force: true } : {}),
    ...(opts.parquet ? { parquet: opts.parquet } : {}),
  })
  try {
    return await runPlan(opts.plan, target, run)
  } finally {
    await target.close()
  }
}
