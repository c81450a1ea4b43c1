/**
 * Statements that change how later names resolve (SET search_path, pg_dump's
 * `SELECT pg_catalog.set_config('search_path', '', false)`) or remove objects (DROP).
 */
import type { A_Const, DropStmt, FuncCall, Node, ResTarget, SelectStmt, VariableSetStmt } from 'libpg-query'
import { constValue, listItems, nodeAs, strings } from './ast.js'
import type { DdlState } from './state.js'

/** search_path text → schemas, `$user` and quotes dropped. */
function schemasOf(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().replace(/^"(.*)"$/, '$1'))
    .filter((v) => v !== '' && v !== '$user')
}

/** SET …: only search_path matters to the model; other settings are ignored silently. */
export function setVariable(state: DdlState, stmt: VariableSetStmt): void {
  if (stmt.name?.toLowerCase() !== 'search_path') return
  if (stmt.kind === 'VAR_SET_DEFAULT' || stmt.kind === 'VAR_RESET' || stmt.kind === 'VAR_RESET_ALL') {
    state.searchPath = ['public']
    return
  }
  const values = (stmt.args ?? []).map((a) => {
    const c = nodeAs<A_Const>(a, 'A_Const')
    return c ? String(constValue(c) ?? '') : ''
  })
  state.searchPath = schemasOf(values)
}

/** A SELECT is handled only when it is set_config('search_path', …); true when it was recognised. */
export function selectStatement(state: DdlState, stmt: SelectStmt): boolean {
  const targets = (stmt.targetList ?? []).map((t) => nodeAs<ResTarget>(t, 'ResTarget'))
  if (targets.length !== 1) return false
  const call = nodeAs<FuncCall>(targets[0]?.val, 'FuncCall')
  const fn = strings(call?.funcname).pop()
  const args = (call?.args ?? []).map((a: Node) => nodeAs<A_Const>(a, 'A_Const'))
  if (fn === 'setval') return true
  if (fn !== 'set_config' || !args[0] || !args[1]) return false
  if (constValue(args[0]) === 'search_path') state.searchPath = schemasOf([String(constValue(args[1]) ?? '')])
  return true
}

/** DROP TABLE / TYPE / DOMAIN / SEQUENCE removes from the model; other drops are skipped. */
export function dropStatement(state: DdlState, stmt: DropStmt): void {
  const kind = stmt.removeType
  for (const obj of stmt.objects ?? []) {
    const parts = nodeAs(obj, 'List') ? strings(listItems(obj)) : strings(nodeAs<{ names?: Node[] }>(obj, 'TypeName')?.names)
    const name = parts.pop() ?? ''
    const schema = parts.pop()
    if (kind === 'OBJECT_TABLE') {
      const t = state.findTable(schema, name)
      if (t) state.tables.splice(state.tables.indexOf(t), 1)
    } else if (kind === 'OBJECT_TYPE' || kind === 'OBJECT_DOMAIN') {
      const e = state.findEnum(schema, name)
      if (e) state.enums.splice(state.enums.indexOf(e), 1)
      const d = state.findDomain(schema, name)
      if (d) state.domains.delete(`${d.domain.schema}.${d.domain.name}`)
    } else if (kind === 'OBJECT_SEQUENCE') {
      const s = state.findSequence(schema, name)
      if (s) state.sequences.delete(`${s.schema}.${s.name}`)
    } else {
      const what = (kind ?? '').replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ')
      state.issue('DDL_SKIPPED', `DROP ${what.toUpperCase()} ${name} skipped`)
    }
  }
}
