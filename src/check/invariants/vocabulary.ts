import { columnsOf, hasAddress, isTextual, type ColumnRef } from '../columns.js'
import { isLorem } from '../lorem.js'
import { Tally } from '../tally.js'
import type { Invariant, InvariantResult } from '../types.js'
import { text } from '../values.js'

/** Categorical column names and how many distinct values each may plausibly have. */
const VOCABULARIES: Array<[RegExp, number]> = [
  [/(^|_)(time_?zone|tz)$/, 600],
  [/(^|_)(language|lang|locale)(_code)?$/, 200],
  [/(^|_)currency(_code)?$/, 200],
  [/(^|_)(status|state|type|kind|role|priority|level|gender|sex|plan|tier)$/, 50],
]

/** The distinct-value limit of a categorical column by name; `undefined` when it is not one. */
function vocabularyLimit(c: ColumnRef, address: boolean): number | undefined {
  if (!isTextual(c)) return undefined
  // In an address, `state` is a region (dozens of them), not a status.
  if (address && c.snake === 'state') return undefined
  for (const [re, limit] of VOCABULARIES) if (re.test(c.snake)) return limit
  return undefined
}

/**
 * Short categorical columns (status, type, role, currency, …) hold a small vocabulary: no lorem ipsum,
 * and no more distinct values than such a column plausibly has (50 for statuses and types; more for
 * time zones, languages, currencies). Rows outside the most frequent `limit` values fail.
 */
export const vocabulary: Invariant = {
  id: 'vocabulary',
  description: 'categorical columns (status/type/role/…) hold a small vocabulary, never lorem',
  measure(_ctx, t) {
    const address = hasAddress(t)
    const out: InvariantResult[] = []
    for (const c of columnsOf(t)) {
      const limit = vocabularyLimit(c, address)
      if (limit === undefined) continue
      const counts = new Map<string, number>()
      for (const r of t.rows) {
        const v = text(r[c.at])
        if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1)
      }
      const kept = new Set([...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([v]) => v))
      const lorem = new Map<string, boolean>()
      const tally = new Tally(this.id, t.key, [c.name])
      t.rows.forEach((r, i) => {
        const v = text(r[c.at])
        if (v === undefined) return
        let l = lorem.get(v)
        if (l === undefined) lorem.set(v, (l = isLorem(v)))
        tally.add(!l && kept.has(v), i, [[c, r[c.at]]])
      })
      out.push(...tally.note(`${counts.size} distinct`).done())
    }
    return out
  },
}
