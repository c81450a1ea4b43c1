/** The distances fidelity compares summaries by (pure functions; KS lives in quantile-cdf.ts). */
import type { ColumnProfile } from '../model/profile.js'
import { THRESHOLDS, type Measure, type MeasureName } from './fidelity-types.js'

/** Null shares below this count as this much when relative error divides by the source's share. */
export const NULL_SHARE_FLOOR = 0.05

/** Fan-out medians below this (one child) count as this much in their relative error. */
export const FAN_OUT_FLOOR = 1

type Categories = NonNullable<ColumnProfile['categories']>

/**
 * Total variation distance ½ Σ |p_s(v) − p_t(v)| over the union of the listed values (a value listed on
 * one side only has share 0 on the other; values compare by their text, so `1` and `'1'` are one value).
 * Each side's `other` share (its unlisted values) is compared as one more bucket, so when `other` > 0 the
 * result is an approximation (`approximate: true`): values hidden in `other` cannot be matched.
 */
export function tvd(s: Categories, t: Categories): { value: number; approximate: boolean } {
  const shares = new Map<string, [number, number]>()
  for (const { value, share } of s.values) {
    const k = String(value)
    shares.set(k, [(shares.get(k)?.[0] ?? 0) + share, shares.get(k)?.[1] ?? 0])
  }
  for (const { value, share } of t.values) {
    const k = String(value)
    shares.set(k, [shares.get(k)?.[0] ?? 0, (shares.get(k)?.[1] ?? 0) + share])
  }
  let sum = Math.abs(s.other - t.other)
  for (const [a, b] of shares.values()) sum += Math.abs(a - b)
  return { value: Math.min(1, sum / 2), approximate: s.other > 0 || t.other > 0 }
}

/**
 * Relative error of the null share, |t − s| / max(s, NULL_SHARE_FLOOR): relative for shares of 5 % and
 * more; below, an absolute difference measured against 5 % (both 0 → 0; 0 against 0.4 % → 0.08), so a
 * near-zero source share does not turn sampling noise into a huge relative error.
 */
export function nullShareError(s: number, t: number): number {
  return Math.abs(t - s) / Math.max(s, NULL_SHARE_FLOOR)
}

/** Relative error of the median children per parent, |t − s| / max(s, 1) (a median of 0 children counts as 1). */
export function fanOutMedianError(s: number, t: number): number {
  return Math.abs(t - s) / Math.max(s, FAN_OUT_FLOOR)
}

/**
 * The row-count ratio's deviation from the scale: |ratio / scale − 1|, or 0 when the target is within one
 * row of source × scale (rounding a small table).
 */
export function rowRatioError(source: number, target: number, scale: number): number {
  if (source === 0 && target === 0) return 0
  if (source === 0 || scale === 0) return 1
  if (Math.abs(target - source * scale) <= 1) return 0
  return Math.abs(target / source / scale - 1)
}

/** A measure with its threshold, pass flag and score (1 − min(1, value)). */
export function measure(name: MeasureName, value: number, note?: string): Measure {
  const threshold = THRESHOLDS[name]
  const v = Number.isFinite(value) ? value : 1
  return { measure: name, value: round(v), threshold, pass: v <= threshold + 1e-12, score: round(1 - Math.min(1, v)), ...(note ? { note } : {}) }
}

/** Six significant decimals: JSON stays short and stable. */
export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6
}

/** Mean of `xs`, or `empty` when there are none. */
export function mean(xs: number[], empty: number): number {
  return xs.length === 0 ? empty : xs.reduce((a, b) => a + b, 0) / xs.length
}
