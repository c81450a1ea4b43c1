/**
 * The deferred FKs of a plan: the links that break NOT NULL cycles (from the FK graph) and the same-row
 * self-references, each as the writers need it to defer and verify.
 */
import type { DeferredConstraint, ForeignKeyCheck, PlanStep } from '../model/plan.js'
import type { ForeignKey, SchemaModel, Table } from '../model/schema.js'
import type { FkEdge, FkResolution } from './fk-graph.js'
import { tableKey } from './insert-order.js'
import { compareNames } from './name-order.js'

/** Cycle links sorted by child and FK (with what a forced one must verify), then same-row self-references. */
export function deferredConstraints(
  graph: Pick<FkResolution, 'deferred' | 'forced' | 'cycles'>,
  steps: PlanStep[],
  edges: FkEdge[],
  tables: Map<string, Table>,
  model: SchemaModel,
): DeferredConstraint[] {
  const { deferred, forced, cycles } = graph
  const deferredList: DeferredConstraint[] = [...deferred]
    .sort((a, b) => compareNames(a.child, b.child) || compareNames(a.group, b.group))
    .map((e) => {
      const child = tables.get(e.child)!
      const d: DeferredConstraint = { ...fkCheck(child, e.fk), step: e.child, cycle: cycles.get(e)!, ...(e.nullable ? { nullable: true } : {}) }
      if (forced.has(e)) {
        d.forced = true
        d.siblings = child.foreignKeys.filter((fk) => fk !== e.fk).map((fk) => fkCheck(child, fk))
        d.outsideReferences = outsideReferences(model, tables)
      }
      return d
    })
  return [...deferredList, ...sameRowReferences(steps, edges, tables, model)]
}

/**
 * NOT NULL self-FKs to a UNIQUE other than the primary key: their rows may point to themselves, which a
 * database checking each index as it writes it can refuse (see `DeferredConstraint.sameRow`).
 */
function sameRowReferences(steps: PlanStep[], edges: FkEdge[], tables: Map<string, Table>, model: SchemaModel): DeferredConstraint[] {
  const out: DeferredConstraint[] = []
  for (const e of edges) {
    if (!e.self) continue
    const col = steps.find((s) => s.id === e.child)?.columns.find((c) => c.column === e.fk.columns[0])
    if (!col || col.generator.kind !== 'fk' || !col.generator.self || col.generator.nullable) continue
    const t = tables.get(e.child)!
    const pk = t.primaryKey?.columns ?? []
    const refs = e.fk.references.columns
    if (refs.length === pk.length && refs.every((c) => pk.includes(c))) continue
    const siblings = t.foreignKeys.filter((fk) => fk !== e.fk).map((fk) => fkCheck(t, fk))
    out.push({ ...fkCheck(t, e.fk), step: e.child, cycle: [e.child, e.child], forced: true, sameRow: true, siblings, outsideReferences: outsideReferences(model, tables) })
  }
  return out
}

/** FKs of the model's tables outside the plan that point at planned tables. */
function outsideReferences(model: SchemaModel, tables: Map<string, Table>): ForeignKeyCheck[] {
  const out: ForeignKeyCheck[] = []
  for (const t of model.tables) {
    if (tables.has(tableKey(t))) continue
    for (const fk of t.foreignKeys) if (tables.has(tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table }))) out.push(fkCheck(t, fk))
  }
  return out
}

/** An FK of `t` as the plan states it for writers that verify it. */
function fkCheck(t: Table, fk: ForeignKey): ForeignKeyCheck {
  const parentSchema = fk.references.schema ?? t.schema
  return {
    ...(fk.name ? { constraint: fk.name } : {}),
    table: ref(t),
    columns: fk.columns,
    parent: parentSchema === undefined ? { name: fk.references.table } : { schema: parentSchema, name: fk.references.table },
    parentColumns: fk.references.columns,
  }
}

function ref(t: Table) {
  return t.schema === undefined ? { name: t.name } : { schema: t.schema, name: t.name }
}
