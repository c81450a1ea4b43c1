/** Children per parent along a foreign key: the summary, from per-parent counts or from sampled child rows. */
import type { FanOutProfile } from '../model/profile.js'
import type { Value } from '../model/rows.js'
import { keyOf } from './values.js'

/** Parent keys counted from sampled child rows at most; past it new keys are not counted (the result is not exact). */
export const FAN_OUT_KEY_CAP = 1_000_000

/** min, median, p95, max, mean, the childless share and 101 quantiles of per-parent child counts. */
export function fanOutStats(counts: ArrayLike<number>): Pick<FanOutProfile, 'parents' | 'childless' | 'min' | 'median' | 'p95' | 'max' | 'mean' | 'quantiles'> {
  const n = counts.length
  if (n === 0) return { parents: 0, childless: 0, min: 0, median: 0, p95: 0, max: 0, mean: 0 }
  const sorted = Float64Array.from(counts).sort()
  let sum = 0
  let zero = 0
  for (let i = 0; i < n; i++) {
    sum += sorted[i]!
    if (sorted[i] === 0) zero++
  }
  const q = (p: number) => {
    const pos = p * (n - 1)
    const lo = Math.floor(pos)
    const hi = Math.min(n - 1, lo + 1)
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo)
  }
  const quantiles = Array.from({ length: 101 }, (_, j) => Math.round(q(j / 100) * 100) / 100)
  return { parents: n, childless: zero / n, min: sorted[0]!, median: q(0.5), p95: q(0.95), max: sorted[n - 1]!, mean: sum / n, quantiles }
}

/** Children per FK value over sampled child rows. */
export class FanOutCounter {
  readonly perParent = new Map<string | number | boolean, number>()
  children = 0
  nullChildren = 0
  capped = false

  constructor(readonly positions: number[]) {}

  addRow(row: Value[], at: Int32Array): void {
    this.children++
    let key: string | number | boolean
    if (this.positions.length === 1) {
      const i = at[this.positions[0]!]!
      const v = i < 0 ? null : row[i]
      if (v === null || v === undefined) return void this.nullChildren++
      key = keyOf(v)
    } else {
      const parts: string[] = []
      for (const p of this.positions) {
        const i = at[p]!
        const v = i < 0 ? null : row[i]
        if (v === null || v === undefined) return void this.nullChildren++
        parts.push(String(keyOf(v)))
      }
      key = parts.join('\u0000')
    }
    const c = this.perParent.get(key)
    if (c !== undefined) this.perParent.set(key, c + 1)
    else if (this.perParent.size < FAN_OUT_KEY_CAP) this.perParent.set(key, 1)
    else this.capped = true
  }

  /** Per-parent counts with `parents` parents in all (the ones with no sampled child count 0). */
  counts(parents: number): number[] {
    const out = [...this.perParent.values()]
    for (let i = out.length; i < parents; i++) out.push(0)
    return out
  }
}
