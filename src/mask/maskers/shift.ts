/**
 * `shift`: dates and timestamps moved by a keyed whole number of days in [-maxDays, maxDays] \ {0}, the
 * same for every date of one entity: the offset is a keyed hash of the row's `by` originals (default
 * the primary key), so the intervals between one customer's dates are kept exactly (and a row's
 * created_at ≤ updated_at still holds). Whole days keep the time of day and the zone of text values.
 */
import type { MaskSpec } from '../../model/mask.js'
import type { Value } from '../../model/rows.js'
import { hashValues, lastBelow } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { addDays } from './dates.js'
import { unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'

export function shiftMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'shift' }> }): ColumnMasker {
  const { maxDays } = ctx.spec
  const by = ctx.spec.by ?? ctx.table.primaryKey?.columns
  if (!by || by.length === 0) throw unsatisfiable(ctx, 'needs `by` (the entity columns): the table has no primary key')
  if (!Number.isInteger(maxDays) || maxDays < 1) throw unsatisfiable(ctx, 'needs maxDays to be a whole number ≥ 1')
  const kind = ctx.column.type.kind
  if (kind !== 'date' && kind !== 'timestamp' && kind !== 'string' && kind !== 'text') throw unsatisfiable(ctx, `shifts dates and the column is ${kind}`)
  const k = subkey(ctx.key, `shift:${maxDays}`)
  let lastRow: readonly Value[] | undefined
  return {
    reads: by,
    startBatch() {
      lastRow = undefined
    },
    bind(pos) {
      const ps = by.map(pos)
      const vals: Value[] = []
      lastRow = undefined
      let days = 0
      return (v, row) => {
        if (v === null) return null
        if (row !== lastRow) {
          vals.length = 0
          for (const p of ps) vals.push(row[p]!)
          hashValues(k, vals)
          // Never 0: an unshifted date would survive the leak check.
          const i = lastBelow(2 * maxDays)
          days = i < maxDays ? i - maxDays : i - maxDays + 1
          lastRow = row
        }
        const out = addDays(v, days)
        if (out === undefined) throw unsatisfiable(ctx, 'met a value that is not a date')
        return out
      }
    },
  }
}
