/**
 * Compiles the built-in realism kinds (`usually`, `scaled`, `ordinal`) into functions of the row index.
 * compile-column.ts dispatches them here; per row only a hash and arithmetic run.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { Value } from '../model/rows.js'
import { TdgError } from '../errors.js'
import { rand32, streamHash } from './prng.js'
import { numberSource } from './numeric-sources.js'

const TWO_32 = 4294967296

/** What a compiled shape column gives compile-column. */
export interface ShapeBound {
  value: (i: number) => Value
  raw?: (i: number) => number
}

/** The compiled view of a sibling column a shape reads. */
export interface ShapeSibling {
  raw?: (i: number) => number
  ordinal?: (i: number) => number
}

/** What a shape kind needs from compile-column. */
export interface ShapeContext {
  seed: string | number
  stepId: string
  column: string
  sibling(name: string): ShapeSibling
  /** Compile a nested spec on its own streams. */
  sub(spec: GeneratorSpec, salt: string): ShapeBound
}

type ShapeSpec = Extract<GeneratorSpec, { kind: 'usually' | 'scaled' | 'ordinal' }>

/** Compile one shape kind. */
export function compileShapeSpec(spec: ShapeSpec, ctx: ShapeContext): ShapeBound {
  const h = streamHash(ctx.seed, ctx.stepId, ctx.column, `shape:${spec.kind}`)
  switch (spec.kind) {
    case 'usually': {
      const threshold = Math.floor(spec.share * TWO_32)
      const other = ctx.sub(spec.otherwise, 'otherwise')
      const value = spec.value
      const ov = other.value
      const out: ShapeBound = { value: (i) => (rand32(h, i) < threshold ? value : ov(i)) }
      const or = other.raw
      if (or && typeof value === 'number') out.raw = (i) => (rand32(h, i) < threshold ? value : or(i))
      return out
    }
    case 'scaled': {
      const base = ctx.sibling(spec.from).raw
      if (!base) throw new TdgError('TDG_INTERNAL', `${ctx.stepId}.${ctx.column} is scaled from ${spec.from}, which is not numeric`, { column: ctx.column })
      const of = spec.of
      const src = numberSource(of, h)
      const f = Math.pow(10, of.scale)
      const lo = spec.minFactor
      const span = spec.maxFactor - spec.minFactor
      const raw = (i: number) => {
        const u = Math.floor(base(i) * (lo + (rand32(h, i) / TWO_32) * span) * f)
        return (u < of.min ? of.min : u > of.max ? of.max : u) / f
      }
      const emit = src.emit
      return { value: (i) => emit(raw(i)), raw }
    }
    case 'ordinal': {
      const ord = ctx.sibling(spec.via).ordinal
      if (!ord) throw new TdgError('TDG_INTERNAL', `${ctx.stepId}.${spec.via} has no line fan-out for ${ctx.column}`, { column: ctx.column })
      const src = numberSource(spec.of, h)
      const raw = (i: number) => src.rawAt(ord(i))
      const emit = src.emit
      return { value: (i) => emit(raw(i)), raw }
    }
  }
}
