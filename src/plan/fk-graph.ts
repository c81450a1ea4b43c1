/**
 * The FK graph of the planned tables: which links are cut (NULL + fixup), which are deferred, and the
 * parents-first order that remains. Cycles are found with Tarjan's SCCs; each cycle is broken at a
 * nullable link first, then at its DEFERRABLE links; a cycle of NOT NULL, non-deferrable links only has
 * one link deferred "by force" (the target dialect defers it for the load and checks it again before
 * COMMIT, see `SqlDialect.deferConstraintsSql`), one link per pass, so as few constraints as possible
 * change.
 */
import type { ForeignKey, Table } from '../model/schema.js'
import { TdgError } from '../errors.js'
import { stronglyConnected, tableKey } from './insert-order.js'
import { compareNames } from './name-order.js'

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
  /** NOT NULL links inside cycles whose check waits for the load: declared DEFERRABLE, or `forced`. */
  deferred: Set<FkEdge>
  /** The deferred links that are NOT DEFERRABLE (a subset of `deferred`). */
  forced: Set<FkEdge>
  /** Per deferred link, the cycle it breaks (`a → b → … → a`, child → parent). */
  cycles: Map<FkEdge, string[]>
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

/** How `resolveFkGraph` breaks cycles. */
export interface FkGraphOptions {
  /**
   * Defer the link a cut would take instead of cutting it when a self-reference of its table reads the
   * cut columns (see `PlanOptions.deferCycles`): the rows go in whole and the target checks them at COMMIT.
   * Default false: nullable links are cut.
   */
  deferCycles?: boolean
}

/** Break cycles and order the tables. Every cycle breaks: at a nullable link, a deferrable one, or by force. */
export function resolveFkGraph(keys: string[], edges: FkEdge[], tables?: Map<string, Table>, opts: FkGraphOptions = {}): FkResolution {
  const cut = new Set<FkEdge>()
  const deferred = new Set<FkEdge>()
  const forced = new Set<FkEdge>()
  const cycles = new Map<FkEdge, string[]>()
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
      .sort((a, b) => compareNames(a.child, b.child) || compareNames(a.group, b.group))
    // A cut FK's columns are NULL until the fixup: prefer a link no other FK reads its values from.
    // A cut FK is fixed up by a key of its table (else it stays NULL, which no reader may see).
    const keyed = (e: FkEdge) => tables === undefined || hasFixupKey(tables.get(e.child), e, edges)
    const nullable =
      links.find((e) => e.nullable && keyed(e) && !isReferenced(e, edges)) ??
      links.find((e) => e.nullable && keyed(e)) ??
      links.find((e) => e.nullable && !isReferenced(e, edges))
    if (nullable && opts.deferCycles && readBySelf(nullable, edges)) {
      // The same link a cut would take, so the table order (and every value) stays the cut plan's.
      deferred.add(nullable)
      if (!nullable.fk.deferrable) forced.add(nullable)
      cycles.set(nullable, findCycle(scc, links, nullable))
      continue
    }
    if (nullable) {
      cut.add(nullable)
      continue
    }
    const deferrable = links.filter((e) => e.fk.deferrable)
    if (deferrable.length > 0) {
      const cycle = findCycle(scc, links, deferrable[0]!)
      for (const e of deferrable) {
        deferred.add(e)
        cycles.set(e, cycle)
      }
      continue
    }
    // Only NOT NULL, NOT DEFERRABLE links: defer one by force and look again.
    const e = links[0]!
    deferred.add(e)
    forced.add(e)
    cycles.set(e, findCycle(scc, links, e))
  }
  holdReferencesToCuts(edges, cut, deferred, forced, cycles)
  return { order: topoOrder(sorted, live()), cut, deferred, forced, cycles }
}

/** Whether `t` has a PK/UNIQUE to UPDATE a cut `e` by: none of its columns in a nullable (cuttable) FK. */
function hasFixupKey(t: Table | undefined, e: FkEdge, edges: FkEdge[]): boolean {
  if (!t) return false
  const cuttable = new Set(edges.filter((x) => x.child === e.child && x.nullable).flatMap((x) => x.fk.columns))
  const sets = [...(t.primaryKey ? [t.primaryKey.columns] : []), ...t.uniques.map((u) => u.columns)]
  return sets.some((cols) => cols.every((c) => !cuttable.has(c) && !t.columns.find((x) => x.name === c)?.generated))
}

/** Whether a self-reference of `e`'s table reads (some of) `e`'s columns. */
function readBySelf(e: FkEdge, edges: FkEdge[]): boolean {
  return edges.some((r) => r !== e && r.self && r.child === e.child && r.fk.references.columns.some((c) => e.fk.columns.includes(c)))
}

/** Whether another FK references (some of) `e`'s columns. */
function isReferenced(e: FkEdge, edges: FkEdge[]): boolean {
  return edges.some((r) => r !== e && r.parent === e.child && r.fk.references.columns.some((c) => e.fk.columns.includes(c)))
}

/**
 * An FK that references a cut FK's columns would copy values the parent rows do not hold yet (NULL until
 * the fixup UPDATE). Such an FK is cut too when it is nullable (its own fixup runs after the parent's, see
 * `fixupOrder`), and otherwise its check waits for COMMIT like a NOT NULL cycle (deferred, by force when
 * NOT DEFERRABLE). Repeated to a fixpoint: a newly cut FK can be referenced in turn.
 */
function holdReferencesToCuts(edges: FkEdge[], cut: Set<FkEdge>, deferred: Set<FkEdge>, forced: Set<FkEdge>, cycles: Map<FkEdge, string[]>): void {
  for (let changed = true; changed; ) {
    changed = false
    for (const r of edges) {
      if (cut.has(r) || deferred.has(r)) continue
      const source = [...cut].find((e) => r !== e && r.parent === e.child && r.fk.references.columns.some((c) => e.fk.columns.includes(c)))
      if (!source) continue
      changed = true
      if (r.nullable) cut.add(r)
      else {
        deferred.add(r)
        if (!r.fk.deferrable) forced.add(r)
        cycles.set(r, [r.child, r.parent, source.parent])
      }
    }
  }
}

/**
 * Cut FKs in the order their fixups must run: one whose referenced columns are themselves a cut FK's
 * comes after that one (its UPDATE copies the parent's fixed-up values). Ties (and any loop) keep `sorted`.
 */
export function fixupOrder(sorted: FkEdge[]): FkEdge[] {
  const out: FkEdge[] = []
  const left = [...sorted]
  const waitsFor = (r: FkEdge, e: FkEdge) => r !== e && r.parent === e.child && r.fk.references.columns.some((c) => e.fk.columns.includes(c))
  while (left.length > 0) {
    const i = left.findIndex((r) => !left.some((e) => waitsFor(r, e)))
    out.push(...left.splice(i < 0 ? 0 : i, 1))
  }
  return out
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

/**
 * A concrete cycle `a → b → … → a` inside an SCC (child → parent) through the link `via`: it starts at
 * `via.child`, goes to `via.parent` and back to `via.child` over `links`.
 */
function findCycle(scc: string[], links: FkEdge[], via: FkEdge): string[] {
  const start = via.child
  const next = new Map<string, string[]>()
  for (const e of links) if (e !== via) next.set(e.child, [...(next.get(e.child) ?? []), e.parent].sort())
  if (!scc.includes(start)) return [start, via.parent, start]
  if (via.parent === start) return [start, start]
  const path: string[] = [start, via.parent]
  const onPath = new Set<string>(path)
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
  if (!dfs(via.parent)) return [start, via.parent, start]
  return [...path, start]
}
