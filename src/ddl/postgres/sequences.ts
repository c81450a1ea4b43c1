/**
 * CREATE SEQUENCE / ALTER SEQUENCE: start, increment and OWNED BY, which (with a `nextval` default on
 * the owning column) is how pg_dump spells a serial column.
 */
import type { AlterSeqStmt, CreateSeqStmt, Node, RangeVar } from 'libpg-query'
import { defElemNumber, defElems, listItems, strings } from './ast.js'
import type { DdlState, SequenceInfo } from './state.js'

function options(state: DdlState, info: SequenceInfo, opts: Node[] | undefined): void {
  for (const d of defElems(opts)) {
    if (d.defname === 'start') info.start = defElemNumber(d)
    else if (d.defname === 'increment') info.increment = defElemNumber(d)
    else if (d.defname === 'owned_by') {
      const parts = strings(listItems(d.arg))
      if (parts.length === 1 && parts[0]?.toLowerCase() === 'none') { delete info.ownedBy; continue }
      const column = parts.pop() ?? ''
      const tableName = parts.pop() ?? ''
      const table = state.requireTable(parts.pop(), tableName, d.location)
      state.requireColumn(table, column, d.location)
      info.ownedBy = { table, column }
    }
  }
}

export function createSequence(state: DdlState, stmt: CreateSeqStmt): void {
  const rel: RangeVar = stmt.sequence ?? {}
  const info: SequenceInfo = { schema: rel.schemaname ?? state.creationSchema, name: rel.relname ?? '' }
  options(state, info, stmt.options)
  state.addSequence(info)
}

export function alterSequence(state: DdlState, stmt: AlterSeqStmt): void {
  const rel: RangeVar = stmt.sequence ?? {}
  const found = state.findSequence(rel.schemaname, rel.relname ?? '')
  if (!found) {
    if (stmt.missing_ok) return
    throw state.error(`relation "${rel.relname ?? ''}" does not exist`, rel.location)
  }
  options(state, found, stmt.options)
}
