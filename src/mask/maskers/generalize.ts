/**
 * `generalize`: coarsen a value. `round`: to the nearest multiple; `bucket`: down to the bucket's lower
 * bound (ages 37 → 30 with bucket 10); `truncate`: dates/timestamps to the start of their year, month,
 * day or hour. Results keep the column's type, scale and range.
 */
import type { MaskSpec } from '../../model/mask.js'
import { fitOf, unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'
import { truncateDate } from './dates.js'
import { numericFit, toNumber } from './numbers.js'

export function generalizeMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'generalize' }> }): ColumnMasker {
  const how = ctx.spec.how
  if ('truncate' in how) {
    const kind = ctx.column.type.kind
    if (kind !== 'date' && kind !== 'timestamp' && kind !== 'string' && kind !== 'text') throw unsatisfiable(ctx, `truncates dates and the column is ${kind}`)
    return {
      reads: [],
      bind: () => (v) => {
        if (v === null) return null
        const out = truncateDate(v, how.truncate)
        if (out === undefined) throw unsatisfiable(ctx, 'met a value that is not a date')
        return out
      },
    }
  }
  const fit = fitOf(ctx.table, ctx.column)
  const nf = numericFit(ctx.column, fit)
  if (!nf) throw unsatisfiable(ctx, `rounds numbers and the column is ${ctx.column.type.kind}`)
  const step = 'round' in how ? how.round : how.bucket
  if (!(step > 0)) throw unsatisfiable(ctx, 'needs a step > 0')
  const down = 'bucket' in how
  return {
    reads: [],
    bind: () => (v) => {
      if (v === null) return null
      const x = toNumber(v)
      if (Number.isNaN(x)) throw unsatisfiable(ctx, 'met a value that is not a number')
      const q = down ? Math.floor(x / step) : Math.round(x / step)
      return nf.emit(q * step, v)
    },
  }
}
