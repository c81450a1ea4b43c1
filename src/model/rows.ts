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

/**
 * Generated rows already in a writer's own column form, built inside a generation worker thread by the
 * encoder the writer named (`Writer.workerEncoding`), so the writer's thread only moves buffers. Opaque
 * to everything but that writer (`format` says whose it is).
 */
export interface EncodedRowBatch {
  format: string
  columns: string[]
  /** Rows in `data`. */
  rows: number
  data: unknown
}

/**
 * Where a generation worker imports a writer's row encoder from: the module's URL and the export's name,
 * a `WorkerRowEncoderFactory`, called with `spec` (structured-cloneable) and the step's column names.
 */
export interface WorkerEncoding {
  /** The EncodedRowBatch format of what it builds. */
  format: string
  module: string
  name: string
  spec: unknown
}

/**
 * Encodes a batch of rows into an `EncodedRowBatch`'s data, pushing buffers to move into `transfer`;
 * undefined when it cannot (e.g. a value the format refuses): the rows then travel as plain rows and
 * the writer decides, exactly as without the encoder.
 */
export type WorkerRowEncoder = (rows: Value[][], transfer: ArrayBuffer[]) => unknown

/** Makes a step's encoder; undefined when this table's rows are not encoded in workers. */
export type WorkerRowEncoderFactory = (spec: unknown, columns: string[]) => WorkerRowEncoder | undefined
