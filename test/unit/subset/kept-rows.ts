/**
 * Test helpers: the rows a subset keeps (read through the adapter and filtered by `keep`, as a copy
 * would) and an FK check over them that does not use the subset's own sets: every kept child's non-NULL
 * FK tuple must be the referenced columns of some kept parent row.
 */
import type { Adapter } from '../../../src/adapter/adapter.js'
import type { Value } from '../../../src/model/rows.js'
import type { SchemaModel } from '../../../src/model/schema.js'
import { tableKey } from '../../../src/plan/insert-order.js'
import type { SubsetResult } from '../../../src/subset/index.js'

export async function keptRows(adapter: Adapter, model: SchemaModel, result: SubsetResult): Promise<Map<string, { columns: string[]; rows: Value[][] }>> {
  const out = new Map<string, { columns: string[]; rows: Value[][] }>()
  for (const t of model.tables) {
    const key = tableKey(t)
    const sub = result.tables.get(key)!
    const columns = t.columns.map((c) => c.name)
    const rows: Value[][] = []
    for await (const b of adapter.scan(t.schema === undefined ? { name: t.name } : { schema: t.schema, name: t.name }, { columns })) {
      for (const r of b.rows) if (sub.mode === 'all' || sub.keep(r, b.columns)) rows.push(r)
    }
    out.set(key, { columns, rows })
  }
  return out
}

const text = (v: Value) => (v === null ? null : v instanceof Date ? v.toISOString() : String(v))

/** `child.fk: n` for every FK with kept children whose parent row was not kept. */
export function fkViolations(model: SchemaModel, kept: Map<string, { columns: string[]; rows: Value[][] }>): string[] {
  const bad: string[] = []
  for (const t of model.tables) {
    const child = kept.get(tableKey(t))!
    for (const fk of t.foreignKeys) {
      const pkey = tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table })
      const parent = kept.get(pkey)
      if (!parent) continue
      const pidx = fk.references.columns.map((c) => parent.columns.indexOf(c))
      const have = new Set(parent.rows.map((r) => JSON.stringify(pidx.map((i) => text(r[i]!)))))
      const cidx = fk.columns.map((c) => child.columns.indexOf(c))
      let n = 0
      for (const r of child.rows) {
        const tuple = cidx.map((i) => text(r[i]!))
        if (tuple.some((x) => x === null)) continue
        if (!have.has(JSON.stringify(tuple))) n++
      }
      if (n > 0) bad.push(`${tableKey(t)}.${fk.name ?? fk.columns.join(',')}: ${n}`)
    }
  }
  return bad
}
