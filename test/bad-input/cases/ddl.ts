/**
 * Broken DDL files: every `*.sql` in test/bad-input/ is a case, found by listing the directory, so a new
 * file needs no code. What a file's case runs and expects comes from its name, unless its first line
 * says otherwise:
 * - `pg-*`, `mysql-*`, `mssql-*`, `sqlite-*` (and anything else): `tdg introspect --schema FILE` fails
 *   with TDG_DDL_PARSE, exit 2, naming the file (`sqlite-*` adds `--dialect sqlite`);
 * - `unsat-*`: `tdg generate --schema FILE --output {out}` fails with exit 4 before writing;
 * - `silent-*`: the same generate run must fail (issue 9 §2: never write wrong data silently), exit 4.
 * A first-line directive overrides: `-- bad-input: exit=4 code=TDG_PLAN_UNSATISFIABLE dialect=sqlite
 * command=generate dependsOn=§2` (exit may list codes: `exit=2|4`).
 */
import { readdirSync, readFileSync } from 'node:fs'
import type { BadInputCase, ExpectedCode, Section } from '../case.js'

const dir = 'test/bad-input'

/** Extra fragments the error line must hold, per file (the location and the token it stopped at). */
const fragments: Record<string, RegExp[]> = {
  'pg-keyword-typo.sql': [/:1:1: /, /"CREAT"/],
  'pg-missing-paren.sql': [/:3:\d+: /, /";"/],
  'pg-bad-type-modifier.sql': [/:2:\d+: /],
  'pg-fk-unknown-table.sql': [/:3:\d+: /, /customers/],
  'pg-unterminated-string.sql': [/:2:\d+: /, /unterminated/i],
  'pg-alter-unknown-table.sql': [/:3:\d+: /, /nope/],
  'pg-dump-double-comma.sql': [/:9:\d+: /, /","/],
  'pg-fk-unknown-column.sql': [/:1:\d+: /, /nope/],
  'pg-duplicate-table.sql': [/:2:\d+: /, /"t"|\bt\b/],
  'pg-missing-comma.sql': [/:3:3: /, /"name"/],
  'pg-unterminated-dollar-quote.sql': [/:2:\d+: /, /unterminated dollar-quoted/],
  'pg-constraint-typo.sql': [/:2:\d+: /, /"PRIMRY"/],
  'pg-trailing-garbage.sql': [/:2:1: /, /"this"/],
  'pg-extra-close-paren.sql': [/:3:\d+: /],
  'pg-check-unclosed.sql': [/:4:\d+: /],
  'sqlite-keyword-typo.sql': [/:1:\d+: /, /TABL/],
  'sqlite-bad-check.sql': [/:3:\d+: /, /syntax error/],
  'sqlite-duplicate-column.sql': [/:5:\d+: /, /t_id/],
  'sqlite-autoincrement-on-text.sql': [/:2:\d+: /, /AUTOINCREMENT/i],
  'sqlite-missing-paren.sql': [/:3:\d+: /, /incomplete input/],
  'sqlite-unterminated-string.sql': [/:3:\d+: /, /unrecognized token/],
  'sqlite-references-no-table.sql': [/:4:\d+: /],
  'sqlite-index-unknown-column.sql': [/:2:\d+: /, /nope/],
  'mssql-keyword-typo.sql': [/:3:1: /, /"CREAT"/],
  'mssql-missing-comma.sql': [/:3:2: /, /"\[CustomerID\]"/],
  'mssql-fk-unknown-table.sql': [/:4:12: /, /dbo\.Customers/],
  'mssql-unterminated-bracket.sql': [/:3:2: /, /unterminated quoted name/],
  'mssql-bad-identity.sql': [/:2:24: /, /"x"/],
  'mssql-default-unknown-column.sql': [/:3:67: /, /column "b"/],
  'mssql-unterminated-string.sql': [/:3:\d+: /, /unterminated/],
  'mssql-missing-paren.sql': [/:4:1: /, /"GO"/],
  'mssql-bad-type-length.sql': [/:3:\d+: /, /"abc"/],
  'mssql-pk-unknown-column.sql': [/:3:\d+: /, /"nope"/],
  'mysql-keyword-typo.sql': [/:1:1: /, /"CREAT"/],
  'mysql-missing-paren.sql': [/:3:19: /, /";"/],
  'mysql-unterminated-string.sql': [/:2:28: /, /unterminated/],
  'mysql-fk-unknown-table.sql': [/:3:\d+: /, /customers/],
  'mysql-enum-unquoted.sql': [/:3:15: /, /"M"/],
  'mysql-dump-double-comma.sql': [/:7:31: /, /","/],
  'mysql-alter-unknown-column.sql': [/:4:\d+: /, /nope/],
  'mysql-missing-comma.sql': [/:3:3: /, /"name"/],
  'mysql-unterminated-backtick.sql': [/:2:3: /, /unterminated quoted identifier/],
  'mysql-duplicate-column.sql': [/:4:\d+: /, /"a"/],
  'mysql-bad-decimal.sql': [/:3:22: /, /"\)"/],
  'binary-garbage.sql': [/binary-garbage\.sql:\d+:\d+/],
  'unsat-pg-check-contradiction.sql': [/public\.t\.x/],
  'unsat-pg-enum-check.sql': [/public\.t\.m/],
  'unsat-pg-length.sql': [/public\.t\.code/],
  'unsat-pg-like-too-long.sql': [/public\.t\.code/],
  'unsat-pg-zero-range.sql': [/public\.t\.x/],
  'unsat-sqlite-in-lists.sql': [/\bt\.x\b/],
  'unsat-sqlite-between.sql': [/\bt\.n\b/],
  'unsat-mysql-check-contradiction.sql': [/\bt\.x\b/],
  'unsat-mssql-check-contradiction.sql': [/dbo\.t\.x/],
}

/** Why a file is here when it is not plain broken syntax. */
const notes: Record<string, string> = {
  'binary-garbage.sql': 'bytes that are no text; --dialect postgres so detection cannot refuse first',
  'mysql-bad-decimal.sql': 'DECIMAL(10,) is a syntax error in MariaDB, and so in the MySQL front end (at the closing parenthesis)',
  'unsat-pg-enum-check.sql': 'no enum label passes the CHECK (tdg used to write the CHECK literal, which is no label of the enum)',
}

interface Directive {
  exit?: number[]
  code?: ExpectedCode
  dialect?: string
  command?: string
  dependsOn?: Section
}

/** The `-- bad-input: k=v …` directive on the first line, if any. */
function directive(text: string): Directive {
  const m = /^--\s*bad-input:(.*)$/m.exec(text.split('\n', 1)[0] ?? '')
  if (!m) return {}
  const out: Directive = {}
  for (const [, k, v] of (m[1] ?? '').matchAll(/(\w+)=(\S+)/g)) {
    if (k === 'exit') out.exit = v!.split('|').map(Number)
    else if (k === 'code') out.code = v as ExpectedCode
    else if (k === 'dialect') out.dialect = v
    else if (k === 'command') out.command = v
    else if (k === 'dependsOn') out.dependsOn = v as Section
    else throw new Error(`${dir}: unknown bad-input directive key '${k}'`)
  }
  return out
}

/** Files that cannot carry a directive line (an empty file stays empty): their directive here. */
const directives: Record<string, string> = {
  'silent-empty.sql': '-- bad-input: exit=2 code=TDG_DDL_PARSE',
}

function fileCase(file: string): BadInputCase {
  const d = directive(directives[file] ?? readFileSync(`${dir}/${file}`, 'utf8'))
  const kind = file.startsWith('silent-') ? 'silent' : file.startsWith('unsat-') ? 'unsatisfiable' : 'ddl'
  const command = d.command ?? (kind === 'ddl' ? 'introspect' : 'generate')
  const dialect = d.dialect ?? (file.startsWith('sqlite-') ? 'sqlite' : file === 'binary-garbage.sql' ? 'postgres' : undefined)
  const exit = d.exit ?? (kind === 'ddl' ? [2] : [4])
  const args = [command, '--schema', `${dir}/${file}`, ...(dialect ? ['--dialect', dialect] : [])]
  if (command === 'generate') args.push('--rows', '5', '--seed', '1', '--output', '{out}')
  const code = d.code ?? (kind === 'ddl' ? 'TDG_DDL_PARSE' : undefined)
  return {
    name: `ddl file ${file}`,
    group: kind,
    args,
    exit: exit.length === 1 ? exit[0]! : exit,
    ...(code ? { code } : {}),
    expect: [...(kind === 'ddl' ? [new RegExp(file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))] : []), ...(fragments[file] ?? [])],
    ...(d.dependsOn ? { dependsOn: d.dependsOn } : {}),
    ...(notes[file] ? { note: notes[file] } : {}),
  }
}

/** One case per `*.sql` file of the directory. */
export const ddlFileCases: BadInputCase[] = readdirSync(dir)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map(fileCase)

/** Broken DDL given to the commands that write: nothing may be created or written. */
export const ddlWriteCases: BadInputCase[] = [
  {
    name: 'seed --create with broken SQLite DDL creates no database file',
    group: 'ddl',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--schema', `${dir}/sqlite-keyword-typo.sql`, '--create', '--rows', '5'],
    exit: 2,
    code: 'TDG_DDL_PARSE',
    expect: [/sqlite-keyword-typo\.sql:1:/],
  },
  {
    name: 'seed --create with broken DDL into an existing SQLite file leaves it as it was',
    group: 'ddl',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--schema', `${dir}/sqlite-bad-check.sql`, '--create', '--rows', '5'],
    setup: { sqlite: "CREATE TABLE keep (x INTEGER); INSERT INTO keep VALUES (1), (2);" },
    exit: 2,
    code: 'TDG_DDL_PARSE',
  },
  {
    name: 'generate with broken PostgreSQL DDL makes no output directory',
    group: 'ddl',
    args: ['generate', '--schema', `${dir}/pg-missing-paren.sql`, '--rows', '5', '--output', '{out}'],
    exit: 2,
    code: 'TDG_DDL_PARSE',
  },
  {
    name: 'generate --format sql with broken T-SQL makes no output directory',
    group: 'ddl',
    args: ['generate', '--schema', `${dir}/mssql-missing-comma.sql`, '--format', 'sql', '--rows', '5', '--output', '{out}'],
    exit: 2,
    code: 'TDG_DDL_PARSE',
  },
  {
    name: 'seed --create with broken PostgreSQL DDL leaves the database as it was',
    group: 'ddl',
    args: ['seed', '--db', '{pg}', '--schema', `${dir}/pg-fk-unknown-table.sql`, '--create', '--rows', '5'],
    setup: { postgres: 'create table keep (x int); insert into keep values (1), (2);' },
    exit: 2,
    code: 'TDG_DDL_PARSE',
  },
  {
    name: 'seed --create with broken MySQL DDL leaves the database as it was',
    group: 'ddl',
    args: ['seed', '--db', '{mysql}', '--schema', `${dir}/mysql-missing-comma.sql`, '--create', '--rows', '5'],
    setup: { mysql: 'create table keep (x int); insert into keep values (1), (2);' },
    exit: 2,
    code: 'TDG_DDL_PARSE',
  },
  {
    name: 'PostgreSQL DDL read as SQLite says which dialect and to try --dialect',
    group: 'ddl',
    args: ['introspect', '--schema', `${dir}/pg-missing-comma.sql`, '--dialect', 'sqlite'],
    exit: 2,
    code: 'TDG_DDL_PARSE',
    expect: [/pg-missing-comma\.sql/],
  },
  {
    name: 'broken DDL on stdin (--schema -) names stdin and the line',
    group: 'ddl',
    args: ['generate', '--schema', '-', '--dialect', 'postgres', '--rows', '5', '--output', '{out}'],
    stdin: 'CREATE TABLE t (\n  id int PRIMARY KEY\n  name text\n);\n',
    exit: 2,
    code: 'TDG_DDL_PARSE',
    expect: [/:3:3: /, /"name"/],
    dependsOn: '§5',
  },
  {
    name: 'empty stdin (--schema -)',
    group: 'ddl',
    args: ['introspect', '--schema', '-'],
    stdin: '',
    exit: [2, 4],
    dependsOn: '§5',
  },
]
