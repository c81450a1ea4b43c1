/** How the report writes numbers, dates, shares and axis ticks. */
import { match } from 'ts-pattern'
import type { LogicalKind } from '../../model/schema.js'

/** What an axis of a column's values shows: numbers, or epoch milliseconds as dates, timestamps or times of day. */
export type AxisKind = 'number' | 'date' | 'datetime' | 'time'

/** The axis kind of a column's numeric summary. */
export function axisKindOf(kind: LogicalKind): AxisKind {
  return match(kind)
    .with('date', () => 'date' as const)
    .with('timestamp', () => 'datetime' as const)
    .with('time', () => 'time' as const)
    .with('integer', 'decimal', 'float', 'boolean', 'string', 'text', 'uuid', 'interval', 'json', 'binary', 'enum', 'set', 'array', 'inet', 'unknown', () => 'number' as const)
    .exhaustive()
}

const DAY = 86_400_000

/** A value on an axis of kind `axis`; `span` (same unit) picks the precision of dates. */
export function formatValue(x: number, axis: AxisKind, span = 0): string {
  if (!Number.isFinite(x)) return String(x)
  if (axis === 'number') return formatNumber(x)
  const iso = new Date(x).toISOString()
  if (axis === 'time') return iso.slice(11, 16)
  if (axis === 'date' || span > 3 * DAY) return iso.slice(0, 10)
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

/** Short, readable numbers: 12, 3.25, 12.5k, 1.2M, 0.0031. */
export function formatNumber(x: number): string {
  const a = Math.abs(x)
  if (a >= 1e4) return new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 }).format(x)
  if (Number.isInteger(x)) return String(x)
  if (a >= 100) return x.toFixed(1)
  return String(Number(x.toPrecision(3)))
}

/** A share as a percentage: 12.3 %, 0.4 %, 0 %. */
export function percent(share: number): string {
  if (share === 0) return '0 %'
  const p = share * 100
  return `${p >= 10 ? p.toFixed(1) : p >= 0.1 ? p.toFixed(2) : p.toPrecision(2)} %`
}

/** A score or distance with three decimals. */
export function fixed3(x: number): string {
  return x.toFixed(3)
}

/**
 * About `count` round tick positions within [lo, hi]: steps of 1, 2 or 5 × 10^k; on a date axis longer
 * than three days, whole days from midnight UTC, so every tick is a date.
 */
export function ticks(lo: number, hi: number, count: number, axis: AxisKind = 'number'): number[] {
  if (!(hi > lo)) return [lo]
  let step = niceStep((hi - lo) / count)
  if ((axis === 'date' || axis === 'datetime') && hi - lo > 3 * DAY) step = Math.max(DAY, Math.round(step / DAY) * DAY)
  const out: number[] = []
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t)
  return out
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw))
  const f = raw / p
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p
}
