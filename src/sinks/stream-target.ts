/**
 * One output stream as a write target (`tdg generate --output -`): the same transaction shape as a
 * database or a directory, every table in FK order into one byte stream, written as rows are generated
 * (`| head` sees the first rows at once). Formats:
 * - `ndjson`: one line per row, `{"table":"public.users","row":{…}}`; rows that close a nullable FK cycle
 *   follow as `{"table":…,"update":{…},"keyColumns":[…]}` (apply as UPDATE matched on the key columns).
 * - `csv`: one section per table, separated by an empty line, each with its own header whose first column
 *   is `table` (the table's name on every row, so sections can be told apart and split); fixup sections
 *   name their first column `update` instead.
 * - `sql`: the same script as the files of `--format sql` concatenated: BEGIN, the INSERTs in FK order,
 *   fixups, COMMIT; pipe it into psql / sqlite3 / mariadb.
 * `json` needs a directory (one document per table). A stream cannot be taken back: when the run fails
 * midway the output stops there, and for `sql` it lacks its COMMIT, so a loader rolls it back.
 */
import type { SqlDialect, Writer, WriteStats } from '../adapter/adapter.js'
import { TdgError } from '../errors.js'
import type { RowBatch, RowStream } from '../model/rows.js'
import type { LogicalType, Table, TableRef } from '../model/schema.js'
import { CsvEncoder } from './csv.js'
import { SinkFailure, type TableEncoder } from './encoder.js'
import { tableLabel } from './file-name.js'
import { NdjsonEncoder } from './ndjson.js'
import { SQL_BEGIN, SQL_COMMIT, SqlInsertEncoder, SqlUpdateEncoder, terminated } from './sql.js'

/** Formats a stream target writes. */
export type StreamFormat = 'csv' | 'ndjson' | 'sql'

export interface StreamTargetOptions {
  stream: NodeJS.WritableStream
  format: StreamFormat
  /** Required for `sql`. */
  dialect?: SqlDialect
  /** Tables that may be written (column types for the encoders). */
  tables: Table[]
}

/** A stream target: `transaction` writes as it goes; a failure ends the output where it was. */
export interface StreamTarget {
  transaction<T>(work: (w: Writer) => Promise<T>): Promise<T>
}

const STREAM_FORMATS: readonly string[] = ['csv', 'ndjson', 'sql']

/** Open `stream` as a target. TDG_USAGE for `json` or an unknown format, and for `sql` without a dialect. */
export function openStreamTarget(opts: StreamTargetOptions): StreamTarget {
  if (!STREAM_FORMATS.includes(opts.format)) {
    throw new TdgError('TDG_USAGE', `--output - writes csv, ndjson or sql, not ${String(opts.format)} (json needs a directory)`)
  }
  if (opts.format === 'sql' && !opts.dialect) throw new TdgError('TDG_USAGE', 'the sql format needs a dialect')
  return {
    async transaction<T>(work: (w: Writer) => Promise<T>): Promise<T> {
      const w = new StreamWriter(opts)
      if (opts.format === 'sql') await w.out(opts.dialect?.transactionSql?.begin ?? SQL_BEGIN)
      const result = await work(w)
      if (opts.format === 'sql') await w.out(opts.dialect?.transactionSql?.commit ?? SQL_COMMIT)
      return result
    },
  }
}

const TEXT: LogicalType = { kind: 'text' }

class StreamWriter implements Writer {
  private sections = 0
  private readonly sql = new Map<Table, SqlInsertEncoder>()

  constructor(private readonly opts: StreamTargetOptions) {}

  /** Write `text` and wait until the stream took it (backpressure; a closed pipe rejects). */
  out(text: string): Promise<void> {
    if (text === '') return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.opts.stream.write(text, (err) => (err ? reject(err) : resolve()))
    })
  }

  async insert(ref: TableRef, rows: RowStream): Promise<WriteStats> {
    const table = this.table(ref)
    const label = tableLabel(table)
    const { format, dialect } = this.opts
    if (format === 'sql' && dialect) {
      let enc = this.sql.get(table)
      if (!enc) this.sql.set(table, (enc = new SqlInsertEncoder(dialect, table, label)))
      const n = await this.pump(table, enc, rows)
      await this.out(enc.end())
      return { rows: n }
    }
    const enc = format === 'csv' ? new Labelled(new CsvEncoder(label, []), 'table', label) : new Enveloped(label, 'row')
    return { rows: await this.section(table, enc, rows) }
  }

  async update(ref: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats> {
    const table = this.table(ref)
    const label = tableLabel(table)
    const { format, dialect } = this.opts
    if (format === 'sql' && dialect) return { rows: await this.pump(table, new SqlUpdateEncoder(dialect, table, label, keyColumns), rows) }
    const enc = format === 'csv' ? new Labelled(new CsvEncoder(label, []), 'update', label) : new Enveloped(label, 'update', keyColumns)
    return { rows: await this.section(table, enc, rows) }
  }

  async execute(sql: string): Promise<void> {
    if (this.opts.format === 'sql' && sql.trim() !== '') await this.out(terminated(sql))
  }

  async syncIdentity(ref: TableRef): Promise<void> {
    const table = this.table(ref)
    const enc = this.sql.get(table)
    if (this.opts.format !== 'sql' || !enc) return
    for (const s of this.opts.dialect?.identitySyncSql?.(table) ?? []) await this.out(enc.statement(s))
  }

  /** A CSV/NDJSON section: CSV sections are separated by an empty line. Empty tables write nothing. */
  private async section(table: Table, enc: TableEncoder, rows: RowStream): Promise<number> {
    let first = true
    return this.pump(table, enc, rows, () => {
      if (!first) return ''
      first = false
      return this.opts.format === 'csv' && this.sections++ > 0 ? '\n' : ''
    })
  }

  private async pump(table: Table, enc: TableEncoder, rows: RowStream, lead: () => string = () => ''): Promise<number> {
    let n = 0
    let types: LogicalType[] | undefined
    let typesFor: readonly string[] | undefined
    for await (const batch of rows) {
      if (batch.rows.length === 0) continue
      if (typesFor !== batch.columns) {
        types = batch.columns.map((c) => columnType(table, c))
        typesFor = batch.columns
      }
      let text: string
      try {
        text = enc.encode(batch, types as LogicalType[])
      } catch (e) {
        const why = e instanceof SinkFailure ? e.reason : 'cannot encode a row'
        throw new TdgError('TDG_WRITE_FAILED', `writing to stdout failed: ${why}`, {}, { cause: e })
      }
      await this.out(lead() + text)
      n += batch.rows.length
    }
    return n
  }

  private table(ref: TableRef): Table {
    const same = this.opts.tables.filter((t) => t.name === ref.name && (ref.schema === undefined || t.schema === ref.schema))
    if (same.length === 1) return same[0] as Table
    throw new TdgError('TDG_TABLE_NOT_FOUND', `table ${tableLabel(ref)} is not in the schema given to the stream target`, { table: tableLabel(ref) })
  }
}

function columnType(table: Table, name: string): LogicalType {
  const col = table.columns.find((c) => c.name === name)
  if (!col) throw new TdgError('TDG_WRITE_FAILED', `table ${tableLabel(table)} has no column ${name}`, { table: tableLabel(table), column: name })
  return col.type
}

/** CSV rows with the table's name as a leading column (`table` or `update`). */
class Labelled implements TableEncoder {
  constructor(
    private readonly inner: TableEncoder,
    private readonly column: string,
    private readonly label: string,
  ) {}

  begin(): string {
    return ''
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    const rows = batch.rows.map((r) => [this.label, ...r])
    return this.inner.encode({ ...batch, columns: [this.column, ...batch.columns], rows }, [TEXT, ...types])
  }

  end(): string {
    return ''
  }
}

/** NDJSON rows wrapped as `{"table":…,"row":{…}}` (or `"update"`, with the key columns). */
class Enveloped implements TableEncoder {
  private readonly inner: NdjsonEncoder
  private readonly head: string
  private readonly tail: string

  constructor(label: string, key: 'row' | 'update', keyColumns?: string[]) {
    this.inner = new NdjsonEncoder(label)
    this.head = `{"table":${JSON.stringify(label)},"${key}":`
    this.tail = keyColumns ? `,"keyColumns":${JSON.stringify(keyColumns)}}` : '}'
  }

  begin(): string {
    return ''
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    const lines = this.inner.encode(batch, types).split('\n')
    let out = ''
    for (const line of lines) if (line !== '') out += `${this.head}${line}${this.tail}\n`
    return out
  }

  end(): string {
    return ''
  }
}
