/**
 * CREATE TABLE: columns in declaration order, then table constraints (which may name columns declared
 * after them). Partitions, inheritance and typed tables are outside the model: recorded as Issues.
 */
import type { ColumnDef, Constraint, CreateStmt, TableLikeClause } from 'libpg-query'
import type { Table } from '../../model/schema.js'
import { nodeAs, nodeType } from './ast.js'
import { addColumn } from './columns.js'
import { applyConstraint } from './constraints.js'
import type { DdlState } from './state.js'

export function createTable(state: DdlState, stmt: CreateStmt): void {
  const rel = stmt.relation ?? {}
  const name = rel.relname ?? ''
  const at = rel.location ?? state.stmtAt
  if (rel.relpersistence === 't') {
    state.issue('OBJECT_SKIPPED', `temporary table ${name} skipped`, { table: name, at })
    return
  }
  if (stmt.partbound) {
    state.issue('DDL_UNSUPPORTED', `partition ${name} skipped: partitions are not modelled (rows go through the parent table)`, { table: name, at })
    return
  }
  if (stmt.ofTypename) {
    state.issue('DDL_UNSUPPORTED', `typed table ${name} (OF type) skipped`, { table: name, at })
    return
  }
  const schema = rel.schemaname ?? state.creationSchema
  if (state.tables.some((t) => t.schema === schema && t.name === name)) {
    if (stmt.if_not_exists) return
    throw state.error(`relation "${name}" already exists`, at)
  }
  const table: Table = { schema, name, columns: [], uniques: [], foreignKeys: [], checks: [] }
  state.tables.push(table)

  for (const parentNode of stmt.inhRelations ?? []) {
    const parent = nodeAs<{ schemaname?: string; relname?: string; location?: number }>(parentNode, 'RangeVar')
    const p = state.requireTable(parent?.schemaname, parent?.relname ?? '', parent?.location ?? at)
    // Inherited columns come first, as in PostgreSQL; constraints other than NOT NULL/CHECK are not inherited.
    for (const c of p.columns) table.columns.push({ ...c })
    table.checks.push(...p.checks)
    state.issue('DDL_UNSUPPORTED', `table ${name} inherits from ${p.name}: rows written to the parent are not seen in the child`, { table: name, at })
  }
  if (stmt.partspec) {
    state.issue('DDL_UNSUPPORTED', `table ${name} is partitioned: partition bounds are not modelled, rows must fall into an existing partition`, { table: name, at })
  }

  const tableConstraints: Constraint[] = []
  for (const elt of stmt.tableElts ?? []) {
    const kind = nodeType(elt)
    if (kind === 'ColumnDef') addColumn(state, table, nodeAs<ColumnDef>(elt, 'ColumnDef') ?? {})
    else if (kind === 'Constraint') tableConstraints.push(nodeAs<Constraint>(elt, 'Constraint') ?? {})
    else if (kind === 'TableLikeClause') copyLike(state, table, nodeAs<TableLikeClause>(elt, 'TableLikeClause') ?? {})
  }
  for (const con of tableConstraints) applyConstraint(state, table, con)
}

/** LIKE other: columns with their types and NOT NULL (PostgreSQL's default INCLUDING nothing). */
function copyLike(state: DdlState, table: Table, like: TableLikeClause): void {
  const src = state.requireTable(like.relation?.schemaname, like.relation?.relname ?? '', like.relation?.location)
  for (const c of src.columns) {
    const { default: _d, identity: _i, generated: _g, comment: _c, ...rest } = c
    table.columns.push(rest)
  }
  if (like.options) state.issue('DDL_UNSUPPORTED', `LIKE ${src.name} INCLUDING … options are ignored for table ${table.name}`, { table: table.name })
}
