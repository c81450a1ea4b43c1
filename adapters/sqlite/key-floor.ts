/** The highest key already used in a column: max(column) and the table's sqlite_sequence entry. */
import type BetterSqlite3 from 'better-sqlite3'
import type { TableRef } from '../../src/model/schema.js'
import { TdgError } from '../../src/errors.js'
import { quoteIdent } from './dialect.js'

/** See `Adapter.keyFloor`. TDG_READ_FAILED when the table or column cannot be read. */
export function sqliteKeyFloor(db: BetterSqlite3.Database, table: TableRef, column: string): number | undefined {
  try {
    const max = db.prepare(`SELECT max(${quoteIdent(column)}) AS m FROM ${quoteIdent(table.name)}`).get() as { m: number | bigint | null }
    const hasSeq = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'").get() !== undefined
    const seq = hasSeq ? (db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table.name) as { seq: number } | undefined) : undefined
    const values = [max.m, seq?.seq].filter((v): v is number | bigint => v !== null && v !== undefined).map(Number)
    return values.length === 0 ? undefined : Math.max(...values)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_READ_FAILED', `reading the key range of ${table.name}.${column} failed: ${reason}`, { table: table.name, column }, { cause: e })
  }
}
