/**
 * `shuffle`: the column's values exchanged between rows within windows of `window` rows (default 1000)
 * of a batch, so the column keeps its exact distribution while values leave their rows. In each window
 * the non-NULL values are ordered by their keyed hash and each row takes the value ~0.38·n places further in
 * that order (a rotation: no row keeps its own value unless one value fills much of the window). Deterministic given the
 * key and the window's content; windows follow the batches, so a different batch size gives a
 * different (equally valid) exchange. NULLs stay in place.
 */
import type { MaskSpec } from '../../model/mask.js'
import type { Value } from '../../model/rows.js'
import { hashValue, OUT } from '../keyed-hash.js'
import { subkey } from '../key.js'
import { unsatisfiable, type ColumnMasker, type MaskContext } from './context.js'

export const DEFAULT_SHUFFLE_WINDOW = 1000

export function shuffleMasker(ctx: MaskContext & { spec: Extract<MaskSpec, { kind: 'shuffle' }> }): ColumnMasker {
  const window = ctx.spec.window ?? DEFAULT_SHUFFLE_WINDOW
  if (!Number.isInteger(window) || window < 2) throw unsatisfiable(ctx, 'needs a window of at least 2 rows')
  const k = subkey(ctx.key, 'shuffle')
  return {
    reads: [],
    batch(values) {
      const out = values.slice()
      for (let start = 0; start < values.length; start += window) {
        const end = Math.min(values.length, start + window)
        const idx: number[] = []
        const hi: number[] = []
        const lo: number[] = []
        for (let i = start; i < end; i++) {
          const v = values[i]!
          if (v === null) continue
          hashValue(k, v)
          idx.push(i)
          hi[i - start] = OUT[0]!
          lo[i - start] = OUT[1]!
        }
        idx.sort((a, b) => hi[a - start]! - hi[b - start]! || lo[a - start]! - lo[b - start]! || a - b)
        // Equal values sit next to each other in hash order: take the value a good way further on.
        const step = Math.max(1, Math.floor(idx.length * 0.381966))
        for (let t = 0; t < idx.length; t++) out[idx[t]!] = values[idx[(t + step) % idx.length]!] as Value
      }
      return out
    },
  }
}
