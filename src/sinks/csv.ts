/**
 * CSV (RFC 4180) as PostgreSQL's `COPY … (FORMAT csv, HEADER)` and `psql \copy … CSV HEADER` read it:
 * a header row; fields holding `,` `"` CR or LF quoted with `"` doubled; NULL is an empty unquoted field
 * and the empty string is `""`; booleans `true`/`false`; Dates ISO 8601 (a date column gets `YYYY-MM-DD`,
 * a time column `HH:MM:SS.sss`); bigints decimal; bytes `\x` + hex (bytea input); arrays as PostgreSQL
 * array literals; objects (and anything in a json column that is not a string) as JSON text. Lines end
 * with `\n`.
 */
import { match, P } from 'ts-pattern'
import type { RowBatch, Value } from '../model/rows.js'
import type { LogicalType } from '../model/schema.js'
import { encodeRows, SinkFailure, type TableEncoder } from './encoder.js'
import { jsonValue } from './json-value.js'
import { byteaHex, dateSpelling, pgArrayText, type DateSpelling } from './value-text.js'

/** Turns one cell into CSV field text (quoted where needed). */
type Field = (v: Value) => string

const NEEDS_QUOTES = /[",\r\n]/

/** Quote a text field when it needs it; the empty string is `""` so that it differs from NULL. */
export function quoteCsv(s: string): string {
  if (s === '') return '""'
  if (NEEDS_QUOTES.test(s)) return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`
  // `\.` alone on a line ends COPY data; PostgreSQL quotes it on output, so we do too.
  return s === '\\.' ? '"\\."' : s
}

/** A cell by its runtime type; `type` decides how arrays are spelled, `date` how Dates are. */
function genericField(v: Value, type: LogicalType, date: DateSpelling): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return quoteCsv(v)
  if (typeof v === 'number' || typeof v === 'bigint') return String(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (v instanceof Date) return date(v)
  if (v instanceof Uint8Array) return byteaHex(v)
  if (Array.isArray(v)) return quoteCsv(pgArrayText(v, type))
  return quoteCsv(jsonValue(v))
}

/** A json column: strings are taken as JSON text already; anything else is serialised. */
function jsonField(v: Value): string {
  if (v === null || v === undefined) return ''
  return quoteCsv(typeof v === 'string' ? v : jsonValue(v))
}

/** The field encoder of a column, chosen once per column list rather than per cell. */
export function csvField(type: LogicalType): Field {
  return match(type)
    .with({ kind: 'json' }, () => jsonField)
    .with(
      { kind: P.union('array', 'date', 'time', 'timestamp') },
      { kind: P.union('integer', 'decimal', 'float', 'boolean', 'string', 'text', 'uuid', 'interval') },
      { kind: P.union('binary', 'enum', 'set', 'inet', 'unknown') },
      (t): Field => {
        const date = dateSpelling(t)
        return (v) => genericField(v, t, date)
      },
    )
    .exhaustive()
}

/** The header line for a column list. */
export function csvHeader(columns: readonly string[]): string {
  return `${columns.map(quoteCsv).join(',')}\n`
}

/**
 * Encoder of one CSV file. The first batch's columns make the header (`fallbackColumns` when no batch
 * ever arrives); a later batch with other columns is a SinkFailure, since a CSV file has one header.
 */
export class CsvEncoder implements TableEncoder {
  private columns: string[] | undefined
  private fields: Field[] = []
  private fieldsFor: LogicalType[] | undefined

  constructor(
    private readonly label: string,
    private readonly fallbackColumns: readonly string[],
  ) {}

  begin(): string {
    return ''
  }

  encode(batch: RowBatch, types: LogicalType[]): string {
    let out = ''
    if (this.columns === undefined) {
      this.columns = [...batch.columns]
      out = csvHeader(batch.columns)
    } else if (!sameColumns(this.columns, batch.columns)) {
      throw new SinkFailure(`table ${this.label}: rows arrived with a different column list than the CSV header`)
    }
    if (types !== this.fieldsFor) {
      this.fields = types.map(csvField)
      this.fieldsFor = types
    }
    const fields = this.fields
    return (
      out +
      encodeRows(this.label, batch, (row, at) => {
        let line = ''
        for (let c = 0; c < fields.length; c++) {
          at.column = c
          line += (c === 0 ? '' : ',') + (fields[c] as Field)(row[c] ?? null)
        }
        return `${line}\n`
      })
    )
  }

  end(): string {
    return this.columns === undefined ? csvHeader(this.fallbackColumns) : ''
  }
}

/** Same names in the same order. */
export function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
