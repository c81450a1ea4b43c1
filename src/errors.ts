/**
 * One catalogue of error codes. Messages name tables, columns, files, lines and tokens;
 * never row values, bind parameters or passwords.
 */

/** Every code tdg throws, with the CLI exit code it maps to. */
export const ERROR_CODES = {
  /** A DDL file could not be parsed. */
  TDG_DDL_PARSE: { exit: 2 },
  /** A DDL file's dialect could not be told. */
  TDG_DDL_DIALECT: { exit: 2 },
  /** A file could not be read. */
  TDG_FILE_READ: { exit: 2 },
  /** A connection URL is malformed or names an unknown scheme. */
  TDG_URL_INVALID: { exit: 2 },
  /** Command-line usage or option values are wrong. */
  TDG_USAGE: { exit: 2 },
  /** A CSV file is empty, not delimited text, or has more ragged records than tolerated (`tdg profile --csv`). */
  TDG_CSV_INVALID: { exit: 2 },
  /** A config file is invalid. */
  TDG_CONFIG_INVALID: { exit: 2 },
  /** A rules file (YAML/JSON) is invalid, or one of its rules contradicts the schema. */
  TDG_RULES_INVALID: { exit: 2 },
  /** Connecting failed: host, port, credentials, database. */
  TDG_CONNECT_FAILED: { exit: 3 },
  /** A catalog query failed during introspection. */
  TDG_INTROSPECT_FAILED: { exit: 3 },
  /** A table named in a request does not exist. */
  TDG_TABLE_NOT_FOUND: { exit: 2 },
  /** Reading rows (sample/scan) failed. */
  TDG_READ_FAILED: { exit: 3 },
  /** A cycle of NOT NULL foreign keys that no deferrable constraint breaks. */
  TDG_PLAN_FK_CYCLE: { exit: 4 },
  /** A request the schema cannot satisfy. */
  TDG_PLAN_UNSATISFIABLE: { exit: 4 },
  /** The --schema file and the live tables it names disagree (columns); nothing was written. */
  TDG_SCHEMA_MISMATCH: { exit: 4 },
  /** Writing failed; the transaction was rolled back. */
  TDG_WRITE_FAILED: { exit: 5 },
  /** A dialect is named that tdg does not support (yet). */
  TDG_DIALECT_UNSUPPORTED: { exit: 2 },
  /** The run was interrupted (Ctrl-C, SIGINT, SIGTERM, a closed stdout); the transaction was rolled back. */
  TDG_INTERRUPTED: { exit: 130 },
  /** `tdg check --min-score`: an applicable realism invariant scored below the minimum. */
  TDG_CHECK_FAILED: { exit: 6 },
  /** Masking needs a key (`TDG_MASK_KEY` or `--key-file`) and none was given, or the key file is unusable. */
  TDG_MASK_KEY_MISSING: { exit: 2 },
  /** A masker cannot produce a value that fits the column (type, length, CHECK, enum, NOT NULL); nothing was written. */
  TDG_MASK_UNSATISFIABLE: { exit: 4 },
  /** Columns PII detection flags have no masking rule (`clone` without `--allow-unmapped`, `scan-pii --check`). */
  TDG_PII_UNMAPPED: { exit: 1 },
  /** `leak-check` / `clone --verify`: an original sensitive value survived in the target. */
  TDG_LEAK_FOUND: { exit: 1 },
  /** A profile file (`tdg report --source/--target`) is not a tdg profile, or of another version. */
  TDG_PROFILE_INVALID: { exit: 2 },
  /** `tdg report --min-score`: the overall fidelity score is below the minimum. */
  TDG_FIDELITY_LOW: { exit: 1 },
  /** tdg's state store (`--state`, `TDG_STATE_URL`, config `state`) cannot be opened or read. */
  TDG_STATE_FAILED: { exit: 3 },
  /** `tdg audit verify`: a record of the audit chain was edited or deleted. */
  TDG_AUDIT_BROKEN: { exit: 1 },
  /** `tdg serve`: a /v1 request without a valid bearer token (missing, unknown or revoked): HTTP 401. */
  TDG_API_UNAUTHORIZED: { exit: 2 },
  /** `tdg serve`: the token lacks the route's scope, or a job names a database or output no `serve.allow` list allows: HTTP 403. */
  TDG_API_FORBIDDEN: { exit: 2 },
  /** `tdg serve`: no such job, artifact or route: HTTP 404. */
  TDG_API_NOT_FOUND: { exit: 2 },
  /** `tdg serve`: the request conflicts with the job's state or an earlier request with the same Idempotency-Key: HTTP 409. */
  TDG_API_CONFLICT: { exit: 2 },
  /** `tdg serve`: too many requests for this token (or address) in the window: HTTP 429. */
  TDG_API_RATE_LIMITED: { exit: 2 },
  /** A schedule's name, cron, time zone, job, missed policy or jitter is not valid (the message names the field): HTTP 400. */
  TDG_SCHEDULE_INVALID: { exit: 2 },
  /** No schedule of that name: HTTP 404. */
  TDG_SCHEDULE_NOT_FOUND: { exit: 2 },
  /** A schedule of that name exists already, or its previous run is still queued or running: HTTP 409. */
  TDG_SCHEDULE_CONFLICT: { exit: 2 },
  /** An invariant broke: a bug in tdg. */
  TDG_INTERNAL: { exit: 70 },
} as const

export type ErrorCode = keyof typeof ERROR_CODES

/** Where in a file something was found (1-based line and column). */
export interface SourceLocation {
  file?: string
  line?: number
  column?: number
}

/**
 * The one error type tdg throws. `details` carries structured context (table, column, location);
 * a driver error travels unchanged as `cause`.
 */
export class TdgError extends Error {
  readonly code: ErrorCode
  readonly details: Record<string, unknown>

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'TdgError'
    this.code = code
    this.details = details
  }

  /** Exit code for the CLI. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit
  }
}

/** True for a TdgError (also across module copies). */
export function isTdgError(e: unknown): e is TdgError {
  return e instanceof TdgError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'TdgError' && 'code' in e)
}

/** A warning returned beside a result: a degraded choice was made, the run goes on. */
export interface Issue {
  code:
    | 'DDL_SKIPPED'
    | 'DDL_UNSUPPORTED'
    | 'TYPE_UNKNOWN'
    | 'CHECK_UNPARSED'
    | 'INDEX_PARTIAL'
    | 'INDEX_EXPRESSION'
    | 'FK_UNRESOLVED'
    | 'OBJECT_SKIPPED'
    /** Planning: a table's row count was lowered to what its keys/uniques/parents allow. */
    | 'ROWS_CAPPED'
    /** Planning: a table outside the requested set was added because a NOT NULL FK needs its rows. */
    | 'TABLE_ADDED'
    /** Planning: a weaker generator was chosen (a constraint cannot be guaranteed by construction). */
    | 'GENERATOR_DEGRADED'
    /** Seeding: the --schema file's tables exist, so the plan follows the live tables (checked against the file). */
    | 'SCHEMA_FROM_LIVE'
    | 'MASK_NOTE'
    | 'CLONE_NOTE'
    /** Rendering DDL for a target (`SqlDialect.renderSchema`): something of the source schema was changed or left out. */
    | 'DDL_LOSSY'
  message: string
  table?: string
  column?: string
  location?: SourceLocation
}

/** Format a location as `file:line:column` (parts omitted when unknown). */
export function formatLocation(loc: SourceLocation): string {
  return [loc.file, loc.line, loc.column].filter((p) => p !== undefined && p !== '').join(':')
}
