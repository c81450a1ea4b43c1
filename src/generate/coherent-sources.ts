/**
 * Generators that read other columns of the row or of its parents so values agree (issue 10): the
 * row's person, an age from the birth date, a creation time after the parents' creation times.
 */
import { match } from 'ts-pattern'
import type { GeneratorSpec, Plan } from '../model/plan.js'
import { TdgError } from '../errors.js'
import type { Bound, CompiledColumn, CompiledStep } from './compile-column.js'
import { temporalSource } from './numeric-sources.js'
import { digitsOf, personField, personNameList, personRecords, type PersonRecord } from './person-source.js'
import { pooledCells } from './typed-cells.js'
import { addressField, addressRecords, type AddressRecord } from './address-source.js'
import { companyWeb } from './company-web.js'
import { below, mix32, streamHash } from './prng.js'

type Coherent = Extract<GeneratorSpec, { kind: 'person' | 'age' | 'after-parents' | 'address' | 'company-web' }>

/** What these generators read: the plan, the row's step, and columns of parent steps. */
export interface CoherentContext {
  plan: Plan
  owner: CompiledStep
  column: string
  /** Domain index of a unique pick (see `indexOf`). */
  k: ((i: number) => number) | undefined
  foreign: (stepId: string, column: string) => CompiledColumn
}

/** Bind one of the coherent kinds. */
export function coherentBound(spec: Coherent, ctx: CoherentContext): Bound {
  const { plan, owner, column, k } = ctx
  return match(spec)
    .with({ kind: 'person' }, (g) => {
      const group = personOf(plan, owner, g.group, g.gender, g.locale ?? plan.locale)
      const records = group.records
      const h = streamHash(plan.seed, owner.step.id, `person-digits:${g.group}`, column)
      const base = { tail: digitsOf(g.digits, h), minLength: g.minLength, ...(g.maxLength !== undefined ? { maxLength: g.maxLength } : {}) }
      const field = g.field
      if (k) return { value: (i: number) => personField(field, records(i), base, k(i)) }
      // A drawn first or last name is an index into the locale's list (an encoder may take the index).
      const list = !group.gender && (field === 'first' || field === 'last') ? personNameList(plan.seed, owner.step.id, g.group, field, g.minLength, g.maxLength, group.locale) : undefined
      return { value: (i: number) => personField(field, records(i), base), ...(list ? { typed: pooledCells(list.values, list.index) } : {}) }
    })
    .with({ kind: 'age' }, (g) => {
      const raw = owner.column(g.from).raw
      if (!raw) throw new TdgError('TDG_INTERNAL', `age of ${owner.step.id}.${column} needs a date column`, { column })
      const now = g.now
      const f = g.unit === 'day' ? 86400 : 1
      const age = (i: number) => wholeYears(raw(i) * f, now)
      return { value: age, raw: age }
    })
    .with({ kind: 'after-parents' }, (g) => afterParents(g, ctx))
    .with({ kind: 'company-web' }, (g) => {
      const name = owner.column(g.from).value
      const h = streamHash(plan.seed, owner.step.id, column, 'web')
      const base = { h, ...(g.digits !== undefined ? { tail: digitsOf(g.digits, mix32(h)) } : {}), ...(g.maxLength !== undefined ? { maxLength: g.maxLength } : {}) }
      const form = g.form
      return { value: k ? (i: number) => companyWeb(name(i), i, form, base, k(i)) : (i: number) => companyWeb(name(i), i, form, base) }
    })
    .with({ kind: 'address' }, (g) => {
      const records = placeOf(plan, owner, g.group, g.countryFrom, g.country, g.locale ?? plan.locale)
      const opts = { minLength: g.minLength, ...(g.maxLength !== undefined ? { maxLength: g.maxLength } : {}), ...(g.scale !== undefined ? { scale: g.scale } : {}) }
      const field = g.field
      const value = (i: number) => addressField(field, records(i), opts)
      // One NULL decision per row for the whole place (nullable columns with the same share), not a
      // city without its state.
      const nullKey = `address:${g.group}`
      return field === 'lat' || field === 'lon' ? { value, raw: (i: number) => Number(value(i)), nullKey } : { value, nullKey }
    })
    .exhaustive()
}

/**
 * The latest parent time (in this column's unit) plus a uniform share of what is left until `now`,
 * kept inside the column's own bounds (a CHECK beats the order).
 */
function afterParents(g: Extract<GeneratorSpec, { kind: 'after-parents' }>, ctx: CoherentContext): Bound {
  const { plan, owner, column } = ctx
  // A switch, not ts-pattern: matching the recursive GeneratorSpec union is too deep for TypeScript.
  const o = g.of
  const own = o.kind === 'date' || o.kind === 'timestamp' ? { src: temporalSource(o, 0), perSecond: o.kind === 'date' ? 1 / 86400 : 1, min: o.min, max: o.max } : undefined
  if (!own) throw new TdgError('TDG_INTERNAL', `after-parents of ${owner.step.id}.${column} needs a date or timestamp`, { column })
  const reads = g.parents.map((p) => {
    const via = owner.column(p.via).parentIndex
    if (!via) throw new TdgError('TDG_INTERNAL', `after-parents of ${owner.step.id}.${column} reads ${p.parentStep}.${p.parentColumn} through ${p.via}`, { column })
    const toSeconds = p.unit === 'day' ? 86400 : 1
    // Resolved on first use: a self-reference reads this very column (of an earlier row), which is still
    // being compiled now.
    let parent: ((i: number) => number) | undefined
    const self = p.parentStep === owner.step.id && p.parentColumn === column
    const read = (i: number) => {
      const at = via(i)
      // A row pointing at itself (a NOT NULL self-reference's first row) has no earlier time to follow.
      if (at < 0 || (self && at >= i)) return -Infinity
      parent ??= ctx.foreign(p.parentStep, p.parentColumn).raw
      if (!parent) throw new TdgError('TDG_INTERNAL', `${p.parentStep}.${p.parentColumn} has no time to follow`, { column })
      return parent(at) * toSeconds
    }
    return { self, read }
  })
  const others = reads.filter((r) => !r.self).map((r) => r.read)
  const selves = reads.filter((r) => r.self).map((r) => r.read)
  // Strictly before now: the day before a date's now, the second before a timestamp's.
  const nowU = Math.floor(g.now * own.perSecond) - 1
  const hi = Math.min(own.max, nowU)
  const h = streamHash(plan.seed, owner.step.id, column, 'after')
  const span = 1_000_000
  const rows = Math.max(1, owner.step.rows + (owner.step.rowOffset ?? 0))
  const start = Math.min(hi, own.min)
  const raw = (i: number) => {
    // Only earlier rows of its own table to follow (a referrer, a manager): times grow with the row, as
    // ids do, spread over the whole window. Following each earlier row's time instead would crowd the
    // table against now (every step of a chain halving what is left).
    if (others.length === 0) return start + Math.floor(((hi - start) * (i + below(h, i, span) / span)) / rows)
    let base = -Infinity
    for (const r of others) base = Math.max(base, r(i))
    // A parent time in this unit, rounded up so a date is never before its parent's timestamp.
    const lo = Math.max(own.min, base === -Infinity ? own.min : Math.ceil(base * own.perSecond))
    let t = lo >= hi ? Math.min(Math.max(lo, own.min), own.max) : lo + Math.floor(((hi - lo) * below(h, i, span)) / span)
    // Also after the earlier row of its own table it points to (a reply after the comment it answers).
    for (const r of selves) t = Math.max(t, Math.ceil(r(i) * own.perSecond))
    return t
  }
  const emit = own.src.emit
  return { value: (i) => emit(raw(i)), raw }
}

const places = new WeakMap<CompiledStep, Map<string, (i: number) => AddressRecord>>()

/** The place records of one address group of a step, shared by its columns. */
function placeOf(plan: Plan, owner: CompiledStep, group: string, countryFrom: string | undefined, country: string | undefined, locale: string | undefined): (i: number) => AddressRecord {
  let byGroup = places.get(owner)
  if (!byGroup) places.set(owner, (byGroup = new Map()))
  let f = byGroup.get(group)
  if (!f) byGroup.set(group, (f = addressRecords(plan.seed, owner.step.id, group, countryFrom ? owner.column(countryFrom).value : undefined, country, locale)))
  return f
}

/** One group's person records and what they were built with (its first column's gender column and locale). */
interface People {
  records: (i: number) => PersonRecord
  gender: string | undefined
  locale: string | undefined
}

const people = new WeakMap<CompiledStep, Map<string, People>>()

/**
 * The person records of one group of a step, shared by its columns so a row's record is built once. One
 * record object rewritten per row (`reuse`): every column reads its fields in `personField` at once.
 */
function personOf(plan: Plan, owner: CompiledStep, group: string, gender: string | undefined, locale: string | undefined): People {
  let byGroup = people.get(owner)
  if (!byGroup) people.set(owner, (byGroup = new Map()))
  let f = byGroup.get(group)
  if (!f) byGroup.set(group, (f = { records: personRecords(plan.seed, owner.step.id, group, gender ? owner.column(gender).value : undefined, locale, true), gender, locale }))
  return f
}

/** Whole years from `birth` to `now` (both epoch seconds), as a birthday counts them. */
function wholeYears(birth: number, now: number): number {
  const b = new Date(birth * 1000)
  const n = new Date(now * 1000)
  let years = n.getUTCFullYear() - b.getUTCFullYear()
  if (n.getUTCMonth() < b.getUTCMonth() || (n.getUTCMonth() === b.getUTCMonth() && n.getUTCDate() < b.getUTCDate())) years--
  return years
}
