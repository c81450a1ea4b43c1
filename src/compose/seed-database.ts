import type { Adapter } from '../adapter/adapter.js'
import type { Plan } from '../model/plan.js'
import type { SchemaModel } from '../model/schema.js'
import type { PlanOptions } from '../plan/build-plan.js'
import { planForTarget, readerOf, targetPlanOptions } from '../pipeline/plan-for-target.js'
import { runPlan, type RunSummary } from '../pipeline/run.js'
import type { ProgressListener } from '../pipeline/progress.js'
import { targetModel } from './target-model.js'
import { TdgError } from '../errors.js'
import { openTarget, releaseTarget, type OpenedTarget } from './open-target.js'
import { missingPhase, shardSelection, type ShardSpec } from '../plan/shard.js'

export interface SeedOptions {
  /** Target database URL. */
  db: string
  /** DDL file describing the tables; with `create`, executed first when none of them exist. */
  schemaFile?: string
  /** A model to plan against instead of introspecting the target (e.g. the API's loaded schema). */
  model?: SchemaModel
  /** Create what is missing: a SQLite database file, and the tables of `schemaFile`. Default false. */
  create?: boolean
  /** Empty the plan's tables first and restart their identities (see `SqlDialect.truncateSql`). */
  truncate?: boolean
  /**
   * Plan keys from each identity's start instead of after the target's keys and counters (no key floors,
   * no row counts are read). Implied by `truncate`; for tables known to be empty (`tdgFixtures` checks).
   */
  restartKeys?: boolean
  /** Bulk-load strategy for empty tables (see `InsertOptions.fastLoad`); default true, false for `--no-fast-load`. */
  fastLoad?: boolean
  plan: PlanOptions
  batchSize?: number
  /** Threads generating rows (`--workers`); default 1. See RunOptions.workers. */
  workers?: number
  onProgress?: ProgressListener
  /** Cancels the run (Ctrl-C): the transaction rolls back and the run fails with TDG_INTERRUPTED. */
  signal?: AbortSignal
  /** Called with the plan and the open target before anything is written; throwing stops the run. */
  beforeWrite?: (plan: Plan, target: Adapter) => void | Promise<void>
  /**
   * Write one shard of one phase (`--shard i/N --phase P`, docs/sharding.md): planned as for empty tables
   * (like `restartKeys`: every shard must plan identically while the others write), without the fast
   * load (other shards write the same tables meanwhile). Needs `plan.seed` and `plan.now` fixed by the
   * caller; refused with `truncate` or `create` (TDG_USAGE). `phase` absent: TDG_USAGE naming the phases.
   */
  shard?: { spec: ShardSpec; phase?: string }
  /**
   * The target already opened by `openTarget(db, create)` (the CLI opens it before loading the planner, so
   * the schema is read meanwhile); seedDatabase takes it over and closes it on every path. Default: opened here.
   */
  opened?: Promise<OpenedTarget>
}

export interface SeedResult {
  plan: Plan
  summary: RunSummary
}

/**
 * Seed a live database: connect, decide the model (live schema, or the DDL file to create), plan with key
 * floors and row counts so keys and unique values start after existing rows, and run the plan in one
 * transaction. On failure everything is rolled back, and a database file that `create` made is removed.
 */
export async function seedDatabase(opts: SeedOptions): Promise<SeedResult> {
  if (opts.shard && (opts.truncate || opts.create)) {
    if (opts.opened) await releaseTarget(opts.opened, false)
    throw new TdgError('TDG_USAGE', `--shard cannot be combined with ${opts.truncate ? '--truncate' : '--create'}: shards write concurrently into existing tables; empty or create them first, in one run`)
  }
  const { adapter, introspection } = await (opts.opened ?? openTarget(opts.db, opts.create === true, opts.model === undefined))
  let ok = false
  try {
    const target = opts.model ? { model: opts.model, setup: [] } : await targetModel(adapter, opts.schemaFile, opts.create === true, introspection)
    // Appending: keys start after the target's keys and counters, unique values past the rows already
    // there. --truncate empties the tables and restarts their identities inside the transaction, so the
    // plan reads nothing and keys start at each identity's start: the same seed gives identical tables.
    const fresh = opts.truncate === true || opts.restartKeys === true || opts.shard !== undefined
    const planOpts = targetPlanOptions(opts.plan, adapter.dialect, opts.shard !== undefined)
    const plan = await planForTarget(target.model, planOpts, target.setup.length === 0 && !fresh ? readerOf(adapter) : undefined)
    if (target.note) plan.issues.unshift(target.note)
    if (opts.shard && opts.shard.phase === undefined) throw missingPhase(plan)
    const shard = opts.shard ? shardSelection(plan, opts.shard.spec, opts.shard.phase!) : undefined
    await opts.beforeWrite?.(plan, adapter)
    const summary = await runPlan(plan, adapter, {
      dialect: adapter.dialect,
      setup: target.setup,
      truncate: opts.truncate === true,
      ...(opts.fastLoad === false || shard ? { fastLoad: false } : {}),
      ...(shard ? { shard } : {}),
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.workers ? { workers: opts.workers } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      // The DDL of --create may insert rows itself: keys start after them (read inside the transaction).
      ...(target.setup.length > 0 && !fresh ? { replan: (reader) => planForTarget(target.model, planOpts, reader) } : {}),
    })
    ok = true
    return { plan, summary }
  } finally {
    await (ok || !adapter.discard ? adapter.close() : adapter.discard())
  }
}
