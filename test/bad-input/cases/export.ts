/**
 * Bad input to `tdg export` and failures while it reads: an unknown table, a malformed or rejected
 * `--where`, masking rules without a key or with unmapped PII, an unknown format, the source session
 * killed mid-read, Ctrl-C. Each must leave no output directory (nor a temp one) and the source as it was.
 */
import type { BadInputCase } from '../case.js'

const KEY = { TDG_MASK_KEY: 'bad-input-export-key-0123456789' }
const SOURCE = `CREATE TABLE customers (id integer PRIMARY KEY, full_name text NOT NULL, email text NOT NULL UNIQUE, notes text);
INSERT INTO customers SELECT i, 'Person ' || i, 'p' || i || '@example.org', NULL FROM generate_series(1, 30) i;
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL);
INSERT INTO orders SELECT i, 1 + i % 30, i FROM generate_series(1, 60) i;`
/** Big enough that a fault after `parent` lands while `big` is read (about a second of reading). */
const BIG = `CREATE TABLE parent (id integer PRIMARY KEY, name text NOT NULL);
INSERT INTO parent SELECT i, 'p' || i FROM generate_series(1, 100) i;
CREATE TABLE big (id bigint PRIMARY KEY, parent_id integer NOT NULL REFERENCES parent (id), note text NOT NULL);
INSERT INTO big SELECT i, 1 + i % 100, repeat('x', 40) || i FROM generate_series(1, 1500000) i;`
const SQLITE = `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO customers VALUES (1, 'a'), (2, 'b');`
const MYSQL = `create table child (id int primary key, note varchar(20) not null) engine=InnoDB;
insert into child values (1, 'a'), (2, 'b');`
const exportPg = (...extra: string[]) => ['export', '--db', '{pg}', '--output', '{out}', ...extra]
const afterParent = { stderr: /parent: [\d,]+ rows in/, delayMs: 200 }

function exp(name: string, c: Omit<BadInputCase, 'name' | 'group'> & { group?: BadInputCase['group'] }): BadInputCase {
  return { group: 'usage', env: KEY, ...c, name: `export: ${name}` }
}

export const exportCases: BadInputCase[] = [
  exp('no --output', { args: ['export', '--db', '{pg}'], setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--output/] }),
  exp('an unknown format', { args: exportPg('--format', 'xml'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/'xml'/, /csv/] }),
  exp('an unknown table in --tables', { args: exportPg('--tables', 'customers,clients'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--tables/, /clients/] }),
  exp('an unknown table in --tables (SQLite)', { args: ['export', '--db', 'sqlite:{sqlite}', '--output', '{out}', '--tables', 'orders'], setup: { sqlite: SQLITE }, exit: 2, code: 'TDG_USAGE', expect: [/--tables/, /orders/] }),
  exp('--where without a table', { args: exportPg('--where', 'total > 5'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--where "total > 5"/, /<table>:<condition>/] }),
  exp('--where with no condition', { args: exportPg('--where', 'orders:'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--where "orders:"/, /no condition/] }),
  exp('--where on a table that does not exist', { args: exportPg('--where', 'invoices:total > 5'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--where/, /invoices/] }),
  exp('--where on a table --tables leaves out', { args: exportPg('--tables', 'customers', '--where', 'orders:total > 5'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--where "orders:total > 5"/, /not exported/] }),
  exp('a --where condition the source rejects', { args: exportPg('--where', 'orders:totl > 5'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--where "orders:totl > 5"/, /rejected/, /totl/] }),
  exp('a --where condition MariaDB rejects', { args: ['export', '--db', '{mysql}', '--output', '{out}', '--where', 'child:nosuch = 1'], setup: { mysql: MYSQL }, exit: 2, code: 'TDG_USAGE', expect: [/--where "child:nosuch = 1"/, /nosuch/] }),
  exp('--rules without a masking key', {
    args: exportPg('--rules', '{tmp}/masking.yaml', '--allow-unmapped'),
    env: { TDG_MASK_KEY: '' },
    setup: { postgres: SOURCE, files: { 'masking.yaml': 'tables:\n  customers:\n    columns:\n      email: { mask: { fake: email } }\n' } },
    exit: 2,
    code: 'TDG_MASK_KEY_MISSING',
    expect: [/TDG_MASK_KEY|--key-file/],
  }),
  exp('--rules that leave a flagged column unmasked (drift guard)', {
    args: exportPg('--rules', '{tmp}/masking.yaml'),
    setup: { postgres: SOURCE, files: { 'masking.yaml': 'tables:\n  customers:\n    columns:\n      email: { mask: { fake: email } }\n' } },
    exit: 1,
    code: 'TDG_PII_UNMAPPED',
    expect: [/customers\.full_name/, /--allow-unmapped/],
  }),
  {
    name: 'export: the source session killed mid-read',
    group: 'runtime',
    args: exportPg('--format', 'csv'),
    setup: { postgres: BIG },
    exit: 3,
    code: 'TDG_READ_FAILED',
    expect: [/big/],
    fault: { kind: 'pg-terminate', when: afterParent },
    timeoutMs: 120_000,
  },
  {
    name: 'export: SIGINT mid-read',
    group: 'runtime',
    args: exportPg('--format', 'ndjson'),
    setup: { postgres: BIG },
    exit: 130,
    fault: { kind: 'signal', signal: 'SIGINT', when: afterParent },
    timeoutMs: 120_000,
  },
]
