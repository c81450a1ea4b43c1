/**
 * The form in which generation workers hand a Parquet table's rows over (`worker-encoder.ts` builds it,
 * `parquet-table.ts` takes it): per column the raw Arrow buffers `arrow-columns.ts` would have filled on
 * the writer's thread, plus each row's byte estimate so row groups end at exactly the same row. Types and
 * names only (no apache-arrow): the file writer names the encoder without loading it.
 */
import type { Column } from '../../model/schema.js'

/** EncodedRowBatch.format of these batches. */
export const PARQUET_ENCODED = 'tdg-parquet-arrow-columns'

/** What the worker's encoder is made from: the table's columns (types, nullability). */
export interface ParquetEncoderSpec {
  columns: readonly Column[]
}

/** One column of an encoded batch: `data` (fixed width per row, or bytes at `offsets`), validity bits when it holds a NULL. */
export interface RawColumn {
  data: Int8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | Uint8Array
  /** Var-width columns: n + 1 byte offsets into `data`, from 0. */
  offsets?: Int32Array
  /** Bit i set: row i is not NULL (Arrow's layout); absent: no NULL. */
  valid?: Uint8Array
}

/** EncodedRowBatch.data of a Parquet table. */
export interface EncodedColumns {
  columns: RawColumn[]
  /** Per row: the bytes `ArrowColumnBuilder.push` reported for its values (the row group's size estimate). */
  rowBytes: Uint32Array
}
