/**
 * One column's running statistics over the rows the profiler reads, in bounded memory whatever the
 * row count: counts, a DistinctCounter (categories while few), exact min/max/mean/integral and a seeded
 * reservoir of `RESERVOIR_SIZE` values (numbers, epoch ms, or text lengths) for the quantiles and
 * seasonality, and a reservoir of `TEXT_SAMPLE_SIZE` texts for shape, pattern and PII detection (dropped
 * after the table is profiled, never written out).
 */
import type { ColumnProfile, NumericSummary } from '../model/profile.js'
import type { Value } from '../model/rows.js'
import type { Column } from '../model/schema.js'
import { DistinctCounter } from './distinct.js'
import { NumericStats, summarize } from './numeric-summary.js'
import { inferPattern } from './pattern.js'
import { ItemReservoir, NumberReservoir, ownString } from './reservoir.js'
import { seasonality } from './seasonality.js'
import { familyOf, keyOf, toEpochMs, toNumber, toText, type Family } from './values.js'

/** Values kept for quantiles (per column): the quantiles' rank error is about 1/√size (≈ 0.7 %). */
export const RESERVOIR_SIZE = 20_000
/** Texts kept per column for shape, pattern and PII detection (detection's own default sample). */
export const TEXT_SAMPLE_SIZE = 1000

const DAY_MS = 86_400_000

export class ColumnAccumulator {
  readonly family: Family
  count = 0
  nulls = 0
  /** The last row's value as a number (numbers, epoch ms), NaN when null or not numeric: read by ordered pairs. */
  last = NaN
  readonly distinct: DistinctCounter
  private readonly stats = new NumericStats()
  private readonly reservoir: NumberReservoir | undefined
  private readonly texts: ItemReservoir<string> | undefined
  private dateOnly: boolean

  /**
   * `unique`: the column alone is a PRIMARY KEY or UNIQUE, so its non-null values are distinct by
   * constraint: they are not hashed (ids are often the costliest column to count).
   */
  constructor(
    /** Replaced only by one of the same name and kind (TableAccumulator.adopt). */
    public column: Column,
    categoryThreshold: number,
    seed: number,
    private readonly unique = false,
  ) {
    this.family = familyOf(column.type.kind)
    this.distinct = new DistinctCounter(categoryThreshold)
    this.dateOnly = column.type.kind === 'date'
    if (this.family === 'number' || this.family === 'temporal' || this.family === 'text') this.reservoir = new NumberReservoir(RESERVOIR_SIZE, seed)
    if (this.family === 'text') this.texts = new ItemReservoir<string>(TEXT_SAMPLE_SIZE, seed ^ 0x5bd1e995, ownString)
  }

  add(v: Value | undefined): void {
    this.count++
    if (v === null || v === undefined) {
      this.nulls++
      this.last = NaN
      return
    }
    switch (this.family) {
      case 'number': {
        const x = toNumber(v)
        this.last = x
        if (x !== x) return this.distinct.add(keyOf(v))
        this.stats.add(x)
        this.reservoir!.add(x)
        if (!this.unique) this.distinct.addNumber(x)
        return
      }
      case 'temporal': {
        const x = toEpochMs(v)
        this.last = x
        if (x !== x) return this.distinct.add(keyOf(v))
        if (this.dateOnly === false) {
          /* already known to carry times */
        } else if (x % DAY_MS !== 0) this.dateOnly = false
        this.stats.add(x)
        this.reservoir!.add(x)
        return this.distinct.addNumber(x)
      }
      case 'text': {
        const s = typeof v === 'string' ? v : toText(v)
        this.stats.add(s.length)
        this.reservoir!.add(s.length)
        this.texts!.add(s)
        if (!this.unique) this.distinct.addString(s)
        return
      }
      default:
        return this.distinct.add(keyOf(v))
    }
  }

  /** The sampled texts (text family), for shape and PII detection; empty otherwise. */
  sampledTexts(): string[] {
    return this.texts ? this.texts.items.filter((s) => s !== undefined) : []
  }

  /** The column's profile (without shape and PII, which `finishTable` adds; values not yet withheld). */
  profile(): ColumnProfile {
    const c = this.column
    const nonNull = this.count - this.nulls
    const distinct = this.unique ? nonNull : this.distinct.distinct
    const out: ColumnProfile = {
      name: c.name,
      kind: c.type.kind,
      nativeType: c.nativeType,
      count: this.count,
      nullShare: this.count === 0 ? 0 : this.nulls / this.count,
      distinct,
      distinctShare: nonNull === 0 ? 0 : Math.min(1, distinct / nonNull),
    }
    const sorted = this.reservoir?.sorted()
    const summary: NumericSummary | undefined = sorted ? summarize(this.stats, sorted) : undefined
    if (this.family === 'number' && summary) out.numeric = summary
    if (this.family === 'temporal' && summary && sorted) {
      out.numeric = summary
      out.range = { min: this.iso(summary.min), max: this.iso(summary.max) }
      const season = seasonality(sorted, this.dateOnly)
      if (season) out.seasonality = season
    }
    if (this.family === 'text' && summary) {
      out.length = summary
      const pattern = inferPattern(this.sampledTexts())
      if (pattern !== undefined) out.pattern = pattern
    }
    const counts = this.unique && nonNull > 0 ? undefined : this.distinct.counts
    if (counts !== undefined && counts.size > 0) {
      const values = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (String(a[0]) < String(b[0]) ? -1 : 1))
        .map(([value, n]) => ({ value: this.family === 'temporal' && typeof value === 'number' ? this.iso(value) : value, share: n / nonNull }))
      out.categories = { values, other: 0 }
    }
    return out
  }

  private iso(ms: number): string {
    const s = new Date(ms).toISOString()
    return this.dateOnly ? s.slice(0, 10) : s
  }
}
