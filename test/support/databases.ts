/**
 * Fresh PostgreSQL databases for test files: one `tdg_test_<random>` database per call on the run's
 * server (see global-setup.ts), dropped (WITH FORCE) by `drop()`.
 */
import { randomBytes } from 'node:crypto'
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
