/**
 * A session killed from a second session while tdg idles inside its transaction (between tables):
 * the driver's 'error' event must not crash the process (exit 70); the transaction ends with one
 * TDG_WRITE_FAILED saying the connection was lost and nothing was kept. Real servers, real kills.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import { isTdgError, type TdgError } from '../../src/errors.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import { execMysql, execPostgres, freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, postgresAvailable, type FreshMysql, type FreshPostgres } from '../support/databases.js'
import pg from 'pg'
import mysql from 'mysql2/promise'

async function* one(columns: string[], rows: Value[][]): RowStream {
  yield { columns, rows }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Insert into `a`, let `kill` end the session, wait for the driver to notice, then try to insert into `b`. */
async function killedBetweenTables(url: string, kill: () => Promise<number>): Promise<{ error: TdgError; killed: number }> {
  const adapter = await connect(url)
  let killed = 0
  try {
    await adapter.transaction(async (w) => {
      await w.insert({ name: 'a' }, one(['id'], [[1], [2]]))
      killed = await kill()
      await sleep(500) // the session is idle in its transaction, as while tdg generates the next table
      await w.insert({ name: 'b' }, one(['id'], [[1]]))
    })
  } catch (e) {
    if (!isTdgError(e)) throw e
    return { error: e, killed }
  } finally {
    await adapter.close()
  }
  throw new Error('the transaction committed after its session was killed')
}

describe.skipIf(!postgresAvailable())('PostgreSQL: pg_terminate_backend between tables', () => {
  let db: FreshPostgres
  beforeAll(async () => {
    db = await freshPostgresDatabase()
    await execPostgres(db.url, 'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY);')
  })
  afterAll(async () => db?.drop())

  it('is TDG_WRITE_FAILED "connection to the database was lost; rolled back", and nothing is kept', async () => {
    const dbName = new URL(db.url).pathname.slice(1)
    const { error, killed } = await killedBetweenTables(db.url, async () => {
      const c = new pg.Client({ connectionString: db.adminUrl })
      await c.connect()
      try {
        const r = await c.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'`, [dbName])
        return r.rows.filter((x: { ok: boolean }) => x.ok).length
      } finally {
        await c.end()
      }
    })
    expect(killed).toBe(1)
    expect(error.code).toBe('TDG_WRITE_FAILED')
    expect(error.exitCode).toBe(5)
    expect(error.message).toMatch(/connection to the database was lost.*; rolled back$/)
    expect(error.message).not.toMatch(/\n|EPIPE|ECONNRESET/)
    const c = new pg.Client({ connectionString: db.url })
    await c.connect()
    expect((await c.query('SELECT count(*)::int AS n FROM a')).rows[0].n).toBe(0)
    await c.end()
  })
})

describe.skipIf(!mysqlAvailable())('MariaDB: KILL between tables', () => {
  let db: FreshMysql
  beforeAll(async () => {
    db = await freshMysqlDatabase()
    await execMysql(db.url, 'CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY);')
  })
  afterAll(async () => db?.drop())

  it('is TDG_WRITE_FAILED "connection to the database was lost; rolled back", and nothing is kept', async () => {
    const { error, killed } = await killedBetweenTables(db.url, async () => {
      const c = await mysql.createConnection(db.adminUrl)
      try {
        // Only this database's sessions: the server is shared with other test files, and InnoDB lists its
        // own background transactions too (thread id 0, which KILL refuses).
        const [rows] = await c.query(
          'SELECT t.trx_mysql_thread_id AS id FROM information_schema.INNODB_TRX t JOIN information_schema.PROCESSLIST p ON p.ID = t.trx_mysql_thread_id WHERE p.DB = ?',
          [new URL(db.url).pathname.slice(1)],
        )
        const ids = (rows as Array<{ id: number }>).map((r) => r.id)
        for (const id of ids) await c.query(`KILL ${Number(id)}`)
        return ids.length
      } finally {
        await c.end()
      }
    })
    expect(killed).toBe(1)
    expect(error.code).toBe('TDG_WRITE_FAILED')
    expect(error.message).toMatch(/connection to the database was lost.*; rolled back$/)
    expect(error.message).not.toMatch(/\n|EPIPE|ECONNRESET/)
    const c = await mysql.createConnection(db.url)
    const [rows] = await c.query('SELECT count(*) AS n FROM a')
    expect(Number((rows as Array<{ n: number }>)[0]?.n)).toBe(0)
    await c.end()
  })
})
