/**
 * ALTER TABLE t action, action, …: ADD [COLUMN] (one or a parenthesised list), ADD [CONSTRAINT] PRIMARY
 * KEY / UNIQUE / FOREIGN KEY / CHECK / INDEX, MODIFY and CHANGE [COLUMN], DROP COLUMN / PRIMARY KEY /
 * FOREIGN KEY / INDEX / CHECK / CONSTRAINT, RENAME [TO], ALTER COLUMN … SET/DROP DEFAULT, and table options
 * (AUTO_INCREMENT=, ENGINE=, …), DISABLE/ENABLE KEYS from dumps. CREATE [UNIQUE] INDEX … ON t (…) too.
 */
import type { Table } from '../../model/schema.js'
import type { Cursor } from './cursor.js'
import type { DdlState } from './state.js'
import { columnDefinition, type ColumnResult } from './column-def.js'
import { addForeignKey, addUnique, isTableElement, tableElement } from './table-elements.js'
import { tableOptions } from './create-table.js'
import { renderExpression } from './expression.js'

/** Parse ALTER [ONLINE|IGNORE] TABLE after the word TABLE. */
export function alterTable(cur: Cursor, state: DdlState): void {
  cur.words('if', 'exists')
  const nameTok = cur.peek()
  const [, name] = cur.qualifiedName()
  const table = state.requireTable(name, nameTok?.start)
  do {
    alterAction(cur, state, table)
  } while (cur.op(','))
  if (!cur.done) throw cur.error()
}

function alterAction(cur: Cursor, state: DdlState, table: Table): void {
  if (cur.words('add')) {
    if (cur.words('column')) cur.words('if', 'not', 'exists')
    else cur.words('if', 'not', 'exists')
    if (isTableElement(cur)) return tableElement(cur, state, table)
    if (cur.op('(')) {
      do {
        if (isTableElement(cur)) tableElement(cur, state, table)
        else addColumn(cur, state, table)
      } while (cur.op(','))
      return cur.expectOp(')')
    }
    return addColumn(cur, state, table)
  }
  if (cur.words('modify')) {
    cur.words('column')
    cur.words('if', 'exists')
    const at = cur.peek()?.start
    const old = state.requireColumn(table, (cur.peek()?.v ?? ''), at)
    return replaceColumn(cur, state, table, old.name)
  }
  if (cur.words('change')) {
    cur.words('column')
    cur.words('if', 'exists')
    const at = cur.peek()?.start
    const old = state.requireColumn(table, cur.ident('a column name'), at)
    return replaceColumn(cur, state, table, old.name)
  }
  if (cur.words('drop')) return dropAction(cur, state, table)
  if (cur.words('alter')) {
    cur.words('column')
    const at = cur.peek()?.start
    const col = state.requireColumn(table, cur.ident('a column name'), at)
    if (cur.words('set', 'default')) {
      const toks = cur.isOp('(') ? cur.group() : cur.next() ? [cur.toks[cur.pos - 1]!] : []
      const def = state.hooks.columnDefault(renderExpression(toks), col.type)
      if (def) col.default = def
      else delete col.default
    } else if (cur.words('drop', 'default')) delete col.default
    else if (cur.words('set', 'visible') || cur.words('set', 'invisible')) return
    else throw cur.error('expected SET DEFAULT or DROP DEFAULT')
    return
  }
  if (cur.words('rename')) {
    if (cur.words('column')) {
      const at = cur.peek()?.start
      const col = state.requireColumn(table, cur.ident('a column name'), at)
      cur.expectWords('to')
      return renameColumn(table, col.name, cur.ident('a column name'))
    }
    if (cur.words('index') || cur.words('key')) {
      cur.ident()
      cur.expectWords('to')
      const to = cur.ident()
      return void to
    }
    cur.words('to') || cur.words('as')
    const [, to] = cur.qualifiedName()
    table.name = to
    return
  }
  if (cur.words('disable', 'keys') || cur.words('enable', 'keys') || cur.words('force')) return
  if (cur.words('convert', 'to')) {
    cur.words('character', 'set') || cur.words('charset')
    cur.next()
    if (cur.words('collate')) cur.next()
    return
  }
  if (cur.words('order', 'by')) {
    cur.until(new Set())
    return
  }
  if (cur.isWord('algorithm') || cur.isWord('lock')) {
    cur.next()
    cur.op('=')
    cur.next()
    return
  }
  const before = cur.pos
  tableOptions(cur, state, table)
  if (cur.pos === before) throw cur.error('expected an ALTER TABLE action')
}

function addColumn(cur: Cursor, state: DdlState, table: Table): void {
  const at = cur.peek()?.start ?? state.stmtAt
  const r = columnDefinition(cur, state, table)
  if (state.findColumn(table, r.column.name)) throw state.error(`duplicate column name "${r.column.name}" in table "${table.name}"`, at)
  const index = position(cur, state, table)
  table.columns.splice(index ?? table.columns.length, 0, r.column)
  applyInline(state, table, r, at)
}

function replaceColumn(cur: Cursor, state: DdlState, table: Table, oldName: string): void {
  const at = cur.peek()?.start ?? state.stmtAt
  const r = columnDefinition(cur, state, table)
  const i = table.columns.findIndex((c) => c.name === oldName)
  const other = state.findColumn(table, r.column.name)
  if (other && other.name !== oldName) throw state.error(`duplicate column name "${r.column.name}" in table "${table.name}"`, at)
  // Keys on the column stay; a MODIFY that drops NOT NULL of a key column keeps it NOT NULL.
  if (table.primaryKey?.columns.includes(oldName)) r.column.nullable = false
  table.columns.splice(i, 1)
  const index = position(cur, state, table)
  table.columns.splice(index ?? i, 0, r.column)
  if (r.column.name !== oldName) renameColumn(table, oldName, r.column.name)
  applyInline(state, table, r, at)
}

/** `FIRST` / `AFTER col` → the index to insert at. */
function position(cur: Cursor, state: DdlState, table: Table): number | undefined {
  if (cur.words('first')) return 0
  if (cur.words('after')) {
    const at = cur.peek()?.start
    const after = state.requireColumn(table, cur.ident('a column name'), at)
    return table.columns.indexOf(after) + 1
  }
  return undefined
}

function applyInline(state: DdlState, table: Table, r: ColumnResult, at: number): void {
  if (r.primaryKey) {
    if (table.primaryKey) throw state.error(`multiple primary keys for table "${table.name}"`, at)
    table.primaryKey = { name: 'PRIMARY', columns: [r.column.name] }
  }
  if (r.unique) addUnique(state, table, undefined, { columns: [r.column.name], prefix: false, expression: false, at })
  table.checks.push(...r.checks)
  if (r.fk) addForeignKey(state, table, r.fk, r.fkAt ?? at)
}

function renameColumn(table: Table, from: string, to: string): void {
  const col = table.columns.find((c) => c.name === from)
  if (col) col.name = to
  const swap = (cols: string[]) => cols.map((c) => (c === from ? to : c))
  if (table.primaryKey) table.primaryKey.columns = swap(table.primaryKey.columns)
  for (const u of table.uniques) u.columns = swap(u.columns)
  for (const fk of table.foreignKeys) fk.columns = swap(fk.columns)
}

function dropAction(cur: Cursor, state: DdlState, table: Table): void {
  if (cur.words('primary', 'key')) {
    delete table.primaryKey
    return
  }
  if (cur.words('foreign', 'key')) {
    cur.words('if', 'exists')
    const name = cur.ident('a foreign key name')
    table.foreignKeys = table.foreignKeys.filter((f) => f.name !== name)
    state.pendingFks.splice(0, state.pendingFks.length, ...state.pendingFks.filter((p) => p.table !== table || p.fk.name !== name))
    return
  }
  if (cur.words('index') || cur.words('key')) {
    cur.words('if', 'exists')
    const name = cur.ident('an index name')
    table.uniques = table.uniques.filter((u) => u.name !== name)
    return
  }
  if (cur.words('check') || cur.words('constraint')) {
    cur.words('if', 'exists')
    const name = cur.ident('a constraint name')
    table.checks = table.checks.filter((c) => c.name !== name)
    table.uniques = table.uniques.filter((u) => u.name !== name)
    table.foreignKeys = table.foreignKeys.filter((f) => f.name !== name)
    return
  }
  cur.words('column')
  cur.words('if', 'exists')
  const at = cur.peek()?.start
  const col = state.requireColumn(table, cur.ident('a column name'), at)
  table.columns = table.columns.filter((c) => c !== col)
  if (table.primaryKey) {
    table.primaryKey.columns = table.primaryKey.columns.filter((c) => c !== col.name)
    if (table.primaryKey.columns.length === 0) delete table.primaryKey
  }
  table.uniques = table.uniques.map((u) => ({ ...u, columns: u.columns.filter((c) => c !== col.name) })).filter((u) => u.columns.length > 0)
  cur.words('cascade') || cur.words('restrict')
}

/** CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name [USING …] ON t (parts) [options]; after the word INDEX. */
export function createIndex(cur: Cursor, state: DdlState, unique: boolean): void {
  cur.words('if', 'not', 'exists')
  const name = cur.ident('an index name')
  if (cur.words('using')) cur.next()
  cur.expectWords('on')
  const nameTok = cur.peek()
  const [, tableName] = cur.qualifiedName()
  const table = state.requireTable(tableName, nameTok?.start)
  const parts = cur.keyParts()
  if (unique) addUnique(state, table, name, parts)
}
