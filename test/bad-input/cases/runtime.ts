/**
 * Failures while tdg writes: a trigger raising midway, the connection killed from a second session,
 * the server stopped, tdg killed (-9) or interrupted (SIGINT/SIGTERM), a full disk, a read-only SQLite
 * file. Each target already holds rows; afterwards it must hold exactly those (counts and checksums).
 *
 * One small schema in each dialect: `parent` (loaded first, 20,000 rows) and `child` (the big one, so a
 * fault that fires once `parent`'s progress line is out lands in the middle of child's bulk load).
 */
import type { BadInputCase, Fault, FaultWhen } from '../case.js'

const pgSchema = `
create table parent (id bigserial primary key, name text not null, pre boolean not null default false);
create table child (id bigserial primary key, parent_id bigint not null references parent (id), note text not null);
insert into parent (name, pre) values ('pre-1', true), ('pre-2', true);
insert into child (parent_id, note) values (1, 'pre'), (2, 'pre');`

const pgRaise = `
create function fail_midway() returns trigger language plpgsql as $$
begin
  if new.id > 5000 then raise exception 'injected failure midway'; end if;
  return new;
end $$;
create trigger fail_midway before insert on child for each row execute function fail_midway();`

const mysqlSchema = `
create table parent (id bigint auto_increment primary key, name varchar(40) not null, pre tinyint(1) not null default 0) engine=InnoDB;
create table child (id bigint auto_increment primary key, parent_id bigint not null, note varchar(60) not null, foreign key (parent_id) references parent (id)) engine=InnoDB;
insert into parent (name, pre) values ('pre-1', 1), ('pre-2', 1);
insert into child (parent_id, note) values (1, 'pre'), (2, 'pre');`

const mysqlRaise = `
create trigger fail_midway before insert on child for each row begin
  if new.id > 5000 then signal sqlstate '45000' set message_text = 'injected failure midway'; end if;
end;`

const sqliteSchema = `
CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, pre INTEGER NOT NULL DEFAULT 0);
CREATE TABLE child (id INTEGER PRIMARY KEY AUTOINCREMENT, parent_id INTEGER NOT NULL REFERENCES parent (id), note TEXT NOT NULL);
INSERT INTO parent (name, pre) VALUES ('pre-1', 1), ('pre-2', 1);
INSERT INTO child (parent_id, note) VALUES (1, 'pre'), (2, 'pre');`

const sqliteRaise = `
CREATE TRIGGER fail_midway BEFORE INSERT ON child WHEN NEW.id > 5000 BEGIN SELECT RAISE(ABORT, 'injected failure midway'); END;`

/** A big run: parent first (small), then child (millions: long enough to be hit mid-load). */
const big = ['--rows', '2000000', '--rows-per-table', 'parent=5000', '--seed', '3']
const midRun: FaultWhen = { stderr: /parent: [\d,]+ rows in/, delayMs: 300 }
/** Inside child's bulk statement, seen on the server (COPY on PostgreSQL, LOAD DATA or INSERT on MariaDB). */
const inCopy: FaultWhen = { query: /^copy\b.*child/is, delayMs: 200 }
const inLoad: FaultWhen = { query: /^(load data|insert)\b.*child/is, delayMs: 200 }
/** Right after parent is written: tdg's session is most likely idle, generating child's first batch. */
const betweenTables: FaultWhen = { stderr: /parent: [\d,]+ rows in/ }

const raised = (name: string, db: string, setup: BadInputCase['setup'], extra: string[] = []): BadInputCase => ({
  name: `runtime: a trigger raising midway (${name})`,
  group: 'runtime',
  args: ['seed', '--db', db, '--rows', '10000', '--seed', '2', '--quiet', ...extra],
  setup,
  exit: 5,
  code: 'TDG_WRITE_FAILED',
  expect: [/child/, /injected failure midway/],
  timeoutMs: 90_000,
})

const faulted = (name: string, db: string, setup: BadInputCase['setup'], fault: Fault, extra: Partial<BadInputCase> = {}): BadInputCase => ({
  name: `runtime: ${name}`,
  group: 'runtime',
  args: ['seed', '--db', db, ...big],
  setup,
  exit: 5,
  code: 'TDG_WRITE_FAILED',
  fault,
  timeoutMs: 90_000,
  ...extra,
})

const interrupted = { exit: 130, dependsOn: '§4' } as const
const terminated = { exit: 143, dependsOn: '§4' } as const

export const runtimeCases: BadInputCase[] = [
  raised('PostgreSQL', '{pg}', { postgres: pgSchema + pgRaise }),
  raised('PostgreSQL, with --truncate', '{pg}', { postgres: pgSchema + pgRaise }, ['--truncate']),
  raised('MariaDB', '{mysql}', { mysql: mysqlSchema + mysqlRaise }),
  raised('MariaDB, with --truncate', '{mysql}', { mysql: mysqlSchema + mysqlRaise }, ['--truncate']),
  raised('SQLite', 'sqlite:{sqlite}', { sqlite: sqliteSchema + sqliteRaise }),
  raised('SQLite, with --truncate', 'sqlite:{sqlite}', { sqlite: sqliteSchema + sqliteRaise }, ['--truncate']),

  faulted('pg_terminate_backend from a second session mid-COPY', '{pg}', { postgres: pgSchema }, { kind: 'pg-terminate', when: inCopy }, { expect: [/child/, /connection to the database was lost/] }),
  faulted('pg_terminate_backend from a second session between tables', '{pg}', { postgres: pgSchema }, { kind: 'pg-terminate', when: betweenTables }, { expect: [/connection to the database was lost.*; rolled back$/], note: 'the session is idle in its transaction while tdg generates: the driver error event becomes TDG_WRITE_FAILED (test/adapters/connection-lost.test.ts kills deterministically)' }),
  faulted('MariaDB KILL from a second session mid-load', '{mysql}', { mysql: mysqlSchema }, { kind: 'mysql-kill', when: inLoad }, { expect: [/child/, /connection to the database was lost/] }),
  faulted('MariaDB KILL from a second session between tables', '{mysql}', { mysql: mysqlSchema }, { kind: 'mysql-kill', when: betweenTables }, { expect: [/connection to the database was lost.*; rolled back$/], note: 'the session is idle in its transaction while tdg generates: the driver error event becomes TDG_WRITE_FAILED (test/adapters/connection-lost.test.ts kills deterministically)' }),
  faulted('the PostgreSQL server stopped mid-COPY', '{pgOwn}', { postgres: pgSchema }, { kind: 'pg-stop', when: inCopy }, { expect: [/child/, /connection to the database was lost/] }),

  faulted('kill -9 of tdg mid-COPY (PostgreSQL)', '{pg}', { postgres: pgSchema }, { kind: 'signal', signal: 'SIGKILL', when: inCopy }),
  faulted('kill -9 of tdg mid-load (MariaDB)', '{mysql}', { mysql: mysqlSchema }, { kind: 'signal', signal: 'SIGKILL', when: inLoad }),
  faulted('kill -9 of tdg mid-load (SQLite)', 'sqlite:{sqlite}', { sqlite: sqliteSchema }, { kind: 'signal', signal: 'SIGKILL', when: midRun }),

  faulted('SIGINT mid-run (PostgreSQL)', '{pg}', { postgres: pgSchema }, { kind: 'signal', signal: 'SIGINT', when: midRun }, interrupted),
  faulted('SIGTERM mid-run (PostgreSQL, with --truncate)', '{pg}', { postgres: pgSchema }, { kind: 'signal', signal: 'SIGTERM', when: midRun }, { ...terminated, args: ['seed', '--db', '{pg}', ...big, '--truncate'] }),
  faulted('SIGINT mid-run (MariaDB)', '{mysql}', { mysql: mysqlSchema }, { kind: 'signal', signal: 'SIGINT', when: midRun }, interrupted),
  faulted('SIGINT mid-run (SQLite)', 'sqlite:{sqlite}', { sqlite: sqliteSchema }, { kind: 'signal', signal: 'SIGINT', when: midRun }, interrupted),
  {
    name: 'runtime: SIGINT mid-run (generate csv): no output directory, no temp directory',
    group: 'runtime',
    args: ['generate', '--schema', 'examples/shop.sql', '--rows', '2000000', '--rows-per-table', 'customers=2000', '--output', '{out}'],
    exit: 130,
    dependsOn: '§4',
    fault: { kind: 'signal', signal: 'SIGINT', when: { stderr: /customers: [\d,]+ rows in/, delayMs: 300 } },
    timeoutMs: 90_000,
  },
  {
    name: 'runtime: SIGTERM mid-run (generate --format sql): no output directory, no temp directory',
    group: 'runtime',
    args: ['generate', '--schema', 'examples/shop.sql', '--format', 'sql', '--rows', '2000000', '--rows-per-table', 'customers=2000', '--output', '{out}'],
    exit: 143,
    dependsOn: '§4',
    fault: { kind: 'signal', signal: 'SIGTERM', when: { stderr: /customers: [\d,]+ rows in/, delayMs: 300 } },
    timeoutMs: 90_000,
  },

  ...(['csv', 'ndjson', 'sql'] as const).map(
    (format): BadInputCase => ({
      name: `runtime: a full disk for file output (${format})`,
      group: 'runtime',
      args: ['generate', '--schema', 'examples/shop.sql', '--format', format, '--rows', '100000', '--seed', '1', '--quiet', '--output', '{full}/out'],
      exit: 5,
      code: 'TDG_WRITE_FAILED',
      expect: [/no space|ENOSPC|full/i],
      note: 'a 1 MiB tmpfs',
    }),
  ),
  {
    name: 'runtime: a read-only SQLite file (read-only mount)',
    group: 'runtime',
    args: ['seed', '--db', 'sqlite:{ro}/db.sqlite', '--rows', '50', '--quiet'],
    setup: { sqlite: sqliteSchema },
    exit: 5,
    code: 'TDG_WRITE_FAILED',
    expect: [/read-?only/i],
  },
  {
    name: 'runtime: a read-only SQLite file (chattr +i)',
    group: 'runtime',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--rows', '50', '--quiet'],
    setup: { sqlite: sqliteSchema, immutable: ['db.sqlite'] },
    exit: 5,
    code: 'TDG_WRITE_FAILED',
    expect: [/read-?only/i],
  },
  {
    name: 'runtime: a read-only SQLite file with --truncate (chattr +i)',
    group: 'runtime',
    args: ['seed', '--db', 'sqlite:{sqlite}', '--rows', '50', '--truncate', '--quiet'],
    setup: { sqlite: sqliteSchema, immutable: ['db.sqlite'] },
    exit: 5,
    code: 'TDG_WRITE_FAILED',
    expect: [/read-?only/i],
  },
]
