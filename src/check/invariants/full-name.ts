import { firstNameColumn, fullNameColumn, lastNameColumn } from '../columns.js'
import { Tally } from '../tally.js'
import type { Invariant } from '../types.js'
import { text } from '../values.js'

const squash = (s: string) => s.trim().replace(/\s+/g, ' ')

/**
 * `full_name` / `display_name` (or `name` beside first and last) is `first + ' ' + last`; a middle name
 * or initial between them is allowed (`Jane Q. Doe`), as real records carry them.
 */
export function agrees(full: string, first: string, last: string): boolean {
  const [f, a, b] = [squash(full), squash(first), squash(last)]
  return f === `${a} ${b}` || (f.startsWith(`${a} `) && f.endsWith(` ${b}`) && f.length > a.length + b.length + 2)
}

export const fullName: Invariant = {
  id: 'full-name',
  description: "full/display name is first name + ' ' + last name",
  measure(_ctx, t) {
    const full = fullNameColumn(t)
    const first = firstNameColumn(t)
    const last = lastNameColumn(t)
    if (!full || !first || !last) return []
    const tally = new Tally(this.id, t.key, [full.name, first.name, last.name])
    t.rows.forEach((r, i) => {
      const [f, a, b] = [text(r[full.at]), text(r[first.at]), text(r[last.at])]
      if (f === undefined || a === undefined || b === undefined) return
      tally.add(agrees(f, a, b), i, [[full, r[full.at]], [first, r[first.at]], [last, r[last.at]]])
    })
    return tally.done()
  },
}
