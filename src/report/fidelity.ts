/**
 * `fidelity(source, target)`: how closely the target's summaries follow the source's, per column,
 * foreign key and table (see fidelity-types.ts for the scoring, measures.ts and quantile-cdf.ts for the
 * distances). Tables, columns and foreign keys are matched by name, case-insensitively; what is found on
 * one side only is listed, not scored.
 */
import type { ColumnProfile, FanOutProfile, Profile, TableProfile } from '../model/profile.js'
import { FIDELITY_VERSION, THRESHOLDS, type ColumnFidelity, type FailingMeasure, type FanOutFidelity, type FidelityResult, type Measure, type SkippedMeasure, type TableFidelity } from './fidelity-types.js'
import { fanOutMedianError, mean, measure, nullShareError, round, rowRatioError, tvd } from './measures.js'
import { ksFromQuantiles } from './quantile-cdf.js'

/** Compare two profiles. Pure; the result is plain JSON (`tdg report --json`). */
export function fidelity(source: Profile, target: Profile): FidelityResult {
  const { pairs, onlyLeft, onlyRight } = pairBy(source.tables, target.tables, (t) => t.name, (t) => t.schema ?? '')
  const ratios = pairs.filter(([s]) => s.rows.count > 0).map(([s, t]) => t.rows.count / s.rows.count)
  const scale = median(ratios)
  const tables = pairs.map(([s, t]) => tableFidelity(s, t, scale))
  const failing = tables.flatMap(failingOf)
  return {
    version: FIDELITY_VERSION,
    source: { kind: source.source.kind, name: source.source.name },
    target: { kind: target.source.kind, name: target.source.name },
    thresholds: { ...THRESHOLDS },
    scale: round(scale),
    score: round(mean(tables.map((t) => t.score), 0)),
    pass: tables.length > 0 && tables.every((t) => t.pass),
    tables,
    unmatched: { source: onlyLeft.map(tableLabel), target: onlyRight.map(tableLabel) },
    failing,
  }
}

function tableFidelity(s: TableProfile, t: TableProfile, scale: number): TableFidelity {
  const cols = pairBy(s.columns, t.columns, (c) => c.name)
  const fks = pairBy(s.fanOut, t.fanOut, fanOutKey)
  const fkColumns = new Set(s.fanOut.filter((f) => f.columns.length === 1).map((f) => f.columns[0]!.toLowerCase()))
  const columns = cols.pairs.map(([a, b]) => columnFidelity(a, b, { foreignKey: fkColumns.has(a.name.toLowerCase()) }))
  const fanOut = fks.pairs.map(([a, b]) => fanOutFidelity(a, b))
  const ratio = s.rows.count === 0 ? (t.rows.count === 0 ? 1 : Infinity) : t.rows.count / s.rows.count
  const rowRatio = measure('row-ratio', rowRatioError(s.rows.count, t.rows.count, scale))
  const scores = [...columns.map((c) => c.score), ...fanOut.map((f) => f.measure.score), rowRatio.score]
  return {
    name: s.name,
    ...(s.schema !== undefined ? { schema: s.schema } : {}),
    rows: { source: s.rows.count, target: t.rows.count, ratio: Number.isFinite(ratio) ? round(ratio) : null, sourceExact: s.rows.exact, targetExact: t.rows.exact },
    rowRatio,
    score: round(mean(scores, 1)),
    pass: rowRatio.pass && columns.every((c) => c.pass) && fanOut.every((f) => f.measure.pass),
    columns,
    fanOut,
    unmatched: {
      sourceColumns: cols.onlyLeft.map((c) => c.name),
      targetColumns: cols.onlyRight.map((c) => c.name),
      sourceFanOut: fks.onlyLeft.map(fanOutLabel),
      targetFanOut: fks.onlyRight.map(fanOutLabel),
    },
  }
}

/**
 * The measures one column supports on both sides; a summary present on one side only is a skipped
 * measure. Key-like columns (unique integers on both sides) and foreign key columns (`foreignKey`) hold
 * identifiers whose range grows with the row count, so their KS compares the shapes after scaling each
 * side to [min, max] (noted on the measure), and their categories (key values) are not compared. A column with categories on both sides is not also
 * compared by length: its categories decide its lengths.
 */
export function columnFidelity(s: ColumnProfile, t: ColumnProfile, opts: { foreignKey?: boolean } = {}): ColumnFidelity {
  const measures: Measure[] = []
  const skipped: SkippedMeasure[] = []
  const ids = s.numeric && t.numeric ? (opts.foreignKey ? ('foreign key' as const) : keyLike(s) && keyLike(t) ? ('unique integers' as const) : undefined) : undefined
  if (s.numeric && t.numeric) {
    // A foreign key's values are parent keys: how many rows share one is the FK's fan-out, measured per FK
    // (children per parent); which key is busiest depends on each side's numbering, so no KS of them.
    if (ids === 'foreign key') skipped.push({ measure: 'ks', reason: 'foreign key values are parent keys: their shape is the fan-out measure of the FK' })
    else if (ids) measures.push(measure('ks', ksFromQuantiles(unitScaled(s.numeric.quantiles), unitScaled(t.numeric.quantiles)), `identifiers (${ids}): compared after scaling each side to [min, max]`))
    else measures.push(measure('ks', ksFromQuantiles(s.numeric.quantiles, t.numeric.quantiles)))
  } else if (s.numeric || t.numeric) skipped.push({ measure: 'ks', reason: `no value quantiles on the ${s.numeric ? 'target' : 'source'} side (${kindsText(s, t)})` })
  if (ids && (s.categories || t.categories)) {
    // Which key values occur depends on how each side numbered its rows; the scaled KS and the fan-out compare the shape.
    skipped.push({ measure: 'tvd', reason: `identifier values (${ids}) differ between datasets by construction` })
  } else if (s.categories && t.categories) {
    const d = tvd(s.categories, t.categories)
    measures.push(measure('tvd', d.value, d.approximate ? "values outside the category lists compared as one 'other' bucket" : undefined))
  } else if (s.categories || t.categories) {
    const missing = s.categories ? t : s
    const side = s.categories ? 'target' : 'source'
    skipped.push({ measure: 'tvd', reason: missing.valuesWithheld ? `category values withheld on the ${side} side (PII)` : `no category list on the ${side} side (${missing.distinct} distinct values)` })
  }
  const byCategories = s.categories !== undefined && t.categories !== undefined
  if (s.length && t.length && !byCategories) measures.push(measure('length-ks', ksFromQuantiles(s.length.quantiles, t.length.quantiles)))
  else if ((s.length || t.length) && !byCategories) skipped.push({ measure: 'length-ks', reason: `no string lengths on the ${s.length ? 'target' : 'source'} side (${kindsText(s, t)})` })
  measures.push(measure('null-share', nullShareError(s.nullShare, t.nullShare)))
  return {
    name: s.name,
    kind: s.kind,
    ...(t.kind !== s.kind ? { targetKind: t.kind } : {}),
    ...(ids ? { identifier: ids } : {}),
    score: round(mean(measures.map((m) => m.score), 1)),
    pass: measures.every((m) => m.pass),
    measures,
    skipped,
  }
}

/** An integer column, every value distinct and none NULL: a key whose values are positions, not quantities. */
function keyLike(c: ColumnProfile): boolean {
  return c.kind === 'integer' && c.numeric !== undefined && c.numeric.integral && c.nullShare === 0 && c.distinctShare >= 0.99 && c.distinct > 1
}

/** Quantiles mapped linearly onto [0, 1] (a constant column stays at 0). */
export function unitScaled(q: readonly number[]): number[] {
  const lo = q[0]!
  const span = q[q.length - 1]! - lo
  return q.map((x) => (span > 0 ? (x - lo) / span : 0))
}

function fanOutFidelity(s: FanOutProfile, t: FanOutProfile): FanOutFidelity {
  return {
    label: fanOutLabel(s),
    columns: s.columns,
    parent: s.parent.table,
    source: figures(s),
    target: figures(t),
    measure: measure('fan-out-median', fanOutMedianError(s.median, t.median)),
  }
}

function figures(f: FanOutProfile): FanOutFidelity['source'] {
  return { min: f.min, median: f.median, p95: f.p95, max: f.max, mean: round(f.mean), childless: round(f.childless) }
}

function failingOf(t: TableFidelity): FailingMeasure[] {
  const out: FailingMeasure[] = []
  const add = (m: Measure, item?: string) => {
    if (!m.pass) out.push({ table: t.name, ...(item !== undefined ? { item } : {}), measure: m.measure, value: m.value, threshold: m.threshold })
  }
  add(t.rowRatio)
  for (const c of t.columns) for (const m of c.measures) add(m, c.name)
  for (const f of t.fanOut) add(f.measure, f.label)
  return out
}

/** `orders(customer_id) → customers`. */
export function fanOutLabel(f: FanOutProfile): string {
  return `(${f.columns.join(', ')}) → ${f.parent.table}`
}

function fanOutKey(f: FanOutProfile): string {
  return `${f.columns.join(',')}>${f.parent.table}`
}

function tableLabel(t: TableProfile): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name
}

function kindsText(s: ColumnProfile, t: ColumnProfile): string {
  return s.kind === t.kind ? s.kind : `${s.kind} against ${t.kind}`
}

/**
 * Pair items by key, case-insensitively; among several candidates the one whose `tie` text is equal
 * wins (a table's schema), else the first. Each right item pairs at most once.
 */
function pairBy<T>(left: T[], right: T[], key: (x: T) => string, tie: (x: T) => string = () => ''): { pairs: Array<[T, T]>; onlyLeft: T[]; onlyRight: T[] } {
  const byKey = new Map<string, T[]>()
  for (const r of right) {
    const k = key(r).toLowerCase()
    byKey.set(k, [...(byKey.get(k) ?? []), r])
  }
  const used = new Set<T>()
  const pairs: Array<[T, T]> = []
  const onlyLeft: T[] = []
  for (const l of left) {
    const free = (byKey.get(key(l).toLowerCase()) ?? []).filter((r) => !used.has(r))
    const pick = free.find((r) => tie(r) === tie(l)) ?? free[0]
    if (pick === undefined) onlyLeft.push(l)
    else {
      used.add(pick)
      pairs.push([l, pick])
    }
  }
  return { pairs, onlyLeft, onlyRight: right.filter((r) => !used.has(r)) }
}

function median(xs: number[]): number {
  if (xs.length === 0) return 1
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
