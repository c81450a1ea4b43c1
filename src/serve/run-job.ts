import { match } from 'ts-pattern'
import type { Plan } from '../model/plan.js'
import type { RunSummary } from '../pipeline/run.js'
import type { ProgressListener } from '../pipeline/progress.js'
import { seedDatabase } from '../compose/seed-database.js'
import { generateFiles } from '../compose/generate-files.js'
import { loadSchema } from '../compose/load-schema.js'
import { buildPlan } from '../plan/build-plan.js'
import { planOptions } from '../cli/plan-options.js'
import { parquetOptionsOf } from '../cli/parquet-flags.js'
import type { FileFormat } from '../sinks/file-target.js'
import { TdgError } from '../errors.js'
import { checkDbAllowed, checkOutputAllowed, type AllowLists } from './allow-list.js'
import type { ExportJobRequest, GenerateJobRequest, JobRequest, SeedJobRequest } from './job-schema.js'

/** What a job's run gives back: the plan written and the run's summary. */
export interface JobResult {
  plan: Plan
  summary: RunSummary
}

export interface RunJobOptions {
  signal: AbortSignal
  onProgress: ProgressListener
  allow: AllowLists
}

/**
 * Check a job's request against the allow-lists before it is queued: TDG_API_FORBIDDEN naming the
 * `serve.allow` key that refuses its database or output.
 */
export function checkJobAllowed(req: JobRequest, allow: AllowLists): void {
  if (req.db !== undefined) checkDbAllowed(req.db, allow)
  if (req.kind === 'generate') {
    if ((req.schema === undefined) === (req.db === undefined)) throw new TdgError('TDG_USAGE', 'a generate job needs exactly one of schema or db')
    checkOutputAllowed(req.output, allow)
  }
  if (req.kind === 'export') checkOutputAllowed(req.output, allow)
  if (req.kind === 'seed' && req.create && !req.schema) throw new TdgError('TDG_USAGE', 'create needs schema (the DDL file to execute)')
}

/**
 * Run one job as the CLI runs the same command: the same compose functions (`seedDatabase`,
 * `loadSchema` + `buildPlan` + `generateFiles`, `exportDatabase`), the same option parsing (`planOptions`); no pipeline of
 * its own. The allow-lists are checked again here: a queued job may outlive a config change.
 */
export async function runJob(req: JobRequest, opts: RunJobOptions): Promise<JobResult> {
  checkJobAllowed(req, opts.allow)
  return match(req)
    .with({ kind: 'seed' }, (r) => runSeed(r, opts))
    .with({ kind: 'generate' }, (r) => runGenerate(r, opts))
    .with({ kind: 'export' }, (r) => runExport(r, opts))
    .exhaustive()
}

async function runSeed(req: SeedJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const { opts: plan } = await planOptions(req)
  return seedDatabase({
    db: req.db,
    ...(req.schema ? { schemaFile: req.schema } : {}),
    create: req.create === true,
    truncate: req.truncate === true,
    plan,
    ...(req.batchSize ? { batchSize: req.batchSize } : {}),
    signal: opts.signal,
    onProgress: opts.onProgress,
  })
}

async function runGenerate(req: GenerateJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const output = checkOutputAllowed(req.output, opts.allow)
  const format = (req.format ?? 'csv') as FileFormat
  const parquet = parquetOptionsOf(format, req)
  const loaded = await loadSchema(req.schema ? { kind: 'file', path: req.schema, ...(req.dialect ? { dialect: req.dialect } : {}) } : { kind: 'db', url: req.db! })
  const plan = buildPlan(loaded.model, (await planOptions(req)).opts)
  const summary = await generateFiles({
    model: loaded.model,
    plan,
    output,
    format,
    ...(req.force ? { force: true } : {}),
    ...parquet,
    ...(req.batchSize ? { batchSize: req.batchSize } : {}),
    signal: opts.signal,
    onProgress: opts.onProgress,
  })
  return { plan, summary }
}

async function runExport(req: ExportJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const output = checkOutputAllowed(req.output, opts.allow)
  const format = (req.format ?? 'csv') as FileFormat
  const { exportDatabase } = await import('../compose/export-database.js')
  const r = await exportDatabase({
    db: req.db,
    output,
    format,
    ...parquetOptionsOf(format, req),
    ...(req.tables ? { tables: req.tables } : {}),
    where: req.where ?? [],
    ...(req.rules ? { rulesFile: req.rules } : {}),
    maskSensitive: req.maskSensitive === true,
    allowUnmapped: req.allowUnmapped === true,
    force: req.force === true,
    // Notes (masking choices, the snapshot's consistency) are the CLI's stderr lines; a job has no terminal.
    report: () => undefined,
    ...(req.batchSize ? { batchSize: req.batchSize } : {}),
    signal: opts.signal,
    onProgress: opts.onProgress,
  })
  return { plan: r.plan, summary: r.summary }
}
