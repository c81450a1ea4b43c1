/**
 * Schemas that cannot be satisfied (exit 4, before anything is written) and schemas where tdg must
 * refuse rather than write wrong data (issue 9 §2), on live databases: the target stays as it was.
 * DDL-file versions of both are the `unsat-*.sql` and `silent-*.sql` files (cases/ddl.ts).
 */
import type { BadInputCase } from '../case.js'

const shopPg = `
create type tier as enum ('free', 'pro', 'enterprise');
create table customers (id serial primary key, email varchar(120) not null unique, tier tier not null default 'free');
create table orders (id serial primary key, customer_id int not null references customers (id), status text not null check (status in ('new', 'paid')));
insert into customers (email) values ('pre@example.org');
insert into orders (customer_id, status) values (1, 'new');`

export const schemaCases: BadInputCase[] = [
  {
    name: 'unsatisfiable: a NOT NULL FK whose parent gets 0 rows (generate)',
    group: 'unsatisfiable',
    args: ['generate', '--schema', 'examples/shop.sql', '--rows', '5', '--rows-per-table', 'customers=0', '--output', '{out}'],
    exit: 4,
    code: 'TDG_PLAN_UNSATISFIABLE',
    expect: [/orders/, /customers/],
  },
  {
    name: 'unsatisfiable: a NOT NULL FK whose parent gets 0 rows (seed SQLite)',
    group: 'unsatisfiable',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--schema', 'examples/shop.sql', '--create', '--rows', '5', '--rows-per-table', 'products=0'],
    exit: 4,
    code: 'TDG_PLAN_UNSATISFIABLE',
    expect: [/order_items/, /products/],
  },
  {
    name: 'unsatisfiable: contradictory CHECK on a live PostgreSQL table',
    group: 'unsatisfiable',
    args: ['seed', '--db', '{pg}', '--rows', '5'],
    setup: { postgres: `${shopPg}\ncreate table bad (id int primary key, x int not null check (x > 10 and x < 5));` },
    exit: 4,
    code: 'TDG_PLAN_UNSATISFIABLE',
    expect: [/public\.bad\.x/],
  },
  {
    name: 'unsatisfiable: contradictory CHECK on a live MariaDB table',
    group: 'unsatisfiable',
    args: ['seed', '--db', '{mysql}', '--rows', '5'],
    setup: { mysql: 'create table keep (id int primary key, x int not null); insert into keep values (1, 1);\ncreate table bad (id int primary key, x int not null check (x > 10 and x < 5));' },
    exit: 4,
    code: 'TDG_PLAN_UNSATISFIABLE',
    expect: [/bad\.x/],
  },
  {
    name: 'unsatisfiable: contradictory CHECK on a live SQLite table',
    group: 'unsatisfiable',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--rows', '5'],
    setup: { sqlite: "CREATE TABLE keep (id INTEGER PRIMARY KEY, x TEXT NOT NULL); INSERT INTO keep (x) VALUES ('a'); CREATE TABLE bad (id INTEGER PRIMARY KEY, n INTEGER NOT NULL CHECK (n BETWEEN 10 AND 1));" },
    exit: 4,
    code: 'TDG_PLAN_UNSATISFIABLE',
    expect: [/bad\.n/],
  },
  {
    name: 'unsatisfiable: the parent table is excluded by the rules (PostgreSQL seed)',
    group: 'unsatisfiable',
    args: ['seed', '--db', '{pg}', '--rows', '5', '--rules', '{tmp}/rules.yaml'],
    setup: { postgres: shopPg, files: { 'rules.yaml': 'tables:\n  customers:\n    rows: 0\n' } },
    exit: 4,
    code: 'TDG_PLAN_UNSATISFIABLE',
    expect: [/orders/],
  },
  {
    name: 'silent: a NOT NULL column of a composite type on live PostgreSQL',
    group: 'silent',
    args: ['seed', '--db', '{pg}', '--rows', '5'],
    setup: { postgres: `${shopPg}\ncreate type pair as (a int, b int);\ncreate table odd (id int primary key, p pair not null);` },
    exit: 4,
    expect: [/odd\.p/],
    dependsOn: '§2',
  },
  {
    name: 'silent: SQLite REFERENCES a table that does not exist (live file)',
    group: 'silent',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--rows', '5'],
    setup: { sqlite: 'CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER NOT NULL REFERENCES nosuch (id));' },
    exit: [2, 4],
    expect: [/nosuch/],
    dependsOn: '§2',
  },
  {
    name: 'silent: seed --schema disagrees with the live tables',
    group: 'silent',
    args: ['seed', '--db', '{pg}', '--schema', '{tmp}/schema.sql', '--rows', '5'],
    setup: {
      files: { 'schema.sql': 'CREATE TABLE customers (id bigserial PRIMARY KEY, email varchar(120) NOT NULL UNIQUE);\n' },
      postgres: "create table customers (id bigserial primary key, name text not null, age int not null); insert into customers (name, age) values ('pre', 40);",
    },
    exit: [2, 4],
    expect: [/customers/],
    dependsOn: '§2',
  },
  {
    name: 'silent: a CHECK tdg cannot read on live PostgreSQL',
    group: 'silent',
    args: ['seed', '--db', '{pg}', '--rows', '5'],
    setup: { postgres: `${shopPg}\ncreate table odd (id int primary key, code text not null check (md5(code) like 'a%'));` },
    exit: 4,
    expect: [/odd/],
    dependsOn: '§2',
  },
  {
    name: 'cycle: a NOT NULL FK cycle on PostgreSQL seeded by a role that does not own the tables',
    group: 'unsatisfiable',
    args: ['seed', '--db', 'postgres://tdg_bad_nonowner:s3cret-pw@{pgServer}/{pgDb}', '--rows', '5'],
    setup: {
      postgres: `do $$ begin create role tdg_bad_nonowner login password 's3cret-pw'; exception when duplicate_object then null; end $$;
create table store (id int primary key, manager_staff_id int not null);
create table staff (id int primary key, store_id int not null references store (id));
alter table store add constraint store_manager_fk foreign key (manager_staff_id) references staff (id);
grant usage on schema public to tdg_bad_nonowner;
grant select, insert, update, delete, truncate on store, staff to tdg_bad_nonowner;`,
    },
    exit: [4, 5],
    expect: [/store/, /staff/, /owner|privilege/i],
    dependsOn: '§1',
    note: 'deferring a non-deferrable FK needs ALTER TABLE, i.e. ownership: without it, a clear error naming the cycle and the privilege',
  },
]
