/**
 * Broken config files, found as a user's project would find them (cosmiconfig searching from the
 * working directory, here the case's scratch dir) or named with `--config`.
 */
import type { BadInputCase } from '../case.js'

const shop = '{repo}/examples/shop.sql'
const gen = ['generate', '--schema', shop, '--rows', '5', '--output', '{out}']

/** A generate run in `{tmp}` that finds `file` with `text` there. */
function found(name: string, file: string, text: string, extra: Partial<BadInputCase> = {}): BadInputCase {
  return {
    name: `config: ${name}`,
    group: 'config',
    args: gen,
    cwd: 'tmp',
    setup: { files: { [file]: text } },
    exit: 2,
    code: 'TDG_CONFIG_INVALID',
    expect: [new RegExp(file.replace(/\./g, '\\.'))],
    ...extra,
  }
}

export const configCases: BadInputCase[] = [
  found('.tdgrc JSON syntax error says the line and the reason', '.tdgrc', '{\n  "rows": 5,\n  "seed": 1,,\n  "format": "csv"\n}\n', {
    expect: [/\.tdgrc/, /line 3|:3\b/],
    dependsOn: '§5',
  }),
  found('.tdgrc.json JSON syntax error (missing quote)', '.tdgrc.json', '{\n  "rows: 5\n}\n', { expect: [/\.tdgrc\.json/] }),
  found('.tdgrc.json trailing garbage', '.tdgrc.json', '{ "rows": 5 } nonsense\n'),
  found('.tdgrc.json unknown key', '.tdgrc.json', '{ "rowz": 5 }\n', { expect: [/\.tdgrc\.json/, /unknown key 'rowz'/] }),
  found('.tdgrc.json unknown nested flag name', '.tdgrc.json', '{ "rows-per-table": { "orders": 5 } }\n', { expect: [/unknown key 'rows-per-table'/] }),
  found('.tdgrc.json rows is a string', '.tdgrc.json', '{ "rows": "many" }\n', { expect: [/'rows'/] }),
  found('.tdgrc.json rows is negative', '.tdgrc.json', '{ "rows": -5 }\n', { expect: [/'rows'/] }),
  found('.tdgrc.json rows is fractional', '.tdgrc.json', '{ "rows": 2.5 }\n', { expect: [/'rows'/] }),
  found('.tdgrc.json batchSize is zero', '.tdgrc.json', '{ "batchSize": 0 }\n', { expect: [/'batchSize'/] }),
  found('.tdgrc.json nullRate above 1', '.tdgrc.json', '{ "nullRate": 1.5 }\n', { expect: [/'nullRate'/] }),
  found('.tdgrc.json unknown format', '.tdgrc.json', '{ "format": "xml" }\n', { expect: [/'format'/] }),
  found('.tdgrc.json rowsPerTable with a string count', '.tdgrc.json', '{ "rowsPerTable": { "orders": "lots" } }\n', { expect: [/rowsPerTable\.orders/] }),
  found('.tdgrc.json is an array', '.tdgrc.json', '[1, 2, 3]\n', { expect: [/must be an object/] }),
  found('.tdgrc.json uses an unset environment variable', '.tdgrc.json', '{ "schema": "${TDG_BAD_INPUT_UNSET}" }\n', { expect: [/TDG_BAD_INPUT_UNSET/] }),
  found('.tdgrc.yaml syntax error', '.tdgrc.yaml', 'rows: 5\nseed: [1, 2\nformat: csv\n', { expect: [/\.tdgrc\.yaml/] }),
  found('package.json "tdg" with an unknown key', 'package.json', '{ "name": "x", "tdg": { "rowz": 5 } }\n', { expect: [/package\.json/, /unknown key 'rowz'/] }),
  {
    name: 'config: --config names a missing file',
    group: 'config',
    args: [...gen, '--config', '{tmp}/nope.json'],
    exit: [2, 3],
    code: 'TDG_FILE_READ',
    expect: [/nope\.json: no such file/],
    dependsOn: '§3',
    note: 'a missing file is one rule (§3): --schema and --rules say TDG_FILE_READ "no such file"; --config says TDG_CONFIG_INVALID with the raw ENOENT text',
  },
  {
    name: 'config: --config names a directory',
    group: 'config',
    args: [...gen, '--config', '{tmp}'],
    exit: 2,
    code: ['TDG_FILE_READ', 'TDG_CONFIG_INVALID'],
  },
  {
    name: 'config: db URL from the config with a refused port hides its password',
    group: 'config',
    args: ['seed', '--rows', '5'],
    cwd: 'tmp',
    setup: { files: { '.tdgrc.json': '{ "db": "postgres://app:s3cret-pw@127.0.0.1:1/shop" }\n' } },
    exit: 3,
    code: 'TDG_CONNECT_FAILED',
    expect: [/\*\*\*/],
  },
  {
    name: 'config: schema in the config names a missing file',
    group: 'config',
    args: ['generate', '--rows', '5', '--output', '{out}'],
    cwd: 'tmp',
    setup: { files: { '.tdgrc.json': '{ "schema": "./missing.sql" }\n' } },
    exit: [2, 3],
    code: 'TDG_FILE_READ',
    expect: [/missing\.sql/],
    dependsOn: '§3',
    note: 'a missing file: one rule for its exit code (§3 settles 2 or 3)',
  },
  found('.tdgrc.json serve.allow.db is a string, not a list', '.tdgrc.json', '{ "serve": { "allow": { "db": "sqlite:*" } } }\n', { expect: [/serve\.allow\.db/] }),
  found('.tdgrc.json unknown key under serve.allow', '.tdgrc.json', '{ "serve": { "allow": { "dbs": ["sqlite:*"] } } }\n', { expect: [/dbs/] }),
]
