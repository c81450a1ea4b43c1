/**
 * SQL Server for live tests, in this order:
 * 1. `TDG_TEST_MSSQL_URL` (a login that may CREATE DATABASE, e.g.
 *    `mssql://sa:Pass@localhost:1433/master?encrypt=false`);
 * 2. testcontainers (`@testcontainers/mssqlserver`) when a Docker engine socket is there — checked
 *    with one stat call before anything is imported, started once per test file;
 * 3. none: the suites skip with a visible notice naming what is missing. `CI=true` does not turn a
 *    missing SQL Server into a failure: no CI machine of this project can run one.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import sql from 'mssql'
import { splitBatches } from '../../adapters/mssql/write.js'

const IMAGE = process.env.TDG_TEST_MSSQL_IMAGE ?? 'mcr.microsoft.com/mssql/server:2022-latest'

function dockerSocket(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock')
}

/** Whether live SQL Server tests can run, and if not, why (shown in skip notices). */
export function mssqlAvailability(): { available: boolean; reason: string } {
  if (process.env.TDG_TEST_MSSQL_URL) return { available: true, reason: '' }
  if (process.env.TDG_TEST_MSSQL === 'off') return { available: false, reason: 'no SQL Server for tests: disabled by TDG_TEST_MSSQL=off' }
  if (dockerSocket()) return { available: true, reason: '' }
  return { available: false, reason: 'no SQL Server for tests: TDG_TEST_MSSQL_URL is not set and there is no Docker engine (/var/run/docker.sock, DOCKER_HOST) for testcontainers' }
}

let admin: Promise<string> | undefined

/** The admin URL of this file's server: the env URL, or a container started on first use. */
export function mssqlAdminUrl(): Promise<string> {
  admin ??= (async () => {
    const fromEnv = process.env.TDG_TEST_MSSQL_URL
    if (fromEnv) return fromEnv
    const { MSSQLServerContainer } = await import('@testcontainers/mssqlserver')
    const c = await new MSSQLServerContainer(IMAGE).acceptLicense().withPassword('Tdg-Test-Pass-1!').start()
    // Ryuk (testcontainers' reaper) removes the container when this process exits.
    return `mssql://${c.getUsername()}:${encodeURIComponent(c.getPassword())}@${c.getHost()}:${c.getPort()}/master?encrypt=false`
  })()
  return admin
}

/** A raw mssql pool for `url` (tdg's own URL parser is not used: fixtures must not depend on the code under test). */
async function rawPool(url: string): Promise<sql.ConnectionPool> {
  const u = new URL(url)
  const pool = new sql.ConnectionPool({
    server: u.hostname,
    port: u.port ? Number(u.port) : 1433,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || 'master',
    options: { encrypt: u.searchParams.get('encrypt') !== 'false', trustServerCertificate: true },
  })
  await pool.connect()
  return pool
}

/** Run a script (GO batches allowed) on `url` with a short-lived connection. */
export async function execMssql(url: string, script: string): Promise<void> {
  const pool = await rawPool(url)
  try {
    for (const batch of splitBatches(script)) await pool.request().batch(batch)
  } finally {
    await pool.close()
  }
}

/** Run one query on `url` and return its rows. */
export async function queryMssql<T>(url: string, text: string): Promise<T[]> {
  const pool = await rawPool(url)
  try {
    return (await pool.request().query<T>(text)).recordset ?? []
  } finally {
    await pool.close()
  }
}

export interface FreshMssql {
  /** URL of the new, empty database (admin credentials, trustServerCertificate on). */
  url: string
  drop(): Promise<void>
}

/** Create an empty database `tdg_test_<random>`. */
export async function freshMssqlDatabase(): Promise<FreshMssql> {
  const adminUrl = await mssqlAdminUrl()
  const name = `tdg_test_${randomBytes(6).toString('hex')}`
  await execMssql(adminUrl, `CREATE DATABASE [${name}]`)
  const u = new URL(adminUrl)
  u.pathname = `/${name}`
  u.searchParams.set('trustServerCertificate', 'true')
  return {
    url: u.toString(),
    drop: () => execMssql(adminUrl, `ALTER DATABASE [${name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;\nDROP DATABASE [${name}]`),
  }
}
