/**
 * vitest globalSetup: find a PostgreSQL server for the whole run, in this order:
 * 1. `TDG_TEST_POSTGRES_URL` (a superuser-ish URL that may CREATE DATABASE);
 * 2. a throwaway server from the installed binaries (initdb/pg_ctl), removed after the run;
 * 3. testcontainers, only when a Docker engine socket is there (checked before importing it);
 * 4. none: PostgreSQL suites skip with a visible notice — except with `CI=true`, where that fails.
 * `TDG_TEST_POSTGRES=off` skips the search (quick unit-test runs); it still fails under `CI=true`.
 * MariaDB/MySQL is found the same way (`TDG_TEST_MYSQL_URL`, mariadbd, testcontainers; see findMariadb).
 * An S3 server (Ceph radosgw on loopback, test/support/s3-server.ts) starts beside them, in parallel;
 * `TDG_TEST_S3=off` skips it, `TDG_TEST_S3_ENDPOINT` (+ `TDG_TEST_S3_ACCESS_KEY`/`_SECRET_KEY`) names one instead.
 */
import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import './provided-context.js'
import { findPostgresBinDir, LOCAL_PASSWORD, startLocalPostgres } from './postgres-server.js'
import { findMariadbBinaries, MARIADB_PASSWORD, startLocalMariadb } from './mariadb-server.js'
import { startLocalS3, type S3Endpoint } from './s3-server.js'

interface Found {
  url: string
  stop(): Promise<void> | void
}

function dockerAvailable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock')
}

async function startContainer(): Promise<Found> {
  const { GenericContainer, Wait } = await import('testcontainers')
  const container = await new GenericContainer('postgres:16-alpine')
    .withEnvironment({ POSTGRES_PASSWORD: LOCAL_PASSWORD })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start()
  return {
    url: `postgres://postgres:${LOCAL_PASSWORD}@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => {
      await container.stop()
    },
  }
}

/**
 * A run killed by Ctrl-C or `timeout` skips vitest's teardown: stop the throwaway server anyway
 * (synchronously) so no postgres process outlives the run.
 */
function stopOnSignals(stop: () => void): void {
  process.once('exit', stop)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      stop()
      // Keep the signal's usual effect unless someone else (vitest) also handles it.
      if (process.listenerCount(sig) === 0) process.exit(sig === 'SIGINT' ? 130 : 143)
    })
  }
}

async function findPostgres(): Promise<Found | string> {
  if (process.env.TDG_TEST_POSTGRES === 'off') return 'no PostgreSQL for tests: disabled by TDG_TEST_POSTGRES=off'
  const fromEnv = process.env.TDG_TEST_POSTGRES_URL
  if (fromEnv) return { url: fromEnv, stop: () => undefined }
  const problems: string[] = []
  const bin = findPostgresBinDir()
  if (bin) {
    try {
      const server = await startLocalPostgres(bin)
      stopOnSignals(server.stop)
      return server
    } catch (e) {
      problems.push(`starting a local server from ${bin} failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  } else {
    problems.push('no PostgreSQL binaries (pg_config --bindir, /usr/lib/postgresql/*/bin)')
  }
  if (dockerAvailable()) {
    try {
      return await startContainer()
    } catch (e) {
      problems.push(`testcontainers failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  } else {
    problems.push('no Docker engine (/var/run/docker.sock, DOCKER_HOST)')
  }
  return `no PostgreSQL for tests: TDG_TEST_POSTGRES_URL is not set; ${problems.join('; ')}`
}

/**
 * The same search for MariaDB/MySQL: `TDG_TEST_MYSQL_URL` (a URL whose user may CREATE DATABASE), else
 * a throwaway server from `mariadbd`/`mariadb-install-db`, else testcontainers (mariadb:11), else none.
 * `TDG_TEST_MYSQL=off` skips the search.
 */
async function findMariadb(): Promise<Found | string> {
  if (process.env.TDG_TEST_MYSQL === 'off') return 'no MariaDB/MySQL for tests: disabled by TDG_TEST_MYSQL=off'
  const fromEnv = process.env.TDG_TEST_MYSQL_URL
  if (fromEnv) return { url: fromEnv, stop: () => undefined }
  const problems: string[] = []
  const bins = findMariadbBinaries()
  if (bins) {
    try {
      const server = await startLocalMariadb(bins)
      stopOnSignals(server.stop)
      return server
    } catch (e) {
      problems.push(`starting a local MariaDB from ${bins.server} failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  } else {
    problems.push('no MariaDB binaries (mariadbd, mariadb-install-db, mariadb: apt-get install mariadb-server)')
  }
  if (dockerAvailable()) {
    try {
      const { GenericContainer, Wait } = await import('testcontainers')
      const container = await new GenericContainer('mariadb:11')
        .withEnvironment({ MARIADB_ROOT_PASSWORD: MARIADB_PASSWORD, MARIADB_USER: 'tdg', MARIADB_PASSWORD })
        .withCommand(['--local-infile=1', '--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci'])
        .withExposedPorts(3306)
        .withWaitStrategy(Wait.forLogMessage(/ready for connections/, 2))
        .start()
      return {
        url: `mysql://root:${MARIADB_PASSWORD}@${container.getHost()}:${container.getMappedPort(3306)}/mysql`,
        stop: async () => {
          await container.stop()
        },
      }
    } catch (e) {
      problems.push(`testcontainers failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  } else {
    problems.push('no Docker engine (/var/run/docker.sock, DOCKER_HOST)')
  }
  return `no MariaDB/MySQL for tests: TDG_TEST_MYSQL_URL is not set; ${problems.join('; ')}`
}

/** Provide the MariaDB URL (or why there is none); returns its stop function. */
async function setupMariadb(project: TestProject): Promise<() => Promise<void>> {
  const found = await findMariadb()
  if (typeof found === 'string') {
    if (process.env.CI === 'true') throw new Error(`${found} (CI=true: MariaDB tests may not be skipped)`)
    console.warn(`\n⚠ ${found}. MariaDB/MySQL suites are SKIPPED.\n`)
    project.provide('mysqlUrl', null)
    project.provide('mysqlMissing', found)
    return async () => undefined
  }
  project.provide('mysqlUrl', found.url)
  project.provide('mysqlMissing', null)
  return async () => {
    await found.stop()
  }
}

/** The S3 server for the run: `TDG_TEST_S3_ENDPOINT`, else a throwaway radosgw, else why there is none. */
async function findS3(): Promise<(S3Endpoint & { stop(): void }) | string> {
  if (process.env.TDG_TEST_S3 === 'off') return 'no S3 server for tests: disabled by TDG_TEST_S3=off'
  const endpoint = process.env.TDG_TEST_S3_ENDPOINT
  if (endpoint) {
    const accessKeyId = process.env.TDG_TEST_S3_ACCESS_KEY
    const secretAccessKey = process.env.TDG_TEST_S3_SECRET_KEY
    if (!accessKeyId || !secretAccessKey) return 'no S3 server for tests: TDG_TEST_S3_ENDPOINT needs TDG_TEST_S3_ACCESS_KEY and TDG_TEST_S3_SECRET_KEY'
    return { endpoint, region: process.env.TDG_TEST_S3_REGION ?? 'us-east-1', accessKeyId, secretAccessKey, stop: () => undefined }
  }
  try {
    const server = await startLocalS3()
    stopOnSignals(server.stop)
    return server
  } catch (e) {
    return `no S3 server for tests: TDG_TEST_S3_ENDPOINT is not set; starting radosgw failed: ${e instanceof Error ? e.message : String(e)}`
  }
}

/** Provide the S3 server (or why there is none); returns its stop function. */
async function setupS3(project: TestProject): Promise<() => Promise<void>> {
  const found = await findS3()
  if (typeof found === 'string') {
    if (process.env.CI === 'true') throw new Error(`${found} (CI=true: S3 tests may not be skipped)`)
    console.warn(`\n⚠ ${found}. S3 suites are SKIPPED.\n`)
    project.provide('s3', null)
    project.provide('s3Missing', found)
    return async () => undefined
  }
  const { stop, ...endpoint } = found
  project.provide('s3', endpoint)
  project.provide('s3Missing', null)
  return async () => stop()
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // radosgw starts (~5 s, mostly waiting) while the database servers do.
  const s3 = setupS3(project)
  s3.catch(() => undefined) // awaited below; a database failure must not leave it unhandled
  let stopS3: (() => Promise<void>) | undefined
  try {
    const stopMariadb = await setupMariadb(project)
    const found = await findPostgres()
    if (typeof found === 'string') {
      if (process.env.CI === 'true') throw new Error(`${found} (CI=true: PostgreSQL tests may not be skipped)`)
      console.warn(`\n⚠ ${found}. PostgreSQL suites are SKIPPED.\n`)
      project.provide('postgresUrl', null)
      project.provide('postgresMissing', found)
      stopS3 = await s3
      const stop = stopS3
      return async () => {
        await stopMariadb()
        await stop()
      }
    }
    project.provide('postgresUrl', found.url)
    project.provide('postgresMissing', null)
    stopS3 = await s3
    const stop = stopS3
    return async () => {
      await found.stop()
      await stopMariadb()
      await stop()
    }
  } catch (e) {
    // A failed setup gets no teardown: stop the S3 server it may have started.
    if (!stopS3) await s3.then((stop) => stop(), () => undefined)
    throw e
  }
}
