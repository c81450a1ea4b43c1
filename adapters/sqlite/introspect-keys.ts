/**
 * Unique constraints and foreign keys of one SQLite table, from index_list/index_info and
 * foreign_key_list, completed with names and deferrability read from the CREATE TABLE text.
 */
import type BetterSqlite3 from 'better-sqlite3'
import type { Issue } from '../../src/errors.js'
import type { FkAction, ForeignKey, Table, UniqueConstraint } from '../../src/model/schema.js'
import { foreignKeyList, indexInfo, type ForeignKeyRow, type IndexListRow } from './catalog.js'
import type { CreateTableFacts, TextForeignKey } from './create-table-text.js'
import { sameColumns } from './names.js'

const FK_ACTIONS: Record<string, FkAction> = {
  'NO ACTION': 'no action', RESTRICT: 'restrict', CASCADE: 'cascade', 'SET NULL': 'set null', 'SET DEFAULT': 'set default',
}

/**
 * Unique constraints and unique indexes, in creation order. The PK's own index is left out, as is any
 * unique whose columns repeat the PK or an earlier unique. Partial and expression unique indexes cannot be
 * modelled as column lists: each gives an Issue (INDEX_PARTIAL / INDEX_EXPRESSION) and is left out.
 */
export function readUniques(db: BetterSqlite3.Database, table: Table, indexes: IndexListRow[], facts: CreateTableFacts, issues: Issue[]): UniqueConstraint[] {
  const out: UniqueConstraint[] = []
  const seen: string[][] = table.primaryKey ? [table.primaryKey.columns] : []
  for (const ix of indexes) {
    if (ix.unique !== 1 || ix.origin === 'pk') continue
    const info = indexInfo(db, ix.name)
    if (ix.partial === 1) {
      issues.push({ code: 'INDEX_PARTIAL', message: `partial unique index ${ix.name} on ${table.name} is not modelled; generated rows may violate it`, table: table.name })
      continue
    }
    if (info.some((c) => c.cid === -2 || c.name === null)) {
      issues.push({ code: 'INDEX_EXPRESSION', message: `unique index ${ix.name} on ${table.name} uses an expression and is not modelled; generated rows may violate it`, table: table.name })
      continue
    }
    const columns = info.map((c) => c.name as string)
    if (seen.some((s) => sameColumns(s, columns))) continue
    seen.push(columns)
    // Constraint autoindexes carry internal names; the constraint's own name (if any) is in the text.
    const name = ix.origin === 'u'
      ? facts.keyNames.find((k) => k.kind === 'unique' && sameColumns(k.columns, columns))?.name
      : ix.name
    out.push({ ...(name !== undefined && { name }), columns })
  }
  return out
}

/**
 * Foreign keys in declaration order (SQLite numbers them newest first). A REFERENCES clause without
 * columns means the parent's primary key. A parent that does not exist, or a column-less reference to a
 * parent without a primary key, gives FK_UNRESOLVED and the key is left out: no row could satisfy it.
 */
export function readForeignKeys(
  db: BetterSqlite3.Database,
  tableName: string,
  facts: CreateTableFacts,
  tables: Map<string, string>,
  pks: Map<string, string[]>,
  issues: Issue[],
): ForeignKey[] {
  const groups = new Map<number, ForeignKeyRow[]>()
  for (const r of foreignKeyList(db, tableName)) {
    const g = groups.get(r.id) ?? []
    g.push(r)
    groups.set(r.id, g)
  }
  const textFks = [...facts.foreignKeys]
  const out: ForeignKey[] = []
  for (const id of [...groups.keys()].sort((a, b) => b - a)) {
    const rows = (groups.get(id) as ForeignKeyRow[]).sort((a, b) => a.seq - b.seq)
    const first = rows[0] as ForeignKeyRow
    const columns = rows.map((r) => r.from)
    const text = takeText(textFks, columns, first.table)
    const parent = tables.get(first.table.toLowerCase())
    const parentPk = pks.get(first.table.toLowerCase()) ?? []
    const refColumns = rows.every((r) => r.to !== null) ? rows.map((r) => r.to as string) : parentPk
    const label = `foreign key ${tableName}(${columns.join(', ')}) → ${first.table}`
    if (parent === undefined) {
      // Kept in the model (SQLite accepts it): the planner writes NULL into it, or refuses when NOT NULL.
      issues.push({ code: 'FK_UNRESOLVED', message: `${label}: table ${first.table} does not exist`, table: tableName })
      out.push({
        ...(text?.name !== undefined && { name: text.name }),
        columns,
        references: { table: first.table, columns: rows.every((r) => r.to !== null) ? rows.map((r) => r.to as string) : columns },
        onDelete: FK_ACTIONS[first.on_delete.toUpperCase()] ?? 'no action',
        onUpdate: FK_ACTIONS[first.on_update.toUpperCase()] ?? 'no action',
        deferrable: text?.deferrable ?? false,
        initiallyDeferred: text?.initiallyDeferred ?? false,
      })
      continue
    }
    if (refColumns.length !== columns.length) {
      issues.push({ code: 'FK_UNRESOLVED', message: `${label}: the parent has no primary key matching ${columns.length} column(s); the key is ignored`, table: tableName })
      continue
    }
    out.push({
      ...(text?.name !== undefined && { name: text.name }),
      columns,
      references: { table: parent, columns: refColumns },
      onDelete: FK_ACTIONS[first.on_delete.toUpperCase()] ?? 'no action',
      onUpdate: FK_ACTIONS[first.on_update.toUpperCase()] ?? 'no action',
      deferrable: text?.deferrable ?? false,
      initiallyDeferred: text?.initiallyDeferred ?? false,
    })
  }
  return out
}

/** Remove and return the first text FK with these child columns and parent table. */
function takeText(list: TextForeignKey[], columns: string[], table: string): TextForeignKey | undefined {
  const i = list.findIndex((f) => sameColumns(f.columns, columns) && f.table.toLowerCase() === table.toLowerCase())
  return i < 0 ? undefined : list.splice(i, 1)[0]
}
