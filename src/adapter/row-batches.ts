/**
 * Stream helpers the bulk writers share: batches re-ordered to one column list, and a guard that tells
 * an error of the caller's row stream apart from the database's (a bulk load aborts with its own error
 * when its source fails, which would hide the real one).
 */
import type { RowBatch, Value } from '../model/rows.js'
import { TdgError, isTdgError } from '../errors.js'

/**
 * The rows of `first` and then of every batch `rest` yields, re-ordered to `columns` when a batch lists
 * them differently. TDG_INTERNAL when a batch's columns are not the same set.
 */
export async function* alignedRows(first: RowBatch, rest: AsyncIterator<RowBatch>, columns: string[], table: string): AsyncGenerator<Value[][]> {
  let batch: RowBatch | undefined = first
  while (batch) {
    const b: RowBatch = batch
    if (b.columns.length === columns.length && b.columns.every((c, i) => c === columns[i])) yield b.rows
    else {
      const idx = columns.map((c) => b.columns.indexOf(c))
      if (b.columns.length !== columns.length || idx.includes(-1)) throw new TdgError('TDG_INTERNAL', `row batches for ${table} disagree on their column list`, { table })
      yield b.rows.map((r) => idx.map((i) => r[i] as Value))
    }
    const next = await rest.next()
    batch = next.done ? undefined : next.value
  }
}

/**
 * `source` wrapped so an error it throws is remembered: `error()` gives it back (undefined when the
 * source did not fail), for the writer to rethrow unchanged instead of the database's abort error.
 */
export function guarded<T>(source: AsyncIterable<T>): { rows: AsyncIterable<T>; error(): unknown } {
  let failure: { e: unknown } | undefined
  async function* rows(): AsyncGenerator<T> {
    try {
      yield* source
    } catch (e) {
      failure = { e }
      throw e
    }
  }
  return { rows: rows(), error: () => failure?.e }
}

/**
 * The loop the writers' keyed `update` and `deleteKeys` share: `each` gets every non-empty batch of
 * `rows`, after checking it carries every column of `keyColumns` (TDG_INTERNAL naming `what` and `table`
 * otherwise). A failure of `rows` itself is rethrown unchanged, a TdgError as it is, anything else (the
 * database's) as `fail(e)`.
 */
export async function forKeyedBatches(
  rows: AsyncIterable<RowBatch>,
  keyColumns: string[],
  what: string,
  table: string,
  each: (batch: RowBatch) => Promise<void>,
  fail: (e: unknown) => Error,
): Promise<void> {
  const source = guarded(rows)
  try {
    for await (const batch of source.rows) {
      if (batch.rows.length === 0) continue
      const missing = keyColumns.find((k) => !batch.columns.includes(k))
      if (missing !== undefined) throw new TdgError('TDG_INTERNAL', `${what} ${table} lacks key column ${missing}`, { table })
      await each(batch)
    }
  } catch (e) {
    const fromSource = source.error()
    if (fromSource !== undefined) throw fromSource
    if (isTdgError(e)) throw e
    throw fail(e)
  }
}
