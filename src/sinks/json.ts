/**
 * JSON export: one array of objects per table, streamed as `[\n{…},\n{…}\n]\n` (`[]\n` when empty).
 * Values follow `jsonValue`: bigint as a number when safe, else a string; bytes base64; Dates ISO text
 * (a date column `YYYY-MM-DD`, a time column `HH:MM:SS.sss`); NaN/±Infinity as strings.
 */
import type { RowBatch } from '../model/rows.js'
import type { LogicalType } from '../model/schema.js'
import { encodeRows, type TableEncoder } from './encoder.js'
import { jsonValue } from './json-value.js'
import { dateSpelling, type DateSpelling } from './value-text.js'

/** Turns rows of one column list into JSON object text; keys are computed once per column list. */
export class RowObjects {
  private keys: string[] = []
  private keysFor: readonly string[] | undefined
  private dates: DateSpelling[] = []
  private datesFor: LogicalType[] | undefined

  constructor(private readonly label: string) {}

  /** Each row of `batch` as `prefix() + {"col":value,…} + suffix`; `prefix` is called once per row, in order. */
  encode(batch: RowBatch, types: LogicalType[], prefix: () => string, suffix: string): string {
    if (batch.columns !== this.keysFor) {
      this.keys = batch.columns.map((c) => `${JSON.stringify(c)}:`)
      this.keysFor = batch.columns
    }
    if (types !== this.datesFor) {
      this.dates = types.map(dateSpelling)
      this.datesFor = types
    }
    const { keys, dates } = this
    return encodeRows(this.label, batch, (row, at) => {
      let obj = ''
      for (let c = 0; c < keys.length; c++) {
        at.column = c
        const v = row[c] ?? null
        const text = v instanceof Date ? JSON.stringify((dates[c] as DateSpelling)(v)) : jsonValue(v)
        obj += `${c === 0 ? '' : ','}${keys[c] as string}${text}`
      }
      return `${prefix()}{${obj}}${suffix}`
    })
  }
}

/** Encoder of one `.json` file: a single array, element separators kept across batches. */
export class JsonEncoder implements TableEncoder {
  private rows = 0
  private readonly objects: RowObjects

  constructor(label: string) {
    this.objects = new RowObjects(label)
  }

  begin(): string {
    return ''
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    return this.objects.encode(batch, types, () => (this.rows++ === 0 ? '[\n' : ',\n'), '')
  }

  end(): string {
    return this.rows === 0 ? '[]\n' : '\n]\n'
  }
}
