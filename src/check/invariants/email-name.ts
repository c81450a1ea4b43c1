import type { Value } from '../../model/rows.js'
import { type ColumnRef, emailColumn, firstNameColumn, fullNameColumn, lastNameColumn } from '../columns.js'
import { Tally } from '../tally.js'
import type { Invariant } from '../types.js'
import { letters, text } from '../values.js'

/** The name parts a local part may contain: first, last, or (without those) the words of the full name. */
function nameParts(first?: string, last?: string, full?: string): string[] {
  const parts = [first, last].filter((p): p is string => p !== undefined).map(letters)
  if (parts.length === 0 && full !== undefined) parts.push(...full.split(/\s+/).map(letters))
  return parts.filter((p) => p.length >= 2)
}

/**
 * The email's local part contains the row's first or last name (lowercase, accents stripped, letters
 * only on both sides): `jane.doe87@…` for Jane Doe. Applies to a row's own email beside its names.
 */
export const emailName: Invariant = {
  id: 'email-name',
  description: "email local part contains the row's first or last name",
  measure(_ctx, t) {
    const email = emailColumn(t)
    const first = firstNameColumn(t)
    const last = lastNameColumn(t)
    const full = first || last ? undefined : fullNameColumn(t)
    if (!email || (!first && !last && !full)) return []
    const tally = new Tally(this.id, t.key, [email, first, last, full].flatMap((c) => (c ? [c.name] : [])))
    t.rows.forEach((r, i) => {
      const e = text(r[email.at])
      const at = e?.lastIndexOf('@') ?? -1
      if (e === undefined || at <= 0) return
      const parts = nameParts(first && text(r[first.at]), last && text(r[last.at]), full && text(r[full.at]))
      if (parts.length === 0) return
      const local = letters(e.slice(0, at))
      const shown: Array<[ColumnRef, Value | undefined]> = [[email, r[email.at]]]
      if (first) shown.push([first, r[first.at]])
      if (last) shown.push([last, r[last.at]])
      tally.add(parts.some((p) => local.includes(p)), i, shown)
    })
    return tally.done()
  },
}
