/** Joining a child row to its FK parent row in memory (both tables read whole). */
import type { Value } from '../model/rows.js'
import type { ForeignKey } from '../model/schema.js'
import type { CheckContext, TableRows } from './types.js'
import { joinKey } from './values.js'

/** A child table's FK with its parent's rows indexed by the referenced columns. */
export interface FkJoin {
  fk: ForeignKey
  parent: TableRows
  /** Positions of the FK columns in the child's rows. */
  childAt: number[]
  /** The parent row a child row points to; `undefined` for NULL FKs and orphans. */
  parentOf(row: Value[]): Value[] | undefined
  /** Index (0-based) of the parent row a child row points to. */
  parentRow(row: Value[]): number | undefined
  /** Index of the parent row (0-based) per join key; every parent row appears once. */
  parentIndex: Map<string, number>
}

/** `schema.name` or `name` of an FK's parent, resolved against the child's schema. */
export function parentKey(t: TableRows, fk: ForeignKey): string {
  const schema = fk.references.schema ?? t.table.schema
  return schema ? `${schema}.${fk.references.table}` : fk.references.table
}

/** The joins of a table's FKs whose parent was read and whose columns are all present. */
export function fkJoins(ctx: CheckContext, t: TableRows): FkJoin[] {
  const out: FkJoin[] = []
  for (const fk of t.table.foreignKeys) {
    const parent = ctx.tables.get(parentKey(t, fk))
    if (!parent) continue
    const refCols = fk.references.columns.length > 0 ? fk.references.columns : (parent.table.primaryKey?.columns ?? [])
    const childAt = fk.columns.map((c) => t.index.get(c))
    const parentAt = refCols.map((c) => parent.index.get(c))
    if (refCols.length !== fk.columns.length || childAt.some((x) => x === undefined) || parentAt.some((x) => x === undefined)) continue
    const parentIndex = new Map<string, number>()
    parent.rows.forEach((r, i) => {
      const k = joinKey(parentAt.map((at) => r[at!]))
      if (k !== undefined && !parentIndex.has(k)) parentIndex.set(k, i)
    })
    const cAt = childAt as number[]
    out.push({
      fk,
      parent,
      childAt: cAt,
      parentIndex,
      parentRow(row) {
        const k = joinKey(cAt.map((at) => row[at]))
        return k === undefined ? undefined : parentIndex.get(k)
      },
      parentOf(row) {
        const i = this.parentRow(row)
        return i === undefined ? undefined : parent.rows[i]
      },
    })
  }
  return out
}
