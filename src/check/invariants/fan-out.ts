import { fkJoins } from '../fk-join.js'
import { Tally } from '../tally.js'
import type { Invariant, TableRows } from '../types.js'
import type { ForeignKey } from '../../model/schema.js'

/** The FK's columns are a key of the child (PK or UNIQUE): one child per parent by design. */
function oneToOne(t: TableRows, fk: ForeignKey): boolean {
  const same = (cols: string[]) => cols.length === fk.columns.length && cols.every((c) => fk.columns.includes(c))
  return (t.table.primaryKey !== undefined && same(t.table.primaryKey.columns)) || t.table.uniques.some((u) => same(u.columns))
}

/**
 * Children per parent are not constant: along each FK (not one-to-one by a key), not every parent
 * has the same number of children (0 included). One unit per FK; the note gives the share of parents
 * with the modal count and the range, so a uniform spread shows too.
 */
export const fanOut: Invariant = {
  id: 'fan-out',
  description: 'children per parent along each FK are not constant (note: share of parents at the modal count)',
  measure(ctx, t) {
    return fkJoins(ctx, t).flatMap((j) => {
      if (oneToOne(t, j.fk) || j.parent.rows.length < 2) return []
      const counts = new Array<number>(j.parent.rows.length).fill(0)
      let children = 0
      for (const r of t.rows) {
        const p = j.parentRow(r)
        if (p === undefined) continue
        counts[p]!++
        children++
      }
      if (children === 0) return []
      const freq = new Map<number, number>()
      for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1)
      const [modal, share] = [...freq.entries()].sort((a, b) => b[1] - a[1])[0]!
      const sorted = [...counts].sort((a, b) => a - b)
      const tally = new Tally(this.id, t.key, [...j.fk.columns, `→ ${j.parent.key}`], 'fk')
      tally.add(freq.size > 1, 0)
      return tally
        .note(`${Math.round((share / counts.length) * 100)}% of parents have ${modal}; min ${sorted[0]}, median ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted[sorted.length - 1]}`)
        .done()
    })
  },
}
