/**
 * A child's price copies its parent's (issue 10 §3): `order_items.unit_price` is the `products.price` of
 * the product the row points to, read by recomputing the parent row (the `parent-value` generator).
 * Only where the copy is always valid: both plain numbers, the child at least as wide and as precise,
 * no CHECK of the child's own, and no NULL the child could not hold.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { DraftColumnView } from './draft-column.js'
import type { ColumnConstraints } from './column-constraints.js'
import type { FkEdge } from './fk-graph.js'
import { snakeName } from './semantics.js'

const PRICE = /^((unit|list|sale|retail|base|item)_)?price$/

/** What this pass reads and rewrites of a draft column. */
export type PriceColumn = Pick<DraftColumnView, 'name' | 'column' | 'spec' | 'reason' | 'fixed' | 'nullRate'>

/** Copy parents' prices into children's price columns, tables in plan order (parents first). */
export function applyPriceCopy(
  tables: Array<{ key: string; columns: PriceColumn[]; edges: FkEdge[]; cons: (column: string) => ColumnConstraints }>,
  cut: Set<FkEdge>,
): void {
  const byKey = new Map(tables.map((t) => [t.key, t]))
  for (const t of tables) {
    for (const c of t.columns) {
      if (!PRICE.test(snakeName(c.name)) || c.fixed || !isNumber(c.spec)) continue
      const k = t.cons(c.name)
      if (k.lower.length > 0 || k.upper.length > 0 || k.exclude.length > 0 || k.inList !== undefined || k.equals !== undefined) continue
      for (const e of t.edges) {
        if (e.self || cut.has(e)) continue
        const via = t.columns.find((x) => x.name === e.fk.columns[0])
        const parent = byKey.get(e.parent)
        if (!via || via.spec.kind !== 'fk' || !parent) continue
        const prices = parent.columns.filter((p) => PRICE.test(snakeName(p.name)) && isNumber(p.spec))
        const p = prices.find((x) => snakeName(x.name) === snakeName(c.name)) ?? prices.find((x) => snakeName(x.name) === 'price') ?? prices[0]
        if (!p || !isNumber(p.spec) || !isNumber(c.spec)) continue
        const fits = p.spec.scale <= c.spec.scale && p.spec.min / 10 ** p.spec.scale >= c.spec.min / 10 ** c.spec.scale && p.spec.max / 10 ** p.spec.scale <= hardMax(c)
        // A nullable parent price (or a nullable FK) can hand over NULL: only a nullable child takes it.
        const nullSafe = c.column.nullable || (!p.column.nullable && !e.nullable)
        if (!fits || !nullSafe) continue
        c.spec = { kind: 'parent-value', via: via.name, parentStep: e.parent, parentColumn: p.name }
        c.reason = `${c.reason}; copies ${e.parent}.${p.name} of the row its ${via.name} points to`
        c.nullRate = 0
        break
      }
    }
  }
}

/** The largest value a column's type holds (for the copy's range check). */
function hardMax(c: PriceColumn): number {
  const t = c.column.type
  if (t.kind === 'decimal' && t.precision !== undefined) return Math.pow(10, t.precision - (t.scale ?? 0)) - Math.pow(10, -(t.scale ?? 0))
  if (t.kind === 'integer') return Math.pow(2, t.bytes * 8 - 1) - 1
  return Number.MAX_SAFE_INTEGER
}

type Numeric = Extract<GeneratorSpec, { kind: 'number' | 'distributed' }>

/** Plain or distributed numbers: both carry min/max in units of 10^-scale. */
function isNumber(spec: GeneratorSpec): spec is Numeric {
  return spec.kind === 'number' || spec.kind === 'distributed'
}
