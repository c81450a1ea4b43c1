/**
 * Bad input to `clone` and `mask` (a leak found is a verdict, not bad input: test/e2e/leak-check.test.ts): no key, rules that cannot hold, flagged
 * columns without a masker, subsets that make no sense, targets that do not fit. Each must fail before
 * anything is written: the source and target databases keep their rows, no SQLite file appears.
 */
import type { BadInputCase } from '../case.js'

const KEY = { TDG_MASK_KEY: 'bad-input-masking-key-0123456789' }
const SOURCE = `CREATE TABLE customers (id integer PRIMARY KEY, full_name text NOT NULL, email text NOT NULL UNIQUE, notes text);
INSERT INTO customers SELECT i, 'Person ' || i, 'p' || i || '@example.org', NULL FROM generate_series(1, 30) i;
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL);
INSERT INTO orders SELECT i, 1 + i % 30, i FROM generate_series(1, 60) i;`
const clone = (...extra: string[]) => ['clone', '--from', '{pg}', '--to', 'sqlite:{tmp}/dev.db', '--create-schema', ...extra]
const rules = (text: string) => ({ postgres: SOURCE, files: { 'masking.yaml': text } })

function masking(name: string, c: Omit<BadInputCase, 'name' | 'group'> & { group?: BadInputCase['group'] }): BadInputCase {
  return { group: 'usage', env: KEY, ...c, name: `masking: ${name}` }
}

export const maskingCases: BadInputCase[] = [
  masking('clone without a masking key', { args: clone('--mask-sensitive'), env: { TDG_MASK_KEY: '' }, setup: { postgres: SOURCE }, exit: 2, code: 'TDG_MASK_KEY_MISSING', expect: [/TDG_MASK_KEY|--key-file/] }),
  masking('a masking key too short', { args: clone('--mask-sensitive'), env: { TDG_MASK_KEY: 'short' }, setup: { postgres: SOURCE }, exit: 2, code: 'TDG_MASK_KEY_MISSING', expect: [/16/] }),
  masking('a key file that does not exist', { args: clone('--mask-sensitive', '--key-file', '{tmp}/no-such-key'), env: { TDG_MASK_KEY: '' }, setup: { postgres: SOURCE }, exit: 2, code: 'TDG_MASK_KEY_MISSING', expect: [/no-such-key/] }),
  masking('sensitive columns without a rule (drift guard)', { args: clone(), setup: { postgres: SOURCE }, exit: 1, code: 'TDG_PII_UNMAPPED', expect: [/customers\.email/, /--mask-sensitive|--allow-unmapped/] }),
  masking('an unknown masker', { group: 'rules', args: clone('--rules', '{tmp}/masking.yaml'), setup: rules('tables:\n  customers:\n    columns:\n      email: { mask: { fak: email } }\n'), exit: 2, code: 'TDG_RULES_INVALID', expect: [/masking\.yaml:4/, /did you mean 'fake'/] }),
  masking('an unknown fake field', { group: 'rules', args: clone('--rules', '{tmp}/masking.yaml'), setup: rules('tables:\n  customers:\n    columns:\n      email: { mask: { fake: emial } }\n'), exit: 2, code: 'TDG_RULES_INVALID', expect: [/emial/, /did you mean 'email'/] }),
  masking('a masker option that does not exist', { group: 'rules', args: clone('--rules', '{tmp}/masking.yaml'), setup: rules('tables:\n  customers:\n    columns:\n      email: { mask: { scramble: { luhnn: true } } }\n'), exit: 2, code: 'TDG_RULES_INVALID', expect: [/luhnn/] }),
  masking('a mask rule on a missing column', { group: 'rules', args: clone('--rules', '{tmp}/masking.yaml', '--mask-sensitive'), setup: rules('tables:\n  customers:\n    columns:\n      e_mail: { mask: { fake: email } }\n'), exit: 2, code: 'TDG_RULES_INVALID', expect: [/e_mail/] }),
  masking('mask: null on a NOT NULL column', { group: 'unsatisfiable', args: clone('--rules', '{tmp}/masking.yaml', '--mask-sensitive'), setup: rules('tables:\n  customers:\n    columns:\n      full_name: { mask: null }\n'), exit: 4, code: 'TDG_MASK_UNSATISFIABLE', expect: [/customers\.full_name/, /NOT NULL/] }),
  masking('a repeating masker on a UNIQUE column', { group: 'unsatisfiable', args: clone('--rules', '{tmp}/masking.yaml', '--mask-sensitive'), setup: rules('tables:\n  customers:\n    columns:\n      email: { mask: { constant: x } }\n'), exit: 4, code: 'TDG_MASK_UNSATISFIABLE', expect: [/customers\.email/, /UNIQUE/] }),
  masking('an FK masked unlike its parent', { group: 'unsatisfiable', args: clone('--rules', '{tmp}/masking.yaml', '--mask-sensitive'), setup: rules('tables:\n  customers:\n    columns:\n      id: { mask: permute }\n  orders:\n    columns:\n      customer_id: { mask: { hash: { encoding: hex } } }\n'), exit: 4, code: 'TDG_MASK_UNSATISFIABLE', expect: [/orders\.customer_id/, /FK would break/] }),
  masking('a subset spec without a rule', { args: clone('--mask-sensitive', '--subset', 'customers:5x'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--subset/, /5x/] }),
  masking('a subset of a table that does not exist', { args: clone('--mask-sensitive', '--subset', 'clients:10%'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/clients/] }),
  masking('a subset condition the source rejects', { args: clone('--mask-sensitive', '--subset', 'orders:where totl > 5'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/orders/] }),
  masking('--with-children without --subset', { args: clone('--mask-sensitive', '--with-children'), setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--with-children needs --subset/] }),
  masking('clone into a target without the tables', {
    group: 'unsatisfiable',
    args: ['clone', '--from', '{pg}', '--to', 'sqlite:{sqlite}', '--mask-sensitive'],
    setup: { postgres: SOURCE, sqlite: 'CREATE TABLE unrelated (x integer);' },
    exit: 4,
    code: 'TDG_SCHEMA_MISMATCH',
    expect: [/--create-schema/],
  }),
  masking('--create-schema into a target that has the tables', {
    args: ['clone', '--from', '{pg}', '--to', 'sqlite:{sqlite}', '--create-schema', '--mask-sensitive'],
    setup: { postgres: SOURCE, sqlite: 'CREATE TABLE customers (id integer PRIMARY KEY);' },
    exit: 2,
    code: 'TDG_USAGE',
    expect: [/already has/, /customers/],
  }),
  masking('clone into tables that hold rows, without --truncate', {
    args: ['clone', '--from', '{pg}', '--to', 'sqlite:{sqlite}', '--mask-sensitive'],
    setup: {
      postgres: SOURCE,
      sqlite: "CREATE TABLE customers (id integer PRIMARY KEY, full_name text NOT NULL, email text NOT NULL UNIQUE, notes text); INSERT INTO customers VALUES (1, 'a', 'b', NULL); CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers(id), total numeric(10,2) NOT NULL);",
    },
    exit: 2,
    code: 'TDG_USAGE',
    expect: [/--truncate/],
  }),
  masking('mask in place without --yes', { args: ['mask', '--db', '{pg}', '--mask-sensitive'], setup: { postgres: SOURCE }, exit: 2, code: 'TDG_USAGE', expect: [/--yes/] }),
]
