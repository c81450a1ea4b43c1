/**
 * `noise`: a number times (1 + e), |e| ≤ percent/100, e a keyed hash of the original (one original
 * always gets the same noise). Integers are rounded, decimals rounded to their scale, both kept in the
 * column's range; the JS type of the value (number, bigint, numeric text) is kept. Large bigints get
 * the noise added exactly (the delta is computed in doubles, the sum in BigInt).
 */
import type { MaskSpec } from '../../model/mask.js'
import { hashValue, lastUniform } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { fitOf, unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'
import { numericFit, toNumber } from './numbers.js'

export function noiseMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'noise' }> }): ColumnMasker {
  const { percent } = ctx.spec
  if (!(percent > 0 && percent <= 1000)) throw unsatisfiable(ctx, 'needs percent in (0, 1000]')
  const fit = fitOf(ctx.table, ctx.column)
  const nf = numericFit(ctx.column, fit)
  if (!nf) throw unsatisfiable(ctx, `adds noise to numbers and the column is ${ctx.column.type.kind}`)
  const k = subkey(ctx.key, `noise:${percent}`)
  const p = percent / 100
  return {
    reads: [],
    bind: () => (v) => {
      if (v === null) return null
      hashValue(k, v)
      const e = (2 * lastUniform() - 1) * p
      if (typeof v === 'bigint' && (v > 9007199254740991n || v < -9007199254740991n)) {
        const y = v + BigInt(Math.round(Number(v) * e))
        return y > fit.intMax! ? fit.intMax! : y < fit.intMin! ? fit.intMin! : y
      }
      const x = toNumber(v)
      if (Number.isNaN(x)) throw unsatisfiable(ctx, 'met a value that is not a number')
      return nf.emit(x * (1 + e), v)
    },
  }
}
