/**
 * One Parquet file written with parquet-wasm (arrow-rs's Parquet writer compiled to WebAssembly): each
 * row group is handed over as Arrow arrays (`arrow-columns.ts`, through one Arrow IPC stream), encoded
 * by `writeParquet` as a one-group file of its own, and its column chunks are appended to the output at
 * once (memory stays one row group). The file's footer lists every group, moved to its place, under
 * tdg's schema (`spliced-footer.ts`). Loaded on first use (`wasm-loader.ts`).
 */
import * as arrow from 'apache-arrow'
import type { SchemaElement } from 'hyparquet-writer'
import type { OutputFile } from '../output-file.js'
import type { CompressionCodec } from './options.js'
import { footerBytes, footerSchemaRaw, readGroupFile, relocateRowGroup, type Raw } from './spliced-footer.js'
import { arrowColumnBuilder, type ArrowColumnBuilder } from './arrow-columns.js'

import pw from 'parquet-wasm/node'

/** A row group file's dictionary pages stay under this (arrow-rs then falls back to plain pages). */
const DICTIONARY_PAGE_BYTES = 1024 * 1024

/** Writes one file's row groups and footer to `out`. */
export class WasmParquetFile {
  private at = 4
  private rows = 0
  private readonly groups: Raw[] = []
  private first: { schema: Raw[]; columnOrders: unknown; createdBy: unknown } | undefined
  private readonly arrowSchema: arrow.Schema

  constructor(
    private readonly out: OutputFile,
    private readonly elements: SchemaElement[],
    builders: readonly ArrowColumnBuilder[],
    private readonly codec: CompressionCodec,
  ) {
    this.arrowSchema = new arrow.Schema(builders.map((b) => b.field))
  }

  /** Encode the `n` rows the builders hold as one row group and write it. */
  async writeGroup(builders: readonly ArrowColumnBuilder[], n: number): Promise<void> {
    const group = this.encode(builders.map((b) => b.take()), n)
    if (this.at === 4) await this.out.write(new Uint8Array([0x50, 0x41, 0x52, 0x31]))
    this.groups.push(relocateRowGroup(group.rowGroup, this.at))
    this.first ??= group
    this.at += group.bytes.length
    this.rows += n
    await this.out.write(group.bytes)
  }

  /** Write the footer (a file without rows still gets its schema). */
  async finish(builders: readonly ArrowColumnBuilder[]): Promise<void> {
    if (this.at === 4) await this.out.write(new Uint8Array([0x50, 0x41, 0x52, 0x31]))
    const first = this.first ?? this.encode(builders.map((b) => b.take()), 0)
    await this.out.write(footerBytes(footerSchemaRaw(first.schema, this.elements), this.groups, this.rows, first.columnOrders, first.createdBy))
  }

  private encode(columns: arrow.Data[], n: number): ReturnType<typeof readGroupFile> {
    const w = pw
    const struct = arrow.makeData({ type: new arrow.Struct(this.arrowSchema.fields), length: n, nullCount: 0, children: columns })
    const ipc = arrow.tableToIPC(new arrow.Table(this.arrowSchema, [new arrow.RecordBatch(this.arrowSchema, struct)]), 'stream')
    const table = w.Table.fromIPCStream(ipc)
    const props = new w.WriterPropertiesBuilder()
      .setCompression(COMPRESSION[this.codec])
      .setMaxRowGroupSize(Math.max(1, n))
      .setDictionaryPageSizeLimit(DICTIONARY_PAGE_BYTES)
      .setStatisticsEnabled(w.EnabledStatistics.Chunk)
      .build()
    // writeParquet takes (and frees) the table and the properties.
    return readGroupFile(w.writeParquet(table, props))
  }
}

const COMPRESSION: Record<CompressionCodec, number> = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, BROTLI: 3, LZ4: 4, ZSTD: 5, LZ4_RAW: 6, LZO: 7 }

export { arrowColumnBuilder }
