/**
 * Compiles the generator kinds the rule engine adds (RuleGeneratorSpec) into functions of the row index.
 * Pools and parsed patterns are built here once per column; per row only index arithmetic runs.
 * compile-column.ts dispatches every rule kind here.
 */
import { isMatching, P } from 'ts-pattern'
import type { GeneratorSpec, Plan, RuleGeneratorSpec } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { below, mix32 } from './prng.js'
import { discreteSampler, distributionSampler } from './distributions.js'
import { numberSource, temporalSource } from './numeric-sources.js'
import { quantileSampler, seasonalSampler } from './empirical.js'
import { fakerPool } from './faker-call.js'
import { templateSource, withSuffix } from './template-source.js'
import { parseRegex } from './regex.js'
import { compileRegex } from './regex-generator.js'
import { scatter } from './scatter.js'
import { fit } from './pools.js'
import type { Streams } from './text-sources.js'
import { strata, stratifiedDraw, type Strata } from './stratified.js'

/** What a compiled rule column gives compile-column (its `Bound`). */
export interface RuleBound {
  value: (i: number) => Value
  raw?: (i: number) => number
}

/** The compiled view of sibling columns a rule needs. */
export interface RuleSibling {
  final(i: number): Value
  parentIndex?: (i: number) => number
}

/** Everything a rule kind needs from compile-column. */
export interface RuleCompileContext {
  plan: Plan
  stepId: string
  column: string
  /** Rows of the step: weighted and empirical draws are stratified over them (stratified.ts). */
  rows: number
  /**
   * The column's own strata when its NULL share takes part (compile-column decides the NULL rows from
   * it); absent: the rule stratifies over all `rows` on a stream of its own.
   */
  strata?: Strata
  /** Domain index of row i (unique picks); undefined for random draws. */
  k: ((i: number) => number) | undefined
  streams: Streams
  /** A sibling column of the same row (compiled lazily; cycles are a plan error). */
  sibling(name: string): RuleSibling
  /** A column of another step (a parent). */
  foreign(stepId: string, column: string): RuleSibling
  /** Compile a nested spec (a conditional's branch) on its own streams. */
  sub(spec: GeneratorSpec, salt: string): RuleBound
}

/** Compile one rule kind. */
export function compileRuleSpec(spec: RuleGeneratorSpec, ctx: RuleCompileContext): RuleBound {
  const { k, streams: s } = ctx
  const pick = <T>(at: (k: number, i: number) => T, random: (i: number) => T) => (k ? (i: number) => at(k(i), i) : random)
  switch (spec.kind) {
    case 'weighted': {
      const { values, weights } = spec
      const n = values.length
      const cum = new Float64Array(n)
      let acc = 0
      weights.forEach((w, j) => (cum[j] = acc += w))
      // Centred in each row's slice: the value counts are the rounded cumulative shares.
      const index = discreteSampler(cum, stratifiedDraw(strataOf(ctx, s.h), s.h))
      const random = (i: number) => values[index(i)]!
      return { value: pick((kk) => values[kk % n]!, random) }
    }
    case 'distributed': {
      const src = numberSource({ min: spec.min, max: spec.max, start: spec.min, scale: spec.scale, as: spec.as }, s.h)
      const sample = distributionSampler(spec.distribution, spec.min, spec.max, s.h2)
      const f = Math.pow(10, spec.scale)
      const raw = spec.scale === 0 ? sample : (i: number) => sample(i) / f
      const emit = src.emit
      return { value: (i) => emit(raw(i)), raw }
    }
    case 'empirical': {
      const of = spec.of
      if (of.kind === 'number') {
        const src = numberSource(of, s.h)
        const x = quantileSampler(spec.points, stratifiedDraw(strataOf(ctx, s.h2), s.h2, mix32(s.h2 ^ JITTER)))
        const f = Math.pow(10, of.scale)
        const units = (i: number) => {
          const u = Math.round(x(i))
          return u < of.min ? of.min : u > of.max ? of.max : u
        }
        const raw = of.scale === 0 ? units : (i: number) => units(i) / f
        const emit = src.emit
        return { value: (i) => emit(raw(i)), raw }
      }
      // Dates in days, timestamps in seconds: drawn in seconds, floored to the column's unit.
      const per = of.kind === 'date' ? 86400 : 1
      const seconds = spec.points.map((p) => p * per)
      const draw = stratifiedDraw(strataOf(ctx, s.h2), s.h2, mix32(s.h2 ^ JITTER))
      const x = (spec.seasonality && seasonalSampler(seconds, spec.seasonality, s.h2, { dates: of.kind === 'date', draw })) || quantileSampler(seconds, draw)
      const src = temporalSource(of, s.h)
      const raw = (i: number) => {
        const v = Math.floor(x(i) / per)
        return v < of.min ? of.min : v > of.max ? of.max : v
      }
      const emit = src.emit
      return { value: (i) => emit(raw(i)), raw }
    }
    case 'regex': {
      const gen = compileRegex(parseRegex(spec.pattern), { h: s.h2, h2: s.h3, lowercase: spec.lowercase === true })
      const spread = scatter(gen.size, s.h4)
      return { value: pick((kk) => gen.unrank(spread(kk)), (i) => gen.random(i)) }
    }
    case 'faker-call': {
      const pool = fakerPool(spec.method, spec.args, s.h3, undefined, spec.locale ?? ctx.plan.locale).map((v) => (typeof v === 'string' ? fitted(spec.lowercase ? v.toLowerCase() : v, spec.maxLength) : v))
      const n = pool.length
      const random = (i: number) => pool[below(s.h, i, n)]!
      return { value: pick((kk, i) => withSuffix(String(random(i)), kk, spec.maxLength), random) }
    }
    case 'template': {
      const locale = spec.locale ?? ctx.plan.locale
      const t = templateSource(spec.template, s, {
        where: `${ctx.stepId}.${ctx.column}`,
        ...(spec.lowercase ? { lowercase: true } : {}),
        ...(spec.maxLength !== undefined ? { maxLength: spec.maxLength } : {}),
        ...(locale !== undefined ? { locale } : {}),
        // `{{first_name}}` reads what the row writes there (after its null share).
        column: (name) => ctx.sibling(name).final,
      })
      return { value: pick(t.unique, t.random) }
    }
    case 'sequence': {
      const { prefix, padding } = spec
      // An appending run continues the sequence after the rows already in the table.
      const start = spec.start + (ctx.plan.steps.find((st) => st.id === ctx.stepId)?.rowOffset ?? 0)
      if (spec.as === 'integer') return { value: (i) => start + i, raw: (i) => start + i }
      return { value: (i) => prefix + String(start + i).padStart(padding, '0') }
    }
    case 'conditional': {
      const refs = Object.keys(spec.when)
      const cols = refs.map((r) => ctx.sibling(r).final)
      // One ts-pattern per rule, built once: each column must equal one of its listed values.
      const pattern = Object.fromEntries(
        refs.map((r) => {
          const vs = spec.when[r]!
          return [r, vs.length === 1 ? vs[0] : P.union(...(vs as [string]))]
        }),
      )
      const then = ctx.sub(spec.then, 'then')
      const other = ctx.sub(spec.else, 'else')
      const row: Record<string, Value> = {}
      // ts-pattern decides each row; one column with plain values (the common case) takes a Set instead.
      const single = refs.length === 1 ? new Set(spec.when[refs[0]!]!) : undefined
      const only = cols[0]!
      const holds = single
        ? (i: number) => single.has(only(i) as string)
        : (i: number) => {
            for (let j = 0; j < refs.length; j++) row[refs[j]!] = cols[j]!(i)
            return isMatching(pattern, row)
          }
      const tv = then.value
      const ov = other.value
      const out: RuleBound = { value: (i) => (holds(i) ? tv(i) : ov(i)) }
      if (then.raw && other.raw) {
        const tr = then.raw
        const or = other.raw
        out.raw = (i) => (holds(i) ? tr(i) : or(i))
      }
      return out
    }
    case 'parent-value': {
      const via = ctx.sibling(spec.via)
      const index = via.parentIndex
      if (!index) throw new TdgError('TDG_INTERNAL', `${ctx.stepId}.${spec.via} is not a foreign key column`, { column: spec.via })
      const parent = ctx.foreign(spec.parentStep, spec.parentColumn).final
      return {
        value: (i) => {
          const at = index(i)
          return at < 0 ? null : parent(at)
        },
      }
    }
  }
}

/** Salt of the uniform point inside a row's slice (continuous stratified draws). */
const JITTER = 0x6a09e667

/** The strata a rule's draws use: the column's (with its NULL rows), else all the step's rows keyed by `h`. */
function strataOf(ctx: RuleCompileContext, h: number): Strata {
  return ctx.strata ?? strata(ctx.rows, 0, mix32(h ^ 0x3c6ef372))
}

/** Cut to `max` when given (trailing spaces removed, as pools do). */
function fitted(v: string, max: number | undefined): string {
  return max === undefined ? v : fit(v, 0, max)
}
