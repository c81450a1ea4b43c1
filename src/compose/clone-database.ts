/**
 * `tdg clone`: read the source in one snapshot, keep the subset, mask, and write into the target in one
 * transaction, parents first — the same `runPlan` a seed uses, with a copy plan and a RowSource. On any
 * failure (a dropped source, a refused row, Ctrl-C, kill) the target's transaction rolls back, and a
 * SQLite file `--create-schema` made is removed.
 */
import type { Adapter, SnapshotReader, SnapshotScanOptions } from '../adapter/adapter.js'
import type { MaskPlan, TableMask } from '../model/mask.js'
import type { Plan } from '../model/plan.js'
import type { SchemaModel, Table } from '../model/schema.js'
import type { ProgressListener } from '../pipeline/progress.js'
import type { RunSummary } from '../pipeline/run.js'
import { tableKey } from '../plan/insert-order.js'
import type { TableMasker } from '../mask/masker.js'
import { connect } from '../../adapters/index.js'
import { TdgError, type Issue } from '../errors.js'
import { pairWithCreated, pairWithLive, type CloneTables, type TablePair } from './clone-tables.js'
import { copyInSnapshot } from './clone-snapshot.js'

/** What a clone needs besides the two URLs: masking and subsetting, decided by the caller (CLI/API). */
export interface CloneOptions {
  from: string
  to: string
  /** Create the source's tables in the target (rendered in its dialect); the target must lack them. */
  createSchema?: boolean
  /** Empty the target's tables first (children first), in the same transaction. */
  truncate?: boolean
  /** Bulk-load strategy for empty tables (see `InsertOptions.fastLoad`); default true, false for `--no-fast-load`. */
  fastLoad?: boolean
  /**
   * Decides the maskers once the source is open and introspected (`prepareMasking`: detection, rules,
   * drift guard, key); absent: every row is copied as read. Its refusals come before anything is written.
   */
  prepareMasks?: (source: Adapter, model: SchemaModel) => Promise<PreparedMasks>
  /** Decides the subset inside the snapshot (`computeSubset`); absent: every row. */
  subset?: (model: SchemaModel, reader: SnapshotReader) => Promise<CloneSubset>
  /** Called before anything is written, with the plan (counts per table) and the notes. */
  beforeWrite?: (plan: Plan, notes: Issue[], consistency: string) => void | Promise<void>
  batchSize?: number
  onProgress?: ProgressListener
  signal?: AbortSignal
}

/** Maskers of a clone: the plan, how to compile one table's, notes to show. */
export interface PreparedMasks {
  masks: MaskPlan
  compile: (table: Table, mask: TableMask) => TableMasker
  notes: Issue[]
}

/**
 * A subset as the clone uses it: per source table key, the count kept and how: a row filter in JS
 * (`keep`), scan options (`where`, `limit: 0`), or both (absent: all rows).
 */
export interface CloneSubset {
  keep: Map<string, { count: number; keep?: (row: import('../model/rows.js').Value[], columns: string[]) => boolean; scan?: SnapshotScanOptions }>
  /** Per table: rows selected by its spec, pulled in as parents, pulled in as children, kept in all, in the source. */
  counts: Array<{ table: string; selected: number; viaParents: number; viaChildren: number; total: number; sourceRows: number }>
  /** One line per table for people (`public.orders: 41 of 830 rows (selected 0, parents 0, children 41)`). */
  lines: string[]
}

export interface CloneResult {
  plan: Plan
  summary: RunSummary
  notes: Issue[]
  /** How consistent the source reads were (`one snapshot (…)`). */
  consistency: string
  /** Which source table went into which target table. */
  pairs: TablePair[]
  masks?: MaskPlan
}

/** Clone `from` into `to`. Throws TDG_SCHEMA_MISMATCH, TDG_USAGE, TDG_READ_FAILED, TDG_WRITE_FAILED … */
export async function cloneDatabase(opts: CloneOptions): Promise<CloneResult> {
  // Both ends at once: connecting and reading catalogues are round trips that overlap.
  const [from, to] = await Promise.allSettled([connect(opts.from), connect(opts.to, { create: opts.createSchema === true })])
  if (from.status === 'rejected' || to.status === 'rejected') {
    if (from.status === 'fulfilled') await from.value.close().catch(() => undefined)
    if (to.status === 'fulfilled') await (to.value.discard ? to.value.discard() : to.value.close()).catch(() => undefined)
    throw from.status === 'rejected' ? from.reason : (to as PromiseRejectedResult).reason
  }
  const source = from.value
  const target: Adapter = to.value
  let ok = false
  try {
    const liveModel = target.introspect().then((i) => i.model)
    liveModel.catch(() => undefined) // awaited below; a failure must not surface first as an unhandled rejection
    const model = (await source.introspect()).model
    if (model.tables.length === 0) throw new TdgError('TDG_USAGE', `${source.redactedUrl} has no tables to clone`)
    const [prepared, tables] = await Promise.all([
      opts.prepareMasks ? opts.prepareMasks(source, model) : undefined,
      liveModel.then((live) => cloneTables(model, live, source, target, opts.createSchema === true)),
    ])
    const copied = await copyInSnapshot({
      source,
      model,
      tables,
      ...(prepared ? { prepared } : {}),
      ...(opts.subset ? { subset: opts.subset } : {}),
      target,
      run: {
        dialect: target.dialect,
        truncate: opts.truncate === true,
        ...(opts.fastLoad === false ? { fastLoad: false } : {}),
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      ...(!opts.truncate && tables.setup.length === 0 ? { check: (plan: Plan) => refuseFilled(target, plan) } : {}),
      ...(opts.beforeWrite ? { beforeWrite: opts.beforeWrite } : {}),
    })
    const result: CloneResult = { ...copied, pairs: tables.pairs, ...(prepared ? { masks: prepared.masks } : {}) }
    ok = true
    return result
  } finally {
    await source.close().catch(() => undefined)
    await (ok || !target.discard ? target.close() : target.discard())
  }
}

/** The target tables: created from the source model (`--create-schema`) or the live ones. */
async function cloneTables(model: SchemaModel, live: SchemaModel, source: Adapter, target: Adapter, create: boolean): Promise<CloneTables> {
  if (!create) return pairWithLive(model, live, source.dialect, target.dialect, target.redactedUrl)
  const render = target.dialect.renderSchema
  if (!render) throw new TdgError('TDG_DIALECT_UNSUPPORTED', `--create-schema: tdg cannot render DDL for ${target.dialect.id} yet`)
  const made = pairWithCreated(model, source.dialect, target.dialect, (m) => render.call(target.dialect, m))
  const inSchema = (t: { schema?: string; name: string }) => `${t.schema ?? target.dialect.defaultSchema ?? ''}.${t.name}`.toLowerCase()
  const clash = made.pairs.filter((p) => live.tables.some((t) => inSchema(t) === inSchema(p.target))).map((p) => tableKey(p.target))
  if (clash.length > 0)
    throw new TdgError('TDG_USAGE', `--create-schema: ${target.redactedUrl} already has ${clash.slice(0, 5).join(', ')}${clash.length > 5 ? ', …' : ''}; clone into the existing tables without --create-schema (add --truncate to replace their rows)`)
  return made
}

/** Rows already in a target table would collide with the copied keys: say so before writing. */
async function refuseFilled(target: Adapter, plan: Plan): Promise<void> {
  if (!target.rowCount) return
  const filled: string[] = []
  for (const s of plan.steps) if ((await target.rowCount(s.table)) > 0) filled.push(s.id)
  if (filled.length > 0)
    throw new TdgError('TDG_USAGE', `${target.redactedUrl} already has rows in ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''}; pass --truncate to replace them; nothing was written`)
}

