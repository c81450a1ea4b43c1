import { fkJoins } from '../fk-join.js'
import { Tally } from '../tally.js'
import { creationColumn, notAfter } from '../time-columns.js'
import type { Invariant } from '../types.js'

/**
 * Along each FK, a child is created at or after its parent: the child's creation-like column
 * (`created_at`, else `ordered_at`/`placed_at`/…) ≥ the parent's. Self-references count too (a
 * referrer exists before whom it referred).
 */
export const temporalFk: Invariant = {
  id: 'temporal-fk',
  description: "a child's creation-like timestamp is at or after its FK parent's",
  measure(ctx, t) {
    const mine = creationColumn(t)
    if (!mine) return []
    return fkJoins(ctx, t).flatMap((j) => {
      const theirs = creationColumn(j.parent)
      if (!theirs) return []
      // The FK's columns lead: two FKs to one parent stay apart.
      const tally = new Tally(this.id, t.key, [...j.fk.columns, mine.name, `${j.parent.key}.${theirs.name}`])
      t.rows.forEach((r, i) => {
        const p = j.parentOf(r)
        if (!p) return
        const ok = notAfter(p[theirs.at], theirs, r[mine.at], mine)
        if (ok === undefined) return
        tally.add(ok, i, [[mine, r[mine.at]], [`${j.parent.key}.${theirs.name}`, p[theirs.at]]])
      })
      return tally.done()
    })
  },
}
