/**
 * After the last statement: resolve foreign-key targets (dumps declare FKs before the tables they
 * reference exist, with FOREIGN_KEY_CHECKS=0) and check their columns.
 */
import type { SchemaModel, Table } from '../../model/schema.js'
import type { DdlState } from './state.js'

export function finish(state: DdlState): SchemaModel {
  for (const { table, fk, at } of state.pendingFks) {
    if (!state.tables.includes(table) || !table.foreignKeys.includes(fk)) continue
    const ref = fk.references
    const target = state.findTable(ref.table)
    if (!target) throw state.error(`foreign key ${fk.name ?? ''} on table "${table.name}" references table "${ref.table}", which does not exist`, at)
    // One model per database: a `db.` prefix naming the same tables is dropped, like the live catalog does.
    delete ref.schema
    if (ref.columns.length === 0) {
      if (!target.primaryKey) throw state.error(`foreign key ${fk.name ?? ''} on table "${table.name}" names no columns and "${target.name}" has no primary key`, at)
      ref.columns = [...target.primaryKey.columns]
    }
    ref.columns = ref.columns.map((c) => state.requireColumn(target, c, at).name)
    if (ref.columns.length !== fk.columns.length) {
      throw state.error(`foreign key ${fk.name ?? ''} on table "${table.name}": ${fk.columns.length} referencing and ${ref.columns.length} referenced columns`, at)
    }
  }
  // Rebuild each table so keys come out in the model's field order (stable `--json`, as the introspector).
  const tables = state.tables.map(({ name, columns, primaryKey, uniques, foreignKeys, checks, comment }): Table => ({
    name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks,
    ...(comment !== undefined ? { comment } : {}),
  }))
  return { dialect: 'mysql', tables, enums: [], domains: [] }
}
