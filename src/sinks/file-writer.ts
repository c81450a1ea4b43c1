/**
 * The `Writer` of a file target: the same interface the database adapters give, writing one file per
 * table into a (temporary) directory. Files are numbered in first-insert order; calls on one file are
 * serialised; `finish` closes every file and writes `manifest.json`.
 *
 * Layout (`NNN` is 3 digits, more for schemas of 999+ tables):
 * - `NNN-<table>.<ext>`: rows of each `insert()` on that table, appended in call order.
 * - `000-pre.sql` (sql only): `BEGIN;` then the `execute()` statements made before any row was written,
 *   verbatim (a `;` added when missing). Statements made later keep their place in the script: they open
 *   the file of the next `insert()` (e.g. MySQL's `foreign_key_checks` around one table), or go into
 *   `999-fixups.sql` when the next call is an `update()` or none (checks before COMMIT).
 * - `999-fixups.sql` (sql only): `update()` rows as UPDATE statements, then `COMMIT;`.
 *   SQL output is ONE transaction across all files (`cat dir/*.sql | psql`), so constraints deferred in
 *   000-pre.sql hold until the end and a failed load leaves nothing behind.
 * - `fixups/<table>.<ext>` (csv/json/ndjson): `update()` rows as given, i.e. the key columns plus the
 *   columns to set; loading them means applying each row as an UPDATE matched on the key columns,
 *   which the manifest's `fixups[].keyColumns` names.
 */
import { join } from 'node:path'
import type { InsertOptions, SqlDialect, Writer, WriteStats } from '../adapter/adapter.js'
import { TdgError } from '../errors.js'
import type { EncodedRowBatch, RowBatch, RowStream, WorkerEncoding } from '../model/rows.js'
import type { LogicalType, Table, TableRef } from '../model/schema.js'
import { ChunkWriter } from './chunk-writer.js'
import type { OpenOutputFile, OutputFile } from './output-file.js'
import { CsvEncoder } from './csv.js'
import { SinkFailure, type TableEncoder } from './encoder.js'
import { orderedFileName, orderWidth, safeFileName, tableLabel } from './file-name.js'
import { JsonEncoder } from './json.js'
import { NdjsonEncoder } from './ndjson.js'
import { SQL_BEGIN, SQL_COMMIT, SqlInsertEncoder, SqlUpdateEncoder, terminated } from './sql.js'
import { writeFailed } from './write-failed.js'
import type { ParquetOptions } from './parquet/options.js'
import { ParquetFiles } from './parquet/parquet-files.js'

/** Output formats of a file target. */
export type FileFormat = 'csv' | 'json' | 'ndjson' | 'sql' | 'parquet'

/** One file's line in the manifest. */
export interface ManifestFile {
  /** `schema.name` or `name`. */
  table: string
  /** Path relative to the output directory. */
  file: string
  rows: number
  /** Columns of the file (of its first batch). */
  columns: string[]
  /** Fixups only: the columns that identify the row to update. */
  keyColumns?: string[]
  /** Parquet with `maxRowsPerFile`: the 1-based part of the table this file is. */
  part?: number
  /** Size of `file` in bytes, once finished (SQL fixups of several tables share one file). */
  bytes?: number
  /** Lower-case hex SHA-256 of `file`, once finished. */
  sha256?: string
}

/** Everything `finish` reports; the file target turns it into `manifest.json`. */
export interface WrittenFiles {
  tables: ManifestFile[]
  fixups: ManifestFile[]
  /** `000-pre.sql`, its statement count, size and SHA-256, when `execute` wrote anything. */
  pre?: { file: string; statements: number; bytes?: number; sha256?: string }
  /** Every written path relative to the directory, in write order. */
  files: string[]
}

interface OutFile {
  rel: string
  writer: OutputFile
  /** Text that ends the file, computed at finish. */
  end: () => string
  queue: Promise<void>
  entry?: ManifestFile
  table?: Table
  encoder?: TableEncoder
  sql?: SqlInsertEncoder
  typesFor?: readonly string[]
  types?: LogicalType[]
}

/** Options of a file writer; `tmp` is the directory written, `dir` the one named in messages. */
export interface FileWriterOptions {
  dir: string
  tmp: string
  format: FileFormat
  dialect?: SqlDialect
  tables: Table[]
  /** Where files go. Default: a `ChunkWriter` per file under `tmp`. */
  open?: OpenOutputFile
  /** Parquet only: compression, row group size, parts. */
  parquet?: ParquetOptions
}

const tableKey = (schema: string | undefined, name: string) => `${schema ?? ''}\u0000${name}`

/** A Writer into files; one per transaction of a file target. */
export class FileWriter implements Writer {
  private readonly byKey = new Map<string, Table>()
  private readonly width: number
  private readonly tableFiles = new Map<Table, OutFile>()
  private readonly fixupFiles = new Map<Table, OutFile>()
  private sqlFixups: OutFile | undefined
  private pre: OutFile | undefined
  private preStatements = 0
  private done = false
  /** sql: rows were written, so `execute()` no longer goes into 000-pre.sql. */
  private wroteRows = false
  /** sql: `execute()` statements since the last write, placed before the next one (see the layout). */
  private pending: string[] = []
  /** parquet: its own files (binary, row groups, parts); the text path below is not used. */
  private readonly parquet: ParquetFiles | undefined

  constructor(private readonly opts: FileWriterOptions) {
    for (const t of opts.tables) this.byKey.set(tableKey(t.schema, t.name), t)
    this.width = orderWidth(opts.tables.length)
    if (opts.format === 'parquet') {
      this.parquet = new ParquetFiles({
        width: this.width,
        defaultSchema: opts.dialect?.defaultSchema,
        open: (rel, inSubdir) => this.openFile(rel, inSubdir),
        fail: (e) => writeFailed(opts.dir, e),
        ...(opts.parquet ? { parquet: opts.parquet } : {}),
      })
    }
    if (opts.format === 'sql' && !opts.dialect) throw new TdgError('TDG_USAGE', `${opts.dir}: the sql format needs a dialect`, { dir: opts.dir })
  }

  /** Parquet only: generation workers build the table's Arrow column buffers (see parquet/worker-encoder.ts). */
  workerEncoding(ref: TableRef): WorkerEncoding | undefined {
    return this.parquet?.workerEncoding(this.table(ref))
  }

  /** Parquet only (`workerEncoding`): batches built by the workers' encoder, or plain where it declined. */
  async insertEncoded(ref: TableRef, batches: AsyncIterable<RowBatch | EncodedRowBatch>, _opts?: InsertOptions): Promise<WriteStats> {
    if (!this.parquet) throw new TdgError('TDG_INTERNAL', 'encoded rows reached a non-Parquet file writer')
    return this.live(() => (this.parquet as ParquetFiles).insert(this.table(ref), batches))
  }

  async insert(ref: TableRef, rows: RowStream, _opts?: InsertOptions): Promise<WriteStats> {
    if (this.parquet) return this.live(() => (this.parquet as ParquetFiles).insert(this.table(ref), rows))
    const f = this.tableFile(this.table(ref))
    const pending = this.takePending()
    this.wroteRows = true
    return this.serial(f, async () => {
      for (const s of pending) await this.write(f, (f.sql as SqlInsertEncoder).statement(s))
      return this.pump(f, rows)
    })
  }

  /** The statements waiting for the next write; empty after. */
  private takePending(): string[] {
    const p = this.pending
    this.pending = []
    return p
  }

  /** Write the waiting statements at the end of 999-fixups.sql (before its COMMIT). */
  private async flushPendingToFixups(): Promise<void> {
    const pending = this.takePending()
    if (pending.length === 0) return
    const f = this.sqlFixupFile()
    await this.serial(f, async () => {
      for (const s of pending) await this.write(f, terminated(s))
    })
  }

  async update(ref: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    const table = this.table(ref)
    if (this.parquet) return this.live(() => (this.parquet as ParquetFiles).update(table, keyColumns, rows))
    const label = tableLabel(table)
    const { dialect, format } = this.opts
    if (format === 'sql' && dialect) {
      await this.flushPendingToFixups()
      this.wroteRows = true
      const f = this.sqlFixupFile()
      const encoder = new SqlUpdateEncoder(dialect, table, label, keyColumns)
      return this.serial(f, async () => {
        const entry = { table: label, file: f.rel, rows: 0, columns: [] as string[], keyColumns: [...keyColumns] }
        // A view of the shared file for this call: same writer, this table's encoder, types and entry.
        const stats = await this.pump({ ...f, encoder, entry, table }, rows)
        this.addFixupEntry(entry)
        return stats
      })
    }
    let f = this.fixupFiles.get(table)
    if (!f) {
      const encoder = this.encoderFor(table, label, keyColumns)
      f = this.newFile(`fixups/${safeFileName(label)}.${format}`, () => encoder.end(), encoder.begin(), true)
      f.encoder = encoder
      f.table = table
      f.entry = { table: label, file: f.rel, rows: 0, columns: [], keyColumns: [...keyColumns] }
      this.fixupFiles.set(table, f)
    }
    const file = f
    return this.serial(file, () => this.pump(file, rows))
  }

  async execute(sql: string): Promise<void> {
    if (this.opts.format !== 'sql' || sql.trim() === '') return // DDL and TRUNCATE mean nothing to a data file
    if (this.wroteRows) {
      this.pending.push(sql)
      return
    }
    const f = this.preFile()
    this.preStatements++
    await this.serial(f, () => this.write(f, terminated(sql)))
  }

  async syncIdentity(ref: TableRef): Promise<void> {
    const table = this.table(ref)
    if (this.opts.format !== 'sql') return
    const statements = this.opts.dialect?.identitySyncSql?.(table) ?? []
    if (statements.length === 0) return
    const f = this.tableFile(table)
    await this.serial(f, async () => {
      for (const s of statements) await this.write(f, (f.sql as SqlInsertEncoder).statement(s))
    })
  }

  private preFile(): OutFile {
    return (this.pre ??= this.newFile(`${'0'.repeat(this.width)}-pre.sql`, () => '', this.opts.dialect?.transactionSql?.begin ?? SQL_BEGIN))
  }

  private sqlFixupFile(): OutFile {
    return (this.sqlFixups ??= this.newFile(`${'9'.repeat(this.width)}-fixups.sql`, () => this.opts.dialect?.transactionSql?.commit ?? SQL_COMMIT))
  }

  /** Close every file (after pending calls settle) and say what was written. */
  async finish(): Promise<WrittenFiles> {
    if (this.parquet) {
      const written = await this.parquet.finish()
      this.done = true
      return written
    }
    if (this.opts.format === 'sql') {
      await this.flushPendingToFixups()
      // The transaction's first and last files exist even when nothing else went into them.
      this.preFile()
      this.sqlFixupFile()
    }
    const all = this.allFiles()
    await Promise.all(all.map((f) => f.queue))
    this.done = true
    for (const f of all) {
      try {
        await f.writer.write(f.end())
        await f.writer.close()
      } catch (e) {
        throw writeFailed(this.opts.dir, e, f.rel)
      }
    }
    for (const f of [...this.tableFiles.values(), ...this.fixupFiles.values()]) {
      if (f.entry && f.entry.columns.length === 0 && f.table) f.entry.columns = writableColumns(f.table)
    }
    const sums = new Map(all.map((f) => [f.rel, { bytes: f.writer.bytes, ...(f.writer.sha256 ? { sha256: f.writer.sha256 } : {}) }]))
    const withSums = <E extends { file: string }>(e: E): E => ({ ...e, ...sums.get(e.file) })
    return {
      tables: [...this.tableFiles.values()].map((f) => withSums(f.entry as ManifestFile)),
      fixups: [...this.fixupEntries, ...[...this.fixupFiles.values()].map((f) => f.entry as ManifestFile)].map(withSums),
      ...(this.pre ? { pre: withSums({ file: this.pre.rel, statements: this.preStatements }) } : {}),
      files: all.map((f) => f.rel),
    }
  }

  /** Close every file without finishing it (rollback); never throws. */
  async abort(): Promise<void> {
    this.done = true
    await this.parquet?.abort()
    await Promise.all(this.allFiles().map((f) => f.writer.destroy()))
  }

  private readonly fixupEntries: ManifestFile[] = []

  /** SQL fixups share one file; the manifest still lists them per table. */
  private addFixupEntry(e: ManifestFile): void {
    const prev = this.fixupEntries.find((x) => x.table === e.table)
    if (!prev) this.fixupEntries.push(e)
    else prev.rows += e.rows
  }

  private allFiles(): OutFile[] {
    return [
      ...(this.pre ? [this.pre] : []),
      ...this.tableFiles.values(),
      ...(this.sqlFixups ? [this.sqlFixups] : []),
      ...this.fixupFiles.values(),
    ]
  }

  /** Encode and write every batch of `rows` into `f`; errors of the stream itself pass unchanged. */
  private async pump(f: OutFile, rows: RowStream): Promise<WriteStats> {
    let n = 0
    for await (const batch of rows) {
      let text: string
      try {
        text = (f.encoder as TableEncoder).encode(batch, this.types(f, batch.columns))
      } catch (e) {
        throw writeFailed(this.opts.dir, e)
      }
      if (f.entry && f.entry.columns.length === 0) f.entry.columns = [...batch.columns]
      await this.write(f, text)
      n += batch.rows.length
    }
    if (f.entry) f.entry.rows += n
    return { rows: n }
  }

  private async write(f: OutFile, text: string): Promise<void> {
    try {
      await f.writer.write(text)
    } catch (e) {
      throw writeFailed(this.opts.dir, e, f.rel)
    }
  }

  /** Logical types of `columns` in `f`'s table, cached while the column list stays the same array. */
  private types(f: OutFile, columns: readonly string[]): LogicalType[] {
    if (f.typesFor === columns && f.types) return f.types
    const table = f.table as Table
    const types = columns.map((c) => {
      const col = table.columns.find((x) => x.name === c)
      if (!col) throw new SinkFailure(`table ${tableLabel(table)} has no column ${c}`)
      return col.type
    })
    f.typesFor = columns
    f.types = types
    return types
  }

  /** The table's data file, numbered on first use. */
  private tableFile(table: Table): OutFile {
    let f = this.tableFiles.get(table)
    if (f) return f
    const label = tableLabel(table)
    const { format, dialect } = this.opts
    const rel = orderedFileName(this.tableFiles.size + 1, this.width, table, format, dialect?.defaultSchema)
    const sql = format === 'sql' && dialect ? new SqlInsertEncoder(dialect, table, label) : undefined
    const encoder = sql ?? this.encoderFor(table, label, writableColumns(table))
    f = this.newFile(rel, () => encoder.end(), encoder.begin())
    f.encoder = encoder
    f.table = table
    if (sql) f.sql = sql
    f.entry = { table: label, file: rel, rows: 0, columns: [] }
    this.tableFiles.set(table, f)
    return f
  }

  private encoderFor(table: Table, label: string, fallbackColumns: string[]): TableEncoder {
    const format = this.opts.format
    if (format === 'csv') return new CsvEncoder(label, fallbackColumns)
    if (format === 'json') return new JsonEncoder(label)
    if (format === 'ndjson') return new NdjsonEncoder(label)
    throw new TdgError('TDG_INTERNAL', `no ${format} encoder for table ${tableLabel(table)}`)
  }

  private newFile(rel: string, end: () => string, begin = '', inSubdir = false): OutFile {
    if (this.done) throw new TdgError('TDG_INTERNAL', `${this.opts.dir}: write after the transaction ended`, { dir: this.opts.dir })
    const f: OutFile = { rel, writer: this.openFile(rel, inSubdir), end, queue: Promise.resolve() }
    // Queued like any call, so a failure surfaces in the first insert/update on this file.
    if (begin) f.queue = this.write(f, begin)
    return f
  }

  /** The output file `rel` (`inSubdir`: one directory down), through `open` when given. */
  private openFile(rel: string, inSubdir: boolean): OutputFile {
    return this.opts.open ? this.opts.open(rel, inSubdir) : new ChunkWriter(join(this.opts.tmp, rel), inSubdir, rel)
  }

  /** `op`, unless the transaction has ended. */
  private live<T>(op: () => Promise<T>): Promise<T> {
    if (this.done) return Promise.reject(new TdgError('TDG_INTERNAL', `${this.opts.dir}: write after the transaction ended`, { dir: this.opts.dir }))
    return op()
  }

  /** Run `op` after every earlier call on the same file (calls on one table may overlap). */
  private serial<T>(f: OutFile, op: () => Promise<T>): Promise<T> {
    if (this.done) return Promise.reject(new TdgError('TDG_INTERNAL', `${this.opts.dir}: write after the transaction ended`, { dir: this.opts.dir }))
    const run = f.queue.then(op)
    f.queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** The table a ref names: exact match, else the only table of that name when the ref has no schema. */
  private table(ref: TableRef): Table {
    const exact = this.byKey.get(tableKey(ref.schema, ref.name))
    if (exact) return exact
    if (ref.schema === undefined) {
      const same = this.opts.tables.filter((t) => t.name === ref.name)
      if (same.length === 1) return same[0] as Table
    }
    throw new TdgError('TDG_TABLE_NOT_FOUND', `${this.opts.dir}: table ${tableLabel(ref)} is not in the schema given to the file target`, {
      dir: this.opts.dir,
      table: tableLabel(ref),
    })
  }
}

/** Columns a generator writes: all but computed ones. */
function writableColumns(table: Table): string[] {
  return table.columns.filter((c) => !c.generated).map((c) => c.name)
}
