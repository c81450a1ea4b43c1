/**
 * Table-level elements of CREATE TABLE and ALTER TABLE ADD: PRIMARY KEY, UNIQUE [KEY|INDEX], FOREIGN KEY,
 * CHECK, and plain/FULLTEXT/SPATIAL indexes (read and ignored: they constrain nothing). Names follow
 * MariaDB's defaults where the DDL leaves them out, so a parsed model reads like the live one.
 */
import { analyzeCheck } from '../../adapter/check-shape.js'
import type { CheckConstraint, FkAction, ForeignKey, Table } from '../../model/schema.js'
import type { Cursor } from './cursor.js'
import type { Tok } from './lexer.js'
import type { DdlState } from './state.js'
import { renderExpression } from './expression.js'

/** A CHECK from its expression tokens, analysed by the shared analyser; an Issue when not fully understood. */
export function makeCheck(state: DdlState, table: Table, name: string | undefined, toks: Tok[]): CheckConstraint {
  const expression = renderExpression(toks, true)
  const { parsed, fullyParsed } = analyzeCheck(expression)
  if (!fullyParsed) state.issue('CHECK_UNPARSED', `CHECK ${name ?? ''} (${expression}) on ${table.name} is not fully understood; generated rows may violate it`, { table: table.name, at: toks[0]?.start })
  return { ...(name !== undefined ? { name } : {}), expression, parsed, fullyParsed }
}

function action(cur: Cursor): FkAction {
  if (cur.words('cascade')) return 'cascade'
  if (cur.words('set', 'null')) return 'set null'
  if (cur.words('set', 'default')) return 'set default'
  // InnoDB treats RESTRICT and NO ACTION alike (no deferral) and MariaDB's catalog mixes them up.
  if (cur.words('restrict') || cur.words('no', 'action')) return 'no action'
  throw cur.error('expected CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION')
}

/** `REFERENCES t [(cols)] [MATCH …] [ON DELETE …] [ON UPDATE …]` for the referencing `columns`. */
export function foreignKeyTail(cur: Cursor, _state: DdlState, name: string | undefined, columns: string[]): ForeignKey {
  cur.expectWords('references')
  const [schema, table] = cur.qualifiedName('a referenced table name')
  const refColumns = cur.isOp('(') ? cur.keyParts().columns : []
  const fk: ForeignKey = {
    ...(name !== undefined ? { name } : {}),
    columns,
    references: { ...(schema !== undefined ? { schema } : {}), table, columns: refColumns },
    onDelete: 'no action',
    onUpdate: 'no action',
    deferrable: false,
    initiallyDeferred: false,
  }
  for (;;) {
    if (cur.words('match')) cur.next()
    else if (cur.words('on', 'delete')) fk.onDelete = action(cur)
    else if (cur.words('on', 'update')) fk.onUpdate = action(cur)
    else return fk
  }
}

/** Skip index options after a key part list (USING BTREE, COMMENT '…', KEY_BLOCK_SIZE=n, VISIBLE, …). */
function indexOptions(cur: Cursor): void {
  for (;;) {
    if (cur.words('using')) cur.next()
    else if (cur.words('comment')) cur.next()
    else if (cur.words('key_block_size') || cur.words('with', 'parser')) {
      cur.op('=')
      cur.next()
    } else if (cur.words('visible') || cur.words('invisible') || cur.words('ignored') || cur.words('not', 'ignored') || cur.words('clustering')) continue
    else if (cur.words('engine_attribute') || cur.words('secondary_engine_attribute')) {
      cur.op('=')
      cur.next()
    } else return
  }
}

const ELEMENT_WORDS = new Set(['constraint', 'primary', 'unique', 'foreign', 'check', 'index', 'key', 'fulltext', 'spatial'])

/**
 * True when a table element (not a column) starts at the cursor. The words are reserved in MySQL, so an
 * unquoted one cannot be a column name; MariaDB's `PERIOD FOR` is recognised by its second word.
 */
export function isTableElement(cur: Cursor): boolean {
  const t = cur.peek()
  return t?.t === 'word' && (ELEMENT_WORDS.has(t.v.toLowerCase()) || (t.v.toLowerCase() === 'period' && cur.isWord('for', 1)))
}

/** Read one table element into `table`; `state` resolves columns and collects FKs. */
export function tableElement(cur: Cursor, state: DdlState, table: Table): void {
  let constraintName: string | undefined
  if (cur.words('constraint')) {
    if (!cur.isWord('primary') && !cur.isWord('unique') && !cur.isWord('foreign') && !cur.isWord('check')) constraintName = cur.ident('a constraint name')
  }
  if (cur.words('primary', 'key')) {
    if (cur.words('using')) cur.next()
    const parts = cur.keyParts()
    indexOptions(cur)
    if (table.primaryKey) throw state.error(`multiple primary keys for table "${table.name}"`, parts.at)
    table.primaryKey = { name: 'PRIMARY', columns: parts.columns.map((c) => state.requireColumn(table, c, parts.at).name) }
    for (const c of table.primaryKey.columns) {
      const col = state.findColumn(table, c)
      if (col) col.nullable = false
    }
    return
  }
  if (cur.words('unique')) {
    cur.words('key') || cur.words('index')
    const indexName = cur.isOp('(') || cur.isWord('using') ? undefined : cur.ident('an index name')
    if (cur.words('using')) cur.next()
    const parts = cur.keyParts()
    indexOptions(cur)
    addUnique(state, table, indexName ?? constraintName, parts)
    return
  }
  if (cur.words('foreign', 'key')) {
    const at = cur.peek()?.start ?? state.stmtAt
    if (!cur.isOp('(')) cur.ident('an index name')
    const columns = cur.keyParts().columns.map((c) => state.requireColumn(table, c, at).name)
    const fk = foreignKeyTail(cur, state, constraintName, columns)
    addForeignKey(state, table, fk, at)
    return
  }
  if (cur.words('check')) {
    const toks = cur.group()
    cur.words('not', 'enforced') || cur.words('enforced')
    const x = state.tableExtra(table)
    table.checks.push(makeCheck(state, table, constraintName ?? `CONSTRAINT_${++x.checks}`, toks))
    return
  }
  if (constraintName !== undefined) throw cur.error('expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK')
  if (cur.words('period', 'for')) {
    cur.next()
    cur.skipGroup()
    return
  }
  // INDEX/KEY/FULLTEXT/SPATIAL: not constraints, nothing to model.
  cur.words('fulltext') || cur.words('spatial')
  cur.words('index') || cur.words('key')
  if (!cur.isOp('(') && !cur.isWord('using')) cur.ident('an index name')
  if (cur.words('using')) cur.next()
  cur.keyParts()
  indexOptions(cur)
}

/** Add a UNIQUE key; prefixes and expressions are not modelled (an Issue says so). */
export function addUnique(state: DdlState, table: Table, name: string | undefined, parts: { columns: string[]; prefix: boolean; expression: boolean; at: number }): void {
  const columns = parts.columns.map((c) => state.requireColumn(table, c, parts.at).name)
  const shown = name ?? columns[0] ?? 'unique'
  if (parts.expression) return state.issue('INDEX_EXPRESSION', `unique index ${shown} on ${table.name} uses expressions and is not modelled`, { table: table.name, at: parts.at })
  if (parts.prefix) return state.issue('INDEX_PARTIAL', `unique index ${shown} on ${table.name} covers column prefixes only and is not modelled`, { table: table.name, at: parts.at })
  table.uniques.push({ name: uniqueIndexName(table, name ?? columns[0] ?? 'unique'), columns })
}

/** MariaDB names an unnamed index after its first column, adding `_2`, `_3`, … on a clash. */
function uniqueIndexName(table: Table, base: string): string {
  const used = new Set(table.uniques.map((u) => u.name?.toLowerCase()))
  if (!used.has(base.toLowerCase())) return base
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`
}

/** Queue an FK for resolution at the end of the script (targets may come later, as in dumps). */
export function addForeignKey(state: DdlState, table: Table, fk: ForeignKey, at: number): void {
  if (fk.name === undefined) fk.name = `${table.name}_ibfk_${++state.tableExtra(table).fks}`
  table.foreignKeys.push(fk)
  state.pendingFks.push({ table, fk, at })
}
