/**
 * Rows of a step handed to a writer's row encoder (`WorkerRowEncoder`): the columns it takes as typed
 * cells are left out of the rows and read by the encoder instead; a batch it declines is generated again
 * in full and goes over plain. Shared by the generation workers (generate-worker.ts) and, with one
 * thread, by the pipeline itself (`encodedRowStream`), so both build the same batches.
 */
import type { Plan, PlanStep } from '../model/plan.js'
import type { EncodedRowBatch, RowBatch, TypedBatch, Value, WorkerEncoding, WorkerRowEncoder, WorkerRowEncoderFactory } from '../model/rows.js'
import { createRowGenerator, type BatchOptions, type RowGenerator } from './row-generator.js'

/** A step's rows for one encoder: `encode` builds rows [start, end) and hands them to it. */
export interface RowEncoding {
  /** The encoder's data for the rows, or the plain rows when it declined them (`transfer`: see WorkerRowEncoder). */
  encode(start: number, end: number, transfer: ArrayBuffer[] | undefined): { encoded: unknown } | { rows: Value[][] }
}

/** Rows of `g` for `encoder` (see the module comment). */
export function rowEncoding(g: RowGenerator, encoder: WorkerRowEncoder): RowEncoding {
  const takes = encoder.takes
  const skip = g.typed.map((cells, c) => cells !== undefined && takes !== undefined && takes(c, cells))
  const some = skip.some(Boolean)
  const typed: TypedBatch['columns'] = g.typed.map((cells, c) => (skip[c] ? cells : undefined))
  const row = some ? g.rowWithout(skip) : g.row
  return {
    encode(start, end, transfer) {
      const rows = new Array<Value[]>(end - start)
      for (let i = start; i < end; i++) rows[i - start] = row(i)
      const encoded = encoder(rows, transfer, some ? { start, columns: typed } : undefined)
      if (encoded !== undefined) return { encoded }
      // Declined: the rows go over plain, so the columns left out for the encoder are generated now.
      if (some) for (let i = start; i < end; i++) rows[i - start] = g.row(i)
      return { rows }
    },
  }
}

/** The encoder `encoding` names for a step writing `columns`; undefined when it declines the table. */
export async function importEncoder(encoding: WorkerEncoding, columns: string[]): Promise<WorkerRowEncoder | undefined> {
  const m = (await import(encoding.module)) as Record<string, WorkerRowEncoderFactory>
  return m[encoding.name]!(encoding.spec, columns)
}

/**
 * A step's batches built by `encoding`'s encoder on this thread (what the workers do with `--workers` ≥ 2):
 * EncodedRowBatch where it took them, plain batches where it declined; plain throughout when it declines
 * the table. Same batches whatever the thread.
 */
export async function* encodedRowStream(plan: Plan, step: PlanStep, encoding: WorkerEncoding, opts: Required<Pick<BatchOptions, 'batchSize'>> & BatchOptions): AsyncGenerator<RowBatch | EncodedRowBatch> {
  const g = createRowGenerator(plan, step)
  // Not caught: an encoder module that does not load is a broken build, as it is in the workers (the CLI
  // bundle once turned its import into a require of a file URL, and a silent fallback hid it).
  const encoder = await importEncoder(encoding, g.columns)
  const start = opts.start ?? 0
  const end = opts.end ?? step.rows
  const enc = encoder ? rowEncoding(g, encoder) : undefined
  for (let from = start; from < end; from += opts.batchSize) {
    const to = Math.min(end, from + opts.batchSize)
    if (!enc) {
      const rows = new Array<Value[]>(to - from)
      for (let i = from; i < to; i++) rows[i - from] = g.row(i)
      yield { columns: g.columns, rows }
      continue
    }
    // Nothing moves to another thread: no buffers to transfer (the encoder need not pack them).
    const out = enc.encode(from, to, undefined)
    if ('encoded' in out) yield { format: encoding.format, columns: g.columns, rows: to - from, data: out.encoded }
    else yield { columns: g.columns, rows: out.rows }
  }
}
