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

/** How far a copied price may have drifted from the parent's current one (real prices change over time). */
export const PRICE_DRIFT = 0.25

/**
 * A child's price copies its FK parent's (`order_items.unit_price = products.price`). Real order lines
 * keep the price of their day, so a row passes when it is within 25 % of the parent's current price;
 * the note gives the share equal to the cent. Independent draws land in that band rarely. Applies per
 * FK whose parent has a price column.
 */
export const priceCopy: Invariant = {
  id: 'price-copy',
  description: "a child's price copies its FK parent's (order_items.unit_price = products.price; ≤ 25 % drift)",
  measure(ctx, t) {
    const mine = priceColumns(t)
    if (mine.length === 0) return []
    return fkJoins(ctx, t).flatMap((j) =>
      mine.flatMap((c) => {
        const theirs = parentPrice(j.parent, c)
        if (!theirs) return []
        const label = `${j.parent.key}.${theirs.name}`
        const tally = new Tally(this.id, t.key, [...j.fk.columns, c.name, label])
        let exact = 0
        t.rows.forEach((r, i) => {
          const p = j.parentOf(r)
          if (!p) return
          const a = num(r[c.at])
          const b = num(p[theirs.at])
          if (a === undefined || b === undefined) return
          const diff = Math.abs(a - b)
          const scale = Math.max(Math.abs(a), Math.abs(b))
          if (diff < 0.005 || diff <= 1e-6 * scale) exact++
          tally.add(diff < 0.005 || diff <= PRICE_DRIFT * scale, i, [[c, r[c.at]], [label, p[theirs.at]]])
        })
        const [result] = tally.done()
        if (!result) return []
        result.note = `${exact} of ${result.applicable} equal to the cent (${Math.round((exact / result.applicable) * 100)}%)`
        return [result]
      }),
    )
  },
}
