import { Tally } from '../tally.js'
import { notAfter, orderedPairs } from '../time-columns.js'
import type { Invariant } from '../types.js'

/**
 * Within a row, moments come in order: created/ordered ≤ updated, deleted, closed, ended, shipped,
 * paid, last login, due; shipped ≤ delivered; hired ≤ terminated; start ≤ end. A row applies when at
 * least one such pair has both values; it passes when every such pair is in order.
 */
export const temporalRow: Invariant = {
  id: 'temporal-row',
  description: 'moments within a row are in order (created ≤ updated/deleted/…, shipped ≤ delivered, start ≤ end)',
  measure(_ctx, t) {
    const pairs = orderedPairs(t)
    if (pairs.length === 0) return []
    const cols = [...new Set(pairs.flatMap(([a, b]) => [a.name, b.name]))]
    const tally = new Tally(this.id, t.key, cols)
    t.rows.forEach((r, i) => {
      let applicable = false
      for (const [a, b] of pairs) {
        const ok = notAfter(r[a.at], a, r[b.at], b)
        if (ok === undefined) continue
        applicable = true
        if (!ok) return tally.add(false, i, [[a, r[a.at]], [b, r[b.at]]])
      }
      if (applicable) tally.add(true, i)
    })
    return tally.done()
  },
}
