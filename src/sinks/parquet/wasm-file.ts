/**
 * One Parquet file written with parquet-wasm (arrow-rs's Parquet writer compiled to WebAssembly): each
 * row group is handed over as Arrow arrays (`arrow-columns.ts`, through one Arrow IPC stream), encoded
 * by `writeParquet` as a one-group file of its own (`encode-group.ts`: on an encoder thread while the
 * next group fills), and its column chunks are appended to the output in order (memory stays two row
 * groups). The file's footer lists every group, moved to its place, under tdg's schema (`spliced-footer.ts`). Loaded on first use (`wasm-loader.ts`).
 */
import type * as Arrow from 'apache-arrow'
import { arrow } from './arrow.js'
import type { SchemaElement } from 'hyparquet-writer'
import type { OutputFile } from '../output-file.js'
import type { CompressionCodec } from './options.js'
import { footerBytes, footerSchemaRaw, relocateRowGroup, type Raw } from './spliced-footer.js'
import { arrowColumnBuilder, type ArrowColumnBuilder } from './arrow-columns.js'
import { encodeGroup } from './encode-group.js'
import type { EncodedGroup } from './spliced-footer.js'
import type { RepeatCheck } from './dictionary-choice.js'

export { arrowColumnBuilder }

/** Writes one file's row groups and footer to `out`. */
export class WasmParquetFile {
  private at = 4
  private rows = 0
  private readonly groups: Raw[] = []
  private first: { schema: Raw[]; columnOrders: unknown; createdBy: unknown } | undefined
  private pending: Promise<void> | undefined
  private readonly arrowSchema: Arrow.Schema

  constructor(
    private readonly out: OutputFile,
    private readonly elements: SchemaElement[],
    builders: readonly ArrowColumnBuilder[],
    private readonly codec: CompressionCodec,
    /** Columns without a dictionary (EncodeRequest.plain). */
    private readonly plain: readonly string[] = [],
  ) {
    this.arrowSchema = new arrow.Schema(builders.map((b) => b.field))
  }

  /**
   * Encode the `n` rows the builders hold as one row group; it is written once encoded and every group
   * before it is written. Resolves when the group before it is written: at most two in flight.
   */
  async writeGroup(builders: readonly ArrowColumnBuilder[], n: number): Promise<void> {
    // Besides the unique columns, the fixed-width ones whose values in this group hardly repeat (counted
    // where the group is encoded).
    const columns = builders.map((b) => b.take())
    const check: RepeatCheck[] = []
    builders.forEach((b, i) => {
      const c = b.repeatChoice === true && !this.plain.includes(b.field.name) ? repeatCheck(b.field.name, columns[i]!) : undefined
      if (c) check.push(c)
    })
    const encoded = encodeGroup({ ipc: this.ipc(columns, n), codec: this.codec, rows: n, plain: this.plain, check })
    encoded.catch(() => undefined) // awaited in order below
    const before = this.pending
    this.pending = (async () => {
      await before
      await this.out.write(this.append(await encoded, n))
    })()
    this.pending.catch(() => undefined) // awaited by the next group or finish
    await before
  }

  /** Write the footer once every group is written (a file without rows still gets its schema). */
  async finish(builders: readonly ArrowColumnBuilder[]): Promise<void> {
    await this.pending
    if (this.at === 4) await this.out.write(MAGIC)
    const first = this.first ?? (await encodeGroup({ ipc: this.ipc(builders.map((b) => b.take()), 0), codec: this.codec, rows: 0, plain: this.plain }))
    await this.out.write(footerBytes(footerSchemaRaw(first.schema, this.elements), this.groups, this.rows, first.columnOrders, first.createdBy))
  }

  /** Account for the group (placed at the current end); the bytes to write, the magic number first in the file. */
  private append(group: EncodedGroup, n: number): Uint8Array {
    const bytes = this.at === 4 ? Buffer.concat([MAGIC, group.bytes]) : group.bytes
    this.groups.push(relocateRowGroup(group.rowGroup, this.at))
    this.first ??= group
    this.at += group.bytes.length
    this.rows += n
    return bytes
  }

  private ipc(columns: Arrow.Data[], n: number): Uint8Array {
    // A column a builder hands over as a dictionary array (keyed strings) has that type in this group's stream.
    const keyed = columns.some((d, i) => d.type !== this.arrowSchema.fields[i]?.type)
    const schema = keyed ? new arrow.Schema(this.arrowSchema.fields.map((f, i) => (columns[i]!.type === f.type ? f : new arrow.Field(f.name, columns[i]!.type, f.nullable)))) : this.arrowSchema
    const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: n, nullCount: 0, children: columns })
    return arrow.tableToIPC(new arrow.Table(schema, [new arrow.RecordBatch(schema, struct)]), 'stream')
  }
}

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31])

/**
 * A copy of a fixed-width column's values for the encoder thread's dictionary choice (the builder's
 * store is reused for the next group); undefined for booleans, left to the encoder.
 */
function repeatCheck(name: string, data: Arrow.Data): RepeatCheck | undefined {
  if (data.type.typeId === arrow.Type.Bool) return undefined
  const values = data.values as ArrayBufferView & { BYTES_PER_ELEMENT: number }
  const size = data.stride * values.BYTES_PER_ELEMENT
  return { name, size, bytes: new Uint8Array(values.buffer, values.byteOffset, data.length * size).slice() }
}
