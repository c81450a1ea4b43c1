/**
 * Value ranges for numbers and temporal types: the type's hard limits narrowed by CHECK bounds, and a
 * "soft" realistic range (by name, or a default) inside them. All in integer units (see GeneratorSpec).
 */
import type { GeneratorSpec } from '../model/plan.js'
import { TdgError } from '../errors.js'
import { daysFromCivil, parseDate, parseTime, parseTimestamp } from '../generate/format.js'
import type { Bound, ColumnConstraints } from './column-constraints.js'

/** Largest magnitude in units: keeps every enumeration below 2^53. */
export const UNIT_LIMIT = 1e15 - 1

/** A value → units, snapping float noise (0.1 × 100 = 10.000000000000002). */
function units(v: number, f: number): number {
  const x = v * f
  const r = Math.round(x)
  return Math.abs(x - r) < 1e-7 ? r : x
}

/** Smallest unit ≥ (or >) a lower bound. */
function lowUnits(v: number, f: number, inclusive: boolean): number {
  const x = units(v, f)
  return Number.isInteger(x) ? (inclusive ? x : x + 1) : Math.ceil(x)
}

/** Largest unit ≤ (or <) an upper bound. */
function highUnits(v: number, f: number, inclusive: boolean): number {
  const x = units(v, f)
  return Number.isInteger(x) ? (inclusive ? x : x - 1) : Math.floor(x)
}

/** Where the range lives and what it is called, for error messages. */
export interface RangeContext {
  table: string
  column: string
  /** Where generated time ends (epoch seconds); default the start of today (UTC). */
  now?: number
}

/** Hard [lo, hi] in units after CHECK bounds; `parse` reads a bound value into the value space. */
function narrow(lo: number, hi: number, cons: ColumnConstraints, f: number, parse: (v: string | number) => number, ctx: RangeContext): [number, number] {
  const apply = (bounds: Bound[], lower: boolean) => {
    for (const b of bounds) {
      const v = parse(b.value)
      if (Number.isNaN(v)) continue
      if (lower) lo = Math.max(lo, lowUnits(v, f, b.inclusive))
      else hi = Math.min(hi, highUnits(v, f, b.inclusive))
    }
  }
  apply(cons.lower, true)
  apply(cons.upper, false)
  if (lo > hi) throw new TdgError('TDG_PLAN_UNSATISFIABLE', `CHECK bounds of ${ctx.table}.${ctx.column} leave no value`, { table: ctx.table, column: ctx.column })
  return [lo, hi]
}

/**
 * A soft range inside [lo, hi]; when the wish lies outside, or only grazes it (`BETWEEN 1000 AND 2000`
 * against the default 0…1000 would give 1000 alone), a window of its width at the nearer end.
 */
function soften(lo: number, hi: number, wishLo: number, wishHi: number): [number, number] {
  const a = Math.max(lo, wishLo)
  const b = Math.min(hi, wishHi)
  const width = wishHi - wishLo
  if (a <= b && (b - a) * 10 >= Math.min(width, hi - lo)) return [a, b]
  return wishHi > hi ? [Math.max(lo, hi - width), hi] : [lo, Math.min(hi, lo + width)]
}

const asNumber = (v: string | number) => (typeof v === 'number' ? v : Number(v))

/** Integer/decimal/float spec within type limits, CHECK bounds and a soft (name or default) range. */
export function numberRange(
  kind: { as: 'integer' | 'decimal' | 'float'; scale: number; lo: number; hi: number },
  cons: ColumnConstraints,
  wish: { min: number; max: number } | undefined,
  unique: boolean,
  ctx: RangeContext,
): Extract<GeneratorSpec, { kind: 'number' }> {
  const f = Math.pow(10, kind.scale)
  const [lo, hi] = narrow(Math.max(kind.lo, -UNIT_LIMIT), Math.min(kind.hi, UNIT_LIMIT), cons, f, asNumber, ctx)
  const w = wish ?? { min: 0, max: 1000 }
  const [sLo, sHi] = soften(lo, hi, Math.ceil(w.min * f), Math.floor(w.max * f))
  const exclude = cons.exclude
    .map((v) => units(asNumber(v), f))
    .filter((u) => Number.isInteger(u) && u >= lo && u <= hi)
  if (new Set(exclude).size > hi - lo)
    throw new TdgError('TDG_PLAN_UNSATISFIABLE', `CHECK constraints of ${ctx.table}.${ctx.column} exclude every value`, { table: ctx.table, column: ctx.column })
  const ex = exclude.length > 0 ? { exclude } : {}
  if (unique) {
    const start = wish ? sLo : Math.min(hi, Math.max(lo, kind.as === 'integer' ? 1 : f))
    return { kind: 'number', min: lo, max: hi, start, scale: kind.scale, as: kind.as, ...ex }
  }
  // A soft window that exclusions empty falls back to the whole allowed range.
  const [a, b] = new Set(exclude.filter((u) => u >= sLo && u <= sHi)).size > sHi - sLo ? [lo, hi] : [sLo, sHi]
  return { kind: 'number', min: a, max: b, start: a, scale: kind.scale, as: kind.as, ...ex }
}

/** Hard limits of an integer type, in units. */
export function integerLimits(bytes: number, unsigned: boolean): [number, number] {
  const bits = bytes * 8
  return unsigned ? [0, Math.pow(2, bits) - 1] : [-Math.pow(2, bits - 1), Math.pow(2, bits - 1) - 1]
}

const DAY = 86400
const day = (y: number, m = 1, d = 1) => daysFromCivil(y, m, d)
/** Safe across dialects (MySQL DATE starts at 1000, timestamps at 1970 for TIMESTAMP). */
const HARD_DAYS: [number, number] = [day(1900), day(2999, 12, 31)]

export type TimeRoleWish = 'birth' | 'created' | 'other'

/** Realistic windows ending at `now`: ages 18–90, creation in the last 5 years, other times in the last 10. */
function wishDays(role: TimeRoleWish, now: number): [number, number] {
  const d = new Date(now * 1000)
  const y = d.getUTCFullYear()
  const ago = (years: number) => day(y - years, d.getUTCMonth() + 1, Math.min(d.getUTCDate(), 28))
  const today = Math.floor(now / DAY)
  if (role === 'birth') return [ago(90), ago(18)]
  if (role === 'created') return [ago(5), today - 1]
  return [ago(10), today - 1]
}

/** The start of today (UTC) in epoch seconds: the default `now`. */
export function startOfTodayUtc(): number {
  return Math.floor(Date.now() / 1000 / DAY) * DAY
}

/** Date spec (days). */
export function dateRange(cons: ColumnConstraints, role: TimeRoleWish, unique: boolean, ctx: RangeContext): Extract<GeneratorSpec, { kind: 'date' }> {
  const parse = (v: string | number) => (typeof v === 'number' ? NaN : parseDate(v))
  const [lo, hi] = narrow(HARD_DAYS[0], HARD_DAYS[1], cons, 1, parse, ctx)
  const [wLo, wHi] = wishDays(role, ctx.now ?? startOfTodayUtc())
  const [sLo, sHi] = soften(lo, hi, wLo, wHi)
  return unique ? { kind: 'date', min: lo, max: hi, start: sLo } : { kind: 'date', min: sLo, max: sHi, start: sLo }
}

/** Timestamp spec (epoch seconds). */
export function timestampRange(cons: ColumnConstraints, role: TimeRoleWish, tz: boolean, unique: boolean, ctx: RangeContext): Extract<GeneratorSpec, { kind: 'timestamp' }> {
  const parse = (v: string | number) => (typeof v === 'number' ? NaN : parseTimestamp(v))
  const [lo, hi] = narrow(HARD_DAYS[0] * DAY, HARD_DAYS[1] * DAY + DAY - 1, cons, 1, parse, ctx)
  const [wLo, wHi] = wishDays(role, ctx.now ?? startOfTodayUtc())
  const [sLo, sHi] = soften(lo, hi, wLo * DAY, wHi * DAY + DAY - 1)
  return unique ? { kind: 'timestamp', min: lo, max: hi, start: sLo, tz } : { kind: 'timestamp', min: sLo, max: sHi, start: sLo, tz }
}

/** Time-of-day spec (seconds). */
export function timeRange(cons: ColumnConstraints, tz: boolean, ctx: RangeContext): Extract<GeneratorSpec, { kind: 'time' }> {
  const parse = (v: string | number) => (typeof v === 'number' ? NaN : parseTime(v))
  const [lo, hi] = narrow(0, DAY - 1, cons, 1, parse, ctx)
  return { kind: 'time', min: lo, max: hi, start: lo, ...(tz ? { tz } : {}) }
}
