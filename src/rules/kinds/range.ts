/** `range: { min, max }` (+ `distribution`): numbers within the type, its CHECKs and the range. */
import { decimalText } from '../exact-value.js'
import { isEmpirical } from '../generator-key.js'
import type { ColumnContext, RuleKind } from './rule-kind.js'
import { empiricalNumber } from './empirical.js'

/** A numeric column's drawable bounds in units of 10^-scale: its type, its CHECKs and tdg's ±(10^15 − 1). */
export function numberBounds(ctx: ColumnContext): [number, number, number, 'integer' | 'decimal' | 'float'] {
  const { column } = ctx
  const hard = ctx.hard()
  return hard.kind === 'number' && column.type.kind !== 'float'
    ? [hard.min, hard.max, hard.scale, hard.as]
    : column.type.kind === 'float'
      ? [column.type.bytes === 4 ? -9_999_999 : -(1e15 - 1), column.type.bytes === 4 ? 9_999_999 : 1e15 - 1, 2, 'float']
      : [-(1e15 - 1), 1e15 - 1, 0, 'integer']
}

/** Numbers in [min, max], drawn with a distribution, or enumerated when the rule is unique. */
export const rangeKind: RuleKind = (rule, ctx, h) => {
  const { column } = ctx
  if (h.fam !== 'number') return h.fail('range', `range needs a numeric column (the column is ${column.nativeType})`)
  const [lo, hi, scale, as] = numberBounds(ctx)
  const f = Math.pow(10, scale)
  const bound = (key: 'min' | 'max'): number => {
    const v = rule.range![key]
    const n = Number(v)
    // A range is drawn in doubles: a bound a double cannot hold would be silently moved.
    if (typeof v === 'string' && decimalText(n) !== decimalText(v)) return h.fail(['range', key], `${v.trim()} cannot be drawn exactly from a range (beyond 2^53); list such values with 'values'`)
    return n
  }
  const [rMin, rMax] = [bound('min'), bound('max')]
  const min = Math.max(lo, Math.ceil(rMin * f - 1e-9))
  const max = Math.min(hi, Math.floor(rMax * f + 1e-9))
  if (min > max) return h.fail('range', `range [${rMin}, ${rMax}] lies outside what ${column.nativeType} and its CHECKs allow`)
  if (isEmpirical(rule.distribution)) return empiricalNumber(rule, ctx, h, [min, max])
  const dist = rule.distribution ?? 'uniform'
  // Narrowed to the type, its CHECKs and tdg's exact range (±(10^15 − 1) units): say so in `tdg plan`.
  const kept = min > Math.ceil(rMin * f - 1e-9) || max < Math.floor(rMax * f + 1e-9) ? ` (kept within ${min / f}..${max / f})` : ''
  // A unique range enumerates its values (k = row); a distribution cannot be unique.
  if (rule.unique) return h.out({ kind: 'number', min, max, start: min, scale, as }, `range ${rMin}..${rMax}${kept}, enumerated (unique)`)
  return h.out({ kind: 'distributed', min, max, scale, as, distribution: dist }, `range ${rMin}..${rMax}${kept}, ${dist}`)
}
