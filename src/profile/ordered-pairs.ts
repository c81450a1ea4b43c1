/**
 * Ordered pairs of columns (`created_at ≤ updated_at`): for every pair of temporal columns, and of
 * numeric columns that are not keys, counts over rows where both are non-null of `left < right`,
 * `left ≤ right` and the reverse. A pair is reported when `≤` held in at least `ORDER_MIN_SHARE` (99 %) of
 * those rows (`<` when the strict form held as often), there were at least `ORDER_MIN_ROWS` such rows, and
 * the two columns' inter-quartile ranges overlap (left's p75 above right's p25): columns of different
 * scales (`quantity < unit_price`, `birth_date < hire_date`) are ordered by construction and say nothing
 * about the rows.
 */
import type { OrderedPair } from '../model/profile.js'
import type { ColumnAccumulator } from './column-accumulator.js'

/** Share of rows (both non-null) in which the order must hold to be reported. */
export const ORDER_MIN_SHARE = 0.99
/** Rows with both values needed before a pair is judged. */
export const ORDER_MIN_ROWS = 20
/** Columns per family considered (pairs grow with the square). */
const MAX_COLUMNS = 16

export class OrderedPairs {
  private readonly pairs: Array<{ a: ColumnAccumulator; b: ColumnAccumulator; both: number; lt: number; le: number; gt: number; ge: number }> = []

  /** `groups`: columns that may be compared with each other (one group per family). */
  constructor(groups: ColumnAccumulator[][]) {
    for (const g of groups) {
      const cols = g.slice(0, MAX_COLUMNS)
      for (let i = 0; i < cols.length; i++) for (let j = i + 1; j < cols.length; j++) this.pairs.push({ a: cols[i]!, b: cols[j]!, both: 0, lt: 0, le: 0, gt: 0, ge: 0 })
    }
  }

  get empty(): boolean {
    return this.pairs.length === 0
  }

  /** Count the current row (the accumulators' `last` values). */
  addRow(): void {
    for (const p of this.pairs) {
      const x = p.a.last
      const y = p.b.last
      // NaN (null or unreadable) fails every comparison, and x - y is NaN.
      if (x !== x || y !== y) continue
      p.both++
      if (x < y) p.lt++, p.le++
      else if (x > y) p.gt++, p.ge++
      else p.le++, p.ge++
    }
  }

  /** The pairs that held; `range(c)` gives a column's [p25, p75] (undefined when it has no values). */
  result(range: (c: ColumnAccumulator) => [number, number] | undefined): OrderedPair[] {
    const out: OrderedPair[] = []
    for (const p of this.pairs) {
      if (p.both < ORDER_MIN_ROWS) continue
      const ra = range(p.a)
      const rb = range(p.b)
      if (!ra || !rb) continue
      const forward = p.le / p.both >= ORDER_MIN_SHARE
      const backward = p.ge / p.both >= ORDER_MIN_SHARE
      if (forward && ra[1] > rb[0]) out.push(pair(p.a.column.name, p.b.column.name, p.lt, p.le, p.both))
      else if (!forward && backward && rb[1] > ra[0]) out.push(pair(p.b.column.name, p.a.column.name, p.gt, p.ge, p.both))
    }
    return out
  }
}

function pair(left: string, right: string, strict: number, loose: number, both: number): OrderedPair {
  return strict / both >= ORDER_MIN_SHARE ? { left, op: '<', right, share: strict / both } : { left, op: '<=', right, share: loose / both }
}
