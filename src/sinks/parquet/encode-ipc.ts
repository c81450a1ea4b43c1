/**
 * parquet-wasm's part of a row group: an Arrow IPC stream in, a one-group Parquet file out, read back
 * into an `EncodedGroup` (`spliced-footer.ts`). Runs on the encoder thread (`encode-worker.ts`) or,
 * without one, on the caller's.
 */
import { createRequire } from 'node:module'
import type * as ParquetWasm from 'parquet-wasm/node'
import { withWasmTieringBudget } from '../../pipeline/wasm-tiering.js'
import type { CompressionCodec } from './options.js'
import { readGroupFile, type EncodedGroup } from './spliced-footer.js'
import { nonRepeating, type RepeatCheck } from './dictionary-choice.js'

/** One row group to encode. */
export interface EncodeRequest {
  /** The group's rows as an Arrow IPC stream (one schema, one or more record batches). */
  ipc: Uint8Array
  codec: CompressionCodec
  rows: number
  /** Columns written without a dictionary: unique ones, whose dictionary would hold every value (default none). */
  plain?: readonly string[]
  /** Columns written without a dictionary too when their values hardly repeat (`nonRepeating`; default none). */
  check?: readonly RepeatCheck[]
}

/** A row group file's dictionary pages stay under this (arrow-rs then falls back to plain pages). */
const DICTIONARY_PAGE_BYTES = 1024 * 1024

/**
 * parquet-wasm's Node build (CommonJS) through require: an ESM import of it would first run Node's
 * CommonJS export scanner over its 100 kB of glue (~50 ms per encoder thread). It instantiates its module
 * as it loads: with the raised tiering budget (wasm-tiering.ts).
 */
const pw = withWasmTieringBudget(() => createRequire(import.meta.url)('parquet-wasm/node') as typeof ParquetWasm)

const COMPRESSION: Record<CompressionCodec, number> = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, BROTLI: 3, LZ4: 4, ZSTD: 5, LZ4_RAW: 6, LZO: 7 }

/** Encode `req` as one row group. */
export function encodeIpcGroup(req: EncodeRequest): EncodedGroup {
  const plain = [...(req.plain ?? []), ...nonRepeating(req.check ?? [])]
  const table = pw.Table.fromIPCStream(req.ipc)
  let props = new pw.WriterPropertiesBuilder()
    .setCompression(COMPRESSION[req.codec])
    .setMaxRowGroupSize(Math.max(1, req.rows))
    .setDictionaryPageSizeLimit(DICTIONARY_PAGE_BYTES)
    .setStatisticsEnabled(pw.EnabledStatistics.Chunk)
  // Each builder call takes the builder and returns the next one.
  for (const c of plain) props = props.setColumnDictionaryEnabled(c, false)
  const built = props.build()
  // writeParquet takes (and frees) the table and the properties.
  return readGroupFile(pw.writeParquet(table, built))
}
