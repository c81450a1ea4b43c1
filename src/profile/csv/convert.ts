/**
 * Field text → typed value for an inferred column: numbers for integers, decimals and floats (doubles:
 * what the statistics use; bigint is not produced), booleans, `Date` (UTC) for dates and timestamps
 * (a timestamp without zone is read as UTC), parsed JSON, strings as they are. Empty fields and the
 * column's NULL markers are `null`. Dates are parsed by position, not `new Date(text)` (slower, and
 * locale-free parsing of `31/01/2024` would be wrong).
 */
import { match } from 'ts-pattern'
import type { Value } from '../../model/rows.js'
import type { InferredColumn, TemporalFormat } from './infer-type.js'

/** A converter of one column's field texts. */
export type FieldConverter = (text: string) => Value

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1'])

/** How `fieldConverter` converts; every field is optional (default false). */
export interface ConvertOptions {
  /**
   * Any text converts without throwing, not only those the inference accepted (to a wrong value: for a
   * read whose types are provisional, read-once.ts, redone when a value did not fit).
   */
  lenient?: boolean
  /** Dates and timestamps as epoch milliseconds (UTC numbers, what the profiler reads of them), not `Date`s. */
  epochMs?: boolean
}

/** The converter for `col`; every text the inference accepted converts without throwing. */
export function fieldConverter(col: InferredColumn, opts: ConvertOptions = {}): FieldConverter {
  const lenient = opts.lenient === true
  const convert = match(col.type)
    .with({ kind: 'integer' }, () => (s: string): Value => Number(s))
    .with({ kind: 'decimal' }, { kind: 'float' }, () => (col.decimalComma ? (s: string): Value => Number(s.replace(',', '.')) : (s: string): Value => Number(s)))
    .with({ kind: 'boolean' }, () => (s: string): Value => TRUE_WORDS.has(s.toLowerCase()))
    .with({ kind: 'date' }, { kind: 'timestamp' }, () => {
      const ms = epochMsOf(col.temporal ?? 'iso')
      return opts.epochMs ? ms : (s: string): Value => new Date(ms(s))
    })
    .with({ kind: 'json' }, () => (lenient ? lenientJson : (s: string): Value => JSON.parse(s) as Value))
    .with(
      { kind: 'string' },
      { kind: 'text' },
      { kind: 'uuid' },
      { kind: 'time' },
      { kind: 'interval' },
      { kind: 'binary' },
      { kind: 'enum' },
      { kind: 'set' },
      { kind: 'array' },
      { kind: 'inet' },
      { kind: 'unknown' },
      () => (s: string): Value => s,
    )
    .exhaustive()
  const tokens = col.nullTokens
  if (tokens.length === 0) return (s) => (s.length === 0 ? null : convert(s))
  const token = tokens[0]
  return (s) => (s.length === 0 || s === token ? null : convert(s))
}

function lenientJson(s: string): Value {
  try {
    return JSON.parse(s) as Value
  } catch {
    return s
  }
}

function digits(s: string, from: number, to: number): number {
  let x = 0
  for (let i = from; i < to; i++) x = x * 10 + (s.charCodeAt(i) - 48)
  return x
}

/** Epoch milliseconds of dates and timestamps in the inferred form; the time and zone parts are optional. */
function epochMsOf(format: TemporalFormat): (s: string) => number {
  return (s) => {
    let y: number
    let mo: number
    let d: number
    let i: number
    if (format === 'iso') {
      y = digits(s, 0, 4)
      mo = digits(s, 5, 7)
      d = digits(s, 8, 10)
      i = 10
    } else {
      const a = s.indexOf('/')
      const b = s.indexOf('/', a + 1)
      const p = digits(s, 0, a)
      const q = digits(s, a + 1, b)
      y = digits(s, b + 1, b + 5)
      ;[d, mo] = format === 'dmy' ? [p, q] : [q, p]
      i = b + 5
    }
    if (i >= s.length) return Date.UTC(y, mo - 1, d)
    const h = digits(s, i + 1, i + 3)
    const mi = digits(s, i + 4, i + 6)
    i += 6
    let sec = 0
    let ms = 0
    if (s.charCodeAt(i) === 58) {
      sec = digits(s, i + 1, i + 3)
      i += 3
      if (s.charCodeAt(i) === 46) {
        const start = ++i
        while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++
        ms = Math.round(Number(`0.${s.slice(start, i)}`) * 1000)
      }
    }
    let offsetMin = 0
    const z = s.charCodeAt(i)
    if (z === 43 || z === 45) {
      const oh = digits(s, i + 1, i + 3)
      // Minutes of the offset: `+01:30`, `+0130`, or none (`+01`).
      const m = s.charCodeAt(i + 3) === 58 ? i + 4 : i + 3
      const om = m + 2 <= s.length ? digits(s, m, m + 2) : 0
      offsetMin = (oh * 60 + om) * (z === 45 ? -1 : 1)
    }
    return Date.UTC(y, mo - 1, d, h, mi, sec, ms) - offsetMin * 60_000
  }
}
