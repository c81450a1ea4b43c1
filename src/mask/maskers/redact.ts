/**
 * `redact`: a fixed text (`with`, default `REDACTED`) cut to the column length, or with `keepLength` the
 * character `char` (default `*`) repeated to the original's length. NULL stays NULL.
 */
import type { MaskSpec } from '../../model/mask.js'
import type { Value } from '../../model/rows.js'
import { cutTo, fitOf, requireText, unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'

export function redactMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'redact' }> }): ColumnMasker {
  const fit = fitOf(ctx.table, ctx.column)
  requireText(ctx, fit)
  const spec = ctx.spec
  if (spec.keepLength) {
    const ch = spec.char ?? '*'
    if (ch.length !== 1) throw unsatisfiable(ctx, 'needs `char` to be one character')
    if (fit.labels) throw unsatisfiable(ctx, 'keeps the length and the column takes only its labels')
    const cache: string[] = []
    return {
      reads: [],
      bind: () => (v: Value) => {
        if (v === null) return null
        const n = Math.max(fit.minLength, Math.min(String(v).length, fit.maxLength ?? Infinity))
        return (cache[n] ??= ch.repeat(n))
      },
    }
  }
  const text = cutTo(spec.with ?? 'REDACTED', fit)
  if (text.length < fit.minLength) throw unsatisfiable(ctx, `text is shorter than the column's minimum of ${fit.minLength}`)
  if (fit.labels && !fit.labels.includes(text)) throw unsatisfiable(ctx, 'text is not one of the column labels')
  return { reads: [], bind: () => (v: Value) => (v === null ? null : text) }
}
