/**
 * What the profiler reads from: a live database (through its Adapter) or CSV files. The profiler
 * (`profileInput`) computes a `Profile` from any ProfileInput, so `tdg profile --db`, `--csv` and
 * `tdg report` against a database or a directory of generated files share one statistics engine.
 */
import type { RowCount } from '../model/profile.js'
import type { RowStream, Table, TableRef } from '../model/index.js'

export interface ProfileInput {
  /** `db`, `csv` (one file) or `files` (a directory). */
  kind: 'db' | 'csv' | 'files'
  /** Redacted URL or path, for the profile's `source.name` and messages. */
  name: string
  dialect?: 'postgres' | 'mysql' | 'mssql' | 'sqlite'
  /** Tables with their columns (logical types), keys and foreign keys (CSV: inferred, FK candidates included). */
  tables(): Promise<Table[]>
  /** Rows the table holds: exact where cheap, else a labelled estimate. */
  rowCount(table: TableRef): Promise<RowCount>
  /**
   * At most `limit` rows (all when undefined), read-only, bounded memory, drawn so they represent the
   * whole table (not the first N). `sampling` says how, in words, once the stream has ended.
   */
  sample(table: TableRef, limit: number | undefined): { rows: RowStream; sampling: () => string; settled?: () => SettledTable | undefined }
  /**
   * Optional: children per parent over every row (a GROUP BY on the server). Absent: the profiler
   * computes fan-out from the sampled child rows (labelled not exact unless every row was read).
   */
  fanOut?(child: TableRef, columns: string[], parent: TableRef, parentColumns: string[]): Promise<{ counts: number[]; parents: number; nullChildren: number; children: number }>
  close(): Promise<void>
}

/**
 * What an input that learns a table's types while reading its rows (one CSV file read once) says after
 * the rows ended (`sample().settled()`): the table as finally known, to use instead of what `tables()`
 * said. `reread`: the rows given were converted with types that turned out wrong, so the profiler
 * discards their statistics and reads the table again (the second read uses the final types). When not
 * `reread`, the final table differs at most in what the statistics do not read (native type names,
 * lengths, integer widths): same columns, kinds, nullability and keys.
 */
export interface SettledTable {
  table: Table
  reread: boolean
  /** Why the rows are read again, in words (column names, never values). */
  reason?: string
}
