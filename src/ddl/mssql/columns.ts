/**
 * A T-SQL column definition → a model Column: data type (built-in or user type), NULL/NOT NULL,
 * IDENTITY(seed, step), computed `AS (…) [PERSISTED]`, COLLATE, ROWGUIDCOL, SPARSE and the inline
 * constraints (named DEFAULT, PRIMARY KEY, UNIQUE, REFERENCES, CHECK).
 */
import type { Column, Table } from '../../model/schema.js'
import { indexOptions, readConstraint } from './constraints.js'
import { captureComputed, captureParens, unwrapOnce } from './expr.js'
import type { MssqlState, UserType } from './state.js'
import { readType } from './type-name.js'

/** Read the column definition at the cursor and add it to `table`. */
export function readColumn(state: MssqlState, table: Table): Column {
  const cur = state.cur
  const at = cur.peek()
  const name = cur.name()
  if (state.findColumn(table, name)) throw cur.error(`column "${name}" specified more than once in table "${table.name}"`, at)
  let column: Column
  let user: UserType | undefined
  if (cur.words('as')) {
    const expression = unwrapOnce(captureComputed(cur))
    const stored = cur.words('persisted')
    // The catalog derives a computed column's type from its expression; a script does not say it.
    column = { name, nativeType: 'computed', type: { kind: 'unknown', native: 'computed' }, nullable: true, generated: { expression, stored } }
  } else {
    const typeAt = cur.peek()
    const ref = readType(cur)
    if (ref.kind === 'builtin') {
      column = { name, nativeType: ref.native, type: state.dialect.toLogicalType(ref.native), nullable: true }
    } else {
      user = state.findUserType(ref.schema, ref.name)
      if (!user) {
        column = { name, nativeType: ref.name, type: { kind: 'unknown', native: ref.name }, nullable: true }
        state.issue('TYPE_UNKNOWN', `column ${table.name}.${name} has type ${ref.name}, which tdg does not know`, typeAt, { table: table.name, column: name })
      } else {
        column = { name, nativeType: user.domain.baseType, type: user.logical, nullable: user.domain.nullable, domain: user.domain.name }
      }
    }
    if (column.nativeType === 'rowversion') {
      // The server writes rowversion itself; like a computed column it is never inserted.
      column.generated = { expression: 'rowversion', stored: true }
    }
    table.columns.push(column)
    columnOptions(state, table, column)
    // A NOT NULL alias type keeps the column NOT NULL, as the live introspector reads it (columnFromRow):
    // tdg then writes no NULLs, right on every server.
    if (user?.domain.nullable === false) column.nullable = false
    if (column.type.kind === 'unknown' && ref.kind === 'builtin') {
      // Nullability is known only after the options (and a later PRIMARY KEY can still make it NOT NULL).
      const what = column.nullable ? 'it is written as NULL (or its default)' : 'it is NOT NULL: give it a DEFAULT or a rule'
      state.issue('TYPE_UNKNOWN', `column ${table.name}.${name} has type ${column.nativeType}, which tdg cannot generate; ${what}`, typeAt, { table: table.name, column: name })
    }
    return column
  }
  table.columns.push(column)
  columnOptions(state, table, column)
  return column
}

/** Everything after the type, in any order, up to `,` or the closing `)`. */
function columnOptions(state: MssqlState, table: Table, column: Column): void {
  const cur = state.cur
  for (;;) {
    if (cur.words('not null')) column.nullable = false
    else if (cur.words('null')) column.nullable = true
    else if (cur.words('identity')) {
      let start = 1
      let increment = 1
      if (cur.isPunct('(')) {
        cur.next()
        start = signedNumber(state)
        cur.expectPunct(',')
        increment = signedNumber(state)
        cur.expectPunct(')')
      }
      cur.words('not for replication')
      // SQL Server rejects explicit values unless IDENTITY_INSERT is on: GENERATED ALWAYS, in model terms.
      column.identity = { kind: 'always', start, increment }
      column.nullable = false
    } else if (cur.words('collate')) cur.name()
    else if (cur.words('rowguidcol') || cur.words('sparse') || cur.words('filestream') || cur.words('hidden') || cur.words('not for replication')) continue
    else if (cur.words('persisted')) {
      if (column.generated) column.generated.stored = true
    } else if (cur.words('generated always as row')) {
      cur.words('start') || cur.words('end')
      cur.words('hidden')
      // Temporal period columns are filled by the server.
      column.generated = { expression: 'system time', stored: true }
    } else if (cur.words('masked with') || cur.words('encrypted with')) captureParens(cur)
    else if (cur.isWord('index') && !cur.isWord('constraint')) {
      // Inline index (SQL Server 2014+): non-unique, nothing to model.
      cur.next()
      cur.name()
      cur.words('clustered') || cur.words('nonclustered')
      cur.words('hash')
      indexOptions(cur)
    } else if (!readConstraint(state, table, column.name)) return
  }
}

function signedNumber(state: MssqlState): number {
  const cur = state.cur
  const neg = cur.peek()?.kind === 'op' && cur.peek()?.value === '-'
  if (neg) cur.next()
  const t = cur.next()
  if (t?.kind !== 'num') throw cur.syntaxError(t)
  return neg ? -Number(t.value) : Number(t.value)
}
