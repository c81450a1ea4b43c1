/**
 * Options of Parquet output (`--compression`, `--row-group-size`, `--max-rows-per-file`) and the
 * compressors behind them. On the parquet-wasm path (the default) both codecs are arrow-rs's. For the
 * tables hyparquet-writer writes (LIST columns): snappy is its own; zstd is node:zlib's from Node.js 22.15
 * on, and on an older Node the zstd library's WebAssembly build (@bokuweb/zstd-wasm), loaded on first use.
 */
import * as zlib from 'node:zlib'
import type { ParquetWriter } from 'hyparquet-writer'
import { TdgError } from '../../errors.js'
import { loadWasmEncoder } from './wasm-loader.js'

/** A codec name as hyparquet-writer spells it. */
export type CompressionCodec = NonNullable<ConstructorParameters<typeof ParquetWriter>[0]['codec']>

/** Page compressors by codec, as hyparquet-writer takes them. */
export type Compressors = Partial<Record<CompressionCodec, (input: Uint8Array) => Uint8Array>>

/** Codecs `--compression` takes. */
export const PARQUET_COMPRESSIONS = ['snappy', 'zstd', 'none'] as const
export type ParquetCompression = (typeof PARQUET_COMPRESSIONS)[number]

/** Parquet output options; every field optional, defaults below. */
export interface ParquetOptions {
  /** Page compression. Default `snappy`. */
  compression?: ParquetCompression
  /** Rows per row group at most. Default 1,000,000 (a row group also closes at ~16 MB of values: memory stays bounded). */
  rowGroupSize?: number
  /** Split a table into parts of at most this many rows (`NNN-<table>.part-0001.parquet`, …). Default: one file. */
  maxRowsPerFile?: number
}

/** Default rows per row group. */
export const DEFAULT_ROW_GROUP_ROWS = 1_000_000
/** A row group also closes once its buffered values reach about this many bytes. */
export const ROW_GROUP_BYTES = 16 * 1024 * 1024

/** Resolved options: what the Parquet table writer works with. */
export interface ResolvedParquetOptions {
  codec: CompressionCodec
  compressors: Compressors
  rowGroupSize: number
  maxRowsPerFile: number | undefined
  /** Resolves once the encoders can run (parquet-wasm, and the WebAssembly zstd where needed, are loaded); await before writing. */
  ready: () => Promise<void>
}

type ZstdZlib = { zstdCompressSync?: (buf: Uint8Array) => Buffer }

/** zlib's zstd compressor, when this Node.js has one. */
function zstdCompressor(): ((input: Uint8Array) => Uint8Array) | undefined {
  const z = (zlib as unknown as ZstdZlib).zstdCompressSync
  return z ? (input) => z(input) : undefined
}

/** zstd level of the pages (the format's and DuckDB's default). */
const ZSTD_LEVEL = 3

let wasmZstd: { compress(buf: Uint8Array, level?: number): Uint8Array } | undefined
let wasmLoading: Promise<void> | undefined

/** Load the WebAssembly zstd once (a few ms). */
function loadWasmZstd(): Promise<void> {
  wasmLoading ??= import('@bokuweb/zstd-wasm').then(async (m) => {
    await m.init()
    wasmZstd = m
  })
  return wasmLoading
}

/** Whether this Node.js's zlib has zstd (else the WebAssembly build is used). */
export function zstdNative(): boolean {
  return zstdCompressor() !== undefined
}

/** Check and default the options; TDG_USAGE (one line, naming the option) for a bad value. */
export function resolveParquetOptions(opts: ParquetOptions = {}): ResolvedParquetOptions {
  const compression = opts.compression ?? 'snappy'
  if (!PARQUET_COMPRESSIONS.includes(compression)) {
    throw new TdgError('TDG_USAGE', `unknown parquet compression '${String(compression)}' (expected ${PARQUET_COMPRESSIONS.join(', ')})`)
  }
  positive('row group size', opts.rowGroupSize)
  positive('max rows per file', opts.maxRowsPerFile)
  const compressors: Compressors = {}
  let codec: CompressionCodec = 'SNAPPY'
  if (compression === 'none') codec = 'UNCOMPRESSED'
  let ready = loadWasmEncoder
  if (compression === 'zstd') {
    const zstd = zstdCompressor()
    if (zstd) compressors.ZSTD = zstd
    else {
      compressors.ZSTD = (input) => wasmZstd!.compress(input, ZSTD_LEVEL)
      ready = () => Promise.all([loadWasmEncoder(), loadWasmZstd()]).then(() => undefined)
    }
    codec = 'ZSTD'
  }
  return { codec, compressors, rowGroupSize: opts.rowGroupSize ?? DEFAULT_ROW_GROUP_ROWS, maxRowsPerFile: opts.maxRowsPerFile, ready }
}

function positive(name: string, n: number | undefined): void {
  if (n === undefined) return
  if (!Number.isSafeInteger(n) || n <= 0) throw new TdgError('TDG_USAGE', `parquet ${name} must be a whole number of rows > 0, got ${String(n)}`)
}
