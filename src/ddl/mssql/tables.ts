/**
 * CREATE TABLE, ALTER TABLE, CREATE [UNIQUE] INDEX and DROP TABLE in T-SQL, as SSMS scripts them:
 *
 *   CREATE TABLE [dbo].[Orders]( [OrderID] [int] IDENTITY(1,1) NOT NULL, …,
 *     CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED ([OrderID] ASC) WITH (…) ON [PRIMARY]) ON [PRIMARY]
 *   ALTER TABLE [dbo].[Orders] WITH CHECK ADD CONSTRAINT [FK_…] FOREIGN KEY([CustomerID]) REFERENCES …
 *   ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [FK_…]
 *   ALTER TABLE [dbo].[Orders] ADD CONSTRAINT [DF_Orders_Freight] DEFAULT ((0)) FOR [Freight]
 */
import type { Table } from '../../model/schema.js'
import { readColumn } from './columns.js'
import { atConstraint, columnList, indexOptions, readConstraint } from './constraints.js'
import { readType } from './type-name.js'
import { tableName, type MssqlState } from './state.js'

/** `CREATE TABLE` (the cursor is after those words). */
export function createTable(state: MssqlState): void {
  const cur = state.cur
  const at = cur.peek()
  const parts = cur.qualifiedName()
  const { schema, name } = tableName(parts)
  if (name.startsWith('#')) {
    state.issue('OBJECT_SKIPPED', `temporary table ${name} skipped`, at, { table: name })
    cur.skipParens()
    indexOptions(cur)
    return
  }
  if (state.findTable(schema, name)) throw cur.error(`there is already an object named "${schema}.${name}"`, at)
  const table: Table = { schema, name, columns: [], uniques: [], foreignKeys: [], checks: [] }
  cur.expectPunct('(')
  for (;;) {
    if (cur.isPunct(')')) break // a trailing comma, as some generators write
    if (cur.isWord('period') && cur.isWord('for', 1)) {
      cur.pos += 3 // PERIOD FOR SYSTEM_TIME
      cur.skipParens()
    } else if (cur.isWord('index')) {
      inlineIndex(state, table)
    } else if (atConstraint(cur) && !isColumnNamed(state)) {
      readConstraint(state, table)
    } else {
      readColumn(state, table)
    }
    if (cur.punct(',')) continue
    if (!cur.isPunct(')')) throw cur.syntaxError()
  }
  cur.expectPunct(')')
  if (cur.isWord('as') && (cur.isWord('node', 1) || cur.isWord('edge', 1))) cur.pos += 2 // graph tables
  indexOptions(cur)
  if (cur.isWord('with') && cur.isPunct('(', 1)) {
    cur.next()
    cur.skipParens() // WITH (SYSTEM_VERSIONING = ON, DATA_COMPRESSION = PAGE, …)
  }
  state.tables.push(table)
}

/** A column may be called `check` or `default` when quoted; bare, those words start a constraint. */
function isColumnNamed(state: MssqlState): boolean {
  return state.cur.peek()?.kind === 'qname'
}

/** `INDEX ix [UNIQUE] [CLUSTERED|NONCLUSTERED] (cols) …` inside CREATE TABLE. */
function inlineIndex(state: MssqlState, table: Table): void {
  const cur = state.cur
  cur.next()
  const name = cur.name()
  const unique = cur.words('unique')
  cur.words('clustered') || cur.words('nonclustered')
  cur.words('columnstore') || cur.words('hash')
  const cols = cur.isPunct('(') ? columnList(cur, true) : []
  indexOptions(cur)
  if (unique) table.uniques.push({ name, columns: cols.map((c) => state.requireColumn(table, c.name, c.at).name) })
}

/** `ALTER TABLE` (the cursor is after those words). */
export function alterTable(state: MssqlState): void {
  const cur = state.cur
  const at = cur.peek()
  const parts = cur.qualifiedName()
  const table = state.requireTable(parts, at)
  if (cur.words('with check') || cur.words('with nocheck')) {
    /* trusted or not: either way the constraint exists */
  }
  if (cur.words('add')) {
    for (;;) {
      if (atConstraint(cur) && !isColumnNamed(state)) readConstraint(state, table)
      else readColumn(state, table)
      if (!cur.punct(',')) break
    }
    return
  }
  if (cur.words('check constraint') || cur.words('nocheck constraint')) {
    if (!cur.words('all')) cur.name()
    while (cur.punct(',')) cur.name()
    return
  }
  if (cur.words('alter column')) {
    const colAt = cur.peek()
    const column = state.requireColumn(table, cur.name(), colAt)
    if (cur.isWord('add') || cur.isWord('drop')) {
      // ALTER COLUMN c ADD|DROP ROWGUIDCOL / PERSISTED / SPARSE / NOT FOR REPLICATION / MASKED [WITH (…)]
      skipClause(state)
      return
    }
    const ref = readType(cur)
    if (ref.kind === 'builtin') {
      column.nativeType = ref.native
      column.type = state.dialect.toLogicalType(ref.native)
    }
    if (cur.words('collate')) cur.name()
    if (cur.words('not null')) column.nullable = false
    else if (cur.words('null')) column.nullable = true
    indexOptions(cur) // WITH (ONLINE = ON)
    return
  }
  if (cur.words('drop')) {
    for (;;) {
      if (cur.words('column')) {
        cur.words('if exists')
        const colAt = cur.peek()
        const col = state.requireColumn(table, cur.name(), colAt)
        table.columns = table.columns.filter((c) => c !== col)
      } else {
        cur.words('constraint')
        cur.words('if exists')
        const name = cur.name().toLowerCase()
        const same = (n: string | undefined) => n?.toLowerCase() === name
        if (same(table.primaryKey?.name)) delete table.primaryKey
        table.uniques = table.uniques.filter((u) => !same(u.name))
        table.foreignKeys = table.foreignKeys.filter((f) => !same(f.name))
        table.checks = table.checks.filter((c) => !same(c.name))
      }
      if (!cur.punct(',')) return
    }
  }
  if (cur.isWord('enable') || cur.isWord('disable') || cur.isWord('set') || cur.isWord('switch') || cur.isWord('rebuild')) {
    state.issue('DDL_SKIPPED', `ALTER TABLE ${table.name} ${cur.peek()?.value.toUpperCase() ?? ''} … skipped`, at, { table: table.name })
    skipClause(state)
    return
  }
  throw cur.syntaxError()
}

/** Skip tokens to the end of the statement: `;`, `GO`, or a word that starts the next statement. */
export function skipClause(state: MssqlState): void {
  const cur = state.cur
  let depth = 0
  for (;;) {
    const t = cur.peek()
    if (!t || t.kind === 'go') return
    if (depth === 0 && t.kind === 'punct' && t.value === ';') return
    // `WITH (…)` on a line of its own is an option list (security policies, indexes), not a CTE.
    if (depth === 0 && t.kind === 'word' && STATEMENT_START.has(t.value.toLowerCase()) && cur.pos > 0 && cur.tokens[cur.pos - 1]?.line !== t.line && !(cur.isWord('with') && cur.isPunct('(', 1))) return
    if (t.kind === 'punct' && t.value === '(') depth++
    else if (t.kind === 'punct' && t.value === ')') depth--
    cur.next()
  }
}

/** Words that begin a statement at the start of a line (T-SQL needs no `;`). */
export const STATEMENT_START = new Set(['create', 'alter', 'drop', 'exec', 'execute', 'set', 'use', 'insert', 'update', 'delete', 'if', 'declare', 'print', 'grant', 'deny', 'revoke', 'select', 'begin', 'commit', 'raiserror', 'truncate', 'merge', 'with', 'dbcc', 'end'])

/** `CREATE [UNIQUE] [CLUSTERED|NONCLUSTERED] INDEX ix ON t (cols) [INCLUDE (…)] [WHERE …] [WITH …] [ON …]`. */
export function createIndex(state: MssqlState, unique: boolean): void {
  const cur = state.cur
  const at = cur.peek()
  const name = cur.name()
  cur.expectWords('on')
  const tableAt = cur.peek()
  const table = state.requireTable(cur.qualifiedName(), tableAt)
  const cols = columnList(cur, true)
  if (cur.words('include')) columnList(cur)
  const filtered = cur.isWord('where')
  if (filtered) skipClause(state)
  indexOptions(cur)
  if (!unique) return
  if (filtered) {
    state.issue('INDEX_PARTIAL', `filtered unique index ${name} on ${table.name} is not modelled`, at, { table: table.name })
    return
  }
  table.uniques.push({ name, columns: cols.map((c) => state.requireColumn(table, c.name, c.at).name) })
}

/** `DROP TABLE [IF EXISTS] a, b`: removes them (scripts often drop before they create). */
export function dropTable(state: MssqlState): void {
  const cur = state.cur
  cur.words('if exists')
  for (;;) {
    const { schema, name } = tableName(cur.qualifiedName())
    const t = state.findTable(schema, name)
    if (t) state.tables.splice(state.tables.indexOf(t), 1)
    if (!cur.punct(',')) return
  }
}
