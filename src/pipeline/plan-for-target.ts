import type { SqlDialect } from '../adapter/adapter.js'
import type { Plan } from '../model/plan.js'
import type { SchemaModel, TableRef } from '../model/schema.js'
import { buildPlan, type PlanOptions } from '../plan/build-plan.js'

/** Reads the highest key already used in a column of the target (`Adapter.keyFloor`). */
export type KeyFloorReader = (table: TableRef, column: string) => Promise<number | undefined>

/** Reads how many rows a table of the target holds (`Adapter.rowCount`). */
export type RowCountReader = (table: TableRef) => Promise<number>

/** What `planForTarget` may read from a target that already holds rows; either reader may be absent. */
export interface TargetReader {
  keyFloor?: KeyFloorReader
  rowCount?: RowCountReader
}

/**
 * The reader of an Adapter or Writer (methods bound to it). `counts: false` leaves row counts out: a
 * run that truncates writes into empty tables, so there is nothing to count past.
 */
export function readerOf(source: { keyFloor?(table: TableRef, column: string): Promise<number | undefined>; rowCount?(table: TableRef): Promise<number> }, counts = true): TargetReader {
  return {
    ...(source.keyFloor ? { keyFloor: source.keyFloor.bind(source) } : {}),
    ...(counts && source.rowCount ? { rowCount: source.rowCount.bind(source) } : {}),
  }
}

/**
 * Build the plan for writing into a target that may already hold rows: a first plan finds the tables
 * and key columns, the target says how far each key is used and how many rows each table holds, and
 * the final plan starts its keys after those keys and its unique values past those rows
 * (`PlanOptions.identityStart`, `PlanOptions.rowOffset`). Entries the options already give win.
 * Without a reader (files, freshly created tables), or when every table is empty, it is just `buildPlan`.
 */
export async function planForTarget(model: SchemaModel, opts: PlanOptions, reader: TargetReader = {}): Promise<Plan> {
  const first = buildPlan(model, opts)
  if (!reader.keyFloor && !reader.rowCount) return first
  const identityStart: Record<string, number> = { ...opts.identityStart }
  const rowOffset: Record<string, number> = { ...opts.rowOffset }
  let changed = false
  for (const step of first.steps) {
    if (reader.rowCount && !(step.id in rowOffset)) {
      const n = await reader.rowCount(step.table)
      if (n > 0) {
        rowOffset[step.id] = n
        changed = true
      }
    }
    if (!reader.keyFloor) continue
    for (const c of step.columns) {
      if (c.generator.kind !== 'identity' || c.omit) continue
      const floor = await reader.keyFloor(step.table, c.column)
      if (floor !== undefined && !(step.id in identityStart)) {
        identityStart[step.id] = floor
        changed = true
      }
    }
  }
  if (!changed) return first
  return buildPlan(model, { ...opts, identityStart, ...(Object.keys(rowOffset).length > 0 ? { rowOffset } : {}) })
}

/**
 * `opts` for writing into a database of `dialect`: `PlanOptions.deferCycles` (a cycle whose cut a
 * self-reference reads is deferred whole) when its deferral covers every FK of the transaction
 * (`SqlDialect.defersAllForeignKeys`), unless the run is `sharded` (a shard's transaction holds only part
 * of a cycle's rows: cuts and fixups stay). Options that already say `deferCycles` keep it.
 */
export function targetPlanOptions(opts: PlanOptions, dialect: Pick<SqlDialect, 'defersAllForeignKeys'>, sharded = false): PlanOptions {
  if (opts.deferCycles !== undefined || dialect.defersAllForeignKeys !== true || sharded) return opts
  return { ...opts, deferCycles: true }
}
