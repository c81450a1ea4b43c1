/**
 * The contract every dialect implements. Core code talks to databases only through these types;
 * dialect differences are data (`limits`) or methods here, never `if (dialect === …)` in core.
 */
import type { ColumnDefault, LogicalType, SchemaModel, Table, TableRef } from '../model/schema.js'
import type { RowStream, Value } from '../model/rows.js'
import type { Introspection } from '../model/introspection.js'

export type DialectId = SchemaModel['dialect']

/** Offline knowledge of a dialect: no connection. Used by DDL parsing and SQL export too. */
export interface SqlDialect {
  id: DialectId
  /** Quote an identifier, doubling the quote character inside it. */
  quoteIdent(name: string): string
  /** Schema-qualified, quoted table name. */
  qualify(ref: TableRef): string
  /** A SQL literal for `value` of logical type `type`. */
  literal(value: Value, type: LogicalType): string
  /** Map a canonical native type (as the catalog spells it) to a logical type. */
  toLogicalType(nativeType: string): LogicalType
  /**
   * Classify a default expression given as SQL text in this dialect (catalog or DDL spelling):
   * literals lose their casts, sequence calls and current-time functions are recognised.
   */
  classifyDefault(sql: string): ColumnDefault
  limits: { maxParams: number; maxRowsPerInsert?: number }
  /**
   * Optional: statements that move `table`'s identity/sequence past the highest key present, as plain
   * SQL the SQL exporter appends after the table's INSERTs (e.g. `SELECT setval(…)`). Absent or `[]`
   * when the dialect needs none or the table has no identity column.
   */
  identitySyncSql?(table: Table): string[]
  /**
   * Statements that empty `tables` (given children first) inside a transaction, keeping identity
   * counters (tdg moves them itself): `TRUNCATE` where the dialect has it, `DELETE FROM` otherwise.
   */
  truncateSql(tables: TableRef[]): string[]
  /** Statements that defer deferrable constraints to COMMIT inside the current transaction. */
  deferConstraintsSql(): string[]
  /**
   * Optional clause placed between `INSERT INTO t (cols)` and `VALUES` when explicit keys must be forced
   * into `table` (PostgreSQL `OVERRIDING SYSTEM VALUE` for GENERATED ALWAYS identities); else undefined.
   */
  insertOverriding?(table: Table): string | undefined
  /**
   * Optional: statements the SQL exporter writes before a run of INSERTs into `table` with `columns`
   * (SQL Server `SET IDENTITY_INSERT t ON` when an identity column is among them); `[]` or absent for none.
   */
  beforeInsertSql?(table: Table, columns: readonly string[]): string[]
  /** Optional: statements written after that run of INSERTs (`SET IDENTITY_INSERT t OFF`). */
  afterInsertSql?(table: Table, columns: readonly string[]): string[]
  /**
   * Optional: how an exported SQL script opens and closes its one transaction. Default `BEGIN;` /
   * `COMMIT;` (PostgreSQL, MySQL, SQLite); T-SQL needs `BEGIN TRANSACTION`.
   */
  transactionSql?: { begin: string; commit: string }
}

/** Options for `sample`: a bounded read for profiling. */
export interface SampleOptions {
  /** Maximum rows; default 1000. */
  limit?: number
  /** Rows per batch; default 1000. */
  batchSize?: number
}

/** Options for `scan`: a full streaming read. */
export interface ScanOptions {
  /** Rows per batch; default 5000. */
  batchSize?: number
  /** Columns to read; default all, in table order. */
  columns?: string[]
}

/** Options for `introspect`. */
export interface IntrospectOptions {
  /** Schemas to read; default the URL's `?schema=` or the dialect default (`public`). */
  schemas?: string[]
}

export interface WriteStats {
  rows: number
}

export interface InsertOptions {
  /** Hint: rows per statement/buffer where the path is batched. */
  batchSize?: number
  /**
   * Aborts the run (Ctrl-C). The row stream already ends with TDG_INTERRUPTED between batches; a writer
   * may also use it to cut an in-flight bulk load (COPY, LOAD DATA) that waits on the server.
   */
  signal?: AbortSignal
}

/** Exists only inside a transaction; returns counts, never data. */
export interface Writer {
  insert(table: TableRef, rows: RowStream, opts?: InsertOptions): Promise<WriteStats>
  update(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats>
  /** Run raw SQL (DDL for --create, TRUNCATE); statements are the caller's, in this dialect. */
  execute(sql: string): Promise<void>
  syncIdentity(table: TableRef): Promise<void>
  /**
   * Optional: `Adapter.keyFloor` read inside this transaction, so it sees what `execute` just created
   * (the DDL and INSERTs of `--create`). Writers without it make such runs start keys at the plan's default.
   */
  keyFloor?(table: TableRef, column: string): Promise<number | undefined>
  /** Optional: `Adapter.rowCount` read inside this transaction (same reason as `keyFloor`). */
  rowCount?(table: TableRef): Promise<number>
}

export interface Adapter {
  dialect: SqlDialect
  /** The connection URL with any password replaced by `***`. */
  readonly redactedUrl: string
  introspect(opts?: IntrospectOptions): Promise<Introspection>
  /** Read-only sample for profiling. */
  sample(table: TableRef, opts?: SampleOptions): RowStream
  /** Read-only full scan, streaming in batches with bounded memory. */
  scan(table: TableRef, opts?: ScanOptions): RowStream
  /**
   * The highest integer key already used in `table.column`: the larger of max(column) and the value its
   * sequence/identity/autoincrement counter has handed out. `undefined` when neither exists yet. New keys
   * start after it, so seeding into a non-empty table never collides.
   */
  keyFloor(table: TableRef, column: string): Promise<number | undefined>
  /**
   * Optional: how many rows `table` holds now (`count(*)`). An appending seed starts its unique values
   * past them, so it does not repeat what an earlier run with the same seed wrote. Absent: taken as 0.
   */
  rowCount?(table: TableRef): Promise<number>
  /** Commit when `work` resolves, roll back when it throws (the error is rethrown). */
  transaction<T>(work: (w: Writer) => Promise<T>): Promise<T>
  close(): Promise<void>
  /**
   * Optional: close, and remove what `connect({ create: true })` created (a new database file), after a
   * failed run, so bad input leaves nothing half-made. Absent: `close` is enough.
   */
  discard?(): Promise<void>
}

/** Options of `DialectModule.connect`. */
export interface ConnectOptions {
  /** Create a file database that does not exist yet (SQLite); servers ignore it. Default false. */
  create?: boolean
}

/** What each adapters/<dialect>/index.ts exports. */
export interface DialectModule {
  dialect: SqlDialect
  /**
   * Open a connection (pool) from a URL of this dialect; fails with TDG_CONNECT_FAILED.
   * `create`: a file database may be created when missing (default false: it must exist).
   */
  connect(url: string, opts?: ConnectOptions): Promise<Adapter>
}

/** Parses DDL text of one dialect into the same Introspection a live database gives. */
export type DdlParser = (text: string, opts?: { file?: string }) => Promise<Introspection>
