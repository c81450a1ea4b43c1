/**
 * ALTER TABLE [ONLY] … subcommands that change the model (constraints, defaults, identity, NOT NULL,
 * columns). Subcommands that do not (OWNER TO, storage, triggers, row security, …) become Issues.
 */
import type { AlterTableCmd, AlterTableStmt, ColumnDef, Constraint } from 'libpg-query'
import type { Table } from '../../model/schema.js'
import { nodeAs } from './ast.js'
import { addColumn, setIdentity } from './columns.js'
import { applyConstraint } from './constraints.js'
import { classifyDefaultNode } from './expr.js'
import type { DdlState } from './state.js'
import { resolveType } from './type-name.js'

const MODEL_CMDS = new Set(['AT_AddConstraint', 'AT_ColumnDefault', 'AT_AddIdentity', 'AT_SetNotNull', 'AT_DropNotNull',
  'AT_AddColumn', 'AT_DropColumn', 'AT_DropConstraint', 'AT_AlterColumnType', 'AT_DropIdentity'])

export function alterTable(state: DdlState, stmt: AlterTableStmt): void {
  const rel = stmt.relation ?? {}
  const name = rel.relname ?? ''
  const at = rel.location ?? state.stmtAt
  const cmds = (stmt.cmds ?? []).map((c) => nodeAs<AlterTableCmd>(c, 'AlterTableCmd') ?? {})
  const objKind = (stmt.objtype ?? 'OBJECT_TABLE').replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ')
  const touchesModel = cmds.some((c) => MODEL_CMDS.has(c.subtype ?? ''))
  const table = state.findTable(rel.schemaname, name)
  if (!table) {
    // ALTER on a view/sequence/foreign table spelled as ALTER TABLE, or IF EXISTS: nothing to model.
    if (!touchesModel || stmt.missing_ok || stmt.objtype !== 'OBJECT_TABLE') {
      const what = cmds.map(cmdLabel).join(', ')
      state.issue('DDL_SKIPPED', `ALTER ${objKind.toUpperCase()} ${name} ${what} skipped: not a table in this script`, { at })
      return
    }
    throw state.error(`relation "${rel.schemaname ? `${rel.schemaname}.` : ''}${name}" does not exist`, at)
  }
  for (const cmd of cmds) alterOne(state, table, cmd, at)
}

function alterOne(state: DdlState, table: Table, cmd: AlterTableCmd, at: number): void {
  const col = () => state.requireColumn(table, cmd.name ?? '', at)
  switch (cmd.subtype) {
    case 'AT_AddConstraint': {
      const con = nodeAs<Constraint>(cmd.def, 'Constraint')
      if (con) applyConstraint(state, table, con)
      return
    }
    case 'AT_ColumnDefault': {
      const c = col()
      if (cmd.def) c.default = classifyDefaultNode(state, cmd.def, table.schema ?? 'public')
      else delete c.default
      return
    }
    case 'AT_AddIdentity': {
      const con = nodeAs<Constraint>(cmd.def, 'Constraint')
      if (con) setIdentity(state, table, col(), con)
      return
    }
    case 'AT_DropIdentity': delete col().identity; return
    case 'AT_SetNotNull': col().nullable = false; return
    case 'AT_DropNotNull': col().nullable = true; return
    case 'AT_AddColumn': {
      const def = nodeAs<ColumnDef>(cmd.def, 'ColumnDef')
      if (def && !(cmd.missing_ok && table.columns.some((c) => c.name === def.colname))) addColumn(state, table, def)
      return
    }
    case 'AT_DropColumn': {
      const i = table.columns.findIndex((c) => c.name === cmd.name)
      if (i >= 0) table.columns.splice(i, 1)
      else if (!cmd.missing_ok) col()
      return
    }
    case 'AT_DropConstraint': {
      const n = cmd.name
      if (table.primaryKey?.name === n) delete table.primaryKey
      table.uniques = table.uniques.filter((u) => u.name !== n)
      table.foreignKeys = table.foreignKeys.filter((f) => f.name !== n)
      table.checks = table.checks.filter((c) => c.name !== n)
      return
    }
    case 'AT_AlterColumnType': {
      const def = nodeAs<ColumnDef>(cmd.def, 'ColumnDef')
      if (!def?.typeName) return
      const c = col()
      const r = resolveType(state, def.typeName)
      c.nativeType = r.nativeType
      c.type = r.type
      return
    }
    default:
      state.issue('DDL_SKIPPED', `ALTER TABLE ${table.name} ${cmdLabel(cmd)} skipped`, { table: table.name, at })
  }
}

/** `AT_ChangeOwner` → `OWNER TO`, `AT_EnableRowSecurity` → `EnableRowSecurity`. */
function cmdLabel(cmd: AlterTableCmd): string {
  const what = (cmd.subtype ?? 'AT_?').replace(/^AT_/, '')
  return what === 'ChangeOwner' ? 'OWNER TO' : what
}
