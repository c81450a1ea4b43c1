/**
 * Realistic shapes for the built-in generators of one table, after rules and CHECK relations: named
 * vocabularies for categorical columns (vocabularies.ts; an IN list or enum keeps its labels and takes
 * the vocabulary's weights), skewed numbers by name (number-shapes.ts), `cost` below the row's `price`,
 * and literal DEFAULTs for most rows. Keys, FKs, unique columns, rule columns and the two ends of a
 * column relation keep what they have: uniqueness and CHECKs hold exactly as before.
 */
import type { DraftColumnView } from './draft-column.js'
import type { GeneratorSpec } from '../model/plan.js'
import type { Column, Table } from '../model/schema.js'
import type { Value } from '../model/rows.js'
import type { ColumnConstraints, TableConstraints } from './column-constraints.js'
import { emptyConstraints } from './column-constraints.js'
import { likeMatcher } from '../generate/strings.js'
import { labelKey, shortForm, vocabularyFor, weightsFor, type Vocabulary } from './vocabularies.js'
import { COST_COLUMN, numberShape, PRICE_SIBLING } from './number-shapes.js'
import { snakeName } from './semantics.js'

/** Share of rows that take a column's literal DEFAULT (what the application writes when it sets nothing). */
export const DEFAULT_SHARE = 0.75

/** The part of a planner column draft this pass reads and replaces. */
export type ShapeColumn = Pick<DraftColumnView, 'name' | 'column' | 'spec' | 'reason' | 'fixed' | 'omit' | 'fk'>

/** One table's drafts and what decides which of them may change. */
export interface ShapeInput {
  key: string
  table: Table
  columns: ShapeColumn[]
  cons: TableConstraints
  /** Columns of a PK/UNIQUE (also rule `unique`): never reshaped. */
  unique: Set<string>
  /** Columns a rule generates. */
  covered: Set<string>
  /** The column's generator under its hard bounds (type and CHECKs): `chooseGenerator(…, unique: true)`. */
  hard(name: string): GeneratorSpec
}

/** Reshape the drafts of one table in place. */
export function shapeColumns(input: ShapeInput): void {
  const { columns, cons, unique, covered, key, table } = input
  const linked = new Set(cons.relations.flatMap((r) => [r.left, r.right]))
  const free = (c: ShapeColumn) => !c.omit && c.fk === undefined && !c.fixed && !unique.has(c.name) && !covered.has(c.name) && !linked.has(c.name) && c.spec.kind !== 'relative' && c.spec.kind !== 'identity'
  const siblings = table.columns.map((c) => c.name)
  for (const c of columns) {
    if (!free(c)) continue
    const cc = cons.columns.get(c.name) ?? emptyConstraints()
    const vocab = categorical(c.column) ? vocabularyFor(key.split('.').pop()!, c.name, siblings.filter((s) => s !== c.name)) : undefined
    if (vocab) {
      const shaped = vocabularySpec(vocab, c, cc, key)
      if (shaped) [c.spec, c.reason] = shaped
    } else if (c.spec.kind === 'number') {
      const hard = input.hard(c.name)
      if (hard.kind === 'number' && (hard.exclude ?? []).length === 0) {
        const shape = numberShape(c.name, hard, c.spec)
        if (shape) [c.spec, c.reason] = [shape.spec, shape.reason]
      }
    }
  }
  // cost = price × 0.4–0.8 in the same row, when the table has one price-like column to follow.
  const prices = columns.filter((c) => PRICE_SIBLING.test(snakeName(c.name)) && !c.omit && numeric(c.spec))
  for (const c of columns) {
    if (!free(c) || !COST_COLUMN.test(snakeName(c.name)) || prices.length !== 1 || prices[0] === c) continue
    const hard = input.hard(c.name)
    if (hard.kind !== 'number' || (hard.exclude ?? []).length > 0) continue
    c.spec = { kind: 'scaled', from: prices[0]!.name, minFactor: 0.4, maxFactor: 0.8, of: hard }
    c.reason = `cost by name: ${prices[0]!.name} × 0.4–0.8 of the same row (below the price)`
  }
  for (const c of columns) {
    if (!free(c)) continue
    const d = withDefault(c, cons.columns.get(c.name) ?? emptyConstraints(), input.hard(c.name))
    if (d) [c.spec, c.reason] = d
  }
}

/** Types a vocabulary can fill: text and enums. */
function categorical(c: Column): boolean {
  return c.type.kind === 'string' || c.type.kind === 'text' || c.type.kind === 'enum'
}

/** Spec kinds a value can be read from as a number (a base of `scaled`). */
function numeric(spec: GeneratorSpec): boolean {
  return spec.kind === 'number' || spec.kind === 'distributed' || (spec.kind === 'usually' && numeric(spec.otherwise))
}

/**
 * A weighted spec for a vocabulary column: an IN list or enum (`choice`) keeps its labels and takes the
 * vocabulary's weights for the labels it knows; free text takes the labels that pass the column's
 * length, LIKE and exclusion CHECKs. Undefined when nothing fits (the built-in generator stays).
 */
function vocabularySpec(v: Vocabulary, c: ShapeColumn, cons: ColumnConstraints, table: string): [GeneratorSpec, string] | undefined {
  const why = `${v.name} vocabulary (table ${table})`
  if (c.spec.kind === 'choice') {
    const weights = weightsFor(v, c.spec.values)
    if (!weights) return undefined
    return [{ kind: 'weighted', values: c.spec.values, weights }, `${c.reason}, weighted by the ${why}`]
  }
  if (c.spec.kind !== 'string' && c.spec.kind !== 'faker') return undefined
  if (cons.likes.length > 0) return undefined
  for (const form of [v, shortForm(v)]) {
    if (!form) continue
    const labels = Object.keys(form.weights).filter((l) => form.weights[l]! > 0 && fitsText(l, c.column, cons))
    if (labels.length < 2) continue
    const weights = weightsFor(form, labels)
    if (weights) return [{ kind: 'weighted', values: labels, weights }, why]
  }
  return undefined
}

/** Whether text `v` passes the column's length bounds, exclusions, IN list and (NOT) LIKE checks. */
function fitsText(v: string, column: Column, cons: ColumnConstraints): boolean {
  const typeMax = column.type.kind === 'string' ? column.type.maxLength : undefined
  if (typeMax !== undefined && v.length > typeMax) return false
  if (cons.maxLength !== undefined && v.length > cons.maxLength) return false
  if (v.length < cons.minLength) return false
  if (column.type.kind === 'enum' && !column.type.values.includes(v)) return false
  if (cons.inList && !cons.inList.some((x) => String(x) === v)) return false
  if (cons.exclude.some((x) => labelKey(String(x)) === labelKey(v))) return false
  if (cons.lower.length > 0 || cons.upper.length > 0) return false
  if (cons.likes.some((p) => !likeMatcher(p)(v))) return false
  if (cons.notLikes.some((p) => likeMatcher(p)(v))) return false
  return true
}

/**
 * The column's literal DEFAULT for DEFAULT_SHARE of the rows and `c.spec` for the rest; undefined when
 * there is no literal default, the default would break the column's type or CHECKs, or the spec already
 * is a constant. Booleans shift their true rate; weighted and choice specs fold the default into their
 * weights; anything else is wrapped in `usually`.
 */
function withDefault(c: ShapeColumn, cons: ColumnConstraints, hard: GeneratorSpec): [GeneratorSpec, string] | undefined {
  const d = c.column.default
  if (d?.kind !== 'literal' || d.value === null) return undefined
  // Exclusion CHECKs are enforced on a column's top-level generator only (`reject`): keep it there.
  if ('reject' in c.spec && c.spec.reject) return undefined
  const value = defaultValue(c.column, d.value, cons, hard)
  if (value === undefined) return undefined
  const spec = c.spec
  const share = DEFAULT_SHARE
  const pct = Math.round(share * 100)
  const shown = typeof value === 'string' ? `'${value}'` : String(value)
  const why = (rest: string) => `DEFAULT ${shown} for ~${pct} % of rows (what the application writes), else ${rest}`
  switch (spec.kind) {
    case 'constant':
    case 'null':
    case 'uuid':
    case 'relative':
    case 'fk':
    case 'identity':
    // One row's person, place or parent value: a default share would break what the row agrees on.
    case 'person':
    case 'address':
    case 'age':
    case 'after-parents':
    case 'parent-value':
    case 'company-web':
      return undefined
    case 'boolean':
      if (typeof value !== 'boolean') return undefined
      return [{ kind: 'boolean', trueRate: value ? share + (1 - share) * spec.trueRate : (1 - share) * spec.trueRate }, why(c.reason)]
    case 'choice':
    case 'weighted': {
      const values: Value[] = [...spec.values]
      const raw = spec.kind === 'weighted' ? spec.weights : values.map(() => 1)
      const total = raw.reduce((a, b) => a + b, 0)
      let at = values.findIndex((x) => x === value || (typeof x === 'number' && typeof value === 'number' && x === value))
      const weights = raw.map((w) => ((1 - share) * w) / total)
      if (at < 0) {
        // A default outside a fixed list is what the CHECK or enum rejects: defaultValue filtered it out.
        if (spec.kind === 'choice') return undefined
        values.push(value)
        weights.push(0)
        at = values.length - 1
      }
      weights[at]! += share
      return [{ kind: 'weighted', values, weights: weights.map((w) => Math.round(w * 10000) / 10000) }, why(c.reason)]
    }
    default:
      return [{ kind: 'usually', value, share, otherwise: spec }, why(c.reason)]
  }
}

/** The default as the column's value, or undefined when it does not fit the type and CHECKs. */
function defaultValue(column: Column, v: string | number | boolean, cons: ColumnConstraints, hard: GeneratorSpec): Value | undefined {
  const t = column.type
  switch (t.kind) {
    case 'boolean':
      if (typeof v === 'boolean') return v
      if (v === 1 || v === 0) return v === 1
      if (typeof v === 'string' && /^(true|false|t|f|1|0)$/i.test(v.trim())) return /^(true|t|1)$/i.test(v.trim())
      return undefined
    case 'integer':
    case 'decimal':
    case 'float': {
      const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN
      if (!Number.isFinite(n) || hard.kind !== 'number') return undefined
      const f = Math.pow(10, hard.scale)
      const u = Math.round(n * f)
      if (Math.abs(u - n * f) > 1e-6 || u < hard.min || u > hard.max || (hard.exclude ?? []).includes(u)) return undefined
      if (cons.inList && !cons.inList.some((x) => Number(x) === n)) return undefined
      return n
    }
    case 'string':
    case 'text':
    case 'enum': {
      if (typeof v !== 'string') return undefined
      return fitsText(v, column, cons) ? v : undefined
    }
    default:
      return undefined
  }
}
