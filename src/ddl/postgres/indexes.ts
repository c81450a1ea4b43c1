/**
 * CREATE [UNIQUE] INDEX: a plain unique index over columns is a unique key for generation; partial
 * (WHERE) and expression unique indexes cannot be satisfied by construction and become Issues.
 * Non-unique indexes do not constrain data and are ignored.
 */
import type { ColumnRef, FuncCall, IndexElem, IndexStmt, Node, TypeCast } from 'libpg-query'
import { nodeAs, strings } from './ast.js'
import { chooseName } from './names.js'
import type { DdlState } from './state.js'

export function createIndex(state: DdlState, stmt: IndexStmt): void {
  const rel = stmt.relation ?? {}
  const at = rel.location ?? state.stmtAt
  const table = state.requireTable(rel.schemaname, rel.relname ?? '', at)
  const elems = (stmt.indexParams ?? []).map((n) => nodeAs<IndexElem>(n, 'IndexElem') ?? {})
  const columns = elems.map((e) => e.name ?? '')
  const taken = state.names(table.schema ?? 'public')
  const name = stmt.idxname ?? chooseName(table.name, elems.every((e) => e.name) ? columns : ['expr'], 'idx', taken)
  if (stmt.idxname) taken.add(stmt.idxname)
  if (!stmt.unique) return
  if (stmt.whereClause) {
    state.issue('INDEX_PARTIAL', `unique index ${name} on ${table.name} is partial (WHERE …): not enforced by generation`, { table: table.name, at })
    return
  }
  if (elems.some((e) => e.expr !== undefined)) {
    const folded = elems.map((e) => e.name ?? foldedColumn(e.expr))
    if (folded.every((c): c is string => c !== undefined)) {
      for (const c of folded) state.requireColumn(table, c, at)
      ;(table.foldedUniques ??= []).push({ name, columns: folded })
      state.issue('INDEX_EXPRESSION', `unique index ${name} on ${table.name} uses case-folding expressions: generated as unique (${folded.join(', ')})`, { table: table.name, at })
    } else state.issue('INDEX_EXPRESSION', `unique index ${name} on ${table.name} is on an expression: not enforced by generation`, { table: table.name, at })
    return
  }
  for (const c of columns) state.requireColumn(table, c, at)
  table.uniques.push({ name, columns })
}

/** The column of `lower(col)` / `upper(col)` (casts allowed on either side); undefined for other expressions. */
function foldedColumn(expr: Node | undefined): string | undefined {
  const uncast = (n: Node | undefined): Node | undefined => nodeAs<TypeCast>(n, 'TypeCast')?.arg ?? n
  const call = nodeAs<FuncCall>(uncast(expr), 'FuncCall')
  const fn = strings(call?.funcname).at(-1)?.toLowerCase()
  if (!call || (fn !== 'lower' && fn !== 'upper') || call.args?.length !== 1) return undefined
  const fields = strings(nodeAs<ColumnRef>(uncast(call.args[0]), 'ColumnRef')?.fields)
  return fields.length === 1 && fields[0] ? fields[0] : undefined
}
