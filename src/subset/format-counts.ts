/** One line per table of a subset, for `tdg plan --subset` and the clone summary (names and counts only). */
import type { SubsetResult } from './compute-subset.js'

/**
 * `public.orders: 41 of 830 rows (selected 0, parents 0, children 41)` for restricted tables,
 * `public.us_states: all 51 rows (not FK-connected to a subset table)` for tables copied whole; a table
 * with references to rows the source lacks gets `, 2 dangling references` (unenforced FKs).
 */
export function formatSubsetCounts(result: SubsetResult): string[] {
  return result.counts.map((c) => {
    const sub = result.tables.get(c.table)
    if (sub?.mode === 'all') return `${c.table}: all ${c.sourceRows} rows (not FK-connected to a subset table)`
    const dangling = c.dangling > 0 ? `, ${c.dangling} dangling reference${c.dangling === 1 ? '' : 's'}` : ''
    return `${c.table}: ${c.total} of ${c.sourceRows} rows (selected ${c.selected}, parents ${c.viaParents}, children ${c.viaChildren}${dangling})`
  })
}
