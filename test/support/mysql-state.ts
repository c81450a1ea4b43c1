/**
 * What a MariaDB/MySQL database holds, computed by the server: per-table row count and `CHECKSUM TABLE`
 * (EXTENDED, over every row), for "exactly as before" assertions; and the sessions connected to it.
 */
import mysql from 'mysql2/promise'
import type { DbState } from './table-state.js'

/** Run `work` with a short-lived mysql2 connection to `url`. */
export async function withMysql<T>(url: string, work: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const u = new URL(url)
  const c = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    multipleStatements: true,
  })
  try {
    return await work(c)
  } finally {
    await c.end()
  }
}

const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``

/** Row count and extended checksum of every base table of the URL's database. */
export async function mysqlState(url: string): Promise<DbState> {
  return withMysql(url, async (c) => {
    const [tables] = await c.query<mysql.RowDataPacket[]>(
      "select table_name as t from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by 1",
    )
    const out: DbState = {}
    for (const { t } of tables as Array<{ t: string }>) {
      const [[n]] = (await c.query<mysql.RowDataPacket[]>(`select count(*) as n from ${ident(t)}`)) as unknown as [[{ n: number }]]
      const [[sum]] = (await c.query<mysql.RowDataPacket[]>(`checksum table ${ident(t)} extended`)) as unknown as [[{ Checksum: number | string | null }]]
      out[t] = { rows: Number(n.n), checksum: String(sum.Checksum ?? '') }
    }
    return out
  })
}

/** Connection ids of the sessions on database `name`, except the asking one. */
export async function mysqlSessions(adminUrl: string, name: string): Promise<number[]> {
  return withMysql(adminUrl, async (c) => {
    const [rows] = await c.query<mysql.RowDataPacket[]>('select id from information_schema.processlist where db = ? and id <> connection_id()', [name])
    return (rows as Array<{ id: number }>).map((r) => Number(r.id))
  })
}
