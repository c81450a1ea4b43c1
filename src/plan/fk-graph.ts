/**
 * The FK graph of the planned tables: which links are cut (NULL + fixup), which are deferred, and the
 * parents-first order that remains. Cycles are found with Tarjan's SCCs; each cycle is broken at a
 * nullable link first, then at DEFERRABLE links; a cycle with neither is TDG_PLAN_FK_CYCLE.
 */
import type { ForeignKey, Table } from '../model/schema.js'
import { TdgError } from '../errors.js'
import { stronglyConnected, tableKey } from './insert-order.js'

/** One FK of a planned table whose parent is planned too. */
export interface FkEdge {
  child: string
  parent: string
  fk: ForeignKey
  /** Every FK column accepts NULL. */
  nullable: boolean
  self: boolean
  /** FK group id within the child table. */
  group: string
}

export interface FkResolution {
  /** Parents first; ties by table key. */
  order: string[]
  /** Nullable links cut to break cycles (written NULL, then fixed up). */
  cut: Set<FkEdge>
  /** NOT NULL deferrable links inside cycles. */
  deferred: Set<FkEdge>
}

/** A stable id of an FK within its table. */
export function fkGroup(fk: ForeignKey): string {
  return fk.name ?? fk.columns.join(',')
}

/** Edges between planned tables (FKs to tables outside `planned` are left to the caller). */
export function fkEdges(tables: Map<string, Table>): FkEdge[] {
  const edges: FkEdge[] = []
  for (const [key, t] of tables) {
    for (const fk of t.foreignKeys) {
      const parent = tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table })
      if (!tables.has(parent)) continue
      const nullable = fk.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable ?? false)
      edges.push({ child: key, parent, fk, nullable, self: parent === key, group: fkGroup(fk) })
    }
  }
  return edges
}

/** Break cycles and order the tables. Throws TDG_PLAN_FK_CYCLE naming an unbreakable cycle. */
export function resolveFkGraph(keys: string[], edges: FkEdge[]): FkResolution {
  const cut = new Set<FkEdge>()
  const deferred = new Set<FkEdge>()
  const live = () => edges.filter((e) => !e.self && !cut.has(e) && !deferred.has(e))
  const sorted = [...keys].sort()
  // Cut one link per pass and recompute: a single cut often breaks several cycles.
  for (;;) {
    const current = live()
    const sccs = components(sorted, current).filter((s) => s.length > 1)
    if (sccs.length === 0) break
    const scc = sccs[0]!
    const inside = new Set(scc)
    const links = current
      .filter((e) => inside.has(e.child) && inside.has(e.parent))
      .sort((a, b) => a.child.localeCompare(b.child) || a.group.localeCompare(b.group))
    const nullable = links.find((e) => e.nullable)
    if (nullable) {
      cut.add(nullable)
      continue
    }
    const deferrable = links.filter((e) => e.fk.deferrable)
    if (deferrable.length === 0) {
      const cycle = findCycle(scc, links)
      throw new TdgError('TDG_PLAN_FK_CYCLE', `foreign-key cycle with no nullable or deferrable link: ${cycle.join(' → ')}`, { cycle })
    }
    for (const e of deferrable) deferred.add(e)
  }
  return { order: topoOrder(sorted, live()), cut, deferred }
}

function components(keys: string[], edges: FkEdge[]): string[][] {
  const parents = new Map<string, string[]>()
  for (const e of edges) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent])
  for (const [k, v] of parents) parents.set(k, [...new Set(v)].sort())
  return stronglyConnected(keys, (k) => parents.get(k) ?? [])
}

/** Kahn's algorithm; the ready set is kept sorted so ties break by table key. */
function topoOrder(keys: string[], edges: FkEdge[]): string[] {
  const waiting = new Map<string, number>(keys.map((k) => [k, 0]))
  const children = new Map<string, string[]>()
  const seen = new Set<string>()
  for (const e of edges) {
    const id = `${e.child}\u0000${e.parent}`
    if (seen.has(id)) continue
    seen.add(id)
    waiting.set(e.child, (waiting.get(e.child) ?? 0) + 1)
    children.set(e.parent, [...(children.get(e.parent) ?? []), e.child])
  }
  const ready = keys.filter((k) => waiting.get(k) === 0)
  const out: string[] = []
  while (ready.length > 0) {
    ready.sort()
    const k = ready.shift()!
    out.push(k)
    for (const c of children.get(k) ?? []) {
      const n = waiting.get(c)! - 1
      waiting.set(c, n)
      if (n === 0) ready.push(c)
    }
  }
  if (out.length !== keys.length) throw new TdgError('TDG_INTERNAL', 'FK order left a cycle unresolved', { left: keys.filter((k) => !out.includes(k)) })
  return out
}

/** A concrete cycle `a → b → … → a` inside an SCC (child → parent), starting at its first table by key. */
function findCycle(scc: string[], links: FkEdge[]): string[] {
  const start = [...scc].sort()[0]!
  const next = new Map<string, string[]>()
  for (const e of links) next.set(e.child, [...(next.get(e.child) ?? []), e.parent].sort())
  const path: string[] = [start]
  const onPath = new Set<string>([start])
  const dfs = (node: string): boolean => {
    for (const p of next.get(node) ?? []) {
      if (p === start) return true
      if (onPath.has(p)) continue
      path.push(p)
      onPath.add(p)
      if (dfs(p)) return true
      path.pop()
      onPath.delete(p)
    }
    return false
  }
  dfs(start)
  return [...path, start]
}
