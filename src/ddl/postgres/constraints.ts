/**
 * Table constraints — PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK — from CREATE TABLE (inline or table
 * level) and ALTER TABLE … ADD CONSTRAINT alike. Unnamed constraints get PostgreSQL's default names.
 */
import type { Constraint } from 'libpg-query'
import type { FkAction, ForeignKey, Table } from '../../model/schema.js'
import { columnRefs, strings } from './ast.js'
import { checkFromNode } from './expr.js'
import { chooseName } from './names.js'
import type { DdlState } from './state.js'

const FK_ACTIONS: Record<string, FkAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

function schemaOf(t: Table): string {
  return t.schema ?? 'public'
}

/**
 * Apply one constraint to `table`. `column` is set for a column constraint (its implicit key).
 * Returns the ForeignKey created, so that trailing DEFERRABLE / INITIALLY DEFERRED attributes of a
 * column constraint can be applied to it.
 */
export function applyConstraint(state: DdlState, table: Table, con: Constraint, column?: string): ForeignKey | undefined {
  const at = con.location ?? state.stmtAt
  const keys = (list: Parameters<typeof strings>[0]) => {
    const cols = column !== undefined ? [column] : strings(list)
    for (const c of cols) state.requireColumn(table, c, at)
    return cols
  }
  const taken = state.names(schemaOf(table))
  switch (con.contype) {
    case 'CONSTR_PRIMARY': {
      if (con.indexname) return unsupported(state, table, 'PRIMARY KEY USING INDEX', at)
      if (table.primaryKey) throw state.error(`multiple primary keys for table "${table.name}" are not allowed`, at)
      const columns = keys(con.keys)
      for (const c of columns) state.requireColumn(table, c).nullable = false
      table.primaryKey = { name: con.conname ?? chooseName(table.name, [], 'pkey', taken), columns }
      return undefined
    }
    case 'CONSTR_UNIQUE': {
      if (con.indexname) return unsupported(state, table, 'UNIQUE USING INDEX', at)
      const columns = keys(con.keys)
      table.uniques.push({ name: con.conname ?? chooseName(table.name, columns, 'key', taken), columns })
      return undefined
    }
    case 'CONSTR_FOREIGN': {
      const columns = keys(con.fk_attrs)
      const target = con.pktable ?? {}
      const fk: ForeignKey = {
        name: con.conname ?? chooseName(table.name, columns, 'fkey', taken),
        columns,
        references: { table: target.relname ?? '', columns: strings(con.pk_attrs) },
        onDelete: FK_ACTIONS[con.fk_del_action ?? 'a'] ?? 'no action',
        onUpdate: FK_ACTIONS[con.fk_upd_action ?? 'a'] ?? 'no action',
        deferrable: con.deferrable ?? false,
        initiallyDeferred: con.initdeferred ?? false,
      }
      if (target.schemaname) fk.references.schema = target.schemaname
      table.foreignKeys.push(fk)
      state.pendingFks.push({
        table, fk, at: target.location ?? at,
        schemas: target.schemaname ? [target.schemaname] : [...state.searchPath],
      })
      return fk
    }
    case 'CONSTR_CHECK': {
      if (!con.raw_expr) return undefined
      // PostgreSQL names a check after its column only when the expression uses exactly one column.
      const refs = columnRefs(con.raw_expr)
      const name = con.conname ?? chooseName(table.name, refs.length === 1 ? refs : [], 'check', taken)
      const check = checkFromNode(con.raw_expr, name)
      table.checks.push(check)
      if (!check.fullyParsed) {
        state.issue('CHECK_UNPARSED', `CHECK ${name} on ${table.name}: ${check.expression} is not fully understood; generated rows may violate it`, { table: table.name, at })
      }
      return undefined
    }
    case 'CONSTR_NOTNULL': {
      for (const c of keys(con.keys)) state.requireColumn(table, c).nullable = false
      return undefined
    }
    case 'CONSTR_EXCLUSION':
      return unsupported(state, table, 'EXCLUDE constraint', at)
    default:
      return undefined
  }
}

function unsupported(state: DdlState, table: Table, what: string, at: number): undefined {
  state.issue('DDL_UNSUPPORTED', `${what} on table ${table.name} is not modelled`, { table: table.name, at })
  return undefined
}
