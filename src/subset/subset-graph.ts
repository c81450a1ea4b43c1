/**
 * Which tables a subset restricts, and the FK links it follows. A table is restricted ("in the subset")
 * when an FK path in either direction connects it to a named table: the named tables, their descendants
 * (tables with an FK path into them), the ancestors of all of those, and the other children of those
 * ancestors (employee_territories under a pulled-in employees: its rows must drop what references a row
 * that was not kept). Every other table is copied whole: no FK joins it to a restricted one.
 */
import type { SchemaModel, Table } from '../model/schema.js'
import { fkEdges } from '../plan/fk-graph.js'
import { tableKey } from '../plan/insert-order.js'

/** One FK link between two tables of the model, with the columns it joins. */
export interface SubsetEdge {
  child: string
  parent: string
  /** FK columns in the child, in the FK's order. */
  childColumns: string[]
  /** Referenced columns in the parent (its PK or a UNIQUE), same order. */
  parentColumns: string[]
  /** FK id within the child (name or columns), for messages. */
  group: string
}

export interface SubsetGraph {
  tables: Map<string, Table>
  /** Keys of restricted tables. */
  restricted: Set<string>
  /** Every FK link of the model whose both ends are model tables (self-references included). */
  edges: SubsetEdge[]
}

/** The restricted tables for the `named` table keys, and the FK links. */
export function subsetGraph(model: SchemaModel, named: Iterable<string>): SubsetGraph {
  const tables = new Map<string, Table>(model.tables.map((t) => [tableKey(t), t]))
  const edges: SubsetEdge[] = fkEdges(tables).map((e) => {
    const parent = tables.get(e.parent)!
    // `REFERENCES t` without columns means t's primary key.
    const parentColumns = e.fk.references.columns.length > 0 ? e.fk.references.columns : (parent.primaryKey?.columns ?? [])
    return { child: e.child, parent: e.parent, childColumns: e.fk.columns, parentColumns, group: e.group }
  })
  const neighbours = new Map<string, string[]>()
  const link = (a: string, b: string) => neighbours.set(a, [...(neighbours.get(a) ?? []), b])
  for (const e of edges) {
    link(e.child, e.parent)
    link(e.parent, e.child)
  }
  const restricted = new Set<string>()
  const todo = [...named]
  while (todo.length > 0) {
    const k = todo.pop()!
    if (restricted.has(k)) continue
    restricted.add(k)
    for (const n of neighbours.get(k) ?? []) if (!restricted.has(n)) todo.push(n)
  }
  return { tables, restricted, edges }
}
