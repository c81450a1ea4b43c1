import { columnsOf, type ColumnRef } from '../columns.js'
import { fkJoins } from '../fk-join.js'
import { Tally } from '../tally.js'
import type { Invariant, TableRows } from '../types.js'
import { num } from '../values.js'

const NUMERIC = new Set(['integer', 'decimal', 'float', 'unknown', 'string'])
/** A unit price: `price`, `unit_price`, `list_price`, …; not totals, discounts, taxes or percentages. */
const PRICE = /^((unit|list|sale|retail|base|item)_)?price$/

function priceColumns(t: TableRows): ColumnRef[] {
  return columnsOf(t).filter((c) => NUMERIC.has(c.type.kind) && PRICE.test(c.snake))
}

/** The parent column a child price copies: the same name, else the parent's only price column. */
function parentPrice(parent: TableRows, child: ColumnRef): ColumnRef | undefined {
  const prices = priceColumns(parent)
  return prices.find((p) => p.snake === child.snake) ?? (prices.length === 1 ? prices[0] : prices.find((p) => p.snake === 'price'))
}

/**
 * A child's price copies its FK parent's (`order_items.unit_price = products.price`): equal to the
 * cent (or within 1e-6 relative for floats). Applies per FK whose parent has a price column.
 */
export const priceCopy: Invariant = {
  id: 'price-copy',
  description: "a child's price equals its FK parent's price (order_items.unit_price = products.price)",
  measure(ctx, t) {
    const mine = priceColumns(t)
    if (mine.length === 0) return []
    return fkJoins(ctx, t).flatMap((j) =>
      mine.flatMap((c) => {
        const theirs = parentPrice(j.parent, c)
        if (!theirs) return []
        const label = `${j.parent.key}.${theirs.name}`
        const tally = new Tally(this.id, t.key, [c.name, label])
        t.rows.forEach((r, i) => {
          const p = j.parentOf(r)
          if (!p) return
          const a = num(r[c.at])
          const b = num(p[theirs.at])
          if (a === undefined || b === undefined) return
          tally.add(Math.abs(a - b) < 0.005 || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b)), i, [[c, r[c.at]], [label, p[theirs.at]]])
        })
        return tally.done()
      }),
    )
  },
}
