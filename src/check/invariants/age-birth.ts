import { ageColumn, birthColumn } from '../columns.js'
import { Tally } from '../tally.js'
import type { Invariant } from '../types.js'
import { instant, num } from '../values.js'

/** Whole years from `birth` to `now` (both ms, UTC calendar). */
export function wholeYears(birth: number, now: number): number {
  const b = new Date(birth)
  const n = new Date(now)
  let years = n.getUTCFullYear() - b.getUTCFullYear()
  if (n.getUTCMonth() < b.getUTCMonth() || (n.getUTCMonth() === b.getUTCMonth() && n.getUTCDate() < b.getUTCDate())) years--
  return years
}

/** `age` equals the whole years between the birth date and the data's "now", ± 1 (when it was written). */
export const ageBirth: Invariant = {
  id: 'age-birth',
  description: 'age = whole years from birth date to --now (± 1)',
  measure(ctx, t) {
    const age = ageColumn(t)
    const birth = birthColumn(t)
    if (!age || !birth) return []
    const tally = new Tally(this.id, t.key, [age.name, birth.name])
    t.rows.forEach((r, i) => {
      const a = num(r[age.at])
      const b = instant(r[birth.at])
      if (a === undefined || b === undefined) return
      tally.add(Math.abs(a - wholeYears(b, ctx.now)) <= 1, i, [[age, r[age.at]], [birth, r[birth.at]]])
    })
    return tally.done()
  },
}
