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

/** Strings as UTF-8 bytes at offsets (entry k is `data[offsets[k], offsets[k + 1])`). */
export interface Utf8List {
  data: Uint8Array
  offsets: Int32Array
}

/**
 * One column of an encoded batch: `data` (fixed width per row, or bytes at `offsets`), validity bits when it
 * holds a NULL. A string column drawn from a list may instead hold keys (`keyed`): `data` is one Int32 per
 * row, an index into the column's dictionary, which the first keyed batch of each encoder carries
 * (`dictionary`) and later ones refer to.
 */
export interface RawColumn {
  data: Int8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array | Uint8Array
  /** Var-width columns: n + 1 byte offsets into `data`, from 0. */
  offsets?: Int32Array
  /** Bit i set: row i is not NULL (Arrow's layout); absent: no NULL. */
  valid?: Uint8Array
  /** `data` holds dictionary keys (Int32Array; 0 at a NULL). */
  keyed?: true
  /** The dictionary of this and later keyed batches of the column (absent: the one last sent). */
  dictionary?: Utf8List
}

/** EncodedRowBatch.data of a Parquet table. */
export interface EncodedColumns {
  columns: RawColumn[]
  /** Per row: the bytes `ArrowColumnBuilder.push` reported for its values (the row group's size estimate). */
  rowBytes: Uint32Array
}
