/**
 * One case of the bad-input corpus, as data. test/e2e/bad-input.test.ts runs every case through the
 * built CLI and judges them all alike (see the judge there); a case only says what to run, what to
 * prepare, what to break while it runs, and which exit and error code it must end with.
 *
 * Placeholders, replaced in `args`, `env`, `setup` and `files` text before the run:
 * - `{repo}`    the repository root (the default working directory);
 * - `{tmp}`     the case's own scratch directory; nothing in it may change (no new file, no output dir,
 *               no `*.tdg-tmp-*`, no SQLite file created);
 * - `{out}`     `{tmp}/out`: an output directory that must not exist afterwards;
 * - `{sqlite}`  `{tmp}/db.sqlite`: created from `setup.sqlite` when given, otherwise absent;
 * - `{pg}`      URL of a fresh PostgreSQL database for this case (the run's throwaway server);
 * - `{pgDb}`    the name of that database; `{pgServer}` host:port, `{pgUser}`/`{pgPassword}` the admin's
 *               (likewise `{mysqlServer}`, `{mysqlUser}`, `{mysqlPassword}`);
 * - `{pgOwn}`   URL of a database on a PostgreSQL server started for this case alone (it may be stopped);
 * - `{mysql}`   URL of a fresh MariaDB database for this case;
 * - `{full}`    a 1 MiB tmpfs mounted inside `{tmp}` (a full disk); `{ro}` a read-only mount holding
 *               `{ro}/db.sqlite` made from `setup.sqlite`.
 * Databases named by a placeholder must hold the same rows (count and checksum per table, computed by
 * the database) and the same tables afterwards.
 */

/** The error catalogue's codes (src/errors.ts), plus the interrupted line of signal cases. */
export type ExpectedCode =
  | 'TDG_DDL_PARSE'
  | 'TDG_DDL_DIALECT'
  | 'TDG_FILE_READ'
  | 'TDG_URL_INVALID'
  | 'TDG_USAGE'
  | 'TDG_CONFIG_INVALID'
  | 'TDG_RULES_INVALID'
  | 'TDG_CONNECT_FAILED'
  | 'TDG_INTROSPECT_FAILED'
  | 'TDG_TABLE_NOT_FOUND'
  | 'TDG_READ_FAILED'
  | 'TDG_PLAN_FK_CYCLE'
  | 'TDG_PLAN_UNSATISFIABLE'
  | 'TDG_WRITE_FAILED'
  | 'TDG_DIALECT_UNSUPPORTED'
  | 'TDG_SCHEMA_MISMATCH'
  | 'TDG_MASK_KEY_MISSING'
  | 'TDG_MASK_UNSATISFIABLE'
  | 'TDG_PII_UNMAPPED'
  | 'TDG_LEAK_FOUND'
  | 'TDG_CSV_INVALID'
  | 'TDG_PROFILE_INVALID'

/** Which part of issue 9 a case waits for (fixed by another branch; the harness names it on failure). */
export type Section = '§1' | '§2' | '§3' | '§4' | '§5' | '§6'

/**
 * When a fault fires: once stderr matches (the per-table progress line), or once the case's `{pg}` /
 * `{mysql}` database runs a statement matching `query` (polled: `COPY …`, `LOAD DATA …`, so the fault
 * lands inside the bulk load); then after `delayMs`.
 */
export type FaultWhen = ({ stderr: RegExp } | { query: RegExp }) & { delayMs?: number }

/** Something done to the run while it runs. */
export type Fault =
  /** Send a signal to tdg. SIGKILL cases are judged on state only (a killed process prints nothing). */
  | { kind: 'signal'; signal: 'SIGINT' | 'SIGTERM' | 'SIGKILL'; when: FaultWhen }
  /** `pg_terminate_backend` every other session on the case's `{pg}` database, from a second session. */
  | { kind: 'pg-terminate'; when: FaultWhen }
  /** MariaDB `KILL` of every other connection on the case's `{mysql}` database. */
  | { kind: 'mysql-kill'; when: FaultWhen }
  /** Stop the `{pgOwn}` server (`pg_ctl stop -m immediate`); it is restarted for the state check. */
  | { kind: 'pg-stop'; when: FaultWhen }

export type Group = 'ddl' | 'rules' | 'config' | 'usage' | 'url' | 'unsatisfiable' | 'silent' | 'runtime'

export interface BadInputCase {
  /** Unique, shown as the test name. */
  name: string
  group: Group
  /** CLI arguments after `tdg`, with placeholders. */
  args: string[]
  /** Working directory: the repository (default) or the case's scratch dir (config discovery). */
  cwd?: 'repo' | 'tmp'
  env?: Record<string, string>
  /** Text piped to tdg's stdin (`--schema -`); otherwise stdin is closed. */
  stdin?: string
  /** Prepared before the run (and before the "before" snapshot). */
  setup?: {
    /** Files to create, path relative to `{tmp}` → text. */
    files?: Record<string, string>
    /** SQL run on `{pg}` (or `{pgOwn}`), several statements allowed. */
    postgres?: string
    /** SQL run on `{mysql}`, several statements allowed. */
    mysql?: string
    /** SQL run into `{sqlite}` (or `{ro}/db.sqlite`) with better-sqlite3's exec. */
    sqlite?: string
    /** `chattr +i` these paths (relative to `{tmp}`) after setup; removed again afterwards. */
    immutable?: string[]
  }
  /** The exit code, or the codes that all meet the contract. */
  exit: number | readonly number[]
  /** The error line must start `tdg: error <code>: ` (one of them when a list). Omit: any code. */
  code?: ExpectedCode | readonly ExpectedCode[]
  /** Further fragments the error line must hold. */
  expect?: RegExp[]
  fault?: Fault
  /** The part of issue 9 that makes this case pass (another branch): reported beside a failure. */
  dependsOn?: Section
  /** Why the case is here, when the name does not say it. */
  note?: string
  timeoutMs?: number
}
