/** Numeric fitting shared by `noise` and `generalize`: keep the JS type a value came in, stay in the column's range and scale. */
import type { Value } from '../../model/rows.js'
import type { Column } from '../../model/schema.js'
import type { Fit } from './context.js'

export interface NumericFit {
  /** Integer column: results are whole and clamped to [intMin, intMax]. */
  integer: boolean
  /** Decimal scale (digits after the point); undefined for floats. */
  scale?: number
  /** Largest magnitude a decimal(p, s) holds. */
  limit?: number
  /** Turn a computed number back into the column's value, in the JS type `like` had. */
  emit(x: number, like: Value): Value
}

export function numericFit(column: Column, fit: Fit): NumericFit | undefined {
  const t = column.type
  if (t.kind === 'integer') {
    const lo = Number(fit.intMin)
    const hi = Number(fit.intMax)
    return {
      integer: true,
      emit(x, like) {
        const r = Math.min(hi, Math.max(lo, Math.round(x)))
        if (typeof like === 'bigint') return BigInt(r) < fit.intMin! ? fit.intMin! : BigInt(r) > fit.intMax! ? fit.intMax! : BigInt(r)
        return typeof like === 'string' ? String(r) : r
      },
    }
  }
  if (t.kind === 'decimal') {
    const scale = t.scale ?? (t.precision === undefined ? undefined : 0)
    const limit = t.precision !== undefined ? Math.pow(10, t.precision - (scale ?? 0)) - Math.pow(10, -(scale ?? 0)) : undefined
    return {
      integer: false,
      ...(scale !== undefined ? { scale } : {}),
      ...(limit !== undefined ? { limit } : {}),
      emit(x, like) {
        if (limit !== undefined) x = Math.min(limit, Math.max(-limit, x))
        const text = scale !== undefined ? x.toFixed(scale) : String(x)
        return typeof like === 'string' ? text : Number(text)
      },
    }
  }
  if (t.kind === 'float') return { integer: false, emit: (x, like) => (typeof like === 'string' ? String(x) : x) }
  return undefined
}

/** A numeric original as a number (NaN when it is not one). */
export function toNumber(v: Value): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string') return v.trim() === '' ? NaN : Number(v)
  return NaN
}
