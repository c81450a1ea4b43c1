import type { SchemaModel, Table } from '../model/schema.js'

/** A table's display key: `schema.name`, or `name` where the dialect has no schemas. */
export function tableKey(t: { schema?: string; name: string }): string {
  return t.schema === undefined ? t.name : `${t.schema}.${t.name}`
}

/** One strongly connected set of tables linked by foreign keys (a self-reference counts). */
export interface FkCycle {
  /** Tables in the cycle, in a stable order (by key). */
  tables: string[]
  /** True when some FK inside the cycle is nullable, so the cycle can be cut with NULL + a later UPDATE. */
  cuttable: boolean
}

export interface InsertOrder {
  /** Every table, parents before children; members of a cycle stay together. Ties break by key. */
  order: string[]
  cycles: FkCycle[]
}

/**
 * Parents-first insert order over the FK graph (Tarjan SCCs, then a topological order of the
 * condensation). FKs that point outside the model are ignored. Pure and deterministic.
 */
export function insertOrder(model: SchemaModel): InsertOrder {
  const byKey = new Map<string, Table>()
  for (const t of model.tables) byKey.set(tableKey(t), t)
  const parentKey = (t: Table, ref: { schema?: string; table: string }) => tableKey({ schema: ref.schema ?? t.schema, name: ref.table })
  const parentsOf = new Map<string, string[]>()
  for (const [key, t] of byKey) {
    const parents = t.foreignKeys.map((fk) => parentKey(t, fk.references)).filter((p) => byKey.has(p))
    parentsOf.set(key, [...new Set(parents)].sort())
  }
  const sccs = stronglyConnected([...byKey.keys()].sort(), (k) => parentsOf.get(k) ?? [])
  // Tarjan emits an SCC only after every SCC it reaches (its parents): that is parents-first already.
  const order: string[] = []
  const cycles: FkCycle[] = []
  for (const scc of sccs) {
    const members = [...scc].sort()
    order.push(...members)
    const first = members[0]!
    const selfRef = members.length === 1 && (parentsOf.get(first) ?? []).includes(first)
    if (members.length === 1 && !selfRef) continue
    const inside = new Set(members)
    const cuttable = members.some((m) => {
      const t = byKey.get(m)!
      return t.foreignKeys.some(
        (fk) => inside.has(parentKey(t, fk.references)) && fk.columns.every((c) => t.columns.find((x) => x.name === c)?.nullable ?? false),
      )
    })
    cycles.push({ tables: members, cuttable })
  }
  return { order, cycles }
}

/** Tarjan's algorithm, iterative so deep FK chains cannot overflow the stack. */
export function stronglyConnected(nodes: string[], edges: (n: string) => string[]): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const out: string[][] = []
  const visit = (n: string) => {
    index.set(n, next)
    low.set(n, next++)
    stack.push(n)
    onStack.add(n)
  }
  for (const root of nodes) {
    if (index.has(root)) continue
    const work: Array<{ node: string; edge: number }> = [{ node: root, edge: 0 }]
    visit(root)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      const targets = edges(frame.node)
      if (frame.edge < targets.length) {
        const w = targets[frame.edge++]!
        if (!index.has(w)) {
          visit(w)
          work.push({ node: w, edge: 0 })
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!))
        }
        continue
      }
      work.pop()
      const caller = work[work.length - 1]
      if (caller) low.set(caller.node, Math.min(low.get(caller.node)!, low.get(frame.node)!))
      if (low.get(frame.node) === index.get(frame.node)) {
        const scc: string[] = []
        let w: string
        do {
          w = stack.pop()!
          onStack.delete(w)
          scc.push(w)
        } while (w !== frame.node)
        out.push(scc)
      }
    }
  }
  return out
}
