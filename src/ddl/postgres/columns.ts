/**
 * A column definition (CREATE TABLE or ALTER TABLE … ADD COLUMN) → a model Column, with its inline
 * constraints: NULL/NOT NULL, DEFAULT, identity, generated, and keys/checks applied to the table.
 */
import type { ColumnDef, Constraint } from 'libpg-query'
import type { Column, ColumnIdentity, ForeignKey, Table } from '../../model/schema.js'
import { defElemNumber, defElems, listItems, nodeAs, strings } from './ast.js'
import { applyConstraint } from './constraints.js'
import { classifyDefaultNode, exprSql } from './expr.js'
import { displaySequence } from './names.js'
import type { DdlState } from './state.js'
import { resolveType } from './type-name.js'

/** Add the column `def` to `table`, applying its inline constraints. */
export function addColumn(state: DdlState, table: Table, def: ColumnDef): Column {
  const name = def.colname ?? ''
  const at = def.location ?? state.stmtAt
  if (table.columns.some((c) => c.name === name)) throw state.error(`column "${name}" specified more than once`, at)
  if (!def.typeName) throw state.error(`column "${name}" has no type`, at)
  const resolved = resolveType(state, def.typeName)
  const column: Column = { name, nativeType: resolved.nativeType, type: resolved.type, nullable: true }
  if (resolved.domain !== undefined) column.domain = resolved.domain
  if (resolved.domainNotNull) column.nullable = false
  if (resolved.unknown) {
    state.issue('TYPE_UNKNOWN', `column ${table.name}.${name} has type ${resolved.nativeType}, which tdg does not know`, { table: table.name, column: name, at })
  }
  table.columns.push(column)
  const schema = table.schema ?? 'public'
  if (resolved.serial) {
    // serial = integer NOT NULL DEFAULT nextval('<table>_<col>_seq') with a sequence owned by the column.
    const seq = state.addSequence({ schema, name: `${table.name}_${name}_seq`, start: 1, increment: 1, ownedBy: { table, column: name } })
    column.nullable = false
    column.default = { kind: 'sequence', sequence: displaySequence(schema, seq.name, schema) }
  }
  let lastFk: ForeignKey | undefined
  for (const node of def.constraints ?? []) {
    const con = nodeAs<Constraint>(node, 'Constraint')
    if (!con) continue
    switch (con.contype) {
      case 'CONSTR_NULL': column.nullable = true; break
      case 'CONSTR_NOTNULL': column.nullable = false; break
      case 'CONSTR_DEFAULT':
        if (con.raw_expr) column.default = classifyDefaultNode(state, con.raw_expr, schema)
        break
      case 'CONSTR_IDENTITY':
        setIdentity(state, table, column, con)
        break
      case 'CONSTR_GENERATED':
        if (con.raw_expr) column.generated = { expression: exprSql(con.raw_expr), stored: con.generated_kind !== 'v' }
        break
      case 'CONSTR_ATTR_DEFERRABLE': if (lastFk) lastFk.deferrable = true; break
      case 'CONSTR_ATTR_NOT_DEFERRABLE': if (lastFk) lastFk.deferrable = false; break
      case 'CONSTR_ATTR_DEFERRED': if (lastFk) { lastFk.initiallyDeferred = true; lastFk.deferrable = true } break
      case 'CONSTR_ATTR_IMMEDIATE': if (lastFk) lastFk.initiallyDeferred = false; break
      default:
        lastFk = applyConstraint(state, table, con, name) ?? lastFk
    }
  }
  return column
}

/**
 * GENERATED ALWAYS|BY DEFAULT AS IDENTITY [(SEQUENCE NAME s START WITH n INCREMENT BY m …)]:
 * identity columns are NOT NULL and have no default; the sequence defaults to `<table>_<col>_seq`.
 */
export function setIdentity(state: DdlState, table: Table, column: Column, con: Constraint): void {
  const schema = table.schema ?? 'public'
  let seqSchema = schema
  let seqName = `${table.name}_${column.name}_seq`
  let start: number | undefined
  let increment = 1
  for (const d of defElems(con.options)) {
    if (d.defname === 'sequence_name') {
      const parts = strings(listItems(d.arg))
      seqName = parts.pop() ?? seqName
      seqSchema = parts.pop() ?? seqSchema
    } else if (d.defname === 'start') start = defElemNumber(d)
    else if (d.defname === 'increment') increment = defElemNumber(d) ?? 1
  }
  state.addSequence({ schema: seqSchema, name: seqName, start, increment, ownedBy: { table, column: column.name } })
  const identity: ColumnIdentity = {
    kind: con.generated_when === 'd' ? 'by-default' : 'always',
    sequence: seqSchema === schema ? seqName : `${seqSchema}.${seqName}`,
    start: start ?? (increment < 0 ? -1 : 1),
    increment,
  }
  column.identity = identity
  column.nullable = false
  delete column.default
}
