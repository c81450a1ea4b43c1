/**
 * The mutable state a MySQL script builds up: tables in declaration order, foreign keys waiting for
 * their targets, issues, and where things were declared (for located errors). Also the hooks the
 * dialect supplies (canonical type spelling, default classification) so the parser and the live
 * introspector normalise through the same functions.
 */
import type { SqlDialect } from '../../adapter/adapter.js'
import type { Column, ColumnDefault, ForeignKey, LogicalType, Table } from '../../model/schema.js'
import { TdgError, type Issue, type SourceLocation } from '../../errors.js'

/** What the MySQL dialect hands the parser (see adapters/index.ts). */
export interface MysqlDdlHooks {
  dialect: SqlDialect
  /** Canonical native type spelling (MariaDB COLUMN_TYPE). */
  canonicalType(text: string): string
  /** Default SQL text + logical type → the model's default (undefined for DEFAULT NULL). */
  columnDefault(sql: string, type: LogicalType): ColumnDefault | undefined
}

export interface PendingFk {
  table: Table
  fk: ForeignKey
  at: number
}

/** Per-table bookkeeping the model does not keep. */
export interface TableExtra {
  /** Unnamed CHECKs so far (MariaDB names them CONSTRAINT_1, …). */
  checks: number
  /** Unnamed FKs so far (`<table>_ibfk_<n>`). */
  fks: number
  at: number
}

export class DdlState {
  readonly tables: Table[] = []
  readonly extra = new Map<Table, TableExtra>()
  readonly pendingFks: PendingFk[] = []
  readonly issues: Issue[] = []
  private readonly lineStarts: number[] = [0]
  /** Offset of the statement being handled. */
  stmtAt = 0

  constructor(readonly hooks: MysqlDdlHooks, readonly text: string, readonly file: string | undefined) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1)
  }

  location(offset = this.stmtAt): SourceLocation {
    let lo = 0
    let hi = this.lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.lineStarts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    const line = lo + 1
    const column = [...this.text.slice(this.lineStarts[lo] as number, offset)].length + 1
    return this.file === undefined ? { line, column } : { file: this.file, line, column }
  }

  issue(code: Issue['code'], message: string, extra: { table?: string; column?: string; at?: number } = {}): void {
    const issue: Issue = { code, message, location: this.location(extra.at) }
    if (extra.table !== undefined) issue.table = extra.table
    if (extra.column !== undefined) issue.column = extra.column
    this.issues.push(issue)
  }

  /** A TDG_DDL_PARSE error located at `at` (default: the current statement). */
  error(message: string, at = this.stmtAt, token?: string): TdgError {
    const loc = this.location(at)
    const where = `${this.file ?? '<input>'}:${loc.line}:${loc.column}`
    return new TdgError('TDG_DDL_PARSE', `${where}: ${message}`, { file: this.file, line: loc.line, column: loc.column, ...(token !== undefined ? { token } : {}) })
  }

  findTable(name: string): Table | undefined {
    return this.tables.find((t) => t.name === name)
  }

  requireTable(name: string, at?: number): Table {
    const t = this.findTable(name)
    if (!t) throw this.error(`table "${name}" does not exist`, at)
    return t
  }

  /** Column names are case-insensitive in MySQL: find by name, return the declared spelling. */
  findColumn(table: Table, name: string): Column | undefined {
    const lower = name.toLowerCase()
    return table.columns.find((c) => c.name.toLowerCase() === lower)
  }

  requireColumn(table: Table, name: string, at?: number): Column {
    const c = this.findColumn(table, name)
    if (!c) throw this.error(`column "${name}" of table "${table.name}" does not exist`, at)
    return c
  }

  tableExtra(table: Table): TableExtra {
    let x = this.extra.get(table)
    if (!x) this.extra.set(table, (x = { checks: 0, fks: 0, at: this.stmtAt }))
    return x
  }
}
