/**
 * The Parquet side of a file writer: one `ParquetTableWriter` per table (`NNN-<table>.parquet`, or
 * `NNN-<table>.part-0001.parquet`, … with `maxRowsPerFile`) and one per table with fixups
 * (`fixups/<table>.parquet`: the key columns plus the columns to set, as for CSV). Calls on one table
 * are serialised; `finish` closes everything and lists every file with its rows for the manifest.
 */
import type { EncodedRowBatch, RowBatch, RowStream, WorkerEncoding } from '../../model/rows.js'
import type { Table } from '../../model/schema.js'
import type { WriteStats } from '../../adapter/adapter.js'
import { orderedFileName, safeFileName, tableLabel } from '../file-name.js'
import type { OutputFile } from '../output-file.js'
import { resolveParquetOptions, type ParquetOptions, type ResolvedParquetOptions } from './options.js'
import { ParquetTableWriter, type ParquetPart } from './parquet-table.js'
import type { ManifestFile } from '../file-writer.js'
import { PARQUET_ENCODED, type ParquetEncoderSpec } from './encoded-columns.js'
import { detachEarly } from '../../pipeline/detach-early.js'

/** A manifest line of one Parquet file: the file writer's own shape. */
export type ParquetManifestFile = ManifestFile

interface Slot {
  writer: ParquetTableWriter
  queue: Promise<void>
  table: string
  keyColumns?: string[]
  parts?: ParquetPart[]
}

/** What the file writer hands over: numbering, the dialect's default schema and how files open. */
export interface ParquetFilesOptions {
  width: number
  defaultSchema?: string | undefined
  open: (rel: string, inSubdir: boolean) => OutputFile
  parquet?: ParquetOptions
  /** Wraps an encoding or write failure (not the row stream's own errors) as the target's error. */
  fail: (e: unknown) => unknown
}

/** Every Parquet file of one file-target transaction. */
export class ParquetFiles {
  private readonly options: ResolvedParquetOptions
  private readonly tables = new Map<Table, Slot>()
  private readonly fixups = new Map<Table, Slot>()

  constructor(private readonly o: ParquetFilesOptions) {
    this.options = resolveParquetOptions(o.parquet)
    // Parquet output transfers row groups to the encoder thread: detach before anything is optimized
    // (detach-early.ts; the thread itself starts with the first table's encoder).
    detachEarly()
  }

  /**
   * How generation workers build this table's column buffers (`worker-encoder.ts`); the table's
   * batches then reach `insert` as EncodedRowBatch. Every table may: a worker declines (plain rows) when
   * a column has no Arrow builder or a value is refused, and the table writer decides as without it.
   */
  workerEncoding(table: Table): WorkerEncoding {
    const spec: ParquetEncoderSpec = { columns: table.columns }
    return { format: PARQUET_ENCODED, module: new URL('./worker-encoder.js', import.meta.url).href, name: 'parquetRowEncoder', spec }
  }

  /** Append rows (plain, or encoded by `workerEncoding`'s encoder) to the table's file(s), numbered on first use. */
  insert(table: Table, rows: RowStream | AsyncIterable<RowBatch | EncodedRowBatch>): Promise<WriteStats> {
    let slot = this.tables.get(table)
    if (!slot) {
      const label = tableLabel(table)
      const base = orderedFileName(this.tables.size + 1, this.o.width, table, 'parquet', this.o.defaultSchema)
      const stem = base.slice(0, -'.parquet'.length)
      const writer = new ParquetTableWriter({
        label,
        columns: table.columns,
        unique: uniqueColumns(table),
        fallbackColumns: writableColumns(table),
        rel: (n) => (n === undefined ? base : `${stem}.part-${String(n).padStart(4, '0')}.parquet`),
        open: (rel) => this.o.open(rel, false),
        options: this.options,
      })
      slot = { writer, queue: Promise.resolve(), table: label }
      this.tables.set(table, slot)
    }
    return this.pump(slot, rows)
  }

  /** Append fixup rows (`keyColumns` + the columns to set) to `fixups/<table>.parquet`. */
  update(table: Table, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    let slot = this.fixups.get(table)
    if (!slot) {
      const label = tableLabel(table)
      const rel = `fixups/${safeFileName(label)}.parquet`
      const writer = new ParquetTableWriter({
        label,
        columns: table.columns,
        fallbackColumns: keyColumns,
        rel: () => rel,
        open: (r) => this.o.open(r, true),
        options: { ...this.options, maxRowsPerFile: undefined },
      })
      slot = { writer, queue: Promise.resolve(), table: label, keyColumns: [...keyColumns] }
      this.fixups.set(table, slot)
    }
    return this.pump(slot, rows)
  }

  /** Finish every file (after pending calls settle); manifest lines of tables and fixups. */
  async finish(): Promise<{ tables: ParquetManifestFile[]; fixups: ParquetManifestFile[]; files: string[] }> {
    const slots = [...this.tables.values(), ...this.fixups.values()]
    await Promise.all(slots.map((s) => s.queue))
    await this.options.ready()
    for (const s of slots) {
      try {
        s.parts = await s.writer.finish()
      } catch (e) {
        throw this.o.fail(e)
      }
    }
    const lines = (s: Slot): ParquetManifestFile[] =>
      (s.parts ?? []).map((p, i) => ({
        table: s.table,
        file: p.file,
        rows: p.rows,
        columns: p.columns,
        ...(s.keyColumns ? { keyColumns: s.keyColumns } : {}),
        ...(this.options.maxRowsPerFile !== undefined && !s.keyColumns ? { part: i + 1 } : {}),
        bytes: p.output.bytes,
        ...(p.output.sha256 ? { sha256: p.output.sha256 } : {}),
      }))
    const tables = [...this.tables.values()].flatMap(lines)
    const fixups = [...this.fixups.values()].flatMap(lines)
    return { tables, fixups, files: [...tables, ...fixups].map((l) => l.file) }
  }

  /** Drop every file (rollback); never throws. */
  async abort(): Promise<void> {
    await Promise.all([...this.tables.values(), ...this.fixups.values()].map((s) => s.writer.destroy()))
  }

  private pump(slot: Slot, rows: RowStream | AsyncIterable<RowBatch | EncodedRowBatch>): Promise<WriteStats> {
    const run = slot.queue.then(async () => {
      await this.options.ready()
      let n = 0
      for await (const batch of rows) {
        try {
          n += await slot.writer.write(batch)
        } catch (e) {
          throw this.o.fail(e)
        }
      }
      return { rows: n }
    })
    slot.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }
}

/** Columns unique on their own: a one-column primary key or UNIQUE constraint. */
function uniqueColumns(table: Table): string[] {
  const keys = [...(table.primaryKey ? [table.primaryKey.columns] : []), ...table.uniques.map((u) => u.columns)]
  return keys.filter((k) => k.length === 1).map((k) => k[0] as string)
}

/** Columns a generator writes: all but computed ones. */
function writableColumns(table: Table): string[] {
  return table.columns.filter((c) => !c.generated).map((c) => c.name)
}
