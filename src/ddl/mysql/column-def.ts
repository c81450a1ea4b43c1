/**
 * One column definition of CREATE TABLE / ALTER TABLE ADD|MODIFY|CHANGE: the type (canonicalised by
 * the dialect hook), NULL/NOT NULL, DEFAULT, AUTO_INCREMENT, inline PRIMARY KEY / UNIQUE / CHECK /
 * REFERENCES, generated columns (`[GENERATED ALWAYS] AS (…) VIRTUAL|STORED|PERSISTENT`), COMMENT, and
 * attributes tdg does not model (CHARACTER SET, COLLATE, ON UPDATE CURRENT_TIMESTAMP, INVISIBLE, …).
 */
import type { CheckConstraint, Column, ForeignKey, Table } from '../../model/schema.js'
import type { Cursor } from './cursor.js'
import type { Tok } from './lexer.js'
import type { DdlState } from './state.js'
import { renderExpression } from './expression.js'
import { foreignKeyTail, makeCheck } from './table-elements.js'

/** Words that start the next column attribute (they end a DEFAULT expression). */
const ATTRIBUTE_WORDS = new Set([
  'not', 'null', 'default', 'auto_increment', 'unique', 'primary', 'key', 'comment', 'collate', 'character', 'charset',
  'on', 'generated', 'as', 'virtual', 'stored', 'persistent', 'references', 'check', 'constraint', 'invisible', 'visible',
  'column_format', 'storage', 'srid', 'with', 'without', 'engine_attribute', 'secondary_engine_attribute', 'serial',
  // ALTER TABLE … ADD col … FIRST | AFTER other
  'first', 'after',
])

/** Two-word type names. */
const TYPE_SECOND = new Map<string, string[]>([
  ['double', ['precision']],
  ['character', ['varying']],
  ['char', ['varying']],
  ['national', ['char', 'character', 'varchar']],
  ['long', ['varchar', 'varbinary']],
])

export interface ColumnResult {
  column: Column
  primaryKey: boolean
  unique: boolean
  checks: CheckConstraint[]
  fk?: ForeignKey
  fkAt?: number
}

/** Read `name type attrs…` at the cursor for `table`. */
export function columnDefinition(cur: Cursor, state: DdlState, table: Table): ColumnResult {
  const nameTok = cur.peek()
  const name = cur.ident('a column name')
  const { text: typeText, serial } = typeName(cur)
  const nativeRaw = state.hooks.canonicalType(typeText)
  let nativeType = nativeRaw
  let notNull = serial
  let primaryKey = false
  let unique = serial
  let autoIncrement = serial
  let defaultToks: Tok[] | undefined
  let generated: { expression: string; stored: boolean } | undefined
  let comment: string | undefined
  let fk: ForeignKey | undefined
  let fkAt: number | undefined
  const checks: CheckConstraint[] = []
  let jsonValid = false
  for (;;) {
    if (cur.words('not', 'null')) notNull = true
    else if (cur.words('null')) notNull = false
    else if (cur.words('default')) defaultToks = defaultTokens(cur)
    else if (cur.words('auto_increment')) autoIncrement = true
    else if (cur.words('primary', 'key') || cur.words('key')) primaryKey = true
    else if (cur.words('unique')) {
      cur.words('key')
      unique = true
    } else if (cur.words('comment')) comment = cur.ident('a comment string')
    else if (cur.words('collate')) cur.ident('a collation')
    else if (cur.words('character', 'set') || cur.words('charset')) cur.ident('a character set')
    else if (cur.words('on', 'update')) {
      cur.ident('CURRENT_TIMESTAMP')
      if (cur.isOp('(')) cur.skipGroup()
    } else if (cur.isWord('generated') || cur.isWord('as')) {
      if (cur.words('generated')) cur.expectWords('always')
      cur.expectWords('as')
      const toks = cur.group()
      const stored = cur.words('stored') || cur.words('persistent')
      if (!stored) cur.words('virtual')
      generated = { expression: renderExpression(toks), stored }
    } else if (cur.isWord('constraint') || cur.isWord('check')) {
      let checkName: string | undefined
      if (cur.words('constraint')) checkName = cur.isWord('check') ? undefined : cur.ident('a constraint name')
      cur.expectWords('check')
      const toks = cur.group()
      skipEnforced(cur)
      if (isJsonValid(toks, name)) jsonValid = true
      // MariaDB names a column-level CHECK after its column.
      else checks.push(makeCheck(state, table, checkName ?? name, toks))
    } else if (cur.isWord('references')) {
      fkAt = cur.peek()?.start
      fk = foreignKeyTail(cur, state, undefined, [name])
    } else if (cur.words('invisible') || cur.words('visible')) continue
    else if (cur.words('column_format') || cur.words('storage')) cur.next()
    else if (cur.words('srid')) cur.next()
    else if (cur.words('with', 'system', 'versioning') || cur.words('without', 'system', 'versioning')) continue
    else if (cur.words('engine_attribute') || cur.words('secondary_engine_attribute')) {
      cur.op('=')
      cur.next()
    } else break
  }
  // MariaDB's JSON is LONGTEXT + CHECK (json_valid(col)); a column CHECK of the user's replaces that one
  // (the column reads back as plain longtext), and longtext + json_valid reads back as json.
  if (nativeType === 'json' && checks.length > 0 && !jsonValid) nativeType = 'longtext'
  else if (jsonValid && (nativeType === 'longtext' || nativeType === 'json')) nativeType = 'json'
  else if (jsonValid) checks.push(makeCheck(state, table, name, [...jsonValidToks(name)]))
  const type = state.hooks.dialect.toLogicalType(nativeType)
  if (type.kind === 'unknown') {
    state.issue('TYPE_UNKNOWN', `type ${nativeType} of ${table.name}.${name} is not known; the column is written as NULL or its default`, { table: table.name, column: name, at: nameTok?.start })
  }
  const column: Column = { name, nativeType, type, nullable: !(notNull || primaryKey) }
  if (generated) column.generated = generated
  else if (autoIncrement) column.identity = { kind: 'autoincrement' }
  else if (defaultToks) {
    const def = state.hooks.columnDefault(renderExpression(defaultToks), type)
    if (def) column.default = def
  }
  if (comment !== undefined && comment !== '') column.comment = comment
  return { column, primaryKey, unique, checks, ...(fk ? { fk, fkAt } : {}) }
}

/** `[NOT] ENFORCED` after a CHECK (MySQL 8). */
export function skipEnforced(cur: Cursor): void {
  cur.words('not', 'enforced') || cur.words('enforced')
}

/** The tokens of a DEFAULT value: `(expr)`, a signed literal, or an expression up to the next attribute. */
function defaultTokens(cur: Cursor): Tok[] {
  if (cur.isOp('(')) return cur.group()
  if (cur.isWord('null')) return [cur.next() as Tok]
  const toks = cur.until(ATTRIBUTE_WORDS)
  if (toks.length === 0) throw cur.error('expected a default value')
  return toks
}

/**
 * The type at the cursor as text (`varchar(40)`, `int(10) unsigned zerofill`, `enum('a','b')`), with
 * CHARACTER SET/COLLATE/BINARY modifiers read and dropped. `SERIAL` is BIGINT UNSIGNED NOT NULL
 * AUTO_INCREMENT UNIQUE.
 */
function typeName(cur: Cursor): { text: string; serial: boolean } {
  const first = cur.peek()
  if (!first || first.t !== 'word') throw cur.error('expected a data type')
  cur.next()
  let name = first.v.toLowerCase()
  if (name === 'serial') return { text: 'bigint unsigned', serial: true }
  const seconds = TYPE_SECOND.get(name)
  const second = cur.peek()
  if (seconds && second?.t === 'word' && seconds.includes(second.v.toLowerCase())) {
    cur.next()
    name = `${name} ${second.v.toLowerCase()}`
    if (cur.isWord('varying')) {
      cur.next()
      name += ' varying'
    }
  }
  let args = ''
  if (cur.isOp('(')) {
    const inner = cur.group()
    const close = cur.toks[cur.pos - 1] as Tok
    if (name === 'enum' || name === 'set') {
      // Labels are string literals separated by commas; anything else is a syntax error at that token.
      const bad = inner.find((t, i) => (i % 2 === 0 ? t.t !== 'str' : !(t.t === 'op' && t.v === ',')))
      if (bad || inner.length % 2 === 0) {
        cur.pos = cur.toks.indexOf(bad ?? close)
        throw cur.error(`expected a quoted ${name.toUpperCase()} value`)
      }
    } else {
      // Length/precision: whole numbers separated by commas, as the server's grammar has them; `DECIMAL(10,)`,
      // `DECIMAL(,2)` and `VARCHAR()` are syntax errors there, so they are here, at the offending token.
      const bad = inner.find((t, i) => (i % 2 === 0 ? !(t.t === 'num' && /^\d+$/.test(t.v)) : !(t.t === 'op' && t.v === ',')))
      if (bad || inner.length % 2 === 0) {
        cur.pos = cur.toks.indexOf(bad ?? close)
        throw cur.error(`expected a number in ${name.toUpperCase()}(…)`)
      }
    }
    args = name === 'enum' || name === 'set'
      ? `(${inner.filter((t) => t.t === 'str').map((t) => `'${t.v.replace(/'/g, "''")}'`).join(',')})`
      : `(${inner.map((t) => t.v).join('')})`
  }
  const attrs: string[] = []
  for (;;) {
    if (cur.words('unsigned')) attrs.push('unsigned')
    else if (cur.words('signed')) continue
    else if (cur.words('zerofill')) attrs.push('zerofill')
    else if (cur.words('binary') || cur.words('ascii') || cur.words('unicode') || cur.words('byte')) continue
    else if (cur.words('character', 'set') || cur.words('charset')) cur.ident('a character set')
    else if (cur.words('collate')) cur.ident('a collation')
    else break
  }
  return { text: `${name}${args}${attrs.map((a) => ` ${a}`).join('')}`, serial: false }
}

/** True for the tokens of `json_valid(col)` on this column. */
function isJsonValid(toks: Tok[], column: string): boolean {
  return /^json_valid\(`([^`]|``)+`\)$/i.test(renderExpression(toks)) && toks.length === 4 && toks[2]?.v.toLowerCase() === column.toLowerCase()
}

/** Tokens of `json_valid(col)`, for a json_valid CHECK kept on a non-text column. */
function jsonValidToks(column: string): Tok[] {
  return [
    { t: 'word', v: 'json_valid', start: 0, end: 0 },
    { t: 'op', v: '(', start: 0, end: 0 },
    { t: 'qident', v: column, start: 0, end: 0 },
    { t: 'op', v: ')', start: 0, end: 0 },
  ]
}
