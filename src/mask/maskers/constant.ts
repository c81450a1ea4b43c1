/**
 * `constant`: one value for every row, NULLs included (a NULL original becomes the constant too, so the
 * column no longer tells who had a value). Text constants must fit the length and the labels.
 */
import type { MaskSpec } from '../../model/mask.js'
import { fitOf, requireNullable, unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'

export function constantMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'constant' }> }): ColumnMasker {
  const value = ctx.spec.value
  if (value === null) requireNullable(ctx)
  const fit = fitOf(ctx.table, ctx.column)
  if (typeof value === 'string') {
    if (fit.maxLength !== undefined && value.length > fit.maxLength) throw unsatisfiable(ctx, `constant is longer than the column's ${fit.maxLength} characters`)
    if (fit.labels && !fit.labels.includes(value)) throw unsatisfiable(ctx, 'constant is not one of the column labels')
  }
  if (fit.intMin !== undefined && fit.intMax !== undefined && (typeof value === 'number' || typeof value === 'bigint')) {
    const big = BigInt(value)
    if (big < fit.intMin || big > fit.intMax) throw unsatisfiable(ctx, "constant is outside the column type's range")
  }
  return { reads: [], bind: () => () => value }
}
