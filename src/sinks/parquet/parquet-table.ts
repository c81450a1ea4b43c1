/**
 * The Parquet file(s) of one table (or one table's fixups). Rows are converted as they arrive into
 * column arrays holding one row group at most (`rowGroupSize` rows or ~16 MB of values, whichever comes
 * first); each full group is encoded (parquet-wasm, or hyparquet-writer for LIST columns: `group-encoders.ts`) and its bytes handed to the `OutputFile`, so
 * memory stays bounded by one row group whatever the table's size. With `maxRowsPerFile` the table is
 * split into parts (`rel(1)`, `rel(2)`, …); a row group never spans two parts. Calls are serialised.
 */
import type { EncodedRowBatch, RowBatch, Value } from '../../model/rows.js'
import type { Column } from '../../model/schema.js'
import { SinkFailure } from '../encoder.js'
import type { OutputFile } from '../output-file.js'
import { parquetColumn, Unrepresentable, type ParquetColumn } from './column-schema.js'
import { PARQUET_ENCODED, type EncodedColumns, type RawColumn } from './encoded-columns.js'
import { groupEncoder, type GroupEncoder, type PartWriter } from './group-encoders.js'
import { ROW_GROUP_BYTES, type ResolvedParquetOptions } from './options.js'

/** One written file: its path, rows and columns (a manifest line) and the file itself. */
export interface ParquetPart {
  file: string
  rows: number
  columns: string[]
  output: OutputFile
}

/** What a Parquet table writer needs from the file writer. */
export interface ParquetTableOptions {
  /** `schema.table` or `table`, for messages. */
  label: string
  /** The table's columns, for types and nullability. */
  columns: readonly Column[]
  /** Columns unique on their own (one-column primary key or UNIQUE): no dictionary (default none). */
  unique?: readonly string[]
  /** Columns of the file when no batch ever arrives. */
  fallbackColumns: readonly string[]
  /** Path of part `n` (1-based), or of the only file when `n` is undefined. */
  rel: (part: number | undefined) => string
  /** Opens an output file by its path. */
  open: (rel: string) => OutputFile
  options: ResolvedParquetOptions
}

interface OpenPart {
  writer: PartWriter
  part: ParquetPart
}

/** Writes one table's rows as Parquet (see the module comment). */
export class ParquetTableWriter {
  private names: string[] | undefined
  private cols: ParquetColumn[] = []
  private encoder: GroupEncoder | undefined
  private buffered = 0
  private bufferedBytes = 0
  private current: OpenPart | undefined
  private readonly parts: ParquetPart[] = []
  private readonly split: boolean

  constructor(private readonly o: ParquetTableOptions) {
    this.split = o.options.maxRowsPerFile !== undefined
  }

  /**
   * Buffer a batch, writing every row group that fills; resolves at the output's backpressure point. An
   * encoded batch (built by `worker-encoder.ts`) fills the same groups, ending them at the same rows.
   */
  async write(batch: RowBatch | EncodedRowBatch): Promise<number> {
    if ('format' in batch) return this.writeEncoded(batch)
    this.columnsOf(batch.columns)
    const rows = batch.rows
    const cols = this.cols
    const encoder = this.encoder as GroupEncoder
    const at = { column: 0 }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as Value[]
      try {
        for (let c = 0; c < cols.length; c++) {
          at.column = c
          this.bufferedBytes += encoder.push(c, (cols[c] as ParquetColumn).convert(row[c]))
        }
      } catch (e) {
        // Rows already converted into this row's columns are dropped with the failed run.
        const col = batch.columns[at.column] ?? `#${at.column + 1}`
        if (e instanceof Unrepresentable) throw new SinkFailure(`table ${this.o.label}, column ${col}: Parquet cannot hold ${e.reason} exactly; nothing was written`)
        throw new SinkFailure(`table ${this.o.label}, column ${col}: cannot encode a value (${(e as Error)?.name ?? 'error'})`, { cause: e })
      }
      this.buffered++
      if (this.buffered >= this.groupLimit() || this.bufferedBytes >= ROW_GROUP_BYTES) await this.writeGroup()
    }
    return rows.length
  }

  private async writeEncoded(batch: EncodedRowBatch): Promise<number> {
    this.columnsOf(batch.columns)
    const encoder = this.encoder as GroupEncoder
    if (batch.format !== PARQUET_ENCODED || !encoder.append) throw new SinkFailure(`table ${this.o.label}: rows arrived encoded for another writer`)
    const { columns, rowBytes } = batch.data as EncodedColumns
    const width = this.cols.length
    const take = (from: number, to: number) => {
      for (let c = 0; c < width; c++) encoder.append!(c, columns[c] as RawColumn, from, to)
    }
    let from = 0
    for (let i = 0; i < batch.rows; i++) {
      this.bufferedBytes += rowBytes[i] as number
      this.buffered++
      if (this.buffered >= this.groupLimit() || this.bufferedBytes >= ROW_GROUP_BYTES) {
        take(from, i + 1)
        from = i + 1
        await this.writeGroup()
      }
    }
    if (from < batch.rows) take(from, batch.rows)
    return batch.rows
  }

  /** Write what is buffered and finish every part (an empty table still gets one valid file); the parts written. */
  async finish(): Promise<ParquetPart[]> {
    if (this.buffered > 0) await this.writeGroup()
    if (this.parts.length === 0) {
      this.columnsOf(this.names ?? [...this.o.fallbackColumns])
      this.openPart()
    }
    await this.closePart()
    return this.parts
  }

  /** Drop every file (rollback); never throws. */
  async destroy(): Promise<void> {
    this.current = undefined
    await Promise.all(this.parts.map((p) => p.output.destroy()))
  }

  /** Rows the group being buffered may still reach: the row group size, capped by what the part has left. */
  private groupLimit(): number {
    const { rowGroupSize, maxRowsPerFile } = this.o.options
    if (maxRowsPerFile === undefined) return rowGroupSize
    const used = this.current?.part.rows ?? 0
    return Math.min(rowGroupSize, maxRowsPerFile - used)
  }

  /** The file's columns, fixed by the first batch (or the fallback); a later batch must match them. */
  private columnsOf(names: readonly string[]): void {
    if (this.names) {
      if (names.length !== this.names.length || names.some((n, i) => n !== this.names?.[i])) {
        throw new SinkFailure(`table ${this.o.label}: rows arrived with a different column list than the Parquet file's schema`)
      }
      return
    }
    this.names = [...names]
    const columns = names.map((n) => {
      const col = this.o.columns.find((c) => c.name === n)
      if (!col) throw new SinkFailure(`table ${this.o.label} has no column ${n}`)
      return col
    })
    this.cols = columns.map((col) => parquetColumn(col.name, col.type, col.nullable))
    this.encoder = groupEncoder(
      this.cols,
      columns.map((c) => c.nullable),
      this.o.options,
      this.o.unique,
    )
  }

  private openPart(): OpenPart {
    if (this.current) return this.current
    const n = this.parts.length + 1
    const rel = this.o.rel(this.split ? n : undefined)
    const output = this.o.open(rel)
    const part: ParquetPart = { file: rel, rows: 0, columns: [...(this.names ?? [])], output }
    this.parts.push(part)
    const writer = (this.encoder as GroupEncoder).open(output)
    this.current = { writer, part }
    return this.current
  }

  private async writeGroup(): Promise<void> {
    const { writer, part } = this.openPart()
    const n = this.buffered
    this.buffered = 0
    this.bufferedBytes = 0
    try {
      await writer.writeGroup(n)
    } catch (e) {
      throw this.libraryFailure(e)
    }
    part.rows += n
    if (this.o.options.maxRowsPerFile !== undefined && part.rows >= this.o.options.maxRowsPerFile) await this.closePart()
  }

  private async closePart(): Promise<void> {
    const open = this.current
    if (!open) return
    this.current = undefined
    try {
      await open.writer.finish()
    } catch (e) {
      throw this.libraryFailure(e)
    }
    await open.part.output.close()
  }

  /** The encoders' own messages may quote values: only the error's name goes out. */
  private libraryFailure(e: unknown): unknown {
    if (e instanceof SinkFailure || (e as { code?: unknown })?.code !== undefined) return e
    return new SinkFailure(`table ${this.o.label}: the Parquet encoder failed (${(e as Error)?.name ?? 'error'})`, { cause: e })
  }
}
