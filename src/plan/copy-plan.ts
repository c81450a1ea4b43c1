/**
 * The Plan of a copy (`tdg clone`, and later `tdg export`): the same steps, cycle cuts, fixups and
 * deferrals a seed plan has, over tables whose rows come from a source instead of generators. Every
 * column's generator is `copy`; `runPlan` takes the rows from its `RowSource`. Pure.
 *
 * Rows keep the order the source gives them, so a reference from a row to a later row of the same table
 * (employees.reports_to) is treated like a cycle: a nullable self-FK is written NULL and fixed up by key
 * afterwards, a NOT NULL one is deferred until every row is in.
 */
import type { ColumnPlan, Fixup, Plan, PlanStep } from '../model/plan.js'
import type { SchemaModel, Table } from '../model/schema.js'
import type { Issue } from '../errors.js'
import { tableKey } from './insert-order.js'
import { fixupOrder, fkEdges, resolveFkGraph, type FkEdge } from './fk-graph.js'
import { deferredConstraints } from './deferred-constraints.js'
import { compareNames } from './name-order.js'

/** One table to copy. */
export interface CopyTable {
  /** The table as the target defines it (names, constraints). */
  table: Table
  /** Rows expected (for progress and `tdg plan`); the source decides what is written. */
  rows: number
  /** Columns written, in order (generated columns left out). */
  columns: string[]
  /** Per masked column, its masker kind and the reason (`tdg plan`). */
  masked: Map<string, { kind: string; reason: string }>
}

/** Options of `buildCopyPlan`. */
export interface CopyPlanOptions {
  /** Recorded as Plan.seed (copies draw nothing; masking is keyed, not seeded). Default 0. */
  seed?: number | string
  /** Recorded as Plan.now, epoch seconds. Default now. */
  now?: number
}

/** Steps parents first, with cuts, fixups and deferrals for cycles and self-references. */
export function buildCopyPlan(model: SchemaModel, copies: CopyTable[], opts: CopyPlanOptions = {}): Plan {
  const byKey = new Map(copies.map((c) => [tableKey(c.table), c]))
  const tables = new Map(copies.map((c) => [tableKey(c.table), c.table]))
  const issues: Issue[] = []
  const edges = fkEdges(tables)
  const graph = resolveFkGraph([...tables.keys()], edges, tables)
  for (const e of edges.filter((x) => x.self)) holdSelfReference(e, tables.get(e.child)!, edges, graph)
  const steps: PlanStep[] = graph.order.map((key) => {
    const c = byKey.get(key)!
    const columns: ColumnPlan[] = c.columns.map((name) => {
      const m = c.masked.get(name)
      const cut = [...graph.cut].some((e) => e.child === key && e.fk.columns.includes(name))
      return {
        column: name,
        generator: { kind: 'copy', ...(m ? { masker: m.kind } : {}) },
        pick: { kind: 'row' },
        nullRate: 0,
        unique: false,
        reason: `${m ? m.reason : 'as read'}${cut ? '; NULL, then set by a fixup (cycle cut)' : ''}`,
      }
    })
    return { id: key, table: ref(c.table), rows: c.rows, requestedRows: c.rows, columns, keys: [] }
  })
  const fixups: Fixup[] = []
  for (const e of fixupOrder([...graph.cut].sort((a, b) => compareNames(a.child, b.child) || compareNames(a.group, b.group)))) {
    const t = tables.get(e.child)!
    fixups.push({
      step: e.child,
      table: ref(t),
      group: e.group,
      parent: ref(tables.get(e.parent)!),
      keyColumns: fixupKey(t, edges, e)!,
      columns: e.fk.columns,
      reason: e.self ? `${e.child} references its own rows: written NULL, then set` : `cycle through ${e.child} → ${e.parent} cut at this nullable FK`,
    })
  }
  const deferred = deferredConstraints(graph, steps, edges, tables, model)
  for (const c of copies) {
    for (const fk of c.table.foreignKeys) {
      const parent = tableKey({ schema: fk.references.schema ?? c.table.schema, name: fk.references.table })
      if (!tables.has(parent)) issues.push({ code: 'CLONE_NOTE', message: `${tableKey(c.table)} references ${parent}, which is not copied: its rows must already be in the target`, table: tableKey(c.table) })
    }
  }
  return { version: 1, seed: opts.seed ?? 0, now: opts.now ?? Math.floor(Date.now() / 1000), dialect: model.dialect, steps, fixups, deferred, issues }
}

/** A self-FK: cut (NULL + fixup by key) when nullable and the table has a key to UPDATE by, else deferred. */
function holdSelfReference(e: FkEdge, t: Table, edges: FkEdge[], graph: ReturnType<typeof resolveFkGraph>): void {
  if (e.nullable && fixupKey(t, edges, e)) {
    graph.cut.add(e)
    return
  }
  graph.deferred.add(e)
  if (!e.fk.deferrable) graph.forced.add(e)
  graph.cycles.set(e, [e.child, e.child])
}

/** A PK/UNIQUE of `t` none of whose columns a cut-able FK writes, to UPDATE the fixup by. */
function fixupKey(t: Table, edges: FkEdge[], e: FkEdge): string[] | undefined {
  const cuttable = new Set(edges.filter((x) => x.child === e.child && x.nullable).flatMap((x) => x.fk.columns))
  const sets = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.filter((u) => u.columns.every((c) => !t.columns.find((x) => x.name === c)?.nullable)).map((u) => u.columns)]
  return sets.find((cols) => cols.every((c) => !cuttable.has(c) && !t.columns.find((x) => x.name === c)?.generated))
}

function ref(t: Table): { schema?: string; name: string } {
  return t.schema !== undefined ? { schema: t.schema, name: t.name } : { name: t.name }
}
