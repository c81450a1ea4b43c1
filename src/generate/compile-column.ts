/**
 * A column plan → functions of the row index. Compiled once per (plan, step, column) and cached, so a
 * child's FK column can call its parent's key generator directly (no lookup tables, no reads).
 */
import { match, P } from 'ts-pattern'
import type { ColumnPlan, GeneratorSpec, IndexPick, Plan, PlanStep, Reject } from '../model/plan.js'
import type { TypedCells, Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { below, hashString, mix32, rand32, streamHash } from './prng.js'
import { likeMatcher } from './strings.js'
import { compileRuleSpec } from './rule-sources.js'
import { coherentBound } from './coherent-sources.js'
import { fanOutLayout } from './fan-out.js'
import { lineLayout } from './line-fan-out.js'
import { compileShapeSpec } from './shape-sources.js'
import { scatter } from './scatter.js'
import { pooledCells, temporalCells, uuidCells, withNulls } from './typed-cells.js'
import { strata, type Strata } from './stratified.js'
import { identitySource, intervalSource, numberSource, temporalSource, type NumericSource } from './numeric-sources.js'
import {
  binarySource,
  choiceSource,
  inetSource,
  jsonSource,
  likeSource,
  poolSource,
  semanticPool,
  smallStepPool,
  setSource,
  uuidSource,
  type Streams,
  type TextSource,
} from './text-sources.js'

/** A compiled column: pure functions of the row index. */
export interface CompiledColumn {
  name: string
  /** The value ignoring the null share (FK parents and fixups read this). */
  value(i: number): Value
  /** The numeric form of `value` for number/temporal columns (relative columns build on it). */
  raw?: (i: number) => number
  /** What an INSERT writes: NULL by the null share, NULL for fixup columns, else `value`. */
  cell(i: number): Value
  /** `cell` as numbers or bytes, where the cell is text spelling them (dates, timestamps, uuids): typed-cells.ts. */
  typed?: TypedCells
  /** The value after the null share, ignoring the fixup cut: what a fixup UPDATE writes. */
  final(i: number): Value
  /** FK columns: the parent row index row i picked (−1 for none). */
  parentIndex?: (i: number) => number
  /** FK columns with a line fan-out: row i's place among its parent's children (0, 1, …). */
  ordinal?: (i: number) => number
}

/** The compiled columns of one step, built lazily so FK recursion and relative columns resolve. */
export interface CompiledStep {
  step: PlanStep
  column(name: string): CompiledColumn
}

const cache = new WeakMap<Plan, Map<string, CompiledStep>>()

/** The compiled step `stepId` of `plan` (cached per plan object). */
export function compiledStep(plan: Plan, stepId: string): CompiledStep {
  let steps = cache.get(plan)
  if (!steps) cache.set(plan, (steps = new Map()))
  const hit = steps.get(stepId)
  if (hit) return hit
  const step = plan.steps.find((s) => s.id === stepId)
  if (!step) throw new TdgError('TDG_INTERNAL', `plan has no step '${stepId}'`, { step: stepId })
  const done = new Map<string, CompiledColumn>()
  const busy = new Set<string>()
  const compiled: CompiledStep = {
    step,
    column(name) {
      const have = done.get(name)
      if (have) return have
      const cp = step.columns.find((c) => c.column === name)
      if (!cp) throw new TdgError('TDG_INTERNAL', `step '${stepId}' has no column '${name}'`, { step: stepId, column: name })
      if (busy.has(name)) throw new TdgError('TDG_INTERNAL', `generator of ${stepId}.${name} depends on itself`, { step: stepId, column: name })
      busy.add(name)
      const c = compileColumn(plan, compiled, cp)
      busy.delete(name)
      done.set(name, c)
      return c
    },
  }
  steps.set(stepId, compiled)
  return compiled
}

/**
 * Domain index of row i under a pick. A pick's `offset` (rows already in the table) counts past them:
 * row i is read as i + offset. The plan never puts one on FK picks, so those stay among this run's parents.
 */
export function indexOf(pick: IndexPick): ((i: number) => number) | undefined {
  return match(pick)
    .with({ kind: 'random' }, () => undefined)
    .with({ kind: 'row' }, (p) => {
      const off = p.offset ?? 0
      return off === 0 ? (i: number) => i : (i: number) => i + off
    })
    .with({ kind: 'digit' }, (p) => {
      const b = p.below
      const r = p.radix
      const off = p.offset ?? 0
      if (off !== 0) return r === undefined ? (i: number) => Math.floor((i + off) / b) : (i: number) => Math.floor((i + off) / b) % r
      return r === undefined ? (i: number) => Math.floor(i / b) : (i: number) => Math.floor(i / b) % r
    })
    .exhaustive()
}

function compileColumn(plan: Plan, owner: CompiledStep, cp: ColumnPlan): CompiledColumn {
  const stepId = owner.step.id
  const h = (salt: string) => streamHash(plan.seed, stepId, cp.column, salt)
  const streams: Streams = { h: h(''), h2: h('2'), h3: h('3'), h4: h('4') }
  const k = indexOf(cp.pick)
  const spec = cp.generator
  const reject = 'reject' in spec ? spec.reject : undefined
  // A weighted or empirical rule draws over its step's rows stratified (stratified.ts); with a NULL share
  // the NULL rows take part, so the non-NULL rows hold the shares as well.
  const st = !reject && !k && !cp.omit && cp.nullRate > 0 && (spec.kind === 'weighted' || spec.kind === 'empirical') ? strata(owner.step.rows, cp.nullRate * owner.step.rows, h('strata')) : undefined
  const { value, raw, typed, nullKey, parentIndex, ordinal, nullFirst } = reject ? rejecting(plan, owner, cp, reject, k, streams) : valueOf(plan, owner, cp, spec, k, streams, st)
  const isFixup = cp.generator.kind === 'fk' && cp.generator.fixup === true
  let final: (i: number) => Value
  let isNull: ((i: number) => boolean) | undefined
  if (cp.omit) final = () => null
  else if (cp.nullRate <= 0) final = value
  else {
    const hNull = streamHash(plan.seed, stepId, nullKey ?? cp.column, 'null')
    const threshold = Math.floor(cp.nullRate * 4294967296)
    const drawn = (i: number) => (rand32(hNull, i) < threshold ? null : value(i))
    // The NULL rows are a quota too (the rounded share of the step's rows, at keyed positions); the columns
    // of one composite FK share them through their null key.
    const nulls = st ?? strata(owner.step.rows, cp.nullRate * owner.step.rows, hNull)
    // A value NULL at row 0 anyway (a self-reference's first row) is one of the quota's NULL rows.
    const quota = nullFirst && nulls.nulls > 0 && nulls.position(0) >= nulls.nulls ? nulls.nulls - 1 : nulls.nulls
    final = nulls.active
      ? (i) => {
          const p = nulls.position(i)
          return p < 0 ? drawn(i) : p < quota ? null : value(i)
        }
      : drawn
    // The same NULL rows, for the typed cells (no value computed).
    isNull = nulls.active
      ? (i) => {
          const p = nulls.position(i)
          return p < 0 ? rand32(hNull, i) < threshold : p < quota
        }
      : (i) => rand32(hNull, i) < threshold
  }
  const typedCells = typed && !cp.omit && !isFixup && !nullFirst ? withNulls(typed, isNull) : undefined
  return {
    name: cp.column,
    value,
    raw,
    cell: isFixup ? () => null : final,
    final,
    ...(typedCells ? { typed: typedCells } : {}),
    ...(parentIndex ? { parentIndex } : {}),
    ...(ordinal ? { ordinal } : {}),
  }
}

/**
 * A generator whose CHECKs exclude some strings: the first of `reject.tries` candidates the CHECKs
 * accept. Unique picks (and uuids, unique by themselves) try index k + t × stride, so tries of different
 * rows never meet; random draws try fresh streams. No candidate left fails the run rather than write one.
 */
function rejecting(plan: Plan, owner: CompiledStep, cp: ColumnPlan, reject: Reject, k: ((i: number) => number) | undefined, s: Streams): Bound {
  const spec = cp.generator
  const keyed = k ?? (spec.kind === 'uuid' ? (i: number) => i : undefined)
  const stride = reject.stride
  const tries = Array.from({ length: reject.tries }, (_, t) => {
    if (keyed) return valueOf(plan, owner, cp, spec, t === 0 ? keyed : (i) => keyed(i) + t * stride, s).value
    return valueOf(plan, owner, cp, spec, undefined, t === 0 ? s : saltedStreams(s, `reject:${t}`)).value
  })
  const excluded = new Set(reject.values.map(comparable))
  const likes = reject.notLike.map(likeMatcher)
  const accepted = (v: Value) => {
    if (typeof v !== 'string') return true
    const c = comparable(v)
    return !excluded.has(c) && !likes.some((m) => m(v) || m(c))
  }
  const parts = [...reject.values.map((v) => `<> '${v}'`), ...reject.notLike.map((p) => `NOT LIKE '${p}'`)].join(', ')
  return {
    value: (i) => {
      for (const at of tries) {
        const v = at(i)
        if (accepted(v)) return v
      }
      throw new TdgError(
        'TDG_PLAN_UNSATISFIABLE',
        `no value tdg generates for ${owner.step.id}.${cp.column} passes its CHECK (${parts}) at row ${i + 1} after ${tries.length} tries: give the column a rule`,
        { table: owner.step.id, column: cp.column },
      )
    },
  }
}

/** How a target compares strings at its loosest (MySQL's `_ci` collations): case and accents folded, trailing spaces ignored. */
function comparable(v: string): string {
  return v.normalize('NFD').replace(/\p{M}/gu, '').replace(/ +$/, '').toLowerCase()
}

function saltedStreams(s: Streams, salt: string): Streams {
  const x = hashString(salt)
  return { h: mix32(s.h ^ x), h2: mix32(s.h2 ^ x), h3: mix32(s.h3 ^ x), h4: mix32(s.h4 ^ x) }
}

/** A column's value functions before the null share. */
export interface Bound {
  value: (i: number) => Value
  raw?: (i: number) => number
  /** `value` as typed cells, when it only spells them (typed-cells.ts). */
  typed?: TypedCells
  /** Null-share stream shared by the columns of one composite FK. */
  nullKey?: string
  parentIndex?: (i: number) => number
  ordinal?: (i: number) => number
  /** The value of row 0 is NULL whatever the null share says (a nullable self-reference). */
  nullFirst?: boolean
}

/**
 * Rows at most which a step's faker pools are built only as far as its rows read (smallStepPool): a few
 * rows read a few of a pool's 2,000 values, and building them all is most of `seed --rows 1`'s start-up.
 * A `NOT LIKE` filter needs the whole pool (it renumbers it).
 */
const SMALL_STEP_ROWS = 64
const smallStep = (owner: CompiledStep, notLike: string[] | undefined) => owner.step.rows <= SMALL_STEP_ROWS && !(notLike && notLike.length > 0)

/** The pool without values a `NOT LIKE` check rejects; the whole pool when nothing would be left. */
function withoutNotLike(pool: string[], notLike: string[] | undefined): string[] {
  if (!notLike || notLike.length === 0) return pool
  const tests = notLike.map(likeMatcher)
  const kept = pool.filter((v) => !tests.some((t) => t(v)))
  return kept.length > 0 ? kept : pool
}

function numeric(src: NumericSource, k: ((i: number) => number) | undefined): Bound {
  const raw = k ? (i: number) => src.rawAt(k(i)) : src.rawRandom
  const emit = src.emit
  return { value: (i) => emit(raw(i)), raw, ...(src.typed ? { typed: temporalCells(src.typed, raw) } : {}) }
}

function text(src: TextSource, k: ((i: number) => number) | undefined): Bound {
  if (k) return { value: (i) => src.at(k(i), i) }
  return { value: src.random, ...(src.pooled ? { typed: pooledCells(src.pooled.values, src.pooled.index) } : {}) }
}

/** Bind a generator spec to a pick: the heart of the engine. `st`: the column's strata when its NULL rows take part. */
function valueOf(plan: Plan, owner: CompiledStep, cp: ColumnPlan, spec: GeneratorSpec, k: ((i: number) => number) | undefined, s: Streams, st?: Strata): Bound {
  const poolSeed = s.h3
  return match(spec)
    .with({ kind: 'identity' }, (g) => numeric(identitySource(g), k ?? ((i: number) => i)))
    .with({ kind: 'number' }, (g) => numeric(numberSource(g, s.h), k))
    .with({ kind: 'date' }, { kind: 'time' }, { kind: 'timestamp' }, (g) => numeric(temporalSource(g, s.h), k))
    .with({ kind: 'interval' }, (g) => numeric(intervalSource(g, s.h), k))
    .with({ kind: 'boolean' }, (g) => {
      const t = Math.floor(g.trueRate * 4294967296)
      return { value: k ? (i: number) => k(i) % 2 === 1 : (i: number) => rand32(s.h, i) < t }
    })
    .with({ kind: 'string' }, (g) => {
      // char(n) takes the pool's words as they are: the database pads them with blanks to n.
      if (smallStep(owner, g.notLike)) return text(poolSource(smallStepPool('lorem-words', poolSeed, g.minLength, g.maxLength, s.h, owner.step.rows), s, g), k)
      const pool = semanticPool('lorem-words', poolSeed, g.minLength, g.maxLength)
      return text(poolSource(withoutNotLike(pool, g.notLike), s, g), k)
    })
    .with({ kind: 'faker' }, (g) => {
      const opts = { ...g, email: g.semantic === 'email' }
      if (smallStep(owner, g.notLike)) return text(poolSource(smallStepPool(g.semantic, poolSeed, g.minLength, g.maxLength, s.h, owner.step.rows, g.locale ?? plan.locale), s, opts), k)
      const pool = semanticPool(g.semantic, poolSeed, g.minLength, g.maxLength, g.locale ?? plan.locale)
      return text(poolSource(withoutNotLike(pool, g.notLike), s, opts), k)
    })
    .with({ kind: 'like' }, (g) => text(likeSource(g, s), k))
    .with({ kind: 'uuid' }, () => {
      const src = uuidSource(s)
      return { ...text(src, k), typed: uuidCells(src.bytesAt, k ?? ((i: number) => i)) }
    })
    .with({ kind: 'inet' }, () => text(inetSource(s), k))
    .with({ kind: 'binary' }, (g) => text(binarySource(g, s), k))
    .with({ kind: 'json' }, () => text(jsonSource(s), k))
    .with({ kind: 'choice' }, (g) => text(choiceSource(g.values, s), k))
    .with({ kind: 'set' }, (g) => text(setSource(g.values, s), k))
    .with({ kind: 'array' }, (g) => {
      const el = valueOf(plan, owner, cp, g.element, undefined, { h: s.h ^ 0x1b873593, h2: s.h2 ^ 0x1b873593, h3: s.h3, h4: s.h4 }).value
      const span = g.maxLength - g.minLength + 1
      return {
        value: (i: number) => {
          const n = g.minLength + below(s.h4, i, span)
          const out = new Array<Value>(n)
          for (let j = 0; j < n; j++) out[j] = el(i * 64 + j)
          return out
        },
      }
    })
    .with({ kind: 'fk' }, (g) => {
      const parent = compiledStep(plan, g.parentStep).column(g.parentColumn)
      const hp = streamHash(plan.seed, owner.step.id, `fk:${g.group}`)
      const n = g.parentRows
      let p: (i: number) => number
      let ordinal: ((i: number) => number) | undefined
      if (g.self) {
        // Rows point to earlier rows; row 0 has none: NULL, or itself when the FK is NOT NULL. Early rows are
        // picked more often (⌊span·u²⌋): a hierarchy has few heads and mostly leaves (~60 % of the rows have
        // no child; a uniform pick gives a random recursive tree with ~50 %, the median child count on the edge).
        const selfOk = g.nullable
        const earlier = (i: number, span: number) => {
          const u = rand32(hp, i) / 4294967296
          return Math.floor(span * u * u)
        }
        p = k ? (selfOk ? (i) => i - 1 : (i) => i) : selfOk ? (i) => (i === 0 ? -1 : earlier(i, i)) : (i) => earlier(i, i + 1)
      } else if (g.fanout) {
        const layout = fanOutLayout(plan.seed, owner.step.id, g.group, g.fanout, n)
        p = layout.parentOf
        ordinal = layout.ordinalOf
      } else if (g.spread && (!k || (g.within && singleChildren(owner.step, g.within.via)))) {
        // Counts per parent evened out to this step's rows, children dealt to them in a seeded order (a
        // UNIQUE index pick, `k`, wins: uniqueness before shape — except in a junction whose other FK
        // gives each of its parents at most one row, where no pair can repeat whatever this one picks).
        const layout = fanOutLayout(plan.seed, owner.step.id, g.group, { ...g.spread, rows: owner.step.rows }, n)
        const order = scatter(owner.step.rows, mix32(hp ^ 0x2545f491))
        const rows = owner.step.rows
        p = (i) => (i < rows ? layout.parentOf(order(i)) : -1)
      } else if (g.lines) {
        const layout = lineLayout(plan.seed, owner.step.id, g.group, g.lines, n, owner.step.rows)
        p = layout.parentOf
        ordinal = layout.ordinalOf
      } else if (g.within) p = distinctWithin(owner.column(g.within.via), hp, n)
      else p = k ?? (g.distribution === 'skewed' ? skewedPick(hp, n) : (i: number) => (n > 0 ? below(hp, i, n) : -1))
      const pv = parent.value
      const pr = parent.raw
      return {
        value: (i: number) => {
          const at = p(i)
          return at < 0 ? null : pv(at)
        },
        raw: pr ? (i: number) => pr(Math.max(0, p(i))) : undefined,
        nullKey: `fk:${g.group}`,
        parentIndex: p,
        ...(g.self && g.nullable ? { nullFirst: true } : {}),
        ...(ordinal ? { ordinal } : {}),
      }
    })
    .with({ kind: 'relative' }, (g) => {
      const base = owner.column(g.from)
      const own = match(g.of)
        .with({ kind: 'number' }, (o) => numberSource(o, s.h))
        .with({ kind: 'date' }, { kind: 'time' }, { kind: 'timestamp' }, (o) => temporalSource(o, s.h))
        .otherwise(() => undefined)
      const factor = g.baseFactor
      const baseRaw = base.raw && factor !== undefined ? ((r: (i: number) => number) => (i: number) => r(i) * factor)(base.raw) : base.raw
      if (!own || !baseRaw) throw new TdgError('TDG_INTERNAL', `relative generator of ${owner.step.id}.${cp.column} needs numeric columns`, { column: cp.column })
      const f = Math.round(1 / own.unit)
      const up = g.op === '>' || g.op === '>=' || g.op === '<>'
      // A date vs a timestamp: PostgreSQL compares at midnight, SQLite compares the texts: only a gap holds in both.
      const strict = g.op === '>' || g.op === '<' || g.op === '<>' || factor !== undefined
      const minU = strict ? 1 : 0
      const spanU = Math.max(0, Math.floor(g.maxDelta * f) - minU) + 1
      const lo = Math.round(own.min * f)
      const hi = Math.round(own.max * f)
      if (g.exact) {
        // Injective in the base: no spread, no clamping. A value outside the column refuses the run.
        const raw = (i: number) => {
          const u = Math.round(baseRaw(i) * f) + (up ? minU : -minU)
          if (u < lo || u > hi)
            throw new TdgError('TDG_PLAN_UNSATISFIABLE', `${owner.step.id}.${cp.column} is kept ${g.op} ${g.from} by a constant gap, and ${g.from}'s values take it outside its range`, { column: cp.column })
          return u / f
        }
        return { value: (i: number) => own.emit(raw(i)), raw }
      }
      const raw = (i: number) => {
        const b = baseRaw(i)
        let u = Math.round(b * f)
        if (up && u / f < b) u++
        else if (!up && u / f > b) u--
        let d = minU + below(s.h2, i, spanU)
        // Near the bound, spread over the room that is left rather than pile up on the bound itself.
        const room = up ? hi - u : u - lo
        if (d > room && room >= minU) d = minU + below(s.h2 ^ 0x5bd1e995, i, room - minU + 1)
        // Stay inside the column's own bounds where the relation allows; the relation always wins.
        u = up ? Math.max(lo, Math.min(u + d, Math.max(hi, u + minU))) : Math.min(hi, Math.max(u - d, Math.min(lo, u - minU)))
        return u / f
      }
      const emit = own.emit
      return { value: (i: number) => emit(raw(i)), raw }
    })
    .with({ kind: 'person' }, { kind: 'age' }, { kind: 'after-parents' }, { kind: 'address' }, { kind: 'company-web' }, (g) =>
      coherentBound(g, { plan, owner, column: cp.column, k, foreign: (stepId, name) => compiledStep(plan, stepId).column(name) }),
    )
    .with({ kind: 'constant' }, (g) => ({ value: () => g.value }))
    .with({ kind: 'null' }, () => ({ value: () => null }))
    .with({ kind: P.union('usually', 'scaled', 'ordinal') }, (g) =>
      compileShapeSpec(g, {
        seed: plan.seed,
        stepId: owner.step.id,
        column: cp.column,
        sibling: (name) => owner.column(name),
        sub: (spec, salt) => valueOf(plan, owner, cp, spec, undefined, saltedStreams(s, salt)),
      }),
    )
    .with({ kind: P.union('weighted', 'distributed', 'empirical', 'regex', 'faker-call', 'template', 'sequence', 'conditional', 'parent-value') }, (g) =>
      compileRuleSpec(g, {
        plan,
        stepId: owner.step.id,
        column: cp.column,
        rows: owner.step.rows,
        ...(st ? { strata: st } : {}),
        k,
        streams: s,
        sibling: (name) => owner.column(name),
        foreign: (stepId, name) => compiledStep(plan, stepId).column(name),
        sub: (spec, salt) => valueOf(plan, owner, cp, spec, undefined, saltedStreams(s, salt)),
      }),
    )
    .with({ kind: 'copy' }, () => {
      throw new TdgError('TDG_INTERNAL', `${owner.step.id}.${cp.column} is copied from a source table: the run's row source supplies it`)
    })
    .exhaustive()
}

/**
 * Whether FK column `via` of `step` gives each parent row at most one child: a rule fan-out with max ≤ 1
 * and no more rows than parents (so evening the counts out never goes past the max).
 */
function singleChildren(step: PlanStep, via: string): boolean {
  const g = step.columns.find((c) => c.column === via)?.generator
  return g?.kind === 'fk' && g.fanout !== undefined && g.fanout.max <= 1 && step.rows <= g.parentRows
}

/**
 * A skewed parent pick over n parents: index ⌊n·u²⌋ through a seeded scatter, so the busiest parents sit
 * anywhere in the table. With as many children as parents (n = 1000) the busiest parent gets ~√n of them
 * (~32) and ~44 % of the parents get none (uniform: ~6 and ~37 %); a pure function of (stream, row).
 */
function skewedPick(h: number, n: number): (i: number) => number {
  if (n <= 0) return () => -1
  const order = scatter(n, mix32(h ^ 0x2545f491))
  return (i) => {
    const u = rand32(h, i) / 4294967296
    return order(Math.floor(n * u * u))
  }
}

/**
 * A junction's second FK: distinct parents among the children of one parent of `via` (a line fan-out,
 * whose `ordinal` numbers them 0, 1, …): (h(p) + ordinal × step) mod n, step coprime to n, so up to n
 * children of one parent never repeat a value.
 */
function distinctWithin(via: CompiledColumn, h: number, n: number): (i: number) => number {
  const parentOf = via.parentIndex
  const ordinal = via.ordinal
  if (!parentOf || !ordinal || n <= 0) throw new TdgError('TDG_INTERNAL', 'a junction FK needs a line fan-out beside it')
  let step = Math.max(1, Math.floor(n * 0.6180339887))
  while (gcd(step, n) !== 1) step++
  return (i) => {
    const p = parentOf(i)
    return p < 0 ? -1 : (below(h, p, n) + ordinal(i) * step) % n
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}
