/**
 * A data profile: what `tdg profile` learns from live rows or CSV files, what the rules emitter turns
 * into a rules file, and what `tdg report` compares. Plain JSON (the `--json` contract of `tdg profile`
 * and the input of `tdg report --profile FILE`). Types only.
 *
 * Privacy: a profile holds raw values only in `categories` (and `min`/`max` texts), and never for a
 * column detected as PII unless the user asked for it (`--keep-values`); `valuesWithheld` says so.
 */
import type { LogicalKind } from './schema.js'
import type { PiiCategory } from './mask.js'

/** Format version of the profile JSON; bumped on an incompatible change. */
export const PROFILE_VERSION = 1

/** A whole profile. */
export interface Profile {
  version: typeof PROFILE_VERSION
  /** Where the rows came from: a redacted URL, a CSV file or a directory. */
  source: { kind: 'db' | 'csv' | 'files'; name: string; dialect?: 'postgres' | 'mysql' | 'mssql' | 'sqlite' }
  /** ISO timestamp of the profiling run. */
  createdAt: string
  /** Rows sampled per table at most (the `--sample` asked for); absent: every row was read. */
  sampleLimit?: number
  /** Whether raw values of PII-detected columns were kept (`--keep-values`). */
  keepValues: boolean
  tables: TableProfile[]
}

/** How many rows a table holds, and how that number was obtained. */
export interface RowCount {
  count: number
  /** True for count(*) or a full read; false for a catalogue estimate. */
  exact: boolean
  /** In words: `count(*)`, `pg_class.reltuples estimate`, `information_schema.tables.table_rows estimate`, `all 830 lines`. */
  method: string
}

export interface TableProfile {
  schema?: string
  name: string
  rows: RowCount
  /** Rows actually read to compute the column statistics. */
  sampled: number
  /** How the sample was drawn, in words: `all rows`, `TABLESAMPLE SYSTEM (3.1%)`, `random rowid ranges`. */
  sampling: string
  columns: ColumnProfile[]
  /** Children per parent, one per foreign key of this (child) table. */
  fanOut: FanOutProfile[]
  /** Ordered pairs of columns that held in (almost) every sampled row: `created_at ≤ updated_at`. */
  orderedPairs: OrderedPair[]
  /** A column that is NULL exactly (or mostly) when another column has a given value. */
  conditionalNulls: ConditionalNull[]
}

/** Summary of a numeric quantity: values, epoch milliseconds, or text lengths. */
export interface NumericSummary {
  min: number
  max: number
  mean: number
  /** 101 points: quantiles[i] is the i-th percentile (p0 = min … p100 = max), interpolated. */
  quantiles: number[]
  /** True when every value was an integer (lengths, integer columns, whole days). */
  integral: boolean
}

/** Shares (summing to 1 over non-null values) of when temporal values fall. */
export interface Seasonality {
  /** 7 shares, Monday first (ISO weekday 1..7 → index 0..6). */
  weekday: number[]
  /** 12 shares, January first. */
  month: number[]
  /** 24 shares (UTC hours); absent for date-only columns. */
  hour?: number[]
}

export interface ColumnProfile {
  name: string
  /** Logical kind of the column (CSV: the inferred kind). */
  kind: LogicalKind
  /** The database's type name, or the inferred one for CSV (`integer`, `timestamp`, `decimal(10,2)`). */
  nativeType?: string
  /** Sampled rows (null and non-null). */
  count: number
  /** NULLs (empty CSV fields) / count. */
  nullShare: number
  /** Distinct non-null values seen. */
  distinct: number
  /** distinct / non-null count (1 = every sampled value distinct). */
  distinctShare: number
  /** Numbers: the values; dates and timestamps: epoch milliseconds (UTC). */
  numeric?: NumericSummary
  /** For temporal columns: min and max as ISO text (date or timestamp). */
  range?: { min: string; max: string }
  /** Lengths of string values (characters). */
  length?: NumericSummary
  /**
   * Top values with their share of non-null values, most frequent first, only when the column has at most
   * the category threshold of distinct values (default 50) and its values are not withheld. `other` is the
   * share of non-null values not listed (0 when all are).
   */
  categories?: { values: Array<{ value: string | number | boolean; share: number }>; other: number }
  /** Semantic shape of the values (shared with PII detection): `email`, `phone`, `uuid`, `url`, `first-name`, … */
  shape?: string
  /** PII detection's verdict for this column, when it flags it. */
  pii?: { category: PiiCategory; confidence: number }
  /** True when raw values (categories, min/max texts, the numeric summary of numbers and dates) were left out because the column is PII. */
  valuesWithheld?: boolean
  /** A regex-like pattern every sampled value matches, for code-like strings: `[A-Z]{2}[0-9]{4}`. */
  pattern?: string
  /** When temporal values fall. */
  seasonality?: Seasonality
}

/** Children per parent row along one foreign key. */
export interface FanOutProfile {
  /** The FK's columns in this (child) table. */
  columns: string[]
  parent: { schema?: string; table: string; columns: string[] }
  /** Parent rows considered. */
  parents: number
  /** Share of parents with no child. */
  childless: number
  min: number
  median: number
  p95: number
  max: number
  mean: number
  /**
   * 101 evenly spaced quantiles of the per-parent counts (linear between order statistics, 2 decimals):
   * the whole shape where a summary cannot tell it (a few parents, half of them childless). Absent in
   * profiles written before it existed.
   */
  quantiles?: number[]
  /** Share of child rows whose FK is NULL. */
  nullShare: number
  /** True when computed over every row (GROUP BY on the server or a full read), false from a sample. */
  exact: boolean
}

/** `left op right` held in `share` of the sampled rows where both are non-null. */
export interface OrderedPair {
  left: string
  op: '<' | '<='
  right: string
  share: number
}

/** `column` is NULL in `nullShareWhen` of rows where `when.column = when.value`, and `nullShareOtherwise` elsewhere. */
export interface ConditionalNull {
  column: string
  when: { column: string; value: string | number | boolean }
  nullShareWhen: number
  nullShareOtherwise: number
}
