/**
 * Raw driver access for the fuzzer (never through tdg): a fresh database per schema, DDL execution and
 * queries returning plain rows, for PostgreSQL, MariaDB/MySQL and SQLite files.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { FuzzDialect } from './schema.js'

export type LiveDialect = Exclude<FuzzDialect, 'mssql'>

/** An open connection to one fresh database. */
export interface FuzzDb {
  dialect: LiveDialect
  /** URL tdg is given. */
  url: string
  exec(sql: string): Promise<void>
  query(sql: string): Promise<Array<Record<string, unknown>>>
  /** Close the connection and drop the database. */
  dispose(): Promise<void>
}

/** Admin URLs of the servers (null: that dialect is not available). */
export interface Servers {
  postgres: string | null
  mysql: string | null
}

/** A new empty database on the dialect's server (SQLite: a new file in a temp dir). */
export async function freshDb(d: LiveDialect, servers: Servers): Promise<FuzzDb> {
  const name = `tdg_fuzz_${randomBytes(5).toString('hex')}`
  if (d === 'postgres') {
    const admin = servers.postgres
    if (!admin) throw new Error('no PostgreSQL server')
    await withPg(admin, (c) => c.query(`CREATE DATABASE ${name}`))
    const u = new URL(admin)
    u.pathname = `/${name}`
    const client = new pg.Client({ connectionString: u.toString() })
    await client.connect()
    return {
      dialect: d,
      url: u.toString(),
      exec: async (sql) => void (await client.query(sql)),
      query: async (sql) => (await client.query(sql)).rows as Array<Record<string, unknown>>,
      dispose: async () => {
        await client.end().catch(() => undefined)
        await withPg(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))
      },
    }
  }
  if (d === 'mysql') {
    const admin = servers.mysql
    if (!admin) throw new Error('no MariaDB/MySQL server')
    const u = new URL(admin)
    const base = { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
    const adminConn = await mysql.createConnection(base)
    await adminConn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`)
    const conn = await mysql.createConnection({ ...base, database: name, multipleStatements: false, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true })
    u.pathname = `/${name}`
    return {
      dialect: d,
      url: u.toString(),
      exec: async (sql) => void (await conn.query(sql)),
      query: async (sql) => (await conn.query(sql))[0] as Array<Record<string, unknown>>,
      dispose: async () => {
        await conn.end().catch(() => undefined)
        await adminConn.query(`DROP DATABASE IF EXISTS \`${name}\``)
        await adminConn.end()
      },
    }
  }
  const dir = mkdtempSync(join(tmpdir(), 'tdg-fuzz-'))
  const file = join(dir, 'x.db')
  const db = new Database(file)
  db.pragma('foreign_keys = ON')
  return {
    dialect: d,
    url: `sqlite:${file}`,
    exec: async (sql) => void db.exec(sql),
    query: async (sql) => db.prepare(sql).all() as Array<Record<string, unknown>>,
    dispose: async () => {
      db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function withPg<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await f(c)
  } finally {
    await c.end()
  }
}
