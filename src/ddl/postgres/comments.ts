/** COMMENT ON TABLE / COLUMN → `comment` in the model; comments on other objects are skipped. */
import type { CommentStmt } from 'libpg-query'
import { listItems, strings } from './ast.js'
import type { DdlState } from './state.js'

export function comment(state: DdlState, stmt: CommentStmt): void {
  const parts = strings(listItems(stmt.object))
  const text = stmt.comment
  if (stmt.objtype === 'OBJECT_TABLE') {
    const name = parts.pop() ?? ''
    const table = state.requireTable(parts.pop(), name)
    if (text === undefined) delete table.comment
    else table.comment = text
  } else if (stmt.objtype === 'OBJECT_COLUMN') {
    const columnName = parts.pop() ?? ''
    const name = parts.pop() ?? ''
    const column = state.requireColumn(state.requireTable(parts.pop(), name), columnName)
    if (text === undefined) delete column.comment
    else column.comment = text
  } else {
    const kind = (stmt.objtype ?? '').replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ')
    state.issue('DDL_SKIPPED', `COMMENT ON ${kind.toUpperCase()} skipped`)
  }
}
