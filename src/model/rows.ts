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
 * A generated column's values in a typed form, for an encoder that would otherwise parse its text cells
 * back: the same values as the cells (NULLs included), addressed by row index.
 */
export type TypedCells =
  /** Dates: days since 1970-01-01. */
  | { form: 'epoch-days'; at(i: number): number | null }
  /**
   * Timestamps: whole seconds since 1970-01-01 00:00:00; `offset`: the text cell carries `+00` (a zoned
   * column's UTC instant), else it is the wall-clock time as spelled.
   */
  | { form: 'epoch-seconds'; offset: boolean; at(i: number): number | null }
  /** Uuids: row i's 16 bytes written to `out` at `offset`; false for NULL (nothing written). */
  | { form: 'uuid'; into(i: number, out: Uint8Array, offset: number): boolean }
  /**
   * Strings drawn from a fixed list: row i's cell is `values[at(i)]` (null for NULL). The list is the same
   * array for every row of the column (an encoder may encode it once and write indices).
   */
  | { form: 'pooled'; values: readonly string[]; at(i: number): number | null }

/** The typed columns of rows [start, start + rows.length) handed to a `WorkerRowEncoder` (by column position). */
export interface TypedBatch {
  start: number
  columns: readonly (TypedCells | undefined)[]
}

/**
 * Encodes a batch of rows into an `EncodedRowBatch`'s data, pushing buffers to move into `transfer`
 * (undefined: the data stays on this thread, nothing is moved, and its buffers may be the encoder's own,
 * valid until it is called again: the batch is consumed before the next one is pulled); undefined when it cannot (e.g. a value the format refuses): the rows then travel as plain rows and
 * the writer decides, exactly as without the encoder. With `takes`, a column it takes typed is left
 * NULL in `rows` and read from `typed` instead (a declined batch is then generated again in full).
 */
export type WorkerRowEncoder = ((rows: Value[][], transfer: ArrayBuffer[] | undefined, typed?: TypedBatch) => unknown) & {
  /** Whether it reads column `c` from its typed cells of this form (absent: it takes none). */
  takes?: (c: number, cells: TypedCells) => boolean
}

/** Makes a step's encoder; undefined when this table's rows are not encoded in workers. */
export type WorkerRowEncoderFactory = (spec: unknown, columns: string[]) => WorkerRowEncoder | undefined
