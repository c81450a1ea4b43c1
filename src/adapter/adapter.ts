/**
 * The contract every dialect implements. Core code talks to databases only through these types;
 * dialect differences are data (`limits`) or methods here, never `if (dialect === …)` in core.
 */
import type { ColumnDefault, LogicalType, SchemaModel, Table, TableRef } from '../model/schema.js'
import type { Issue } from '../errors.js'
import type { EncodedRowBatch, RowBatch, RowStream, TextRowBatch, Value, WorkerEncoding } from '../model/rows.js'
import type { Introspection } from '../model/introspection.js'
import type { DeferredConstraint } from '../model/plan.js'

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
   * Optional: the schema unqualified names resolve to when the dialect fixes one (`public`, `dbo`,
   * `main`); absent where tables carry no schema in the model (MySQL: the connection's database).
   * Exported file names leave it out (`001-users.csv`, but `002-audit.users.csv`).
   */
  defaultSchema?: string
  /**
   * Optional: statements that move `table`'s identity/sequence past the highest key present, as plain
   * SQL the SQL exporter appends after the table's INSERTs (e.g. `SELECT setval(…)`). Absent or `[]`
   * when the dialect needs none or the table has no identity column.
   */
  identitySyncSql?(table: Table): string[]
  /**
   * Statements that empty `tables` (given children first) inside the run's one transaction and restart
   * their identity counters, so a `--truncate` run with the same seed writes identical tables (keys from
   * the identity's start again): PostgreSQL `TRUNCATE … RESTART IDENTITY` (identities and owned serial
   * sequences, undone on rollback), SQL Server `DELETE` + `DBCC CHECKIDENT (…, RESEED, 0)`. Where a
   * restart would need DDL that commits (MySQL `ALTER TABLE … AUTO_INCREMENT`) or a table that may not
   * exist (SQLite `sqlite_sequence`), a plain `DELETE` is enough: the plan of a truncating run reads no key
   * floors, so keys start at the identity's start anyway, and `Writer.syncIdentity` (`emptied`) sets the
   * counter to the written maximum afterwards.
   */
  truncateSql(tables: TableRef[]): string[]
  /**
   * How the plan's deferred constraints (`Plan.deferred`, never empty when called) wait for the rows of
   * their cycles inside the one transaction, with the database still checking every row before COMMIT.
   * Declared DEFERRABLE ones are deferred to COMMIT; `forced` ones (NOT DEFERRABLE) by the dialect's own
   * means, restored and re-checked in `after`. `sameRow` entries need something only where the database
   * checks a row before all of it is in (see `DeferredConstraint.sameRow`). See `DeferralSql` for where
   * each part runs.
   */
  deferConstraintsSql(deferred: DeferredConstraint[]): DeferralSql
  /**
   * One line for `tdg plan`: how this dialect defers `d` (e.g. `ALTER CONSTRAINT … DEFERRABLE for the
   * load, restored before COMMIT`); undefined when this dialect needs nothing for it (a `sameRow` entry).
   */
  deferralMechanism(d: DeferredConstraint): string | undefined
  /**
   * Optional: true when `deferConstraintsSql` defers every FK check of the transaction to COMMIT, where
   * every row is checked (SQLite `PRAGMA defer_foreign_keys`). A seed then defers whole the cycles whose
   * cut columns a self-reference reads (`PlanOptions.deferCycles`): their rows go in with their final FK
   * values instead of a cut FK written NULL and set by a fixup UPDATE. Absent: cycles are cut.
   */
  defersAllForeignKeys?: boolean
  /**
   * Optional: this dialect's bulk-load strategy for empty tables (`InsertOptions.fastLoad`), for `tdg plan`:
   * the least expected rows it applies from, and what it does. Absent: loads keep every index and check.
   */
  fastLoad?: { minRows: number; strategy: string }
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
  /**
   * Optional: `model` (read from any dialect) as CREATE statements in this dialect, for an empty target
   * (`clone --create-schema`). Same dialect: native types, defaults, CHECKs and generated columns as the
   * source spelled them; another dialect: types from the logical types, and what cannot be carried over
   * (a CHECK in foreign SQL, a zone, an array) is changed or left out with one `DDL_LOSSY` note each.
   */
  renderSchema?(model: SchemaModel): RenderedSchema
  /**
   * Optional: how `tdg profile` estimates row counts and draws a representative, read-only sample of a
   * table in this dialect (SQL text only; the profiler runs it through `SnapshotReader.query`/`scan`).
   * Absent: counts are count(*) and samples are the first rows.
   */
  sampling?: ProfileSampling
}

/** Per-dialect SQL of the profiler's sampling (`SqlDialect.sampling`). Pure: unit-testable without a server. */
export interface ProfileSampling {
  /**
   * Optional: a statement returning one row whose first cell is the catalogue's row estimate of `ref`
   * (PostgreSQL `pg_class.reltuples`, …), and the words that label it. Absent: count(*) is always cheap.
   */
  rowEstimate?(ref: TableRef): { sql: string; method: string }
  /** Optional: a statement returning one row `[min, max]` of the key `draw` takes ranges of (SQLite rowid). */
  boundsSql?(ref: TableRef): string
  /**
   * How to read about `req.share` of the table's rows, spread over the whole table. `attempt` 0 first;
   * when the draw says `check`, the caller counts it first and, with fewer than `req.limit` rows, asks
   * for attempt 1. Undefined: no (further) way.
   */
  draw(ref: TableRef, req: SampleRequest): SampleDraw | undefined
}

/** What `ProfileSampling.draw` is asked for. */
export interface SampleRequest {
  /** Wanted share of the rows, 0 < share ≤ 1 (already over-sampled a little by the caller). */
  share: number
  /** Rows the table holds (exact or estimated). */
  rows: number
  /** Rows the caller reads at most. */
  limit: number
  /** A 31-bit seed, for samplers that take one (the same seed draws the same rows of unchanged data). */
  seed: number
  attempt: number
  /** `boundsSql`'s result when the dialect has one and it could be read. */
  bounds?: [number, number]
}

/** A sample as scan options: a FROM-clause sampler and/or a condition, with how it is drawn in words. */
export interface SampleDraw {
  /** Placed right after the table in FROM (`SnapshotScanOptions.tableSample`). */
  tableSample?: string
  /** A condition ANDed into the scan (`SnapshotScanOptions.where`). */
  where?: string
  /** In words for the profile: `TABLESAMPLE SYSTEM (3.1%)`. */
  describe: string
  /** Page-level samplers give lumpy counts: count first and try attempt 1 when too few. */
  check?: boolean
}

/** What `SqlDialect.renderSchema` gives: statements to run in order (no trailing `;`) and what changed. */
export interface RenderedSchema {
  statements: string[]
  /** One `DDL_LOSSY` issue per change or omission, naming the table (and column) it concerns. */
  notes: Issue[]
}

/**
 * Statements that make deferred constraints wait for the load (`SqlDialect.deferConstraintsSql`). The
 * pipeline and the SQL exporter run them in the one transaction: `before` first (before truncation, so
 * emptying the cycle's tables is deferred too), `aroundTruncate` around the truncation; `aroundStep[stepId]` right before and after that step's inserts; `after` once every
 * insert and fixup is done, before COMMIT.
 */
export interface DeferralSql {
  before: string[]
  /** Around `truncateSql` when the run empties the tables first (MySQL: `foreign_key_checks` off). */
  aroundTruncate?: { before: string[]; after: string[] }
  aroundStep: Record<string, { before: string[]; after: string[] }>
  /**
   * Restore definitions and check every deferred row now. A statement with `fails` fails when rows break
   * a constraint; `fails` says so in words (the database's own message is appended).
   */
  after: Array<{ sql: string; fails?: string }>
  /** What `before` needs from the database user, named in the error when it fails (e.g. table ownership). */
  requires?: string
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

/** Options of `SnapshotReader.scan`. */
export interface SnapshotScanOptions extends ScanOptions {
  /** A condition in the source dialect's SQL (the user's `--subset "t:where …"` text), ANDed; default none. */
  where?: string
  /** Columns to order by (ascending); default none (storage order). */
  orderBy?: string[]
  /** At most this many rows; default all. */
  limit?: number
  /**
   * Only rows whose `column` holds one of `values` (ANDed with `where`): key texts, rendered as bare
   * integers when `numeric` (each must be an integer's digits) else as string literals. Subsetting reads
   * the few parent rows it still needs this way instead of a whole table. Default none.
   */
  keyIn?: { column: string; values: string[]; numeric: boolean }
  /**
   * A sampling clause placed right after the table in FROM (`TABLESAMPLE SYSTEM (2.5) REPEATABLE (7)`), from
   * `SqlDialect.sampling`; honoured by the dialects whose sampler is a FROM clause (PostgreSQL, SQL Server),
   * refused (TDG_INTERNAL) by the others. Default none.
   */
  tableSample?: string
}

/**
 * Reads of many tables that see one point in time (`Adapter.readSnapshot`): PostgreSQL REPEATABLE READ
 * READ ONLY, MySQL `START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY`, SQLite one read
 * transaction, SQL Server SNAPSHOT when the database allows it. One scan at a time: finish (or `break`
 * out of) a stream before starting the next.
 */
export interface SnapshotReader {
  /** How consistent the reads are, in words for the summary (`one snapshot (REPEATABLE READ, read only)`, or the isolation used when no snapshot was possible). */
  readonly isolation: string
  /** True when every read sees one point in time; false when `isolation` says what was used instead. */
  readonly consistent: boolean
  scan(table: TableRef, opts?: SnapshotScanOptions): RowStream
  /** The bulk text format `scanText` reads in; absent: this reader has no `scanText`. */
  readonly textFormat?: string
  /**
   * Optional: `scan` in the database's own bulk text format (PostgreSQL `COPY (SELECT …) TO STDOUT`), in
   * batches of about `batchSize` rows, whole rows each. Same options, snapshot and failures as `scan`.
   */
  scanText?(table: TableRef, opts?: SnapshotScanOptions): AsyncIterable<TextScanBatch>
  /** count(*) (with `where`), in the snapshot. */
  count(table: TableRef, where?: string): Promise<number>
  /**
   * Optional: one read-only statement in the source dialect, in the snapshot (the profiler's catalogue
   * estimates, sample counts and GROUP BY fan-out), rows as positional arrays. A failing statement fails
   * with TDG_READ_FAILED and leaves the snapshot usable.
   */
  query?(sql: string): Promise<Value[][]>
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
   * Hint: how many rows the stream is expected to bring (the plan's count). A writer may prepare for a
   * big load with it (PostgreSQL builds an empty table's indexes after the rows); never a limit.
   */
  expectedRows?: number
  /**
   * Bulk-load strategy for an empty target table (PostgreSQL: indexes built and foreign keys re-added
   * after the rows, in the same transaction). Default true; false loads with every index and check in place.
   */
  fastLoad?: boolean
  /**
   * Aborts the run (Ctrl-C). The row stream already ends with TDG_INTERRUPTED between batches; a writer
   * may also use it to cut an in-flight bulk load (COPY, LOAD DATA) that waits on the server.
   */
  signal?: AbortSignal
}

/**
 * A database's own bulk text row format (PostgreSQL COPY text): how to find fields in its bytes, undo
 * and apply its escaping. A copy between two databases sharing the format moves rows as bytes and
 * decodes only the columns masking reads (see `SnapshotReader.scanText`, `Writer.insertText`).
 */
export interface BulkTextCodec {
  /** The format's name; rows go to a writer unchanged only when its `textFormat` names the same one. */
  readonly format: string
  /** Field separator byte; escaping keeps it (and the terminator) out of field contents. */
  readonly separator: number
  /** Row terminator byte. */
  readonly terminator: number
  /** The text of the field in `buf[start, end)`, escapes undone; null for the NULL marker. */
  decode(buf: Uint8Array, start: number, end: number): string | null
  /**
   * Optional: `decode` of the field `text[start, end)`, where `text` is a whole batch of ASCII bytes as one
   * string (so byte offsets are its offsets): the same result, without a native call per field.
   */
  decodeAscii?(text: string, start: number, end: number): string | null
  /** `value` as one field (escaped; the NULL marker for null), as `Writer.insert` would send it to a non-JSON column. */
  encode(value: Value): string
  /**
   * `encode` of a string (or null) written as UTF-8 into `buf` at `at`, which has room for 3 bytes per
   * UTF-16 unit of `text` (escaping included) and at least 2; returns the offset after it. No string is made.
   */
  encodeInto(text: string | null, buf: Buffer, at: number): number
  /** Where a worker thread imports this codec from: the module's URL and the export's name. */
  readonly source: { module: string; name: string }
}

/** A batch of `SnapshotReader.scanText`: the bytes, the codec, and how each column's text becomes the Value `scan` gives. */
export interface TextScanBatch extends TextRowBatch {
  codec: BulkTextCodec
  /** Per column: field text → the Value `scan` would have returned (the same parsers). */
  parse: ReadonlyArray<(text: string) => Value>
}

/** Exists only inside a transaction; returns counts, never data. */
export interface Writer {
  insert(table: TableRef, rows: RowStream, opts?: InsertOptions): Promise<WriteStats>
  /** The bulk text format `insertText` takes (see BulkTextCodec); absent: the writer takes Values only. */
  readonly textFormat?: string
  /**
   * Optional: write rows given in `textFormat` as they are (one bulk load, no decoding). Resolves
   * undefined, having read nothing, when this table cannot be loaded that way (the caller then uses
   * `insert`); otherwise like `insert`.
   */
  insertText?(table: TableRef, batches: AsyncIterable<TextRowBatch>, opts?: InsertOptions): Promise<WriteStats | undefined>
  /**
   * Optional: how generation worker threads (`--workers`) should encode this table's generated rows for
   * `insertEncoded` (see WorkerEncoding); undefined: they send plain rows to `insert`.
   */
  workerEncoding?(table: TableRef): WorkerEncoding | undefined
  /**
   * Optional, with `workerEncoding`: like `insert`, for batches its encoder built (EncodedRowBatch) mixed
   * with plain ones (where the encoder declined), in row order.
   */
  insertEncoded?(table: TableRef, batches: AsyncIterable<RowBatch | EncodedRowBatch>, opts?: InsertOptions): Promise<WriteStats>
  update(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats>
  /**
   * Optional: delete the rows whose `keyColumns` equal those of a batch row (batches hold exactly those
   * columns), in batch and row order (the caller orders children first); the rows deleted. Used to clear a
   * shard's own rows before it is re-run (src/pipeline/shard-rerun.ts). Absent: re-runs do not clear.
   */
  deleteKeys?(table: TableRef, keyColumns: string[], rows: RowStream): Promise<WriteStats>
  /**
   * Run raw SQL (DDL for --create, TRUNCATE); statements are the caller's, in this dialect. A writer may
   * resolve before the server has run a statement whose result nothing reads (PostgreSQL: a TRUNCATE; its
   * `insert` does the same with a small table's COPY): the statements after it run behind it, and its
   * failure is the transaction's error, at the latest when the transaction ends.
   */
  execute(sql: string): Promise<void>
  /**
   * Move `table`'s identity/sequence/autoincrement counter up to the highest key present, so the next
   * plain INSERT gets max + increment (a counter already past it stays: keys are never reused). With
   * `emptied` (the table was emptied earlier in this transaction, `--truncate`) it is set to exactly the
   * max, lowering it. On an empty table it restarts (the next key is the identity's start), as after a
   * fixtures cleanup. A move that needs DDL committing implicitly (MySQL) runs right after COMMIT.
   */
  syncIdentity(table: TableRef, opts?: { emptied?: boolean }): Promise<void>
  /**
   * Optional: `Adapter.keyFloor` read inside this transaction, so it sees what `execute` just created
   * (the DDL and INSERTs of `--create`). Writers without it make such runs start keys at the plan's default.
   */
  keyFloor?(table: TableRef, column: string): Promise<number | undefined>
  /** Optional: `Adapter.rowCount` read inside this transaction (same reason as `keyFloor`). */
  rowCount?(table: TableRef): Promise<number>
  /**
   * Optional: a hint that the tables' inserts follow, so the writer can look up what it needs of all of
   * them at once (one catalog query instead of one per table). It never fails for a table that does not
   * exist (its insert reports that) and changes nothing; `execute` may drop what it read (not a TRUNCATE,
   * which changes rows, not tables).
   */
  prefetch?(tables: TableRef[]): Promise<void>
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
   * Run `work` with reads that all see one snapshot (see SnapshotReader), on one connection held for the
   * duration; the read transaction ends (rolled back: it wrote nothing) when `work` settles. A lost
   * connection fails the pending scan with TDG_READ_FAILED.
   */
  readSnapshot<T>(work: (r: SnapshotReader) => Promise<T>): Promise<T>
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
  /**
   * Optional: make a read snapshot held on another connection to this database able to stay open
   * while this adapter's transaction commits (an in-place mask reads and writes one database). Resolves
   * to what was changed (said to the user) and the function that puts it back; undefined when nothing
   * needed changing. Adapters without it need nothing (their snapshots never block a commit).
   */
  allowConcurrentSnapshot?(): Promise<{ note: string; restore: () => Promise<void> } | undefined>
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
