import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { match } from 'ts-pattern'
import { throwIfInterrupted } from '../pipeline/abort.js'
import { DEFAULT_PROFILE_SAMPLE } from '../profile/defaults.js'
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
import { parseShard, shardPhases } from '../plan/shard.js'
import { checkDbAllowed, checkOutputAllowed, type AllowLists } from './allow-list.js'
import type { CloneJobRequest, ExportJobRequest, GenerateJobRequest, JobRequest, MaskJobRequest, ProfileJobRequest, SeedJobRequest } from './job-schema.js'
import type { AuditTable } from '../audit/audit-record.js'
import { maskTables, planTables } from '../audit/describe-run.js'

/**
 * What a job's run gives back: the seed of generated rows (seed and generate jobs only), its duration,
 * the rows it wrote (masked, for a mask job; profiled, for a profile job) and the audit's table lines.
 */
export interface JobResult {
  seed?: string | number
  ms: number
  written: { rows: number; tables: Array<{ table: string; rows: number; ms?: number }> }
  tables: AuditTable[]
}

/** The result of a run that generated the steps of `plan`. */
function planResult(plan: Plan, summary: RunSummary): JobResult {
  return { seed: summary.seed, ms: summary.ms, written: stepsWritten(summary), tables: planTables(plan, summary) }
}

function stepsWritten(summary: RunSummary): JobResult['written'] {
  return { rows: summary.rows, tables: summary.steps.map((s) => ({ table: s.step, rows: s.rows, ms: Math.round(s.ms) })) }
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
  if (req.kind === 'clone') {
    checkDbAllowed(req.from, allow)
    checkDbAllowed(req.to, allow)
    if (req.withChildren && !req.subset?.length) throw new TdgError('TDG_USAGE', 'withChildren needs subset')
  } else if (req.db !== undefined) checkDbAllowed(req.db, allow)
  if (req.kind === 'generate') {
    if ((req.schema === undefined) === (req.db === undefined)) throw new TdgError('TDG_USAGE', 'a generate job needs exactly one of schema or db')
    checkOutputAllowed(req.output, allow)
  }
  if (req.kind === 'export' || req.kind === 'profile') checkOutputAllowed(req.output, allow)
  if (req.kind === 'seed' && req.create && !req.schema) throw new TdgError('TDG_USAGE', 'create needs schema (the DDL file to execute)')
  if (req.kind === 'seed') checkSeedShards(req)
}

/** `shards` / `shard` of a seed job: what `tdg seed --shard` refuses, refused before the job is queued. */
function checkSeedShards(req: SeedJobRequest): void {
  const which = req.shards !== undefined ? 'shards' : req.shard !== undefined ? 'shard' : undefined
  if (req.shardRetries !== undefined && req.shards === undefined) throw new TdgError('TDG_USAGE', 'shardRetries needs shards')
  if (req.phase !== undefined && req.shard === undefined) throw new TdgError('TDG_USAGE', 'phase needs shard')
  if (which === undefined) return
  if (req.shards !== undefined && req.shard !== undefined) throw new TdgError('TDG_USAGE', 'a seed job takes shards (fan out) or shard (one shard), not both')
  if (req.shard !== undefined) {
    parseShard(req.shard)
    if (req.phase === undefined) throw new TdgError('TDG_USAGE', 'shard needs phase (the phases are listed by tdg plan --shard N)')
  }
  if (req.truncate || req.create) throw new TdgError('TDG_USAGE', `${which} cannot be combined with ${req.truncate ? 'truncate' : 'create'}: shards write concurrently into existing tables; empty or create them first, in one job`)
  const missing = [req.seed === undefined ? 'seed' : '', req.now === undefined ? 'now' : ''].filter(Boolean)
  if (missing.length > 0) throw new TdgError('TDG_USAGE', `${which} needs ${missing.join(' and ')}: every shard must plan with the same seed and time`)
}

/**
 * A fanned-out seed run in this process (`tdg schedule run`; `tdg serve` and `tdg worker` queue shard jobs
 * instead, fan-out.ts): every shard of every phase, one after another — the same rows, no parallelism.
 */
async function runShardsHere(req: SeedJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const started = performance.now()
  const { shards, shardRetries: _retries, ...one } = req
  const total: JobResult = { ms: 0, written: { rows: 0, tables: [] }, tables: [], ...(req.seed !== undefined ? { seed: req.seed } : {}) }
  for (const phase of await planShardPhases(req, opts)) {
    for (let i = 1; i <= shards!; i++) {
      const r = await runSeed({ ...one, shard: `${i}/${shards}`, phase }, opts)
      total.written.rows += r.written.rows
      total.written.tables.push(...r.written.tables.filter((t) => t.rows > 0))
      total.tables.push(...r.tables.filter((t) => t.rows > 0))
    }
  }
  total.ms = performance.now() - started
  return total
}

/**
 * The phases of a fanned-out seed (`shards`): the target's plan as every shard job builds it, cut into
 * phases (`shardPhases`); nothing is written (the run stops at `beforeWrite`). TDG_USAGE when the plan
 * cannot be sharded (a NOT NULL cycle).
 */
export async function planShardPhases(req: SeedJobRequest, opts: RunJobOptions): Promise<string[]> {
  checkJobAllowed(req, opts.allow)
  const { opts: planOpts } = await planOptions(req)
  let phases: string[] | undefined
  const planned = new Error('planned')
  try {
    await seedDatabase({
      db: req.db,
      ...(req.schema ? { schemaFile: req.schema } : {}),
      create: false,
      plan: planOpts,
      shard: { spec: { index: 1, count: req.shards ?? 1 }, phase: '1' },
      signal: opts.signal,
      beforeWrite: (plan) => {
        phases = shardPhases(plan).map((p) => p.name)
        throw planned
      },
    })
  } catch (e) {
    if (e !== planned) throw e
  }
  if (!phases) throw new TdgError('TDG_INTERNAL', 'the fan-out found no phases')
  return phases
}

/**
 * Run one job as the CLI runs the same command: the same compose functions (`seedDatabase`,
 * `loadSchema` + `buildPlan` + `generateFiles`, `exportDatabase`, `cloneWithMasking`, `maskInPlace`, `profileSource` + `profileToRules`), the same option parsing (`planOptions`); no pipeline of
 * its own. The allow-lists are checked again here: a queued job may outlive a config change.
 */
export async function runJob(req: JobRequest, opts: RunJobOptions): Promise<JobResult> {
  checkJobAllowed(req, opts.allow)
  return match(req)
    .with({ kind: 'seed' }, (r) => runSeed(r, opts))
    .with({ kind: 'generate' }, (r) => runGenerate(r, opts))
    .with({ kind: 'export' }, (r) => runExport(r, opts))
    .with({ kind: 'clone' }, (r) => runClone(r, opts))
    .with({ kind: 'mask' }, (r) => runMask(r, opts))
    .with({ kind: 'profile' }, (r) => runProfile(r, opts))
    .exhaustive()
}

async function runSeed(req: SeedJobRequest, opts: RunJobOptions): Promise<JobResult> {
  if (req.shards !== undefined) return runShardsHere(req, opts)
  const { opts: planOpts } = await planOptions(req)
  const r = await seedDatabase({
    db: req.db,
    ...(req.schema ? { schemaFile: req.schema } : {}),
    create: req.create === true,
    truncate: req.truncate === true,
    plan: planOpts,
    ...(req.shard !== undefined ? { shard: { spec: parseShard(req.shard), ...(req.phase !== undefined ? { phase: req.phase } : {}) } } : {}),
    ...(req.batchSize ? { batchSize: req.batchSize } : {}),
    signal: opts.signal,
    onProgress: opts.onProgress,
  })
  return planResult(r.plan, r.summary)
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
  return planResult(plan, summary)
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
  const written = stepsWritten(r.summary)
  return { ms: r.summary.ms, written, tables: r.masks ? maskTables(r.masks, written.tables) : planTables(r.plan, r.summary) }
}

async function runClone(req: CloneJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const { cloneWithMasking, leakFoundError, sourceTableOf } = await import('../compose/clone-masked.js')
  const r = await cloneWithMasking({
    from: req.from,
    to: req.to,
    ...(req.rules ? { rulesFile: req.rules } : {}),
    maskSensitive: req.maskSensitive === true,
    allowUnmapped: req.allowUnmapped === true,
    subset: req.subset ?? [],
    withChildren: req.withChildren === true,
    createSchema: req.createSchema === true,
    truncate: req.truncate === true,
    ...(req.fastLoad === false ? { fastLoad: false } : {}),
    verify: req.verify === true,
    ...(req.batchSize ? { batchSize: req.batchSize } : {}),
    signal: opts.signal,
    onProgress: opts.onProgress,
  })
  // As the CLI: a leak found by verify fails the job after the copy was committed.
  const leak = leakFoundError(r, 'verify')
  if (leak) throw leak
  const written = stepsWritten(r.summary)
  return { ms: r.summary.ms, written, tables: maskTables(r.masks, written.tables, sourceTableOf(r)) }
}

async function runMask(req: MaskJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const { maskInPlace } = await import('../compose/mask-in-place.js')
  const r = await maskInPlace({
    db: req.db,
    ...(req.rules ? { rulesFile: req.rules } : {}),
    maskSensitive: req.maskSensitive === true,
    allowUnmapped: req.allowUnmapped === true,
    ...(req.batchSize ? { batchSize: req.batchSize } : {}),
    signal: opts.signal,
    onProgress: opts.onProgress,
    onNote: () => undefined,
  })
  return { ms: r.summary.ms, written: { rows: r.summary.fixedUp, tables: r.tables }, tables: maskTables(r.masks, r.tables) }
}

/** The files of a profile job, in its output directory. */
export const PROFILE_FILES = ['rules.yaml', 'profile.json'] as const

async function runProfile(req: ProfileJobRequest, opts: RunJobOptions): Promise<JobResult> {
  const output = checkOutputAllowed(req.output, opts.allow)
  // Unlike generate's output, nothing here marks a directory as tdg's own: only a new or empty one is written.
  if (existsSync(output) && readdirSync(output).length > 0) throw new TdgError('TDG_USAGE', `profile output ${req.output} is not empty: name a new or empty directory`)
  const started = performance.now()
  throwIfInterrupted(opts.signal)
  const [{ profileSource }, { profileToRules }] = await Promise.all([import('../compose/profile-source.js'), import('../profile/emit-rules.js')])
  const { profile, model } = await profileSource(req.db, { sample: req.sample ?? DEFAULT_PROFILE_SAMPLE, keepValues: req.keepValues === true, ...(req.tables ? { tables: req.tables } : {}) })
  // Profiling reads only; a cancel that arrived meanwhile still writes nothing.
  throwIfInterrupted(opts.signal)
  const rules = profileToRules(profile, { tables: model.tables, ...(req.scale !== undefined ? { scale: req.scale } : {}) }).yaml
  mkdirSync(output, { recursive: true })
  writeFileSync(join(output, 'profile.json'), `${JSON.stringify(profile, null, 2)}\n`)
  writeFileSync(join(output, 'rules.yaml'), rules)
  const tables = profile.tables.map((t) => ({ table: t.name, rows: t.sampled }))
  return { ms: performance.now() - started, written: { rows: tables.reduce((n, t) => n + t.rows, 0), tables }, tables: tables.map((t) => ({ table: t.table, rows: t.rows })) }
}
