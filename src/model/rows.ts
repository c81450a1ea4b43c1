/**
 * Rows travel as batches of positional arrays: they map directly onto COPY text, bulk load, CSV and Parquet.
 * Types only.
 */

/** A single cell. Dates travel as ISO strings or Date; binary as Uint8Array; json as parsed values or text. */
export type Value = string | number | bigint | boolean | null | Date | Uint8Array | Value[] | { [k: string]: unknown }

/** A batch of rows sharing one column list. */
export interface RowBatch {
  columns: string[]
  rows: Value[][]
}

/** A stream of batches; bounded memory: consumers pull one batch at a time. */
export type RowStream = AsyncIterable<RowBatch>

/**
 * Rows kept in a database's own bulk text format (PostgreSQL COPY text), as bytes: a copy between two
 * databases that share the format moves them without decoding the columns it does not change.
 */
export interface TextRowBatch {
  /** The format the bytes are in (`postgres-copy-text`); a writer takes only its own. */
  format: string
  columns: string[]
  /** Whole rows, each ended by the format's row terminator. */
  bytes: Uint8Array
  /** Rows in `bytes`. */
  rows: number
}
