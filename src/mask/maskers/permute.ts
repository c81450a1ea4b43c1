/**
 * `permute`: a keyed bijection of the column's domain, so keys stay keys and every FK with the same
 * masker maps identically (no lookup table). Integers: sign and digit count kept, inside the type's
 * range (see integerPermuter); text: per character-class shape (shapePermuter); uuids: per hex digit;
 * enum labels: a permutation of the labels. The subkey's label depends only on the kind of domain, so
 * a PK and its FKs agree whatever table they sit in; it is the one `scramble` uses for integers, uuids
 * and text without a checksum, so a PK permuted and an FK scrambled still join. An int4 PK and an int8 FK agree on every value
 * below 10^9 (the int4 top class is clipped to 2^31 − 1, which changes that class's permutation).
 * A CHECK narrowing a permuted integer key (id BETWEEN …) is not followed, for the same reason.
 */
import type { Value } from '../../model/rows.js'
import { subkey } from '../key.js'
import { domainPermutation, integerPermuter, shapePermuter } from '../permutation.js'
import { fitOf, integerRange, unsatisfiable, type ColumnMasker, type Fit, type MaskContext } from './context.js'

/** The per-value function of `permute` (also used by `scramble` for integers, uuids and codes). */
export function permuteFn(ctx: MaskContext, fit: Fit, label = 'shape'): (v: Value) => Value {
  const kind = ctx.column.type.kind
  if (fit.labels) {
    const labels = fit.labels
    const p = domainPermutation(subkey(ctx.key, `${label}:labels:${labels.join('\u0000')}`), BigInt(labels.length), 0)
    const index = new Map(labels.map((l, i) => [l, i]))
    return (v) => {
      if (v === null) return null
      const i = index.get(String(v))
      // A value outside the labels (SET combinations, a relaxed CHECK): a keyed label rather than a leak.
      return labels[p.forward(i ?? 0)]!
    }
  }
  if (ctx.column.type.kind === 'integer') {
    // The type's range, not a CHECK's: an FK column has no such CHECK and must permute like its PK.
    const { intMin, intMax } = integerRange(ctx.column.type)
    const p = integerPermuter(subkey(ctx.key, `${label}:int`), intMin, intMax)
    return (v) => {
      if (v === null) return null
      if (typeof v === 'number' && Number.isSafeInteger(v)) return p.permute(v)
      if (typeof v === 'bigint') return p.permuteBig(v)
      if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) return p.permuteBig(BigInt(v)).toString()
      throw unsatisfiable(ctx, 'met a value that is not an integer')
    }
  }
  if (kind === 'uuid') {
    const p = shapePermuter(subkey(ctx.key, `${label}:hex`), 'hex')
    return (v) => (v === null ? null : p(String(v)))
  }
  if (fit.text) {
    const p = shapePermuter(subkey(ctx.key, `${label}:text`))
    return (v) => (v === null ? null : p(String(v)))
  }
  throw unsatisfiable(ctx, `cannot permute a ${kind} column (integers, text, uuids and enums only)`)
}

export function permuteMasker(ctx: MaskContext): ColumnMasker {
  const f = permuteFn(ctx, fitOf(ctx.table, ctx.column))
  return { reads: [], bind: () => f }
}
