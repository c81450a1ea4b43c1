/**
 * PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK and DEFAULT … FOR constraints, in CREATE TABLE (column or
 * table level) and `ALTER TABLE … [WITH CHECK|NOCHECK] ADD [CONSTRAINT n] …`. Index options
 * (CLUSTERED, `WITH (PAD_INDEX = OFF, …)`, `ON [PRIMARY]`) are read and ignored; unnamed constraints keep
 * no name (SQL Server invents random-suffixed ones the model cannot predict).
 */
import { analyzeCheck } from '../../adapter/check-shape.js'
import type { CheckConstraint, FkAction, ForeignKey, Table } from '../../model/schema.js'
import type { Cursor } from './cursor.js'
import { captureDefault, captureParens, unwrapOnce } from './expr.js'
import type { Token } from './lexer.js'
import type { MssqlState } from './state.js'

/** True when the cursor is at the start of a table-level constraint. */
export function atConstraint(cur: Cursor): boolean {
  return cur.isWord('constraint') || cur.isWord('primary') || cur.isWord('unique') || cur.isWord('foreign') || cur.isWord('check') || cur.isWord('default')
}

/**
 * Read one constraint at the cursor and apply it to `table`. `column` is set for a column constraint
 * (PRIMARY KEY / UNIQUE / REFERENCES / DEFAULT without a column list apply to it).
 * Returns false when the cursor holds no constraint.
 */
export function readConstraint(state: MssqlState, table: Table, column?: string): boolean {
  const cur = state.cur
  const at = cur.peek()
  let name: string | undefined
  if (cur.words('constraint')) name = cur.name()
  if (cur.words('primary key')) {
    const columns = keyColumns(cur, column)
    indexOptions(cur)
    if (table.primaryKey) throw cur.error(`table "${table.name}" already has a primary key`, at)
    for (const c of columns) state.requireColumn(table, c.name, c.at).nullable = false
    table.primaryKey = { ...(name !== undefined ? { name } : {}), columns: columns.map((c) => state.requireColumn(table, c.name, c.at).name) }
    return true
  }
  if (cur.words('unique')) {
    const columns = keyColumns(cur, column)
    indexOptions(cur)
    table.uniques.push({ ...(name !== undefined ? { name } : {}), columns: columns.map((c) => state.requireColumn(table, c.name, c.at).name) })
    return true
  }
  if (cur.isWord('foreign') || cur.isWord('references')) {
    foreignKey(state, table, name, column, at)
    return true
  }
  if (cur.words('check')) {
    cur.words('not for replication')
    const text = captureParens(cur)
    addCheck(state, table, name, unwrapOnce(text), at)
    return true
  }
  if (cur.words('default')) {
    const text = captureDefault(cur)
    let target = column
    let targetAt = at
    if (cur.words('for')) {
      targetAt = cur.peek()
      target = cur.name()
    }
    cur.words('with values')
    if (target === undefined) throw cur.syntaxError()
    state.requireColumn(table, target, targetAt).default = state.dialect.classifyDefault(text)
    return true
  }
  if (name !== undefined) throw cur.syntaxError()
  return false
}

/** A CHECK with its analysis; an Issue when only part of it is understood. */
export function addCheck(state: MssqlState, table: Table, name: string | undefined, expression: string, at: Token | undefined): void {
  const { parsed, fullyParsed } = analyzeCheck(expression)
  const check: CheckConstraint = { ...(name !== undefined ? { name } : {}), expression, parsed, fullyParsed }
  table.checks.push(check)
  if (!fullyParsed) {
    state.issue('CHECK_UNPARSED', `CHECK ${name ?? ''} on ${table.name}: ${expression.replace(/\s+/g, ' ')} is not fully understood; generated rows may violate it`.replace('  ', ' '), at, { table: table.name })
  }
}

interface KeyColumn {
  name: string
  at: Token | undefined
}

/** `[CLUSTERED|NONCLUSTERED] (a ASC, b DESC)`, or the column itself for a column constraint. */
function keyColumns(cur: Cursor, column: string | undefined): KeyColumn[] {
  cur.words('clustered') || cur.words('nonclustered')
  cur.words('hash') // memory-optimized tables: NONCLUSTERED HASH (…) WITH (BUCKET_COUNT = n)
  if (!cur.isPunct('(')) {
    if (column === undefined) throw cur.syntaxError()
    return [{ name: column, at: cur.peek() }]
  }
  return columnList(cur, true)
}

/** `(a [ASC|DESC], …)`. */
export function columnList(cur: Cursor, sortable = false): KeyColumn[] {
  cur.expectPunct('(')
  const out: KeyColumn[] = []
  for (;;) {
    const at = cur.peek()
    out.push({ name: cur.name(), at })
    if (sortable) cur.words('asc') || cur.words('desc')
    if (cur.punct(')')) return out
    cur.expectPunct(',')
  }
}

/** `WITH (…)` / `WITH FILLFACTOR = n`, `ON [PRIMARY]` / `ON scheme(col)`, `TEXTIMAGE_ON …`: read and ignored. */
export function indexOptions(cur: Cursor): void {
  for (;;) {
    if (cur.isWord('with') && cur.isPunct('(', 1)) {
      cur.next()
      cur.skipParens()
    } else if (cur.isWord('with') && OLD_INDEX_OPTIONS.has(cur.peek(1)?.value.toLowerCase() ?? '')) {
      // SQL Server 2000 style: WITH FILLFACTOR = 90, IGNORE_DUP_KEY, PAD_INDEX
      cur.next()
      for (;;) {
        cur.next()
        if (cur.peek()?.value === '=') cur.pos += 2
        if (!(cur.isPunct(',') && OLD_INDEX_OPTIONS.has(cur.peek(1)?.value.toLowerCase() ?? ''))) break
        cur.next()
      }
    } else if (cur.isWord('on') && !cur.isWord('delete', 1) && !cur.isWord('update', 1)) {
      cur.next()
      cur.name()
      if (cur.isPunct('(')) cur.skipParens()
    } else if (cur.isWord('textimage_on') || cur.isWord('filestream_on')) {
      cur.next()
      cur.name()
    } else return
  }
}

const OLD_INDEX_OPTIONS = new Set(['fillfactor', 'ignore_dup_key', 'pad_index', 'drop_existing', 'statistics_norecompute', 'sort_in_tempdb'])

const ACTIONS: Array<[string, FkAction]> = [['no action', 'no action'], ['cascade', 'cascade'], ['set null', 'set null'], ['set default', 'set default']]

/** `[FOREIGN KEY (cols)] REFERENCES t [(cols)] [ON DELETE …] [ON UPDATE …] [NOT FOR REPLICATION]`. */
function foreignKey(state: MssqlState, table: Table, name: string | undefined, column: string | undefined, at: Token | undefined): void {
  const cur = state.cur
  let columns: KeyColumn[]
  if (cur.words('foreign key')) columns = columnList(cur)
  else if (column !== undefined) columns = [{ name: column, at }]
  else throw cur.syntaxError()
  cur.expectWords('references')
  const targetAt = cur.peek()
  const parts = cur.qualifiedName()
  const refColumns = cur.isPunct('(') ? columnList(cur).map((c) => c.name) : []
  const fk: ForeignKey = {
    ...(name !== undefined ? { name } : {}),
    columns: columns.map((c) => state.requireColumn(table, c.name, c.at).name),
    references: { schema: parts.length >= 2 ? parts[parts.length - 2] || 'dbo' : 'dbo', table: parts[parts.length - 1] ?? '', columns: refColumns },
    onDelete: 'no action',
    onUpdate: 'no action',
    deferrable: false,
    initiallyDeferred: false,
  }
  for (;;) {
    if (cur.words('on delete')) fk.onDelete = action(cur)
    else if (cur.words('on update')) fk.onUpdate = action(cur)
    else if (cur.words('not for replication')) continue
    else break
  }
  table.foreignKeys.push(fk)
  state.pendingFks.push({ table, fk, at: targetAt })
}

function action(cur: Cursor): FkAction {
  for (const [words, a] of ACTIONS) if (cur.words(words)) return a
  throw cur.syntaxError()
}
