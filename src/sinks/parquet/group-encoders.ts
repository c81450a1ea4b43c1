/**
 * The two row-group encoders of a Parquet table, behind one shape: converted values are buffered per
 * column (`push`), a part file is opened on an `OutputFile` (`open`) and takes what is buffered as one
 * row group (`writeGroup`) until `finish` writes its footer.
 * - parquet-wasm (arrow-rs), the default: typed Arrow buffers, no object per value (`wasm-file.ts`).
 * - hyparquet-writer, for tables with a column arrow-rs cannot write as tdg declares it (LIST columns,
 *   DECIMAL over 38 digits): one JS value per cell.
 * Both write the same schema (column-schema.ts); readers see the same types.
 */
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer'
import type { OutputFile } from '../output-file.js'
import type { ArrowColumnBuilder } from './arrow-columns.js'
import { bigintLeaf, footerSchema, physicalValue, type ParquetColumn } from './column-schema.js'
import type { RawColumn } from './encoded-columns.js'
import type { ResolvedParquetOptions } from './options.js'
import { wasmFileModule } from './wasm-loader.js'
import { warmEncoder } from './encode-group.js'

/** One open part file. */
export interface PartWriter {
  /** Write the `n` buffered rows as one row group (the buffers start over). */
  writeGroup(n: number): Promise<void>
  /** Write the footer; the output is then complete (not closed). */
  finish(): Promise<void>
}

/** A table's column buffers and how its part files are written. */
export interface GroupEncoder {
  /** Buffer column `c`'s next converted value; about how many bytes it holds. */
  push(c: number, x: unknown): number
  /** Buffer values [from, to) of column `c` built by a worker (`worker-encoder.ts`); parquet-wasm's only. */
  append?(c: number, raw: RawColumn, from: number, to: number): void
  open(out: OutputFile): PartWriter
}

/**
 * The encoder of a table with these columns: parquet-wasm when every column has an Arrow builder.
 * `unique` columns (a one-column primary key or UNIQUE) are written without a dictionary there: it would
 * hold every value, and arrow-rs would build it up to its size limit only to fall back (default none).
 */
export function groupEncoder(cols: readonly ParquetColumn[], nullable: readonly boolean[], options: ResolvedParquetOptions, unique: readonly string[] = []): GroupEncoder {
  const schema: SchemaElement[] = [{ name: 'schema', num_children: cols.length }, ...cols.flatMap((c) => c.elements)]
  const wasm = wasmFileModule()
  if (!wasm) throw new Error('the Parquet encoder is not loaded (options.ready() not awaited)')
  const builders = cols.map((c, i) => (c.elements.length === 1 ? wasm.arrowColumnBuilder(c.elements[0] as SchemaElement, nullable[i] as boolean) : undefined))
  if (builders.every((b) => b !== undefined)) return wasmEncoder(wasm, footerSchema(schema), builders as ArrowColumnBuilder[], options, unique)
  return hyparquetEncoder(cols, schema, options)
}

function wasmEncoder(wasm: typeof import('./wasm-file.js'), schema: SchemaElement[], builders: ArrowColumnBuilder[], options: ResolvedParquetOptions, unique: readonly string[]): GroupEncoder {
  const plain = builders.map((b) => b.field.name).filter((n) => unique.includes(n))
  warmEncoder()
  return {
    push: (c, x) => (builders[c] as ArrowColumnBuilder).push(x),
    append: (c, raw, from, to) => (builders[c] as ArrowColumnBuilder).append(raw, from, to),
    open: (out) => {
      const file = new wasm.WasmParquetFile(out, schema, builders, options.codec, plain)
      return { writeGroup: (n) => file.writeGroup(builders, n), finish: () => file.finish(builders) }
    },
  }
}

/** hyparquet-writer's byte writer, draining each finished row group into an OutputFile. */
class OutputSink extends ByteWriter {
  constructor(private readonly out: OutputFile) {
    super(1 << 16)
  }

  flush(): Promise<void> {
    // The bytes are copied: the buffer is reused for the next group while the file may still hold them.
    const bytes = new Uint8Array(this.buffer.slice(0, this.index))
    this.index = 0
    return this.out.write(bytes)
  }

  override finish(): Promise<void> {
    return this.flush()
  }
}

function hyparquetEncoder(cols: readonly ParquetColumn[], schema: SchemaElement[], options: ResolvedParquetOptions): GroupEncoder {
  let buffers: unknown[][] = cols.map(() => [])
  const big = cols.map((c) => c.elements.length === 1 && bigintLeaf(c.elements[0] as SchemaElement))
  return {
    push: (c, x) => {
      ;(buffers[c] as unknown[]).push(physicalValue(x, big[c] as boolean))
      return typeof x === 'string' ? x.length + 4 : x instanceof Uint8Array ? x.length + 4 : 8
    },
    open: (out) => {
      const { codec, compressors } = options
      const writer = new ParquetWriter({ writer: new OutputSink(out), schema, codec, compressors, createdBy: 'tdg' })
      return {
        writeGroup: async (n) => {
          const columnData = cols.map((c, i) => ({ name: (c.elements[0] as SchemaElement).name, data: buffers[i] as unknown[] }))
          buffers = cols.map(() => [])
          await writer.write({ columnData, rowGroupSize: n })
        },
        finish: async () => {
          // Pages are written; the footer may now declare what the encoder was not told (see footerSchema).
          writer.schema = footerSchema(writer.schema)
          await writer.finish()
        },
      }
    },
  }
}
