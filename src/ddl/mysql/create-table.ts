/**
 * CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name (elements) [options] — and the forms tdg
 * cannot model (`LIKE other`, `AS SELECT`), which become Issues. Table options are read for what
 * matters: COMMENT, and ENGINE (MyISAM/Aria/MEMORY… ignore FOREIGN KEY clauses, as the server does).
 */
import type { Table } from '../../model/schema.js'
import type { Cursor } from './cursor.js'
import type { DdlState } from './state.js'
import { columnDefinition } from './column-def.js'
import { addForeignKey, addUnique, isTableElement, tableElement } from './table-elements.js'

/** Engines that keep foreign keys. */
const FK_ENGINES = new Set(['innodb', 'ndb', 'ndbcluster'])

/** Parse CREATE TABLE after the words CREATE [OR REPLACE] [TEMPORARY] TABLE. */
export function createTable(cur: Cursor, state: DdlState, orReplace: boolean): void {
  const ifNotExists = cur.words('if', 'not', 'exists')
  const nameTok = cur.peek()
  const [, name] = cur.qualifiedName()
  const existing = state.findTable(name)
  if (existing && !orReplace) {
    if (ifNotExists) return state.issue('DDL_SKIPPED', `CREATE TABLE IF NOT EXISTS ${name}: the table exists already; statement skipped`, { table: name })
    throw state.error(`table "${name}" already exists`, nameTok?.start)
  }
  if (existing) dropTable(state, existing)
  if (cur.words('like') || (cur.isOp('(') && cur.isWord('like', 1))) {
    return state.issue('DDL_UNSUPPORTED', `CREATE TABLE ${name} LIKE … is not modelled; the table is skipped`, { table: name })
  }
  if (!cur.isOp('(')) {
    return state.issue('DDL_UNSUPPORTED', `CREATE TABLE ${name} without a column list (AS SELECT …) is not modelled; the table is skipped`, { table: name })
  }
  const table: Table = { name, columns: [], uniques: [], foreignKeys: [], checks: [] }
  state.tables.push(table)
  state.tableExtra(table)
  cur.expectOp('(')
  do {
    if (isTableElement(cur)) {
      tableElement(cur, state, table)
      continue
    }
    const at = cur.peek()?.start ?? state.stmtAt
    const r = columnDefinition(cur, state, table)
    if (state.findColumn(table, r.column.name)) throw state.error(`duplicate column name "${r.column.name}" in table "${name}"`, at)
    table.columns.push(r.column)
    if (r.primaryKey) {
      if (table.primaryKey) throw state.error(`multiple primary keys for table "${name}"`, at)
      table.primaryKey = { name: 'PRIMARY', columns: [r.column.name] }
    }
    if (r.unique) addUnique(state, table, undefined, { columns: [r.column.name], prefix: false, expression: false, at })
    table.checks.push(...r.checks)
    if (r.fk) addForeignKey(state, table, r.fk, r.fkAt ?? at)
  } while (cur.op(','))
  cur.expectOp(')')
  const engine = tableOptions(cur, state, table)
  if (engine !== undefined && !FK_ENGINES.has(engine) && table.foreignKeys.length > 0) {
    state.issue('DDL_SKIPPED', `ENGINE=${engine} does not keep foreign keys: the ${table.foreignKeys.length} FOREIGN KEY clause(s) of ${name} are ignored, as the server ignores them`, { table: name })
    const dropped = new Set(table.foreignKeys)
    table.foreignKeys = []
    state.pendingFks.splice(0, state.pendingFks.length, ...state.pendingFks.filter((p) => !dropped.has(p.fk)))
  }
  if (!cur.done) {
    if (cur.words('as') || cur.isWord('select') || cur.isOp('(')) {
      state.issue('DDL_SKIPPED', `the SELECT that fills ${name} is not run: only the schema is read`, { table: name })
      return
    }
    if (cur.isWord('partition')) return // PARTITION BY …: rows go through the table as usual
    throw cur.error()
  }
}

/** Read table options; returns the ENGINE (lower case) when one is given. */
export function tableOptions(cur: Cursor, state: DdlState, table: Table): string | undefined {
  let engine: string | undefined
  for (;;) {
    cur.op(',')
    const t = cur.peek()
    if (!t || t.t !== 'word') return engine
    const w = t.v.toLowerCase()
    if (w === 'partition' || w === 'as' || w === 'select' || w === 'ignore' || w === 'replace') return engine
    cur.next()
    if (w === 'default') continue // DEFAULT CHARSET / DEFAULT COLLATE
    if (w === 'character' && cur.words('set')) {
      cur.op('=')
      cur.next()
      continue
    }
    if (w === 'with' || w === 'without') {
      cur.words('system', 'versioning')
      continue
    }
    if ((w === 'data' || w === 'index') && cur.words('directory')) {
      cur.op('=')
      cur.next()
      continue
    }
    if (w === 'union') {
      cur.op('=')
      cur.skipGroup()
      continue
    }
    cur.op('=')
    const v = cur.next()
    if (!v) throw cur.error(`expected a value for ${t.v.toUpperCase()}`)
    if (w === 'engine' || w === 'type') engine = v.v.toLowerCase()
    if (w === 'comment' && v.v !== '') table.comment = v.v
    if (w === 'auto_increment' && v.t !== 'num') throw state.error(`AUTO_INCREMENT must be a number`, v.start, v.v)
  }
}

/** Remove a table (DROP TABLE, CREATE OR REPLACE) and the FKs waiting on it. */
export function dropTable(state: DdlState, table: Table): void {
  state.tables.splice(state.tables.indexOf(table), 1)
  state.extra.delete(table)
  state.pendingFks.splice(0, state.pendingFks.length, ...state.pendingFks.filter((p) => p.table !== table))
}
