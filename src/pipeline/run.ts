/**
 * The only orchestrator: runs a Plan against a target (a database adapter or a file target) inside one
 * transaction — optional setup SQL, deferral, truncation, inserts parents first, fixups, deferred checks,
 * identity sync.
 * CLI, API and scheduler all come here; none of them holds generation logic.
 */
import type { DeferralSql, SqlDialect, Writer } from '../adapter/adapter.js'
import { cyclesText } from '../adapter/deferral-text.js'
import type { Fixup, Plan, PlanStep } from '../model/plan.js'
import type { EncodedRowBatch, RowBatch, RowStream, TextRowBatch, WorkerEncoding } from '../model/rows.js'
import { fixupStream, rowStream } from '../generate/index.js'
import { loadPlanLocales } from '../generate/locales.js'
import { encodedRowStream } from '../generate/encoded-rows.js'
import type { ProgressListener } from './progress.js'
import { readerOf, type TargetReader } from './plan-for-target.js'
import { isTdgError, TdgError } from '../errors.js'
import { throwIfInterrupted, yieldPoint } from './abort.js'
import { heapGovernor } from './heap-governor.js'
import { generatePool, generateWorkersAvailable, type GeneratePool } from './parallel-rows.js'
import type { RowRange, ShardSelection } from '../plan/shard.js'
import { clearShardRows } from './shard-rerun.js'

/** Anything with a transaction that hands out a Writer: `Adapter` and `FileTarget` both are. */
export interface RunTarget {
  transaction<T>(work: (w: Writer) => Promise<T>): Promise<T>
}

/**
 * Where a run's rows come from when they are not generated: a copy (`tdg clone`) reads them from a source
 * (scan → mask) for a plan whose columns are `copy` (src/plan/copy-plan.ts). Batches name their columns.
 */
export interface RowSource {
  /** Every row of `step`, with its fixup columns NULL (they are set by `fixupRows` afterwards). */
  rows(step: PlanStep, batchSize: number): RowStream
  /** For a fixup: the key columns and the fixup's columns of every row whose fixup columns are not NULL. */
  fixupRows(fixup: Fixup, batchSize: number): RowStream
  /**
   * Optional: the rows of `rows(step)` in the bulk text format `format` (the writer's `textFormat`), or
   * undefined when this step cannot be read that way; then `rows` is used.
   */
  textRows?(step: PlanStep, batchSize: number, format: string): AsyncIterable<TextRowBatch> | undefined
}

/** Default rows per batch of generated rows and of a source's rows (`RunOptions.batchSize`). */
export const GENERATED_BATCH_ROWS = 2_000
export const SOURCE_BATCH_ROWS = 10_000

export interface RunOptions {
  /** Rows from a source instead of the plan's generators (a copy); default: generated. */
  source?: RowSource
  /** Dialect of the target: needed for `truncate`, deferred constraints and `setup`. */
  dialect?: SqlDialect
  /**
   * Rows per batch; output does not depend on it. Default: 2 000 generated rows (a smaller batch dies
   * young in V8's new space instead of being promoted as garbage into the old one, which keeps a long
   * run's memory flat) and 10 000 rows of a `source` (fewer messages to masking workers).
   */
  batchSize?: number
  /** SQL run first, inside the transaction (e.g. the DDL of `--create`). */
  setup?: string[]
  /** Empty the plan's tables first (children first), in the same transaction. Default false. */
  truncate?: boolean
  /** Move identity/sequence counters past the written keys afterwards. Default true. */
  syncIdentity?: boolean
  onProgress?: ProgressListener
  /**
   * Rebuild the plan after `setup` ran, from key floors and row counts read inside the transaction
   * (`Writer.keyFloor`, `Writer.rowCount`; no counts with `truncate`, which empties the tables): a
   * `--create` DDL may insert rows of its own. Keys and unique values may change, not steps; counts only
   * drop when those rows use up a UNIQUE's values.
   */
  replan?: (target: TargetReader) => Promise<Plan>
  /**
   * Cancels the run: checked before the transaction, between statements and between batches (the
   * event loop gets a turn at least every 50 ms, so signal handlers run), and handed to `Writer.insert`
   * to abort an in-flight bulk load. The run then fails with TDG_INTERRUPTED and the target rolls back.
   */
  signal?: AbortSignal
  /** Let writers use their bulk-load strategy for empty tables (`InsertOptions.fastLoad`). Default true. */
  fastLoad?: boolean
  /**
   * Threads generating rows (`--workers`). Default 1: the calling thread generates and writes. With K ≥ 2,
   * K worker threads generate the batches of every step of more than one batch and this thread writes
   * them in order (src/pipeline/parallel-rows.ts); output is identical. Fixups and a `source`'s rows stay
   * on this thread. Ignored where the compiled worker module is absent (running from TypeScript sources).
   */
  workers?: number
  /**
   * One shard of one phase of a sharded run (`--shard i/N --phase P`, src/plan/shard.ts): only these
   * steps and fixups, each over its row range, and the identity sync only when it says so. Not with
   * `truncate` nor `source`. Default: the whole plan.
   */
  shard?: ShardSelection
}

export interface StepSummary {
  step: string
  rows: number
  ms: number
  /** True when a copy moved the rows in the two databases' shared bulk text format (see `RowSource.textRows`). */
  text?: boolean
}

export interface RunSummary {
  seed: Plan['seed']
  /** The plan's `now` (epoch seconds). */
  now: number
  steps: StepSummary[]
  rows: number
  fixedUp: number
  ms: number
}

/**
 * Run `plan` into `target`. Commits when every step, fixup and sync succeeded; otherwise the target's
 * transaction rolls back and the error is rethrown unchanged.
 */
export async function runPlan(initialPlan: Plan, target: RunTarget, opts: RunOptions = {}): Promise<RunSummary> {
  let plan = initialPlan
  const emit = opts.onProgress ?? (() => undefined)
  const batchSize = opts.batchSize ?? (opts.source ? SOURCE_BATCH_ROWS : GENERATED_BATCH_ROWS)
  const started = performance.now()
  const signal = opts.signal
  throwIfInterrupted(signal)
  const part = opts.shard
  if (part && (opts.truncate || opts.source)) throw new TdgError('TDG_INTERNAL', 'runPlan: a shard neither truncates nor copies')
  await loadPlanLocales(plan)
  const rangeRows = (r: RowRange) => r.end - r.start
  emit({ kind: 'run-start', steps: part ? Object.keys(part.steps).length : plan.steps.length, rows: part ? Object.values(part.steps).reduce((n, r) => n + rangeRows(r), 0) : plan.steps.reduce((n, s) => n + s.rows, 0) })
  if (opts.workers !== undefined && !(Number.isSafeInteger(opts.workers) && opts.workers >= 1)) throw new TdgError('TDG_USAGE', `workers must be a whole number ≥ 1, got ${String(opts.workers)}`)
  // Started on the first step that needs it, with the plan as replanned inside the transaction.
  let pool: GeneratePool | undefined
  const threads = !opts.source && (opts.workers ?? 1) > 1 && generateWorkersAvailable() ? (opts.workers as number) : 1
  const generated = (step: PlanStep, range?: RowRange): RowStream => {
    const rows = range ? range.end - range.start : step.rows
    if (threads <= 1 || rows <= batchSize) return rowStream(plan, step, { batchSize, ...range })
    pool ??= generatePool(plan, threads)
    return pool.rows(step, batchSize, range)
  }
  // The same batches built by the writer's encoder (Writer.workerEncoding), when it has one: in the workers,
  // or on this thread without them (typed cells and whole-column buffers cost less than row-by-row conversion).
  const encoded: EncodedSource = (step, range, encoding) => {
    const rows = range ? range.end - range.start : step.rows
    if (rows <= batchSize) return undefined
    if (threads <= 1) return encodedRowStream(plan, step, encoding, { batchSize, ...range })
    pool ??= generatePool(plan, threads)
    return pool.encodedRows(step, batchSize, range, encoding)
  }
  const summary = await target.transaction(async (w) => {
    for (const sql of opts.setup ?? []) await w.execute(sql)
    throwIfInterrupted(signal)
    if (opts.replan && (w.keyFloor || w.rowCount)) {
      plan = await opts.replan(readerOf(w, !opts.truncate))
      await loadPlanLocales(plan)
    }
    // Deferral first: emptying the tables of a NOT NULL cycle needs the checks deferred too.
    const deferral = plan.deferred.length > 0 ? requireDialect(opts, 'deferred constraints').deferConstraintsSql(plan.deferred) : undefined
    if (deferral) await deferBefore(plan, deferral, w)
    // Before the TRUNCATE, which keeps what a writer read ahead (other `execute`s may drop it), so a writer
    // that does not wait for the TRUNCATE has nothing to wait for before the first rows (Writer.execute).
    await w.prefetch?.(plan.steps.filter((s) => !part || part.steps[s.id]).map((s) => s.table))
    if (opts.truncate) {
      const childrenFirst = [...plan.steps].reverse().map((s) => s.table)
      for (const sql of deferral?.aroundTruncate?.before ?? []) await w.execute(sql)
      for (const sql of requireDialect(opts, 'truncate').truncateSql(childrenFirst)) await w.execute(sql)
      for (const sql of deferral?.aroundTruncate?.after ?? []) await w.execute(sql)
    }
    const steps: StepSummary[] = []
    for (const step of plan.steps) {
      const range = part?.steps[step.id]
      if (part && !range) continue
      const around = deferral?.aroundStep[step.id]
      for (const sql of around?.before ?? []) await w.execute(sql)
      // A shard run again after it had committed: its own rows of the step go first.
      if (range) await clearShardRows(plan, step, range, w, batchSize)
      steps.push(await insertStep(step, w, batchSize, emit, signal, opts.source ?? generated, opts.fastLoad !== false, range, opts.source ? undefined : encoded))
      for (const sql of around?.after ?? []) await w.execute(sql)
    }
    let fixedUp = 0
    for (const [f, fixup] of plan.fixups.entries()) {
      const range = part?.fixups[f]
      if (part && !range) continue
      const rows = opts.source ? opts.source.fixupRows(fixup, batchSize) : fixupStream(plan, fixup, { batchSize, ...range })
      const stats = await w.update(fixup.table, fixup.keyColumns, counting(rows, () => undefined, signal))
      fixedUp += stats.rows
      emit({ kind: 'fixup', step: fixup.step, columns: fixup.columns, rows: stats.rows })
    }
    if (deferral) await deferAfter(deferral, w)
    throwIfInterrupted(signal)
    if (part ? part.syncIdentity : opts.syncIdentity !== false) {
      // A copy's keys are the source's: every table it wrote into may have a counter to move past them.
      // A shard's sync (once, in the finish phase) covers every table the phases wrote.
      for (const [i, step] of plan.steps.entries())
        if ((step.keys.length > 0 || opts.source) && (part ? step.rows : steps[i]!.rows) > 0) await w.syncIdentity(step.table, opts.truncate ? { emptied: true } : undefined)
    }
    // Last chance before COMMIT: an interrupt that arrived during the final statements still rolls back.
    throwIfInterrupted(signal)
    return { seed: plan.seed, now: plan.now, steps, rows: steps.reduce((n, s) => n + s.rows, 0), fixedUp, ms: 0 }
  }).finally(() => pool?.close())
  summary.ms = performance.now() - started
  emit({ kind: 'run-done', ms: summary.ms })
  return summary
}

/** Generated batches encoded in the worker threads, or undefined when the step is generated on this thread. */
type EncodedSource = (step: PlanStep, range: RowRange | undefined, encoding: WorkerEncoding) => AsyncIterable<RowBatch | EncodedRowBatch> | undefined

async function insertStep(step: PlanStep, w: Writer, batchSize: number, emit: ProgressListener, signal: AbortSignal | undefined, from: RowSource | ((step: PlanStep, range?: RowRange) => RowStream), fastLoad: boolean, range?: RowRange, encoded?: EncodedSource): Promise<StepSummary> {
  const source = typeof from === 'function' ? undefined : from
  const t0 = performance.now()
  // A shard writes rows [start, end) of the step (RunOptions.shard).
  const planned = range ? range.end - range.start : step.rows
  emit({ kind: 'step-start', step: step.id, rows: planned })
  let rows = planned
  let textDone = false
  // A source's count is an estimate until its rows are read: report what was written.
  if (planned > 0 || source) {
    let written = 0
    const report = (n: number) => emit({ kind: 'step-rows', step: step.id, written: (written = n), rows: Math.max(planned, n) })
    const insertOpts = { batchSize, expectedRows: planned, fastLoad, ...(signal ? { signal } : {}) }
    // A copy between databases sharing a bulk text format moves the rows as bytes (see Writer.insertText).
    const text = source?.textRows && w.insertText && w.textFormat !== undefined ? source.textRows(step, batchSize, w.textFormat) : undefined
    const done = text ? await w.insertText!(step.table, counting(text, report, signal), insertOpts) : undefined
    textDone = done !== undefined
    const encoding = !source && encoded && w.insertEncoded ? w.workerEncoding?.(step.table) : undefined
    const batches = encoding ? encoded?.(step, range, encoding) : undefined
    if (batches) await w.insertEncoded!(step.table, counting(batches, report, signal), insertOpts)
    else if (!done) {
      const stream = source ? source.rows(step, batchSize) : (from as (step: PlanStep, range?: RowRange) => RowStream)(step, range)
      await w.insert(step.table, counting(stream, report, signal), insertOpts)
    }
    if (source) rows = written
  }
  const ms = performance.now() - t0
  emit({ kind: 'step-done', step: step.id, rows, ms })
  return { step: step.id, rows, ms, ...(textDone ? { text: true } : {}) }
}

/**
 * Pass batches through, reporting the running row count as each one is pulled; between batches the
 * event loop gets its turn, an aborted `signal` ends the stream with TDG_INTERRUPTED, and the heap
 * governor keeps memory flat.
 */
async function* counting<B extends RowBatch | TextRowBatch | EncodedRowBatch>(rows: AsyncIterable<B>, report: (written: number) => void, signal?: AbortSignal): AsyncGenerator<B> {
  let written = 0
  const pause = yieldPoint(signal)
  const govern = heapGovernor()
  for await (const batch of rows) {
    govern()
    await pause()
    yield batch
    written += typeof batch.rows === 'number' ? batch.rows : batch.rows.length
    report(written)
  }
  await pause()
}

/** The deferral's first statements; a failure names the cycles and what the statements need (e.g. ownership). */
async function deferBefore(plan: Plan, deferral: DeferralSql, w: Writer): Promise<void> {
  try {
    for (const sql of deferral.before) await w.execute(sql)
  } catch (e) {
    if (!isTdgError(e) || e.code !== 'TDG_WRITE_FAILED') throw e
    const cycles = cyclesText(plan.deferred)
    const needs = deferral.requires ? `; this needs ${deferral.requires}` : ''
    throw new TdgError('TDG_WRITE_FAILED', `cannot defer the foreign keys of the cycle${cycles.includes('; ') ? 's' : ''} ${cycles}: ${e.message}${needs}`, { ...e.details, cycles }, { cause: e })
  }
}

/** Check every deferred row and restore definitions before COMMIT; a failing check says what broke. */
async function deferAfter(deferral: DeferralSql, w: Writer): Promise<void> {
  for (const { sql, fails } of deferral.after) {
    try {
      await w.execute(sql)
    } catch (e) {
      if (!fails || !isTdgError(e) || e.code !== 'TDG_WRITE_FAILED') throw e
      throw new TdgError('TDG_WRITE_FAILED', `${fails}; rolled back (${e.message})`, e.details, { cause: e })
    }
  }
}

function requireDialect(opts: RunOptions, what: string): SqlDialect {
  if (!opts.dialect) throw new TdgError('TDG_INTERNAL', `runPlan: ${what} needs opts.dialect`)
  return opts.dialect
}
