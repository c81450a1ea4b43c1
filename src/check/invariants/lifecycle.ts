import type { Value } from '../../model/rows.js'
import { columnsOf, isTemporal, statusColumn, type ColumnRef } from '../columns.js'
import { ACTIVE_FLAGS, ENDED_STEPS, LIFECYCLE_RULES, NEGATED_FLAGS, statusWord } from '../lifecycle-rules.js'
import { Tally } from '../tally.js'
import type { Invariant, InvariantResult } from '../types.js'
import { bool, text } from '../values.js'

/**
 * Lifecycle timestamps follow the row's status and flags: `shipped_at` is NULL unless the status says
 * shipped (or later), `cancelled_at` only with a cancelled-like status, `deleted_at` NULL where
 * `is_active` is true or `is_deleted` false. A row applies when its status is one the rule names (either
 * allowing or excluding the step) or its flag says active; statuses the rules do not know are not judged.
 */
export const lifecycle: Invariant = {
  id: 'lifecycle',
  description: 'lifecycle timestamps (shipped_at, cancelled_at, deleted_at, …) agree with status and flags',
  measure(_ctx, t) {
    const cols = columnsOf(t)
    const status = statusColumn(t)
    const flags = cols.filter((c) => c.type.kind === 'boolean' || (c.type.kind === 'integer' && /^is_/.test(c.snake)))
    const active = flags.find((c) => ACTIVE_FLAGS.test(c.snake))
    const out: InvariantResult[] = []
    for (const c of cols) {
      if (!isTemporal(c)) continue
      const rule = LIFECYCLE_RULES.find((r) => r.column.test(c.snake))
      if (!rule) continue
      const negated = flags.find((f) => NEGATED_FLAGS.some(([re, step]) => step === rule.step && re.test(f.snake)))
      const byActive = active && ENDED_STEPS.has(rule.step) ? active : undefined
      if (!status && !byActive && !negated) continue
      const readers = [status, byActive, negated].filter((x): x is ColumnRef => x !== undefined)
      const tally = new Tally(this.id, t.key, [c.name, ...readers.map((x) => x.name)])
      t.rows.forEach((r, i) => {
        const set = r[c.at] !== null && r[c.at] !== undefined
        const verdicts: boolean[] = []
        const s = status ? text(r[status.at]) : undefined
        if (s !== undefined) {
          const w = statusWord(s)
          if (rule.allowed.test(w)) verdicts.push(true)
          else if (rule.excluded.test(w)) verdicts.push(!set)
        }
        if (byActive && bool(r[byActive.at]) === true) verdicts.push(!set)
        if (negated && bool(r[negated.at]) === false) verdicts.push(!set)
        if (verdicts.length === 0) return
        tally.add(verdicts.every(Boolean), i, [[c, r[c.at]], ...readers.map((x): [ColumnRef, Value | undefined] => [x, r[x.at]])])
      })
      out.push(...tally.done())
    }
    return out
  },
}
