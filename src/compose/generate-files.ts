import type { Plan } from '../model/plan.js'
import type { SchemaModel } from '../model/schema.js'
import { runPlan, type RunSummary } from '../pipeline/run.js'
import type { ProgressListener } from '../pipeline/progress.js'
import type { FileFormat } from '../sinks/file-target.js'
import { openOutputTarget, type S3Options } from '../sinks/output-target.js'
import { openStreamTarget, type StreamFormat } from '../sinks/stream-target.js'
import type { ParquetOptions } from '../sinks/parquet/options.js'
import { dialectByName } from '../../adapters/index.js'

export interface GenerateFilesOptions {
  model: SchemaModel
  plan: Plan
  /**
   * Output directory, replaced by the new files only when the whole run succeeded; or `s3://bucket/prefix/`
   * (objects streamed, manifest.json last; a failed run deletes what it uploaded).
   */
  output: string
  /** S3 endpoint, region and credentials for an s3:// output (default: the AWS environment). */
  s3?: S3Options
  /** Told, in one line, what a failed S3 run cleaned up. */
  report?: (line: string) => void
  /** Write one stream here instead of a directory (`--output -`): csv, ndjson or sql; `output` is ignored. */
  stream?: NodeJS.WritableStream
  /** Replace `output` even when it holds files that are not an earlier tdg output. */
  force?: boolean
  /** Cancels the run: the temp directory is removed and the run fails with TDG_INTERRUPTED. */
  signal?: AbortSignal
  /** Default csv. */
  format?: FileFormat
  batchSize?: number
  /** Threads generating rows (`--workers`); default 1. See RunOptions.workers. */
  workers?: number
  onProgress?: ProgressListener
  /** `parquet` only: compression, row group size, parts. */
  parquet?: ParquetOptions
}

import { nowText } from '../plan/now-text.js'
/**
 * Write a plan's rows to files, one per table (in FK order) plus manifest.json, in a directory or
 * under an s3:// prefix; SQL output uses the model's dialect. Nothing is left half-written on failure.
 */
export async function generateFiles(opts: GenerateFilesOptions): Promise<RunSummary> {
  const { dialect } = await dialectByName(opts.model.dialect).load()
  const run = {
    dialect,
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.workers ? { workers: opts.workers } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  }
  if (opts.stream) {
    const target = openStreamTarget({ stream: opts.stream, format: (opts.format ?? 'csv') as StreamFormat, dialect, tables: opts.model.tables })
    return runPlan(opts.plan, target, run)
  }
  const target = openOutputTarget({
    output: opts.output,
    format: opts.format ?? 'csv',
    dialect,
    tables: opts.model.tables,
    manifest: { seed: opts.plan.seed, now: nowText(opts.plan.now) },
    ...(opts.force ? { force: true } : {}),
    ...(opts.parquet ? { parquet: opts.parquet } : {}),
    ...(opts.s3 ? { s3: opts.s3 } : {}),
    ...(opts.report ? { report: opts.report } : {}),
  })
  try {
    return await runPlan(opts.plan, target, run)
  } finally {
    await target.close()
  }
}
