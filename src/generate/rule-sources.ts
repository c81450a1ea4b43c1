/**
 * Compiles the generator kinds the rule engine adds (RuleGeneratorSpec) into functions of the row index.
 * Pools and parsed patterns are built here once per column; per row only index arithmetic runs.
 * compile-column.ts dispatches every rule kind here.
 */
import { isMatching, P } from 'ts-pattern'
import type { GeneratorSpec, Plan, RuleGeneratorSpec } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { below, mix32, rand32 } from './prng.js'
import { distributionSampler } from './distributions.js'
import { numberSource } from './numeric-sources.js'
import { fakerPool, parseTemplate } from './faker-call.js'
import { parseRegex, regexRandom, regexSize, regexUnrank, scatter } from './regex.js'
import { fit, POOL_SIZE } from './pools.js'
import type { Streams } from './text-sources.js'

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
      const random = (i: number) => {
        const u = (rand32(s.h, i) / 4294967296) * acc
        let lo = 0
        let hi = n - 1
        while (lo < hi) {
          const mid = (lo + hi) >>> 1
          if (cum[mid]! > u) hi = mid
          else lo = mid + 1
        }
        return values[lo]!
      }
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
    case 'regex': {
      const root = parseRegex(spec.pattern)
      const hashes = Array.from({ length: 64 }, (_, j) => mix32(s.h2 + Math.imul(j + 1, 0x9e3779b9)))
      const offsets = Array.from({ length: 1024 }, (_, p) => mix32(s.h3 ^ Math.imul(p + 1, 0x85ebca6b)))
      const offset = (p: number) => offsets[p & 1023]!
      const spread = scatter(regexSize(root), s.h4)
      // One draw function for all rows (no closure per row): row index and draw counter live in `st`.
      const st = { i: 0, j: 0 }
      const draw = (n: number) => below(st.j < 64 ? hashes[st.j++]! : mix32(s.h2 ^ st.j++), st.i, n)
      const random = (i: number) => {
        st.i = i
        st.j = 0
        return regexRandom(root, draw)
      }
      const lower = spec.lowercase === true
      const at = (kk: number) => regexUnrank(root, spread(kk), offset)
      const value = pick(at, random)
      return { value: lower ? (i) => value(i).toLowerCase() : value }
    }
    case 'faker-call': {
      const pool = fakerPool(spec.method, spec.args, s.h3).map((v) => (typeof v === 'string' ? fitted(spec.lowercase ? v.toLowerCase() : v, spec.maxLength) : v))
      const n = pool.length
      const random = (i: number) => pool[below(s.h, i, n)]!
      return { value: pick((kk, i) => withSuffix(String(random(i)), kk, spec.maxLength), random) }
    }
    case 'template': {
      const parsed = parseTemplate(spec.template)
      if ('error' in parsed) throw new TdgError('TDG_INTERNAL', `template of ${ctx.stepId}.${ctx.column}: ${parsed.error}`)
      const lower = spec.lowercase === true
      const lit = parsed.literals.map((l) => (lower ? l.toLowerCase() : l))
      const pools = parsed.placeholders.map((p, j) =>
        fakerPool(p.method, p.args, mix32(s.h3 + Math.imul(j + 1, 0x27d4eb2f))).map((v) => (lower ? String(v).toLowerCase() : String(v))),
      )
      const hs = pools.map((_, j) => mix32(s.h ^ Math.imul(j + 1, 0x165667b1)))
      const join = (i: number) => {
        let out = lit[0]!
        for (let j = 0; j < pools.length; j++) out += pools[j]![below(hs[j]!, i, POOL_SIZE)]! + lit[j + 1]!
        return out
      }
      const max = spec.maxLength
      return { value: pick((kk, i) => withSuffix(join(i), kk, max), max === undefined ? join : (i) => fitted(join(i), max)) }
    }
    case 'sequence': {
      const { start, prefix, padding } = spec
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

/** Cut to `max` when given (trailing spaces removed, as pools do). */
function fitted(v: string, max: number | undefined): string {
  return max === undefined ? v : fit(v, 0, max)
}

/**
 * Make `base` unique for domain index k: a base-36 suffix (which has no '.' or '-') before the last '@'
 * of an email, else at the end. The suffix is recoverable from the text, so the map is injective.
 */
export function withSuffix(base: string, k: number, max: number | undefined): string {
  const suffix = k.toString(36)
  const at = base.lastIndexOf('@')
  if (at > 0) {
    let local = base.slice(0, at)
    const domain = base.slice(at)
    if (max !== undefined) local = local.slice(0, Math.max(0, max - domain.length - suffix.length - 1))
    return `${local}.${suffix}${domain}`
  }
  const room = max === undefined ? base.length : Math.max(0, max - suffix.length - 1)
  return `${base.slice(0, room)}-${suffix}`
}
