/**
 * One SQL statement through the dialect's raw driver (not tdg): better-sqlite3, pg or mysql2. Returns
 * the rows of a query and `[]` for a statement that returns none. Used by tests that check what tdg wrote.
 */
import Database from 'better-sqlite3'
import pg from 'pg'
import type { DialectId } from '../../src/adapter/adapter.js'
import { withMysql } from './mysql-state.js'

export async function rawQuery(id: DialectId, url: string, sql: string): Promise<Array<Record<string, unknown>>> {
  if (id === 'sqlite') {
    const db = new Database(url.slice('sqlite:'.length))
    try {
      const stmt = db.prepare(sql)
      return stmt.reader ? (stmt.all() as Array<Record<string, unknown>>) : (stmt.run(), [])
    } finally {
      db.close()
    }
  }
  if (id === 'postgres') {
    const c = new pg.Client({ connectionString: url })
    await c.connect()
    try {
      return (await c.query(sql)).rows as Array<Record<string, unknown>>
    } finally {
      await c.end()
    }
  }
  return withMysql(url, async (c) => {
    const [out] = (await c.query(sql)) as unknown as [Array<Record<string, unknown>> | object]
    return Array.isArray(out) ? out : []
  })
}
