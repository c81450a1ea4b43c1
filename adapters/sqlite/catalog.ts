/**
 * The PRAGMA reads introspection needs, one function per catalog question, as typed rows.
 * Table-valued pragma functions (`pragma_table_xinfo(?)`) take the table name as a bound parameter,
 * so hostile names need no quoting.
 */
import type BetterSqlite3 from 'better-sqlite3'

export interface TableListRow {
  schema: string
  name: string
  /** 'table' | 'view' | 'shadow' | 'virtual' */
  type: string
  /** 1 for WITHOUT ROWID. */
  wr: number
  strict: number
}

export interface XColumnRow {
  cid: number
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  /** 1-based position in the primary key, 0 when not part of it. */
  pk: number
  /** 0 normal, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED. */
  hidden: number
}

export interface IndexListRow {
  seq: number
  name: string
  unique: number
  /** 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY. */
  origin: string
  partial: number
}

export interface IndexInfoRow {
  seqno: number
  /** -1 rowid, -2 expression. */
  cid: number
  name: string | null
}

export interface ForeignKeyRow {
  id: number
  seq: number
  table: string
  from: string
  /** null when the REFERENCES clause names no columns (the parent's primary key is meant). */
  to: string | null
  on_update: string
  on_delete: string
}

export interface SchemaRow {
  type: string
  name: string
  tbl_name: string
  sql: string | null
}

/** Tables, views, virtual and shadow tables of the `main` schema. */
export function tableList(db: BetterSqlite3.Database): TableListRow[] {
  return db.prepare("SELECT schema, name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'").all() as TableListRow[]
}

/** Every row of sqlite_schema (main). */
export function schemaRows(db: BetterSqlite3.Database): SchemaRow[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM main.sqlite_schema').all() as SchemaRow[]
}

/** Columns including generated ones, by cid. */
export function tableXinfo(db: BetterSqlite3.Database, table: string): XColumnRow[] {
  return db.prepare("SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?, 'main') ORDER BY cid").all(table) as XColumnRow[]
}

/** Indexes of a table, in creation order (SQLite lists them newest first). */
export function indexList(db: BetterSqlite3.Database, table: string): IndexListRow[] {
  return db.prepare("SELECT seq, name, \"unique\", origin, partial FROM pragma_index_list(?, 'main') ORDER BY seq DESC").all(table) as IndexListRow[]
}

/** Key columns of an index, in index order. */
export function indexInfo(db: BetterSqlite3.Database, index: string): IndexInfoRow[] {
  return db.prepare("SELECT seqno, cid, name FROM pragma_index_info(?, 'main') ORDER BY seqno").all(index) as IndexInfoRow[]
}

/** Foreign key column pairs, grouped later by `id`. */
export function foreignKeyList(db: BetterSqlite3.Database, table: string): ForeignKeyRow[] {
  return db.prepare("SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?, 'main') ORDER BY id, seq").all(table) as ForeignKeyRow[]
}
