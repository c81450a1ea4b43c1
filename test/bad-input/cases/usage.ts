/**
 * Bad command lines. Commander's own errors (unknown option, bad or missing flag values, extra
 * arguments, unknown command) must come out in tdg's one format, `tdg: error TDG_USAGE: …`, one line
 * (issue 9 §5); the others are tdg's own checks.
 */
import type { BadInputCase } from '../case.js'

const shop = 'examples/shop.sql'
const gen = (...extra: string[]) => ['generate', '--schema', shop, '--rows', '5', '--output', '{out}', ...extra]

/** A commander-level usage error: TDG_USAGE, exit 2, in the format §5 brings. */
function commander(name: string, args: string[], ...expect: RegExp[]): BadInputCase {
  return { name: `usage: ${name}`, group: 'usage', args, exit: 2, code: 'TDG_USAGE', expect, dependsOn: '§5' }
}

export const usageCases: BadInputCase[] = [
  commander('unknown option', ['introspect', '--schema', shop, '--colour'], /--colour/),
  commander('unknown option on generate', gen('--rowz', '5'), /--rowz/),
  commander('unknown short option', gen('-x'), /-x/),
  commander('--rows is not a number', gen('--rows', 'abc'), /'abc'/),
  commander('--rows is negative', gen('--rows', '-5'), /'-5'/),
  commander('--rows is fractional', gen('--rows', '1.5'), /'1\.5'/),
  commander('--rows in exponent form', gen('--rows', '1e3'), /'1e3'/),
  commander('--rows beyond a safe integer', gen('--rows', '99999999999999999999'), /99999999999999999999/),
  commander('--rows without its value', ['generate', '--schema', shop, '--output', '{out}', '--rows'], /--rows/),
  commander('--batch-size is negative', gen('--batch-size', '-1'), /'-1'/),
  commander('--batch-size is fractional', gen('--batch-size', '2.5'), /'2\.5'/),
  commander('--null-rate above 1', gen('--null-rate', '2'), /'2'/),
  commander('--null-rate is not a number', gen('--null-rate', 'often'), /'often'/),
  commander('--scale 0', gen('--scale', '0'), /'0' is not a scale factor/),
  commander('--scale is not a number', gen('--scale', 'ten'), /'ten' is not a scale factor/),
  commander('--scale is negative on seed', ['seed', '--db', 'sqlite:{sqlite}', '--scale', '-2'], /'-2' is not a scale factor/),
  commander('--rows-per-table without =', gen('--rows-per-table', 'orders'), /'orders'/),
  commander('--rows-per-table with a negative count', gen('--rows-per-table', 'orders=-1'), /-1/),
  commander('--seed without its value', ['generate', '--schema', shop, '--output', '{out}', '--seed'], /--seed/),
  commander('--dialect without its value', ['introspect', '--schema', shop, '--dialect'], /--dialect/),
  commander('an extra argument', gen('extra'), /extra|argument/),
  commander('an extra argument to seed', ['seed', '--db', 'sqlite:{sqlite}', 'extra'], /extra|argument/),
  commander('an unknown command says so', ['bogus'], /unknown command/, /bogus/),
  commander('an option plan does not have', ['plan', '--schema', shop, '--format', 'csv'], /--format/),
  {
    name: 'usage: --batch-size 0',
    group: 'usage',
    args: gen('--batch-size', '0'),
    exit: 2,
    code: 'TDG_USAGE',
    expect: [/batch/],
    note: 'a batch of 0 rows is no batch size, as the config file batchSize (positive) says',
  },
  {
    name: 'usage: --format xml',
    group: 'usage',
    args: gen('--format', 'xml'),
    exit: 2,
    code: 'TDG_USAGE',
    expect: [/'xml'/],
    dependsOn: '§5',
    note: 'today the error follows a "tdg: dialect: …" line: a usage error has no second line',
  },
  commander('--compression lz4 (parquet)', gen('--format', 'parquet', '--compression', 'lz4'), /'lz4'/, /snappy, zstd, none/),
  commander('--row-group-size 0 (parquet)', gen('--format', 'parquet', '--row-group-size', '0'), /'0' is not a number of rows for --row-group-size/),
  commander('--max-rows-per-file is not a number (parquet)', gen('--format', 'parquet', '--max-rows-per-file', 'many'), /'many' is not a number of rows for --max-rows-per-file/),
  { name: 'usage: --row-group-size without --format parquet', group: 'usage', args: gen('--row-group-size', '10'), exit: 2, code: 'TDG_USAGE', expect: [/--row-group-size applies to --format parquet only/] },
  { name: 'usage: --format parquet to stdout', group: 'usage', args: ['generate', '--schema', shop, '--rows', '5', '--output', '-', '--format', 'parquet'], exit: 2, code: 'TDG_USAGE', expect: [/parquet needs a directory/] },
  { name: 'usage: unknown --locale', group: 'usage', args: gen('--locale', 'xx'), exit: 2, code: 'TDG_USAGE', expect: [/unknown locale 'xx'/, /de, fr/] },
  { name: 'usage: introspect with neither --schema nor --db', group: 'usage', args: ['introspect'], exit: 2, code: 'TDG_USAGE', expect: [/--schema.*--db/] },
  { name: 'usage: introspect with both --schema and --db', group: 'usage', args: ['introspect', '--schema', shop, '--db', 'sqlite::memory:'], exit: 2, code: 'TDG_USAGE' },
  { name: 'usage: seed without --db', group: 'usage', args: ['seed', '--schema', shop, '--rows', '5'], exit: 2, code: 'TDG_USAGE', expect: [/--db/] },
  { name: 'usage: seed --create without --schema', group: 'usage', args: ['seed', '--db', 'sqlite:{sqlite}', '--create'], exit: 2, code: 'TDG_USAGE', expect: [/--schema/] },
  { name: 'usage: unknown dialect', group: 'usage', args: ['introspect', '--schema', shop, '--dialect', 'oracle'], exit: 2, code: 'TDG_DIALECT_UNSUPPORTED', expect: [/'oracle'/] },
  { name: 'usage: unknown dialect on generate', group: 'usage', args: gen('--dialect', 'db2'), exit: 2, code: 'TDG_DIALECT_UNSUPPORTED', expect: [/'db2'/] },
  {
    name: 'usage: --schema names a missing file',
    group: 'usage',
    args: ['introspect', '--schema', 'no/such/file.sql'],
    exit: [2, 3],
    code: 'TDG_FILE_READ',
    expect: [/no\/such\/file\.sql: no such file/],
    dependsOn: '§3',
    note: 'a missing file: one rule for its exit code (§3 settles 2 or 3)',
  },
  {
    name: 'usage: generate --schema names a missing file',
    group: 'usage',
    args: ['generate', '--schema', '{tmp}/missing.sql', '--output', '{out}'],
    exit: [2, 3],
    code: 'TDG_FILE_READ',
    expect: [/missing\.sql/],
    dependsOn: '§3',
  },
  { name: 'usage: --schema names a directory', group: 'usage', args: ['introspect', '--schema', 'test'], exit: 2, code: 'TDG_FILE_READ', expect: [/test: is a directory/] },
  { name: 'usage: --schema is an empty file', group: 'usage', args: ['generate', '--schema', '{tmp}/empty.sql', '--output', '{out}'], setup: { files: { 'empty.sql': '' } }, exit: [2, 4], dependsOn: '§2', note: 'nothing to generate is not a success' },
  {
    name: 'usage: --output is an existing file',
    group: 'usage',
    args: ['generate', '--schema', shop, '--rows', '5', '--output', '{tmp}/taken.txt'],
    setup: { files: { 'taken.txt': 'keep me\n' } },
    exit: [2, 5],
    expect: [/taken\.txt/],
  },
  {
    name: 'usage: --tables names no table (generate)',
    group: 'silent',
    args: gen('--tables', 'nosuch'),
    exit: [2, 4],
    code: ['TDG_TABLE_NOT_FOUND', 'TDG_PLAN_UNSATISFIABLE', 'TDG_USAGE'],
    expect: [/nosuch/],
  },
  {
    name: 'usage: --rows-per-table names no table (generate)',
    group: 'silent',
    args: gen('--rows-per-table', 'nosuch=5'),
    exit: [2, 4],
    code: ['TDG_TABLE_NOT_FOUND', 'TDG_PLAN_UNSATISFIABLE', 'TDG_USAGE'],
    expect: [/nosuch/],
    dependsOn: '§2',
  },
  {
    name: 'usage: --rows-per-table names no table (seed PostgreSQL)',
    group: 'silent',
    args: ['seed', '--db', '{pg}', '--rows', '5', '--rows-per-table', 'nosuch=5'],
    setup: { postgres: 'create table t (id int primary key, x text not null); insert into t values (1, \'a\');' },
    exit: [2, 4],
    code: ['TDG_TABLE_NOT_FOUND', 'TDG_PLAN_UNSATISFIABLE', 'TDG_USAGE'],
    expect: [/nosuch/],
    dependsOn: '§2',
  },
  {
    name: 'usage: --tables names no table (seed SQLite)',
    group: 'silent',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--rows', '5', '--tables', 'nosuch'],
    setup: { sqlite: 'CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL); INSERT INTO t (x) VALUES (\'a\');' },
    exit: [2, 4],
    code: ['TDG_TABLE_NOT_FOUND', 'TDG_PLAN_UNSATISFIABLE', 'TDG_USAGE'],
    expect: [/nosuch/],
  },
  // tdg serve / tdg token (issue 14): their own checks, before anything listens or is stored.
  { name: 'usage: serve --port out of range', group: 'usage', args: ['serve', '--port', '99999'], exit: 2, code: 'TDG_USAGE', expect: [/--port/, /99999/] },
  { name: 'usage: serve --concurrency 0', group: 'usage', args: ['serve', '--concurrency', '0'], exit: 2, code: 'TDG_USAGE', expect: [/--concurrency/] },
  { name: 'usage: token create with an unknown scope', group: 'usage', args: ['token', 'create', '--name', 'ci', '--scopes', 'jobs:write,jobs:nuke'], exit: 2, code: 'TDG_USAGE', expect: [/jobs:nuke/] },
  { name: 'usage: token revoke of a name that does not exist', group: 'usage', args: ['token', 'revoke', 'nobody'], exit: 2, code: 'TDG_USAGE', expect: [/nobody/] },
  // seed --shard i/N (issue 16 item 5, docs/sharding.md): checked before anything is written.
  ...shardCases(),
]

/** Bad `--shard`/`--phase` use on a SQLite file holding a table (which must keep its one row). */
function shardCases(): BadInputCase[] {
  const setup = { sqlite: "CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL); INSERT INTO t (x) VALUES ('a');" }
  const seed = (...extra: string[]) => ['seed', '--db', 'sqlite:{sqlite}', '--rows', '5', ...extra]
  const fixed = ['--seed', '1', '--now', '2026-01-01']
  const c = (name: string, args: string[], ...expect: RegExp[]): BadInputCase => ({ name: `usage: ${name}`, group: 'usage', args, setup, exit: 2, code: 'TDG_USAGE', expect })
  return [
    c('--shard 3/2', seed(...fixed, '--shard', '3/2', '--phase', '1'), /'3\/2'/, /between 1 and 2/),
    c('--shard 0/2', seed(...fixed, '--shard', '0/2', '--phase', '1'), /'0\/2'/, /between 1 and 2/),
    c('--shard x', seed(...fixed, '--shard', 'x', '--phase', '1'), /'x' is not i\/N/),
    c('--shard without --phase', seed(...fixed, '--shard', '1/2'), /--shard needs --phase/, /1, finish/),
    c('--phase that the plan does not have', seed(...fixed, '--shard', '1/2', '--phase', '7'), /'7'/, /1, finish/),
    c('--phase without --shard', seed(...fixed, '--phase', '1'), /--phase needs --shard/),
    c('--shard with --truncate', seed(...fixed, '--shard', '1/2', '--phase', '1', '--truncate'), /--shard cannot be combined with --truncate/),
    c('--shard without --seed', seed('--now', '2026-01-01', '--shard', '1/2', '--phase', '1'), /--shard needs --seed/),
    c('--shard without --now', seed('--seed', '1', '--shard', '1/2', '--phase', '1'), /--shard needs --now/),
    c('--shard without --seed and --now', seed('--shard', '1/2', '--phase', '1'), /--seed and --now/),
  ]
}
