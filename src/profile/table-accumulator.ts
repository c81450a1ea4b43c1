/**
 * One table's running statistics: a ColumnAccumulator per column, ordered pairs and conditional nulls
 * over the rows (every row up to `PAIR_FULL_ROWS`, then every `PAIR_STRIDE`th, so their cost stays a
 * fraction of the columns'), and, when the input cannot count fan-out on its side, children per FK value.
 */
import { TdgError } from '../errors.js'
import type { ColumnProfile, TableProfile } from '../model/profile.js'
import type { RowBatch } from '../model/rows.js'
import type { Table } from '../model/schema.js'
import { nameDictionary } from '../mask/pii/name-dictionary.js'
import { ColumnAccumulator } from './column-accumulator.js'
import { ConditionalNulls } from './conditional-nulls.js'
import { hashKey } from './distinct.js'
import { FanOutCounter } from './fan-out.js'
import { OrderedPairs } from './ordered-pairs.js'
import { piiVerdicts } from './pii-verdicts.js'
import { shapeOf } from './shape.js'

/** Rows over which pairs and conditional nulls see every row; past it every `PAIR_STRIDE`th row. */
export const PAIR_FULL_ROWS = 65_536
export const PAIR_STRIDE = 8

const WORDY_SHAPES = new Set(['email', 'url', 'full-name', 'first-name', 'last-name', 'pii-in-text'])

export interface TableAccumulatorOptions {
  categoryThreshold: number
  /** Count children per FK value from the rows read (the input has no fan-out of its own). */
  countFanOut: boolean
  /** Base of the reservoirs' seeds; default 1. */
  seed?: number
}

export class TableAccumulator {
  readonly columns: ColumnAccumulator[]
  readonly fanOut: Array<{ fk: Table['foreignKeys'][number]; counter: FanOutCounter }>
  rows = 0
  private readonly pairs: OrderedPairs
  private readonly conds: ConditionalNulls
  private readonly at: Int32Array
  private lastColumns: string[] | undefined

  constructor(
    public table: Table,
    opts: TableAccumulatorOptions,
  ) {
    const seed = (opts.seed ?? 1) ^ hashKey(`${table.schema ?? ''}.${table.name}`)
    const single = new Set([table.primaryKey?.columns, ...table.uniques.map((u) => u.columns)].filter((k) => k?.length === 1).map((k) => k![0]!))
    this.columns = table.columns.map((c) => new ColumnAccumulator(c, opts.categoryThreshold, seed ^ hashKey(c.name), single.has(c.name)))
    this.at = new Int32Array(table.columns.length).fill(-1)
    const keys = keyColumns(table)
    const free = this.columns.filter((c) => !keys.has(c.column.name))
    this.pairs = new OrderedPairs([this.columns.filter((c) => c.family === 'temporal'), free.filter((c) => c.family === 'number')])
    const pos = (name: string) => table.columns.findIndex((c) => c.name === name)
    const conditions = free.filter((c) => c.family === 'text' || c.family === 'boolean' || c.column.type.kind === 'integer').map((c) => ({ name: c.column.name, at: pos(c.column.name) }))
    const targets = this.columns.filter((c) => c.column.nullable).map((c) => ({ name: c.column.name, at: pos(c.column.name) }))
    this.conds = new ConditionalNulls(conditions, targets)
    this.fanOut = opts.countFanOut ? table.foreignKeys.map((fk) => ({ fk, counter: new FanOutCounter(fk.columns.map(pos)) })) : []
  }

  /**
   * Take `table` as the table the rows came from: the same columns in the same order, of the same kinds,
   * nullability and keys (only native type names, lengths and widths differ: the final types of a CSV
   * read once, profile-input.ts `SettledTable`), so nothing counted so far changes meaning.
   */
  adopt(table: Table): void {
    this.table = table
    table.columns.forEach((c, i) => {
      const acc = this.columns[i]
      if (acc === undefined || acc.column.name !== c.name || acc.column.type.kind !== c.type.kind) throw new TdgError('TDG_INTERNAL', `profile: column ${c.name} changed while it was read`, { column: c.name })
      acc.column = c
    })
  }

  addBatch(batch: RowBatch): void {
    if (batch.columns !== this.lastColumns) {
      this.lastColumns = batch.columns
      this.table.columns.forEach((c, i) => (this.at[i] = batch.columns.indexOf(c.name)))
    }
    const at = this.at
    const cols = this.columns
    const n = cols.length
    const withPairs = !this.pairs.empty
    const withConds = !this.conds.empty
    for (const row of batch.rows) {
      for (let j = 0; j < n; j++) {
        const i = at[j]!
        cols[j]!.add(i < 0 ? null : row[i])
      }
      const r = this.rows++
      if (r < PAIR_FULL_ROWS || r % PAIR_STRIDE === 0) {
        if (withPairs) this.pairs.addRow()
        if (withConds) this.conds.addRow(row, at)
      }
      for (const f of this.fanOut) f.counter.addRow(row, at)
    }
  }

  /**
   * The table's profile without row count, sampling and fan-out (the caller's): columns with shape and
   * PII verdicts; categories, temporal ranges and numeric summaries (quantiles are values) of PII columns
   * left out unless `keepValues`.
   */
  async finish(keepValues: boolean): Promise<Pick<TableProfile, 'columns' | 'orderedPairs' | 'conditionalNulls'>> {
    const texts = new Map(this.columns.filter((c) => c.family === 'text').map((c) => [c.column.name, c.sampledTexts()]))
    const pii = await piiVerdicts(this.table, texts)
    const dict = await nameDictionary()
    const columns: ColumnProfile[] = this.columns.map((acc) => {
      const p = acc.profile()
      const shape = acc.column.type.kind === 'uuid' ? 'uuid' : shapeOf(texts.get(acc.column.name) ?? [], dict)
      const verdict = pii.get(acc.column.name)
      if (shape !== undefined) p.shape = shape
      else if (verdict) p.shape = verdict.category
      // Emails, URLs and names have a shape a generator knows; a character pattern of them says less.
      if (p.pattern !== undefined && shape !== undefined && WORDY_SHAPES.has(shape)) delete p.pattern
      if (verdict) {
        p.pii = verdict
        if (!keepValues) {
          // Quantiles of numbers and dates are values too (p0 is the oldest birth date): only shares
          // (null share, seasonality) and text lengths stay.
          delete p.categories
          delete p.range
          delete p.numeric
          p.valuesWithheld = true
        }
      }
      return p
    })
    const ranges = new Map(columns.map((c) => [c.name, c.numeric ? ([c.numeric.quantiles[25]!, c.numeric.quantiles[75]!] as [number, number]) : undefined]))
    return { columns, orderedPairs: this.pairs.result((c) => ranges.get(c.column.name)), conditionalNulls: this.conds.result(keepValues ? new Set() : new Set(pii.keys())) }
  }
}

/** PK, FK, UNIQUE and identity columns: their order and nulls say nothing about the data's meaning. */
function keyColumns(t: Table): Set<string> {
  const out = new Set<string>(t.primaryKey?.columns ?? [])
  for (const fk of t.foreignKeys) for (const c of fk.columns) out.add(c)
  for (const u of t.uniques) for (const c of u.columns) out.add(c)
  for (const c of t.columns) if (c.identity) out.add(c.name)
  return out
}
