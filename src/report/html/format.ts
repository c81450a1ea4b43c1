/** How the report writes numbers, dates, shares and axis ticks. */
import { match } from 'ts-pattern'
import type { LogicalKind } from '../../model/schema.js'

/** What an axis of a column's values shows: numbers, or epoch milliseconds as dates, timestamps or times of day. */
export type AxisKind = 'number' | 'date' | 'datetime' | 'time' | 'share'

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
  if (axis === 'share') return `${Math.round(x * 100)} %`
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
 * About `count` round tick positions within [lo, hi]: steps of 1, 2 or 5 × 10^k; on a date axis
 * longer than three days, calendar dates (UTC): January 1sts over years, 1sts of months over months,
 * midnights over days; shorter times on clock steps (minutes, hours).
 */
export function ticks(lo: number, hi: number, count: number, axis: AxisKind = 'number'): number[] {
  if (!(hi > lo)) return [lo]
  if ((axis === 'date' || axis === 'datetime') && hi - lo > 3 * DAY) return dateTicks(lo, hi, count)
  const step = axis === 'datetime' || axis === 'time' ? clockStep((hi - lo) / count) : niceStep((hi - lo) / count)
  const out: number[] = []
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t)
  return out
}

function dateTicks(lo: number, hi: number, count: number): number[] {
  const years = (hi - lo) / (365.25 * DAY)
  const out: number[] = []
  if (years >= count * 0.8) {
    const step = Math.max(1, niceStep(years / count))
    const first = Math.ceil(new Date(lo).getUTCFullYear() / step) * step
    for (let y = first; Date.UTC(y, 0, 1) <= hi; y += step) if (Date.UTC(y, 0, 1) >= lo) out.push(Date.UTC(y, 0, 1))
    return out
  }
  const months = years * 12
  if (months >= count * 0.8) {
    const step = [1, 2, 3, 6, 12].find((m) => months / m <= count * 1.5) ?? 12
    const d = new Date(lo)
    let m = d.getUTCFullYear() * 12 + d.getUTCMonth() + 1
    m = Math.ceil(m / step) * step
    for (; Date.UTC(Math.floor(m / 12), m % 12, 1) <= hi; m += step) out.push(Date.UTC(Math.floor(m / 12), m % 12, 1))
    return out
  }
  const step = Math.max(1, Math.round(niceStep((hi - lo) / DAY / count))) * DAY
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t)
  return out
}

/** A step a clock shows: 1, 5, 10, 15, 30 minutes or 1, 2, 3, 6, 12, 24 hours. */
function clockStep(raw: number): number {
  const MIN = 60_000
  return [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MIN).find((s) => s >= raw) ?? DAY
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw))
  const f = raw / p
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * p
}
