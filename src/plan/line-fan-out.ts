/**
 * The default fan-out of a child keyed by (FK, counter) — order_items PRIMARY KEY (order_id, line_no):
 * instead of one child per parent in turn, each parent gets a skewed 1..n children (mostly 1–3) and the
 * counter numbers them 1, 2, … within the parent (`lines` on the FK spec, `ordinal` on the counter).
 * Chosen per table when the shape is plain enough that the layout alone keeps every UNIQUE; confirmed
 * once the row counts are known (`settleLineFanOut`), else the mixed-radix layout stays.
 */
import type { ColumnPlan, GeneratorSpec, LineFanOut } from '../model/plan.js'
import type { Table } from '../model/schema.js'
import { lineLayout } from '../generate/line-fan-out.js'
import { domainSize } from './domain.js'

/** Children per parent: 1 (40 %), 2 (25 %), 3 (15 %), then a tail up to 10 (mean ≈ 2.3). */
export const LINE_WEIGHTS = [40, 25, 15, 8, 5, 3, 1.5, 1, 0.8, 0.7]

/** The part of a planner column draft this reads and changes. */
export interface LineColumn {
  name: string
  spec: GeneratorSpec
  reason: string
  fk?: { group: string; self: boolean; fk: { columns: string[] } }
  omit?: 'generated' | 'default'
}

/**
 * Mark the (FK, counter) primary key of `table` for a line fan-out, when: the PK is one FK's columns plus
 * one integer column with a plain generator, the FK is not a self-reference, a cycle cut or a rule
 * fan-out, and no other UNIQUE holds any of those columns. Returns whether it did.
 */
export function planLineFanOut(table: Table, columns: LineColumn[], uniqueSets: string[][]): boolean {
  const pk = table.primaryKey?.columns
  if (!pk || pk.length < 2) return false
  const byName = new Map(columns.map((c) => [c.name, c]))
  if (planJunction(pk, byName, uniqueSets)) return true
  const fkCols = pk.map((n) => byName.get(n)).filter((c): c is LineColumn => c?.fk !== undefined)
  const counters = pk.filter((n) => !byName.get(n)?.fk)
  if (counters.length !== 1 || fkCols.length !== pk.length - 1) return false
  const group = fkCols[0]!.fk!.group
  const edge = fkCols[0]!.fk!
  if (edge.self || fkCols.some((c) => c.fk!.group !== group) || edge.fk.columns.length !== fkCols.length) return false
  if (fkCols.some((c) => c.spec.kind !== 'fk' || c.spec.fixup === true)) return false
  const counter = byName.get(counters[0]!)!
  if (counter.omit || counter.spec.kind !== 'number' || counter.spec.scale !== 0) return false
  const size = domainSize(counter.spec)
  if (size < 2) return false
  const same = (s: string[]) => s.length === pk.length && s.every((c) => pk.includes(c))
  if (uniqueSets.some((s) => !same(s) && s.some((c) => pk.includes(c)))) return false
  // A rule fan-out lays children out per parent already: the counter numbers them within it (in turn,
  // the mixed-radix counter would repeat inside one parent's run of children).
  const rule = fkCols[0]!.spec.kind === 'fk' ? fkCols[0]!.spec.fanout : undefined
  if (rule) {
    if (rule.max > size) return false
    counter.spec = { kind: 'ordinal', via: fkCols[0]!.name, of: counter.spec }
    counter.reason = `${counter.reason}; 1, 2, … within each ${edge.fk.columns.join(', ')} (rule fan-out)`
    return true
  }
  const lines: LineFanOut = { weights: LINE_WEIGHTS.slice(0, Math.min(LINE_WEIGHTS.length, size)), max: Math.min(size, 100_000) }
  for (const c of fkCols) if (c.spec.kind === 'fk') c.spec = { ...c.spec, lines }
  counter.spec = { kind: 'ordinal', via: fkCols[0]!.name, of: counter.spec }
  counter.reason = `${counter.reason}; 1, 2, … within each ${edge.fk.columns.join(', ')} (line fan-out)`
  return true
}

/**
 * A junction key (two single-column FKs, post_tags (post_id, tag_id)): the first FK gets the line
 * fan-out, the second distinct parents within each of the first's (`within`); with a rule fan-out on
 * one of them, the other takes `within` of it. Not for self-references, cycle cuts, rule fan-outs on
 * both, or when another UNIQUE holds either column.
 */
function planJunction(pk: string[], byName: Map<string, LineColumn>, uniqueSets: string[][]): boolean {
  if (pk.length !== 2) return false
  const [a, b] = pk.map((n) => byName.get(n))
  if (!a?.fk || !b?.fk || a.fk.group === b.fk.group || a.fk.fk.columns.length !== 1 || b.fk.fk.columns.length !== 1) return false
  for (const c of [a, b]) if (c.fk!.self || c.spec.kind !== 'fk' || c.spec.fixup === true) return false
  if (uniqueSets.some((s) => !(s.length === 2 && s.every((c) => pk.includes(c))) && s.some((c) => pk.includes(c)))) return false
  if (a.spec.kind !== 'fk' || b.spec.kind !== 'fk') return false
  // A rule fan-out (perParent) on one of them lays its children out already: the other FK takes distinct
  // parents within each of its parents (up to its parent table's row count per parent).
  const ruled = [a, b].filter((c) => c.spec.kind === 'fk' && c.spec.fanout !== undefined)
  if (ruled.length === 2) return false
  if (ruled.length === 1) {
    const [x, y] = ruled[0] === a ? [a, b] : [b, a]
    if (y.spec.kind !== 'fk') return false
    y.spec = { ...y.spec, within: { via: x.name } }
    y.reason = `${y.reason}; distinct within each ${x.name} (junction, rule fan-out)`
    return true
  }
  a.spec = { ...a.spec, lines: { weights: LINE_WEIGHTS, max: 100_000 } }
  b.spec = { ...b.spec, within: { via: a.name } }
  b.reason = `${b.reason}; distinct within each ${a.name} (junction)`
  return true
}

/**
 * Confirm the line fan-outs of one planned step now that its rows and its parents' rows are known: the
 * layout must fit the counter's values (the most children of one parent ≤ its domain). Reasons say how
 * the rows spread; a layout that does not fit falls back to the plain generators (children in turn).
 */
export function settleLineFanOut(seed: string | number, stepId: string, rows: number, columns: ColumnPlan[]): void {
  for (const c of columns) {
    const g = c.generator
    if (g.kind !== 'fk' || !g.lines) continue
    const counters = columns.filter((x) => x.generator.kind === 'ordinal' && x.generator.via === c.column)
    const within = columns.filter((x) => x.generator.kind === 'fk' && x.generator.within?.via === c.column)
    const layout = lineLayout(seed, stepId, g.group, g.lines, g.parentRows, rows)
    // A junction's second FK has as many distinct values per parent as its own parent table has rows.
    const fits =
      counters.every((x) => x.generator.kind === 'ordinal' && layout.maxCount <= domainSize(x.generator.of)) &&
      within.every((x) => x.generator.kind === 'fk' && layout.maxCount <= x.generator.parentRows)
    const fkColumns = columns.filter((x) => x.generator.kind === 'fk' && x.generator.group === g.group)
    if (!fits) {
      for (const x of fkColumns) if (x.generator.kind === 'fk') { const { lines: _l, ...plain } = x.generator; x.generator = plain }
      for (const x of counters) if (x.generator.kind === 'ordinal') { x.generator = x.generator.of; x.reason = x.reason.replace(/; 1, 2, … within each .*$/, '') }
      for (const x of within) if (x.generator.kind === 'fk') { const { within: _w, ...plain } = x.generator; x.generator = plain; x.reason = x.reason.replace(/; distinct within each .*$/, '') }
      continue
    }
    const shape = layout.extra > 0 ? `${1 + layout.extra}–${layout.maxCount} each` : layout.geometric ? `1–${layout.maxCount} each (mean ${Math.round(layout.mean * 10) / 10}, geometric)` : `1–${layout.maxCount} each (mostly 1–3)`
    const spread = `${rows} rows over ${layout.parentsUsed} of ${g.parentRows} ${g.parentStep}, ${shape}, skewed (default line fan-out)`
    for (const x of fkColumns) x.reason = `FK → ${g.parentStep}.${x.generator.kind === 'fk' ? x.generator.parentColumn : ''}: ${spread}`
    for (const x of within) if (x.generator.kind === 'fk') x.reason = `FK → ${x.generator.parentStep}.${x.generator.parentColumn}: distinct ${x.generator.parentStep} within each ${c.column} (junction), from a seeded start`
  }
}
