/**
 * Rows of a plan step as positional arrays, addressable by index: batches are slices of one
 * deterministic sequence, so any batch size or start/end split yields the same rows.
 */
import type { Fixup, Plan, PlanStep } from '../model/plan.js'
import type { RowBatch, TypedCells, Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { compiledStep } from './compile-column.js'

/** Row access for one step. */
export interface RowGenerator {
  /** Written columns, in table order (omitted columns left out). */
  columns: string[]
  /** Row `i` (0 ≤ i < step.rows): one new array, values in `columns` order. */
  row(i: number): Value[]
  /** Per column: its cells in a typed form, where it has one (compile-column.ts `typed`). */
  typed: (TypedCells | undefined)[]
  /** `row` with the columns marked in `skip` left NULL (an encoder reads them from `typed`). */
  rowWithout(skip: readonly boolean[]): (i: number) => Value[]
}

/** Options for batch generation. */
export interface BatchOptions {
  /** Rows per batch; default 10 000. */
  batchSize?: number
  /** First row index (inclusive); default 0. */
  start?: number
  /** Last row index (exclusive); default the step's row count. */
  end?: number
}

/** A row generator for `step` of `plan`. Faker pools are built here, once. */
export function createRowGenerator(plan: Plan, step: PlanStep): RowGenerator {
  const compiled = compiledStep(plan, step.id)
  const written = step.columns.filter((c) => !c.omit)
  const cells = written.map((c) => compiled.column(c.column).cell)
  const n = cells.length
  const rowOf = (cells: ((i: number) => Value)[]) => (i: number) => {
    const out = new Array<Value>(n)
    for (let j = 0; j < n; j++) out[j] = cells[j]!(i)
    return out
  }
  return {
    columns: written.map((c) => c.column),
    row: rowOf(cells),
    typed: written.map((c) => compiled.column(c.column).typed),
    rowWithout: (skip) => rowOf(cells.map((cell, j) => (skip[j] ? () => null : cell))),
  }
}

/** Rows [start, end) of a step in batches of `batchSize` (the last one may be shorter). */
export function* generateBatches(plan: Plan, step: PlanStep, opts: BatchOptions = {}): Generator<RowBatch> {
  const gen = createRowGenerator(plan, step)
  const { start, end, size } = bounds(step, opts)
  for (let from = start; from < end; from += size) {
    const to = Math.min(end, from + size)
    const rows = new Array<Value[]>(to - from)
    for (let i = from; i < to; i++) rows[i - from] = gen.row(i)
    yield { columns: gen.columns, rows }
  }
}

/**
 * Rows of a fixup UPDATE: `[...keyColumns, ...columns]` for every row whose cut FK gets a value
 * (rows left NULL by the null share are skipped).
 */
export function* fixupBatches(plan: Plan, fixup: Fixup, opts: BatchOptions = {}): Generator<RowBatch> {
  const step = plan.steps.find((s) => s.id === fixup.step)
  if (!step) throw new TdgError('TDG_INTERNAL', `fixup names unknown step '${fixup.step}'`, { step: fixup.step })
  const compiled = compiledStep(plan, step.id)
  const keys = fixup.keyColumns.map((c) => compiled.column(c).value)
  const sets = fixup.columns.map((c) => compiled.column(c).final)
  const columns = [...fixup.keyColumns, ...fixup.columns]
  const { start, end, size } = bounds(step, opts)
  let rows: Value[][] = []
  for (let i = start; i < end; i++) {
    const first = sets[0]!(i)
    if (first === null) continue
    const r = new Array<Value>(columns.length)
    let j = 0
    for (const k of keys) r[j++] = k(i)
    r[j++] = first
    for (let s = 1; s < sets.length; s++) r[j++] = sets[s]!(i)
    rows.push(r)
    if (rows.length >= size) {
      yield { columns, rows }
      rows = []
    }
  }
  if (rows.length > 0) yield { columns, rows }
}

function bounds(step: PlanStep, opts: BatchOptions) {
  const size = Math.max(1, Math.floor(opts.batchSize ?? 10_000))
  const start = Math.max(0, opts.start ?? 0)
  const end = Math.min(step.rows, opts.end ?? step.rows)
  return { start, end, size }
}

/** `generateBatches` as the RowStream writers consume (one batch per pull: bounded memory). */
export async function* rowStream(plan: Plan, step: PlanStep, opts: BatchOptions = {}): AsyncGenerator<RowBatch> {
  yield* generateBatches(plan, step, opts)
}

/** `fixupBatches` as a RowStream for `Writer.update(table, fixup.keyColumns, …)`. */
export async function* fixupStream(plan: Plan, fixup: Fixup, opts: BatchOptions = {}): AsyncGenerator<RowBatch> {
  yield* fixupBatches(plan, fixup, opts)
}
