/**
 * Uniqueness by construction. Columns group into *units* (a composite FK is one unit: one parent index);
 * each PK/UNIQUE is then made injective in the row index: one unit takes k = i (`row`), or the free units
 * take the digits of a mixed-radix decomposition of i. The capacity of that choice caps the row count.
 */
import type { GeneratorSpec, IndexPick } from '../model/plan.js'
import type { Issue } from '../errors.js'
import { BIG } from '../generate/strings.js'
import { alwaysUnique, domainSize } from './domain.js'
import type { FkEdge } from './fk-graph.js'
import { compareNames } from './name-order.js'

/** Columns that share one domain index: a single column, or the columns of one FK. */
export interface Unit {
  id: string
  columns: string[]
  /** The FK edge when the unit is an FK group. */
  fk?: FkEdge
  /** Fixed domain size for column units. */
  size: number
  /** Unique whatever the pick (identity, uuid). */
  inherent: boolean
  /** May take a pick (not derived, not constant, not omitted). */
  free: boolean
  /** A plan-assigned key: always takes k = i when a constraint needs it. */
  key?: boolean
}

export type Assignment =
  | { kind: 'row'; unit: Unit; constraint: string[] }
  | { kind: 'radix'; units: Unit[]; constraint: string[] }
  /** `unit` repeats the top digit of an earlier radix (e.g. UNIQUE (fk, bin) beside PK (fk, item_no)). */
  | { kind: 'copy'; unit: Unit; radix: Extract<Assignment, { kind: 'radix' }>; constraint: string[] }

/** The draft of one column as far as uniqueness cares. */
export interface UniqueColumn {
  name: string
  spec: GeneratorSpec
  omit?: string
  /** FK group owning the column. */
  fk?: FkEdge
}

export interface UniquePlan {
  assignments: Assignment[]
  /** Columns of every constraint the plan guarantees (nullRate 0 for them). */
  uniqueColumns: Set<string>
  units: Map<string, Unit>
}

/** Decide the picks of a table's PK and UNIQUE constraints. */
export function planUniques(table: string, columns: UniqueColumn[], constraints: string[][], issues: Issue[]): UniquePlan {
  const units = new Map<string, Unit>()
  const unitOf = new Map<string, Unit>()
  for (const c of columns) {
    if (c.fk) {
      const id = `fk:${c.fk.group}`
      let u = units.get(id)
      if (!u) units.set(id, (u = { id, columns: [], fk: c.fk, size: BIG, inherent: false, free: true }))
      u.columns.push(c.name)
      unitOf.set(c.name, u)
      continue
    }
    const size = c.omit ? 0 : domainSize(c.spec)
    // A key whose range is used up (size 0) still takes the row pick: its capacity then caps the count to 0.
    const free = !c.omit && (size > 0 || c.spec.kind === 'identity') && !alwaysUnique(c.spec)
    const u: Unit = { id: c.name, columns: [c.name], size, inherent: !c.omit && alwaysUnique(c.spec), free }
    if (c.spec.kind === 'identity') u.key = true
    units.set(u.id, u)
    unitOf.set(c.name, u)
  }
  // Smallest constraints first: a unique (a) makes every (a, …) unique too.
  const sets = dedupe(constraints).sort((a, b) => a.length - b.length)
  const rowUnits = new Set<Unit>()
  const assigned = new Set<Unit>()
  const assignments: Assignment[] = []
  const uniqueColumns = new Set<string>()
  for (const cols of sets) {
    for (const c of cols) uniqueColumns.add(c)
    const inside = [...new Set(cols.map((c) => unitOf.get(c)).filter((u): u is Unit => u !== undefined))]
    const whole = inside.filter((u) => u.columns.every((c) => cols.includes(c)))
    if (whole.some((u) => u.inherent || rowUnits.has(u))) continue
    // A self-FK can only be unique alone (row i → row i-1); it cannot be a mixed-radix digit.
    const free = whole.filter((u) => u.free && !assigned.has(u) && (!u.fk?.self || whole.length === 1))
    if (free.length === 0) {
      issues.push({ code: 'GENERATOR_DEGRADED', message: `uniqueness of ${table}(${cols.join(', ')}) cannot be guaranteed by construction`, table })
      continue
    }
    // Keys count up: they are never a digit.
    const key = free.find((u) => u.key)
    if (key) {
      rowUnits.add(key)
      assigned.add(key)
      assignments.push({ kind: 'row', unit: key, constraint: cols })
      continue
    }
    // The constraint holds every digit of an earlier radix but its top one: a free unit repeats that digit.
    const radix = assignments.find(
      (a): a is Extract<Assignment, { kind: 'radix' }> =>
        a.kind === 'radix' && a.units.slice(0, -1).every((u) => whole.includes(u)) && !whole.includes(a.units[a.units.length - 1]!),
    )
    const others = whole.filter((u) => assigned.has(u) && !radix?.units.includes(u))
    if (radix && others.length === 0 && free.some((u) => !u.fk)) {
      const best = free.filter((u) => !u.fk).sort((a, b) => b.size - a.size)[0]!
      assigned.add(best)
      assignments.push({ kind: 'copy', unit: best, radix, constraint: cols })
      continue
    }
    if (free.length === 1 || whole.some((u) => assigned.has(u))) {
      const best = [...free].sort((a, b) => b.size - a.size)[0]!
      rowUnits.add(best)
      assigned.add(best)
      assignments.push({ kind: 'row', unit: best, constraint: cols })
      continue
    }
    // FK units first (children spread evenly over parents), then by domain size; the last digit is unbounded.
    const ordered = [...free].sort((a, b) => (a.fk ? 0 : 1) - (b.fk ? 0 : 1) || a.size - b.size || compareNames(a.id, b.id))
    for (const u of ordered) assigned.add(u)
    assignments.push({ kind: 'radix', units: ordered, constraint: cols })
  }
  return { assignments, uniqueColumns, units }
}

/** Domain size of a unit given the planned row counts of parent tables. */
export function unitSize(u: Unit, rows: (table: string) => number): number {
  if (!u.fk) return u.size
  return u.fk.self ? BIG : rows(u.fk.parent)
}

/**
 * Whether rows already in the table use up an assignment's domain. Not when it holds an FK unit: this
 * run's children pick among this run's parent rows, which are all new, so every tuple is new. Not for a
 * plan-assigned key either: its range already starts after the existing keys (`identityStart`).
 */
export function takesOffset(a: Assignment): boolean {
  if (a.kind === 'row') return !a.unit.fk && !a.unit.key
  const units = a.kind === 'copy' ? [...a.radix.units, a.unit] : a.units
  return units.every((u) => !u.fk)
}

/**
 * Rows an assignment can still hold: its domain's size less the `offset` rows already in the table
 * (when they use it up: see `takesOffset`), never below 0.
 */
export function capacity(a: Assignment, rows: (table: string) => number, offset = 0): number {
  return Math.max(0, domainOf(a, rows) - (offset > 0 && takesOffset(a) ? offset : 0))
}

/** Distinct tuples an assignment yields. */
function domainOf(a: Assignment, rows: (table: string) => number): number {
  if (a.kind === 'row') return unitSize(a.unit, rows)
  if (a.kind === 'copy') {
    let below = 1
    for (const u of a.radix.units.slice(0, -1)) below = Math.min(BIG, below * unitSize(u, rows))
    return Math.min(BIG, below * unitSize(a.unit, rows))
  }
  let p = 1
  for (const u of a.units) p = Math.min(BIG, p * unitSize(u, rows))
  return p
}

/**
 * Picks per column, from the assignments and final counts; unassigned columns draw at random.
 * `offset` (default 0): rows already in the table. Assignments that `takesOffset` count past them, and
 * inherently unique columns (uuid) in a constraint take index i + offset instead of a draw at i.
 */
export function picksOf(plan: UniquePlan, rows: (table: string) => number, offset = 0): Map<string, IndexPick> {
  const out = new Map<string, IndexPick>()
  const off = (a: Assignment) => (offset > 0 && takesOffset(a) ? { offset } : {})
  for (const a of plan.assignments) {
    if (a.kind === 'copy') continue
    if (a.kind === 'row') {
      for (const c of a.unit.columns) out.set(c, { kind: 'row', ...off(a) })
      continue
    }
    let below = 1
    a.units.forEach((u, j) => {
      const last = j === a.units.length - 1
      const radix = unitSize(u, rows)
      const pick: IndexPick = last ? { kind: 'digit', below, ...off(a) } : { kind: 'digit', below, radix, ...off(a) }
      for (const c of u.columns) out.set(c, pick)
      below = Math.min(BIG, below * Math.max(1, radix))
    })
  }
  for (const a of plan.assignments) {
    if (a.kind !== 'copy') continue
    const top = out.get(a.radix.units[a.radix.units.length - 1]!.columns[0]!)
    if (top) for (const c of a.unit.columns) out.set(c, top)
  }
  // A uuid draws at(i): an appending run with the same seed would draw the same values again.
  if (offset > 0)
    for (const u of plan.units.values())
      if (u.inherent && !u.fk && !u.key) for (const c of u.columns) if (plan.uniqueColumns.has(c) && !out.has(c)) out.set(c, { kind: 'row', offset })
  return out
}

function dedupe(sets: string[][]): string[][] {
  const seen = new Set<string>()
  const out: string[][] = []
  for (const s of sets) {
    const id = [...s].sort().join('\u0000')
    if (s.length === 0 || seen.has(id)) continue
    seen.add(id)
    out.push(s)
  }
  return out
}
