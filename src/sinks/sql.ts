/**
 * SQL export: INSERT scripts in the target dialect, one file per table, all inside the one transaction
 * that 000-pre.sql opens and 999-fixups.sql commits:
 *
 *   INSERT INTO <qualified> (<quoted columns>) [<dialect.insertOverriding>] VALUES
 *   (…),
 *   (…);
 *   <identity sync statements, when the dialect has them>
 *
 * A run of INSERTs with one column list is wrapped in the dialect's optional `beforeInsertSql` /
 * `afterInsertSql` (SQL Server: `SET IDENTITY_INSERT t ON` … `OFF`).
 *
 * Statements hold at most `dialect.limits.maxRowsPerInsert ?? 1000` rows and about `MAX_STATEMENT_BYTES`;
 * where a statement ends depends only on the rows, not on how the incoming stream was batched. Literals
 * come from `dialect.literal(value, column.type)`. Fixups are `UPDATE … SET … WHERE key = …;`, one per row.
 */
import type { SqlDialect } from '../adapter/adapter.js'
import type { RowBatch } from '../model/rows.js'
import type { LogicalType, Table, TableRef } from '../model/schema.js'
import { sameColumns } from './csv.js'
import { encodeRows, SinkFailure, type TableEncoder } from './encoder.js'

/** A statement is closed before it would grow past this many bytes (unless it holds a single row). */
export const MAX_STATEMENT_BYTES = 1_000_000

/** Rows per INSERT when the dialect sets no limit. */
export const DEFAULT_ROWS_PER_INSERT = 1000

/** `sql` as one statement line: trailing white space dropped, `;` added when missing, then a newline. */
export function terminated(sql: string): string {
  const s = sql.trimEnd()
  return s.endsWith(';') ? `${s}\n` : `${s};\n`
}

/** Script opener and closer; plain `BEGIN;`/`COMMIT;` as PostgreSQL, SQLite and MySQL accept them. */
export const SQL_BEGIN = 'BEGIN;\n'
export const SQL_COMMIT = 'COMMIT;\n'

/** Encoder of one table's INSERT script. */
export class SqlInsertEncoder implements TableEncoder {
  private readonly qualified: string
  private readonly overriding: string
  private readonly maxRows: number
  private columns: readonly string[] | undefined
  private head = ''
  private open = false
  private rowsInStatement = 0
  private bytesInStatement = 0
  /** `afterInsertSql` of the current run of INSERTs, written when the run ends. */
  private pendingAfter: string[] = []

  constructor(
    private readonly dialect: SqlDialect,
    private readonly table: Table,
    private readonly label: string,
  ) {
    this.qualified = dialect.qualify(table)
    const clause = dialect.insertOverriding?.(table)
    this.overriding = clause ? ` ${clause}` : ''
    this.maxRows = Math.max(1, dialect.limits.maxRowsPerInsert ?? DEFAULT_ROWS_PER_INSERT)
  }

  begin(): string {
    return '' // the transaction spans all files: BEGIN is in 000-pre.sql
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    if (batch.rows.length === 0) return ''
    let out = ''
    if (this.columns === undefined || !sameColumns(this.columns, batch.columns)) {
      out += this.close() + this.after()
      this.columns = [...batch.columns]
      this.head = `INSERT INTO ${this.qualified} (${batch.columns.map((c) => this.dialect.quoteIdent(c)).join(', ')})${this.overriding} VALUES\n`
      const before = this.dialect.beforeInsertSql?.(this.table, this.columns) ?? []
      for (const s of before) out += terminated(s)
      this.pendingAfter = this.dialect.afterInsertSql?.(this.table, this.columns) ?? []
    }
    const n = batch.columns.length
    return (
      out +
      encodeRows(this.label, batch, (row, at) => {
        let tuple = '('
        for (let c = 0; c < n; c++) {
          at.column = c
          tuple += (c === 0 ? '' : ', ') + this.dialect.literal(row[c] ?? null, types[c] as LogicalType)
        }
        tuple += ')'
        return this.add(tuple)
      })
    )
  }

  /** Close any open INSERT (and its `afterInsertSql`) and add a statement of the caller's (identity sync). */
  statement(sql: string): string {
    return this.close() + this.after() + terminated(sql)
  }

  end(): string {
    return this.close() + this.after()
  }

  /** The dialect's statements after a run of INSERTs; the next batch starts a new run (and its `beforeInsertSql`). */
  private after(): string {
    const out = this.pendingAfter.map(terminated).join('')
    if (this.pendingAfter.length > 0) this.columns = undefined
    this.pendingAfter = []
    return out
  }

  /** Add one VALUES tuple, starting a new statement when the current one is full. */
  private add(tuple: string): string {
    const bytes = Buffer.byteLength(tuple, 'utf8') + 2
    let out = ''
    if (this.open && (this.rowsInStatement >= this.maxRows || this.bytesInStatement + bytes > MAX_STATEMENT_BYTES)) {
      out = this.close()
    }
    if (!this.open) {
      this.open = true
      this.rowsInStatement = 1
      this.bytesInStatement = Buffer.byteLength(this.head, 'utf8') + bytes
      return `${out}${this.head}${tuple}`
    }
    this.rowsInStatement++
    this.bytesInStatement += bytes
    return `${out},\n${tuple}`
  }

  private close(): string {
    if (!this.open) return ''
    this.open = false
    return ';\n'
  }
}

/**
 * Encoder of fixup rows: `UPDATE <qualified> SET a = …, b = … WHERE k = … AND …;` per row. Every column
 * of a batch that is not a key column is set. A NULL key compares with `IS NULL`.
 */
export class SqlUpdateEncoder implements TableEncoder {
  private readonly qualified: string

  constructor(
    private readonly dialect: SqlDialect,
    table: TableRef,
    private readonly label: string,
    private readonly keyColumns: readonly string[],
  ) {
    this.qualified = dialect.qualify(table)
  }

  /** Nothing: the fixups file as a whole is wrapped in BEGIN/COMMIT by its writer. */
  begin(): string {
    return ''
  }

  end(): string {
    return ''
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    if (batch.rows.length === 0) return ''
    const keyIdx = this.keyColumns.map((k) => {
      const i = batch.columns.indexOf(k)
      if (i < 0) throw new SinkFailure(`table ${this.label}: fixup rows lack key column ${k}`)
      return i
    })
    const setIdx = batch.columns.map((_, i) => i).filter((i) => !keyIdx.includes(i))
    if (setIdx.length === 0) throw new SinkFailure(`table ${this.label}: fixup rows have no column besides the key`)
    const q = batch.columns.map((c) => this.dialect.quoteIdent(c))
    const lit = (row: RowBatch['rows'][number], i: number, at: { column: number }) => {
      at.column = i
      return this.dialect.literal(row[i] ?? null, types[i] as LogicalType)
    }
    return encodeRows(this.label, batch, (row, at) => {
      const set = setIdx.map((i) => `${q[i] as string} = ${lit(row, i, at)}`).join(', ')
      const where = keyIdx
        .map((i) => {
          const v = lit(row, i, at)
          return v === 'NULL' ? `${q[i] as string} IS NULL` : `${q[i] as string} = ${v}`
        })
        .join(' AND ')
      return `UPDATE ${this.qualified} SET ${set} WHERE ${where};\n`
    })
  }
}
