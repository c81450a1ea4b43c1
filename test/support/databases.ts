/**
 * Fresh PostgreSQL (and MariaDB/MySQL, further down) databases for test files: one `tdg_test_<random>` database per call on the run's
 * server (see global-setup.ts), dropped (WITH FORCE) by `drop()`.
 */
import { randomBytes } from 'node:crypto'
import { withMysql } from './mysql-state.js'
import pg from 'pg'
import { inject } from 'vitest'
import './provided-context.js'

/** True when globalSetup found a PostgreSQL server. */
export function postgresAvailable(): boolean {
  return inject('postgresUrl') !== null
}

/** Why PostgreSQL suites are skipped ('' when they are not). */
export function postgresMissingReason(): string {
  return inject('postgresMissing') ?? ''
}

/** The server's admin URL; throws when there is none (guard with `postgresAvailable()`). */
export function postgresAdminUrl(): string {
  const url = inject('postgresUrl')
  if (url === null) throw new Error(postgresMissingReason() || 'no PostgreSQL server for tests')
  return url
}

/** Run SQL on `url` with a short-lived connection. */
export async function execPostgres(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

export interface FreshPostgres {
  /** URL of the new, empty database (same credentials as the admin URL). */
  url: string
  adminUrl: string
  /** Drop the database, disconnecting whoever is still on it. */
  drop(): Promise<void>
}

/** Create an empty database `tdg_test_<random>`. */
export async function freshPostgresDatabase(): Promise<FreshPostgres> {
  const adminUrl = postgresAdminUrl()
  const name = `tdg_test_${randomBytes(6).toString('hex')}`
  await execPostgres(adminUrl, `CREATE DATABASE "${name}"`)
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return {
    url: u.toString(),
    adminUrl,
    drop: () => execPostgres(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

/** True when globalSetup found a MariaDB/MySQL server. */
export function mysqlAvailable(): boolean {
  return inject('mysqlUrl') !== null
}

/** Why MariaDB/MySQL suites are skipped ('' when they are not). */
export function mysqlMissingReason(): string {
  return inject('mysqlMissing') ?? ''
}

/** The MariaDB server's admin URL; throws when there is none (guard with `mysqlAvailable()`). */
export function mysqlAdminUrl(): string {
  const url = inject('mysqlUrl')
  if (url === null) throw new Error(mysqlMissingReason() || 'no MariaDB/MySQL server for tests')
  return url
}

/** Run SQL (several statements allowed) on a `mysql://` URL with a short-lived mysql2 connection. */
export async function execMysql(url: string, sql: string): Promise<void> {
  await withMysql(url, async (c) => {
    await c.query(sql)
  })
}

/** Arguments for the `mariadb` command-line client that reach `url`'s server and database. */
export function mariadbCliArgs(url: string): string[] {
  const u = new URL(url)
  return ['--no-defaults', `-u${decodeURIComponent(u.username)}`, `-p${decodeURIComponent(u.password)}`, `-h${u.hostname}`, `-P${u.port || '3306'}`, decodeURIComponent(u.pathname.slice(1))]
}

export interface FreshMysql {
  /** URL of the new, empty database (same credentials as the admin URL). */
  url: string
  name: string
  adminUrl: string
  drop(): Promise<void>
}

/** Create an empty database `tdg_test_<random>` on the run's MariaDB server. */
export async function freshMysqlDatabase(): Promise<FreshMysql> {
  const adminUrl = mysqlAdminUrl()
  const name = `tdg_test_${randomBytes(6).toString('hex')}`
  await execMysql(adminUrl, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  return { url: u.toString(), name, adminUrl, drop: () => execMysql(adminUrl, `DROP DATABASE IF EXISTS \`${name}\``) }
}
