/**
 * The shape every file encoder has: text in, text out, no I/O. The file writer owns files and
 * buffering; an encoder only turns batches into text, keeping whatever state must span batches so that
 * the output does not depend on where the incoming stream cut its batches.
 */
import type { RowBatch } from '../model/rows.js'
import type { LogicalType } from '../model/schema.js'

/** Encodes the rows of one file. */
export interface TableEncoder {
  /** Text that opens the file; called once, before any batch. */
  begin(): string
  /** Text for one batch; `types[i]` is the logical type of `batch.columns[i]`. May return ''. */
  encode(batch: RowBatch, types: LogicalType[]): string
  /** Text that closes the file; called once, after the last batch. */
  end(): string
}

/**
 * An encoding problem, raised by encoders without knowing the target directory; the file writer turns it
 * into `TDG_WRITE_FAILED` naming the directory. `reason` names tables and columns, never values.
 */
export class SinkFailure extends Error {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(reason, options)
    this.name = 'SinkFailure'
  }
}

/**
 * Run `encodeRow` over every row, reporting which column failed: `encodeRow` keeps the column it is on
 * in `at.column`, so a failure names it without a try/catch per cell.
 */
export function encodeRows(
  label: string,
  batch: RowBatch,
  encodeRow: (row: RowBatch['rows'][number], at: { column: number }) => string,
): string {
  const at = { column: 0 }
  const rows = batch.rows
  // One array join per batch: cheaper than growing a string row by row (no deep ropes to flatten).
  const parts = new Array<string>(rows.length)
  try {
    for (let i = 0; i < rows.length; i++) parts[i] = encodeRow(rows[i] as RowBatch['rows'][number], at)
  } catch (e) {
    if (e instanceof SinkFailure) throw e
    const col = batch.columns[at.column] ?? `#${at.column + 1}`
    throw new SinkFailure(`table ${label}, column ${col}: cannot encode a value (${(e as Error)?.name ?? 'error'})`, { cause: e })
  }
  return parts.join('')
}
