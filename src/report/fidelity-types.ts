/**
 * What `fidelity(source, target)` returns and `tdg report --json` prints: plain JSON.
 *
 * Scoring: every measure is a distance d ≥ 0 (KS, TVD, a relative error) with score 1 − min(1, d) and
 * passes when d ≤ its threshold. A column's score is the mean of its measures' scores; a table's the
 * mean of its columns', foreign keys' and row count's scores; the overall score the mean of the
 * matched tables' scores (each table weighs the same, however many columns it has). Something passes
 * when every measure in it passes.
 */
import type { LogicalKind } from '../model/schema.js'

/** Format version of the FidelityResult JSON. */
export const FIDELITY_VERSION = 1

export type MeasureName =
  /**
   * KS distance of the values (numbers; dates and timestamps as epoch ms), from the two quantile arrays.
   * Identifier columns (unique integers, foreign keys) compare after scaling each side to [min, max].
   */
  | 'ks'
  /** KS distance of the string lengths, from the two quantile arrays (only for columns not compared by categories). */
  | 'length-ks'
  /** Total variation distance of the category shares (non-null values). */
  | 'tvd'
  /** Relative error of the null share: |t − s| / max(s, 0.05). */
  | 'null-share'
  /** Relative error of the median children per parent along one FK: |t − s| / max(s, 1). */
  | 'fan-out-median'
  /** Deviation of the table's row-count ratio from the scale (the median ratio over matched tables). */
  | 'row-ratio'

/** Pass thresholds per measure (issue 12: KS ≤ 0.1, TVD ≤ 0.1, fan-out median within 10 %). */
export const THRESHOLDS: Readonly<Record<MeasureName, number>> = {
  ks: 0.1,
  'length-ks': 0.1,
  tvd: 0.1,
  'null-share': 0.1,
  'fan-out-median': 0.1,
  'row-ratio': 0.01,
}

/** One measure between the source's and the target's summaries. */
export interface Measure {
  measure: MeasureName
  /** The distance (0 = identical). */
  value: number
  threshold: number
  pass: boolean
  /** 1 − min(1, value). */
  score: number
  /** Set when the value is an approximation worth knowing about (e.g. `other` categories compared as one bucket). */
  note?: string
}

/** A measure that could not be computed, and why (a summary missing on one side). Not scored. */
export interface SkippedMeasure {
  measure: MeasureName
  reason: string
}

export interface ColumnFidelity {
  name: string
  /** The source's logical kind (and the target's, when it differs). */
  kind: LogicalKind
  targetKind?: LogicalKind
  /** Set for identifier columns, whose values are compared (and drawn) scaled to [min, max] on each side. */
  identifier?: 'unique integers' | 'foreign key'
  /** Mean of the measures' scores (1 when none could be computed, with `skipped` saying why). */
  score: number
  pass: boolean
  measures: Measure[]
  skipped: SkippedMeasure[]
}

/** Children per parent along one foreign key, source against target. */
export interface FanOutFidelity {
  /** `orders(customer_id) → customers`. */
  label: string
  columns: string[]
  parent: string
  source: FanOutFigures
  target: FanOutFigures
  measure: Measure
}

export interface FanOutFigures {
  min: number
  median: number
  p95: number
  max: number
  mean: number
  childless: number
}

export interface TableFidelity {
  name: string
  schema?: string
  /** Row counts; `ratio` = target / source (null when the source table is empty and the target is not). */
  rows: { source: number; target: number; ratio: number | null; sourceExact: boolean; targetExact: boolean }
  /** The row-count ratio against the scale; passes within 1 % or one row. */
  rowRatio: Measure
  score: number
  pass: boolean
  columns: ColumnFidelity[]
  fanOut: FanOutFidelity[]
  /** Columns and foreign keys found on one side only (listed, not scored). */
  unmatched: { sourceColumns: string[]; targetColumns: string[]; sourceFanOut: string[]; targetFanOut: string[] }
}

/** One failing measure, for the summary and CI logs. */
export interface FailingMeasure {
  table: string
  /** The column, or the FK label for `fan-out-median`; absent for `row-ratio`. */
  item?: string
  measure: MeasureName
  value: number
  threshold: number
}

export interface FidelityResult {
  version: typeof FIDELITY_VERSION
  source: { kind: string; name: string }
  target: { kind: string; name: string }
  thresholds: Record<MeasureName, number>
  /** Median of the matched tables' row-count ratios (target / source): what `--scale` the target looks made with. */
  scale: number
  /** Mean of the matched tables' scores, 0..1 (0 when no table matched). */
  score: number
  /** True when every measure of every matched table passes (and at least one table matched). */
  pass: boolean
  tables: TableFidelity[]
  /** Tables found on one side only (listed, not scored). */
  unmatched: { source: string[]; target: string[] }
  failing: FailingMeasure[]
}
