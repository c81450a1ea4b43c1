/**
 * Broken rules files: every file in test/bad-input/rules/ is a case (listing-driven), run as
 * `tdg plan --schema test/fixtures/postgres/rules-shop.sql --rules FILE`. test/e2e/bad-rules.test.ts
 * checks the exact `file:line: path:` prefix of each; here they are judged like every other bad input.
 * A few also go through `generate` and `seed`, where nothing may be written.
 */
import { readdirSync } from 'node:fs'
import type { BadInputCase } from '../case.js'

const dir = 'test/bad-input/rules'
const schema = 'test/fixtures/postgres/rules-shop.sql'

/** Files whose rules are valid YAML but ask for more than the schema allows: exit 4. */
const unsatisfiable = new Set(['unique-values-too-few.yaml'])

export const rulesFileCases: BadInputCase[] = readdirSync(dir)
  .sort()
  .map((file): BadInputCase => {
    const exit4 = unsatisfiable.has(file)
    return {
      name: `rules file ${file}`,
      group: 'rules',
      args: ['plan', '--schema', schema, '--rules', `${dir}/${file}`, '--seed', '1'],
      exit: exit4 ? 4 : 2,
      code: exit4 ? 'TDG_PLAN_UNSATISFIABLE' : 'TDG_RULES_INVALID',
      // A rule the schema cannot satisfy is named by its dotted path (the file was valid).
      expect: exit4 ? [/tables\.\w+\.columns\.\w+/] : [new RegExp(`${dir}/${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)],
    }
  })

const shopRules = (yaml: string) => ({ 'rules.yaml': yaml })

export const rulesWriteCases: BadInputCase[] = [
  {
    name: 'rules: a missing rules file',
    group: 'rules',
    args: ['plan', '--schema', schema, '--rules', `${dir}/no-such-rules.yaml`],
    exit: 2,
    code: 'TDG_FILE_READ',
    expect: [/no-such-rules\.yaml: no such file/],
  },
  {
    name: 'rules: generate with values outside a CHECK makes no output directory',
    group: 'rules',
    args: ['generate', '--schema', 'examples/shop.sql', '--rules', '{tmp}/rules.yaml', '--rows', '5', '--output', '{out}'],
    setup: { files: shopRules('tables:\n  orders:\n    columns:\n      status: { values: [new, lost] }\n') },
    exit: 2,
    code: 'TDG_RULES_INVALID',
    expect: [/orders\.status/, /'lost'/],
  },
  {
    name: 'rules: values breaking a BETWEEN CHECK (quantity 0 and 150 against 1..99)',
    group: 'rules',
    args: ['generate', '--schema', 'examples/shop.sql', '--rules', '{tmp}/rules.yaml', '--rows', '5', '--output', '{out}'],
    setup: { files: shopRules('tables:\n  order_items:\n    columns:\n      quantity: { values: [0, 150] }\n') },
    exit: 2,
    code: 'TDG_RULES_INVALID',
    expect: [/order_items\.quantity/],
    dependsOn: '§2',
  },
  {
    name: 'rules: seed with a rule on an unknown table leaves the SQLite file as it was',
    group: 'rules',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--rules', '{tmp}/rules.yaml', '--rows', '5'],
    setup: {
      files: shopRules('tables:\n  ordrs:\n    rows: 5\n'),
      sqlite: 'CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL); INSERT INTO orders (status) VALUES (\'x\');',
    },
    exit: 2,
    code: 'TDG_RULES_INVALID',
    expect: [/ordrs/],
  },
  {
    name: 'rules: seed with a YAML syntax error leaves the PostgreSQL database as it was',
    group: 'rules',
    args: ['seed', '--db', '{pg}', '--rules', '{tmp}/rules.yaml', '--rows', '5'],
    setup: {
      files: shopRules('tables:\n  t:\n    columns:\n      x: { values: [1, 2\n'),
      postgres: 'create table t (id int primary key, x int not null); insert into t values (1, 1);',
    },
    exit: 2,
    code: 'TDG_RULES_INVALID',
    expect: [/rules\.yaml:\d+/],
  },
  {
    name: 'rules: a JSON rules file with a syntax error',
    group: 'rules',
    args: ['plan', '--schema', 'examples/shop.sql', '--rules', '{tmp}/rules.json'],
    setup: { files: { 'rules.json': '{ "tables": { "orders": { "rows": 5, } }\n' } },
    exit: 2,
    code: 'TDG_RULES_INVALID',
    expect: [/rules\.json/],
  },
  {
    name: 'rules: a negative row count in a rules file',
    group: 'rules',
    args: ['plan', '--schema', 'examples/shop.sql', '--rules', '{tmp}/rules.yaml'],
    setup: { files: shopRules('tables:\n  orders:\n    rows: -5\n') },
    exit: 2,
    code: 'TDG_RULES_INVALID',
    expect: [/rules\.yaml:3/, /tables\.orders\.rows/],
  },
]
