import { columnsOf, isTextual } from '../columns.js'
import { Tally } from '../tally.js'
import type { Invariant } from '../types.js'
import { stringSemantic } from '../../plan/semantics.js'
import { text } from '../values.js'

/** Fewest rows for a distinct ratio to mean anything. */
const MIN_ROWS = 100

/**
 * Name columns (first, last, full) hold many different names: at least 20 % distinct values, or 200
 * distinct values in big tables (real name frequencies cap the ratio as rows grow). One unit per
 * column, for columns with at least 100 non-NULL values.
 */
export const nameDistinct: Invariant = {
  id: 'name-distinct',
  description: 'first/last/full name columns have enough distinct values (≥ 20 % or ≥ 200)',
  measure(_ctx, t) {
    return columnsOf(t).flatMap((c) => {
      if (!isTextual(c)) return []
      const s = stringSemantic(c.name, t.table.name)
      if (s !== 'first-name' && s !== 'last-name' && !/^(full_?name|display_?name)$/.test(c.snake)) return []
      const seen = new Set<string>()
      let n = 0
      for (const r of t.rows) {
        const v = text(r[c.at])
        if (v === undefined) continue
        n++
        seen.add(v)
      }
      if (n < MIN_ROWS) return []
      const tally = new Tally(this.id, t.key, [c.name], 'column')
      tally.add(seen.size >= Math.min(0.2 * n, 200), 0)
      return tally.note(`${seen.size} distinct of ${n} (${Math.round((seen.size / n) * 100)}%)`).done()
    })
  },
}
