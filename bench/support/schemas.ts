/**
 * The benchmark workloads' tables, as DDL in each dialect. W1 is shaped like pgbench_accounts; W2 is a
 * realistic 10-column users table (the same columns in PostgreSQL and SQLite spellings).
 */

/** W1: pgbench_accounts' columns, with the PK the brief asks for (pgbench `-I dtg` itself builds none). */
export const W1_POSTGRES = `CREATE TABLE pgbench_accounts (
  aid int PRIMARY KEY,
  bid int,
  abalance int,
  filler char(84)
);`

/** W2 in PostgreSQL: bigint PK, uuid, unique email, names, timestamptz, date, numeric(12,2), boolean, text. */
export const W2_POSTGRES = `CREATE TABLE users (
  id bigint PRIMARY KEY,
  external_id uuid NOT NULL,
  email varchar(255) NOT NULL UNIQUE,
  first_name varchar(50) NOT NULL,
  last_name varchar(50) NOT NULL,
  created_at timestamptz NOT NULL,
  birth_date date,
  balance numeric(12,2) NOT NULL,
  is_active boolean NOT NULL,
  bio text
);`

/** W2 in SQLite: the same columns; INTEGER PRIMARY KEY is the rowid, as a SQLite user would write it. */
export const W2_SQLITE = `CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  external_id UUID NOT NULL,
  email VARCHAR(255) NOT NULL UNIQUE,
  first_name VARCHAR(50) NOT NULL,
  last_name VARCHAR(50) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  birth_date DATE,
  balance NUMERIC(12,2) NOT NULL,
  is_active BOOLEAN NOT NULL,
  bio TEXT
);`

/**
 * W2 in MariaDB: the same columns in MariaDB spellings (native `uuid` since 10.7; `timestamp(3)` is the
 * zoned instant, kept to the millisecond as PostgreSQL keeps it; boolean is tinyint(1)). InnoDB, utf8mb4.
 */
export const W2_MARIADB = `CREATE TABLE users (
  id bigint PRIMARY KEY,
  external_id uuid NOT NULL,
  email varchar(255) NOT NULL UNIQUE,
  first_name varchar(50) NOT NULL,
  last_name varchar(50) NOT NULL,
  created_at timestamp(3) NOT NULL,
  birth_date date,
  balance decimal(12,2) NOT NULL,
  is_active boolean NOT NULL,
  bio text
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;`

/** Seed used by every workload, so runs are comparable. */
export const BENCH_SEED = 42
