/**
 * `distribution: { quantiles: [...] }` (+ `seasonality`): an empirical distribution, alone or inside a
 * `range` (numbers) or `between` (dates, timestamps) that bounds it. Numbers are numbers; date and
 * timestamp points are ISO texts. The points become an `empirical` spec in the column's units, compiled
 * once by src/generate/empirical.ts. A unique column (`unique: true`, or a one-column PK/UNIQUE)
 * enumerates the points' span instead: random draws would collide.
 */
import type { GeneratorSpec } from '../../model/plan.js'
import { parseTimestamp } from '../../generate/format.js'
import type { ColumnRule } from '../schema.js'
import { isEmpirical } from '../generator-key.js'
import type { ColumnContext, KindHelpers, RuleKind, RuleSpec } from './rule-kind.js'
import { numberBounds } from './range.js'

/** A distribution standing alone: its points give min and max. */
export const empiricalKind: RuleKind = (rule, ctx, h) => {
  if (h.fam === 'number') return empiricalNumber(rule, ctx, h, undefined)
  if (h.fam === 'date' || h.fam === 'timestamp') return empiricalTemporal(rule, ctx, h, undefined)
  return h.fail('distribution', `quantiles need a numeric, date or timestamp column (the column is ${ctx.column.nativeType})`)
}

const clampTo = (lo: number, hi: number) => (x: number) => (x < lo ? lo : x > hi ? hi : x)

/** Numbers: points × 10^scale, kept within `window` (units; the range) or the type and its CHECKs. */
export function empiricalNumber(rule: ColumnRule, ctx: ColumnContext, h: KindHelpers, window: [number, number] | undefined): RuleSpec {
  if (rule.seasonality) return h.fail('seasonality', `seasonality needs a date or timestamp column (the column is ${ctx.column.nativeType})`)
  const q = quantilesOf(rule)
  if (q.some((v) => typeof v !== 'number')) return h.fail(['distribution', 'quantiles'], `quantiles of a numeric column are numbers (the column is ${ctx.column.nativeType})`)
  const [tlo, thi, scale, as] = numberBounds(ctx)
  const [lo, hi] = window ?? [tlo, thi]
  const f = Math.pow(10, scale)
  const raw = (q as number[]).map((v) => v * f)
  if (raw[raw.length - 1]! < lo - 0.5 || raw[0]! > hi + 0.5) return h.fail(['distribution', 'quantiles'], `the quantiles lie outside what ${ctx.column.nativeType}, its CHECKs${window ? ' and the range' : ''} allow`)
  const points = raw.map(clampTo(lo, hi))
  const min = Math.max(lo, Math.ceil(points[0]! - 1e-9))
  const max = Math.min(hi, Math.floor(points[points.length - 1]! + 1e-9))
  const span = `${min / f}..${max / f}`
  if (uniqueColumn(rule, ctx)) return h.out({ kind: 'number', min, max: Math.max(min, max), start: min, scale, as }, `quantiles ${span}, enumerated (unique)`)
  return h.out({ kind: 'empirical', points, of: { kind: 'number', min: lo, max: hi, start: lo, scale, as } }, `empirical distribution (${q.length} quantiles) ${span}`)
}

/** Dates (days) and timestamps (seconds): ISO points, kept within `window` (the `between`) or the column's bounds. */
export function empiricalTemporal(rule: ColumnRule, ctx: ColumnContext, h: KindHelpers, window: [number, number] | undefined): RuleSpec {
  const hard = ctx.hard()
  if (hard.kind !== 'date' && hard.kind !== 'timestamp') return h.fail('distribution', `quantiles need a numeric, date or timestamp column (the column is ${ctx.column.nativeType})`)
  const [lo, hi] = window ?? [hard.min, hard.max]
  const per = hard.kind === 'date' ? 86400 : 1
  let points: number[]
  if (isEmpirical(rule.distribution)) {
    const q = rule.distribution.quantiles
    if (q.some((v) => typeof v !== 'string')) return h.fail(['distribution', 'quantiles'], `quantiles of a ${hard.kind} column are ISO ${hard.kind === 'date' ? 'dates' : 'timestamps'} ('2024-03-01', '2024-03-01T12:00:00Z')`)
    points = q.map((v) => parseTimestamp(v as string) / per)
    if (points[points.length - 1]! < lo || points[0]! > hi + 1) return h.fail(['distribution', 'quantiles'], `the quantiles lie outside ${window ? 'the between window' : `what ${ctx.column.nativeType} allows`}`)
  } else points = [lo, hi + 1]
  // The top unit stays drawable: values are floored, so the window runs to the end of its last day/second.
  points = points.map(clampTo(lo, hi + 1))
  const min = Math.max(lo, Math.ceil(points[0]!))
  const max = Math.min(hi, Math.max(min, Math.floor(points[points.length - 1]!)))
  const of: Extract<GeneratorSpec, { kind: 'date' | 'timestamp' }> = { ...hard, min: lo, max: hi, start: lo }
  const label = isEmpirical(rule.distribution) ? `empirical distribution (${points.length} quantiles)` : 'between'
  const season = rule.seasonality ? `, seasonal by ${Object.keys(rule.seasonality).join('/')}` : ''
  if (uniqueColumn(rule, ctx)) return h.out({ ...of, min, max, start: min }, `${label}, enumerated (unique)`)
  return h.out({ kind: 'empirical', points, of, ...(rule.seasonality ? { seasonality: rule.seasonality } : {}) }, `${label}${season}`)
}

/** `unique: true`, or a one-column PK/UNIQUE: draws would collide, so the span is enumerated. */
function uniqueColumn(rule: ColumnRule, ctx: ColumnContext): boolean {
  const t = ctx.tableDef
  return rule.unique === true || [t.primaryKey, ...t.uniques].some((u) => u?.columns.length === 1 && u.columns[0] === ctx.column.name)
}

function quantilesOf(rule: ColumnRule): Array<number | string> {
  return isEmpirical(rule.distribution) ? rule.distribution.quantiles : []
}
