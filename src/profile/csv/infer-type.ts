/**
 * Type inference for one CSV column over every value of the counting pass (no prefix guess that a late
 * value could contradict): a bit set of the kinds every value seen so far fits, narrowed per value, so a
 * contradicting value anywhere widens the column — integer → decimal → float → string, 0/1 boolean →
 * integer, a date column with one odd value → string — and nothing is ever converted with a type that
 * a value does not fit.
 *
 * Decisions (documented in docs/architecture.md):
 * - Empty fields are NULL. `NULL` and `\N` are NULL when they are the column's only missing-value marker
 *   (the column has no empty field); beside empty fields they are text, and the column is a string.
 * - Integers have no leading zero (`007`, ZIP codes stay strings) and at most 18 digits; 2/4/8 bytes by range.
 * - Decimal: `digits.digits` with scale ≤ 6 and precision ≤ 18; more digits or an exponent: float (8 bytes).
 *   In a file not delimited by `,`, `digits,digits` is a decimal too (decimal comma).
 * - Boolean: true/false, t/f, yes/no, y/n (any case); single letters (t/f, y/n) and 0/1 only when both a
 *   true and a false spelling occur (a column of only `Y` or only `1` is a code, not a flag).
 * - Dates: `2024-01-31`; `31/01/2024` vs `01/31/2024` told apart by a part > 12; when no value tells,
 *   day first (`DD/MM/YYYY`), and the native type says `ambiguous`. Timestamps: ISO with space or `T`,
 *   optional seconds, fraction and zone (`Z`, `+00`, `+01:00`; `tz` when any value has one), and the two
 *   slash forms with a time. No calendar check beyond month 1–12, day 1–31.
 * - uuid: the 8-4-4-4-12 hex form. json: every value an object or array that parses.
 * - No trimming: ` 12` is text.
 */
import type { LogicalType } from '../../model/schema.js'

const INT = 1
const DEC = 2
const FLOAT = 4
const BOOL01 = 8
const BOOLW = 16
const DATE_ISO = 32
const DATE_DMY = 64
const DATE_MDY = 128
const TS_ISO = 256
const TS_DMY = 512
const TS_MDY = 1024
const UUID = 2048
const JSON_ = 4096
const ALL = 8191
const NUMERIC = INT | DEC | FLOAT | BOOL01
const SLASH = DATE_DMY | DATE_MDY | TS_DMY | TS_MDY

const BOOL_WORDS = new Set(['true', 'false', 't', 'f', 'yes', 'no', 'y', 'n'])
const SLASH_RE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/
const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** A temporal text format the converter parses. */
export type TemporalFormat = 'iso' | 'dmy' | 'mdy'

/** The inferred type of a column, with what converting its texts needs. */
export interface InferredColumn {
  type: LogicalType
  /** `integer`, `decimal(10,2)`, `timestamp with time zone`, `date(DD/MM/YYYY)`, `varchar(40)`, … */
  nativeType: string
  nullable: boolean
  /** Texts read as NULL besides the empty field. */
  nullTokens: string[]
  /** For dates and timestamps: the text form. */
  temporal?: TemporalFormat
  /** For decimals and floats: some value used `,` as the decimal mark (converted as `.`). */
  decimalComma?: boolean
  /** Non-null values seen. */
  nonNull: number
}

/** Accumulates one column's values; `result()` gives the narrowest kind every value fits. */
export class ColumnInference {
  private mask = ALL
  nonNull = 0
  private empty = 0
  private nullWord = 0
  private backslashN = 0
  private intMin = Infinity
  private intMax = -Infinity
  private decInt = 0
  private decScale = 0
  maxLength = 0
  private tz = false
  private boolSeen: Set<string> | undefined
  private commaSeen = false

  /**
   * @param decimalComma accept `3,50` as a decimal (files not delimited by `,`: European exports); a
   *   column then takes either mark, thousands separators are not read.
   */
  constructor(private readonly decimalComma = false) {}

  /** The column's bit set is down to plain text: callers may skip work that only typed columns need. */
  get isText(): boolean {
    return this.mask === 0
  }

  /** True while the column can still be an integer, uuid or short text: a key candidate. */
  get keyLike(): boolean {
    return (this.mask & (INT | UUID)) !== 0 || (this.mask === 0 && this.maxLength <= 64)
  }

  /** Whether the column is (so far) integer-typed: key values are the numbers, not hashes of texts. */
  get integerSoFar(): boolean {
    return (this.mask & INT) !== 0
  }

  /** Account for one field text (`''` is NULL; see the module comment for `NULL` and `\N`). */
  see(v: string): void {
    const n = v.length
    if (n === 0) {
      this.empty++
      return
    }
    if (n <= 4) {
      if (v === 'NULL') {
        this.nullWord++
        return
      }
      if (v === '\\N') {
        this.backslashN++
        return
      }
    }
    this.nonNull++
    if (n > this.maxLength) this.maxLength = n
    let m = this.mask
    if (m === 0) return
    if (m & NUMERIC) m = this.numeric(v, m)
    if (m & BOOLW) {
      if (n > 5) m &= ~BOOLW
      else if (BOOL_WORDS.has(v)) {
        if (this.boolSeen === undefined || !this.boolSeen.has(v)) (this.boolSeen ??= new Set()).add(v)
      } else {
        const w = v.toLowerCase()
        if (BOOL_WORDS.has(w)) (this.boolSeen ??= new Set()).add(w)
        else m &= ~BOOLW
      }
    }
    if (m & DATE_ISO && !(n === 10 && isoDateAt(v))) m &= ~DATE_ISO
    if (m & TS_ISO) {
      const zone = n >= 16 ? isoTimestampZone(v) : -1
      if (zone < 0) m &= ~TS_ISO
      else if (zone === 1) this.tz = true
    }
    if (m & SLASH) {
      const s = SLASH_RE.exec(v)
      if (!s) m &= ~SLASH
      else {
        const a = +(s[1] as string)
        const b = +(s[2] as string)
        const timed = s[4] !== undefined
        if (timed && !validTime(s[4], s[5], s[6])) m &= ~SLASH
        if (timed) m &= ~(DATE_DMY | DATE_MDY)
        else m &= ~(TS_DMY | TS_MDY)
        if (!validDate(b, a)) m &= ~(DATE_DMY | TS_DMY)
        if (!validDate(a, b)) m &= ~(DATE_MDY | TS_MDY)
      }
    }
    if (m & UUID && !(n === 36 && UUID_RE.test(v))) m &= ~UUID
    if (m & JSON_) {
      const c = v.charCodeAt(0)
      if (c !== 123 && c !== 91) m &= ~JSON_
      else {
        try {
          JSON.parse(v)
        } catch {
          m &= ~JSON_
        }
      }
    }
    this.mask = m
  }

  /** Numeric shape of `v` by one pass over its characters. */
  private numeric(v: string, m: number): number {
    const n = v.length
    let i = 0
    let c = v.charCodeAt(0)
    if (c === 43 || c === 45) c = v.charCodeAt(++i)
    const intStart = i
    while (i < n && c >= 48 && c <= 57) c = v.charCodeAt(++i)
    const intDigits = i - intStart
    // A leading zero makes a code (`007`, a ZIP), not a number.
    if (intDigits === 0 || (intDigits > 1 && v.charCodeAt(intStart) === 48)) return m & ~NUMERIC
    if (i === n) {
      if (intDigits > 18) {
        if (intDigits > this.decInt) this.decInt = intDigits
        return m & (DEC | FLOAT)
      }
      if (m & INT) {
        const x = Number(v)
        if (x < this.intMin) this.intMin = x
        if (x > this.intMax) this.intMax = x
      }
      if (m & DEC && intDigits > this.decInt) this.decInt = intDigits
      if (m & BOOL01 && v !== '0' && v !== '1') m &= ~BOOL01
      return m & NUMERIC
    }
    m &= ~(INT | BOOL01)
    let scale = 0
    if (c === 46 || (c === 44 && this.decimalComma)) {
      if (c === 44) this.commaSeen = true
      const fracStart = ++i
      c = v.charCodeAt(i)
      while (i < n && c >= 48 && c <= 57) c = v.charCodeAt(++i)
      scale = i - fracStart
      if (scale === 0) return m & ~NUMERIC
    }
    if (i === n) {
      if (intDigits > this.decInt) this.decInt = intDigits
      if (scale > this.decScale) this.decScale = scale
      return m & (DEC | FLOAT)
    }
    if (c !== 101 && c !== 69) return m & ~NUMERIC
    c = v.charCodeAt(++i)
    if (c === 43 || c === 45) c = v.charCodeAt(++i)
    const expStart = i
    while (i < n && c >= 48 && c <= 57) c = v.charCodeAt(++i)
    if (i !== n || i === expStart) return m & ~NUMERIC
    return m & FLOAT
  }

  /** The narrowest type every value seen fits (see the module comment for the order of preference). */
  result(): InferredColumn {
    const markers = (this.nullWord > 0 ? 1 : 0) + (this.backslashN > 0 ? 1 : 0)
    let m = this.mask
    let nonNull = this.nonNull
    const nullTokens: string[] = []
    if (markers === 1 && this.empty === 0) nullTokens.push(this.nullWord > 0 ? 'NULL' : '\\N')
    else if (markers > 0) {
      // Marker texts beside empty fields are values: text.
      m = 0
      nonNull += this.nullWord + this.backslashN
      this.maxLength = Math.max(this.maxLength, this.nullWord > 0 ? 4 : 2)
    }
    const nullable = this.empty > 0 || nullTokens.length > 0 || nonNull === 0
    const base = { nullable, nullTokens, nonNull }
    if (nonNull === 0) return { ...base, type: { kind: 'string' }, nativeType: 'text' }
    if (m & INT && m & BOOL01 && this.intMin === 0 && this.intMax === 1) return { ...base, type: { kind: 'boolean' }, nativeType: 'boolean(0/1)' }
    if (m & INT) {
      const bytes = this.intMin >= -32768 && this.intMax <= 32767 ? 2 : this.intMin >= -2147483648 && this.intMax <= 2147483647 ? 4 : 8
      return { ...base, type: { kind: 'integer', bytes }, nativeType: bytes === 2 ? 'smallint' : bytes === 4 ? 'integer' : 'bigint' }
    }
    if (m & DEC && this.decScale <= 6 && this.decInt + this.decScale <= 18) {
      const precision = this.decInt + this.decScale
      return { ...base, type: { kind: 'decimal', precision, scale: this.decScale }, nativeType: `decimal(${precision},${this.decScale})`, ...(this.commaSeen ? { decimalComma: true } : {}) }
    }
    if (m & (DEC | FLOAT)) return { ...base, type: { kind: 'float', bytes: 8 }, nativeType: 'double precision', ...(this.commaSeen ? { decimalComma: true } : {}) }
    if (m & BOOLW && wordsAreBoolean(this.boolSeen)) return { ...base, type: { kind: 'boolean' }, nativeType: `boolean(${[...(this.boolSeen ?? [])].sort().join('/')})` }
    if (m & DATE_ISO) return { ...base, type: { kind: 'date' }, nativeType: 'date', temporal: 'iso' }
    if (m & DATE_DMY) return { ...base, type: { kind: 'date' }, nativeType: m & DATE_MDY ? 'date(DD/MM/YYYY, ambiguous)' : 'date(DD/MM/YYYY)', temporal: 'dmy' }
    if (m & DATE_MDY) return { ...base, type: { kind: 'date' }, nativeType: 'date(MM/DD/YYYY)', temporal: 'mdy' }
    if (m & TS_ISO) return { ...base, type: { kind: 'timestamp', tz: this.tz }, nativeType: this.tz ? 'timestamp with time zone' : 'timestamp', temporal: 'iso' }
    if (m & TS_DMY) return { ...base, type: { kind: 'timestamp', tz: false }, nativeType: m & TS_MDY ? 'timestamp(DD/MM/YYYY, ambiguous)' : 'timestamp(DD/MM/YYYY)', temporal: 'dmy' }
    if (m & TS_MDY) return { ...base, type: { kind: 'timestamp', tz: false }, nativeType: 'timestamp(MM/DD/YYYY)', temporal: 'mdy' }
    if (m & UUID) return { ...base, type: { kind: 'uuid' }, nativeType: 'uuid' }
    if (m & JSON_) return { ...base, type: { kind: 'json' }, nativeType: 'json' }
    return { ...base, type: { kind: 'string', maxLength: this.maxLength }, nativeType: `varchar(${this.maxLength})` }
  }
}

function wordsAreBoolean(seen: Set<string> | undefined): boolean {
  if (!seen) return false
  if ([...seen].some((w) => w.length > 1)) return true
  return (seen.has('t') || seen.has('y')) && (seen.has('f') || seen.has('n'))
}

function digitAt(v: string, i: number): number {
  const c = v.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -100
}

/** `YYYY-MM-DD` at the start of `v` (month 1–12, day 1–31), by character codes: no allocation per value. */
function isoDateAt(v: string): boolean {
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false
  if (digitAt(v, 0) < 0 || digitAt(v, 1) < 0 || digitAt(v, 2) < 0 || digitAt(v, 3) < 0) return false
  return validDate(digitAt(v, 5) * 10 + digitAt(v, 6), digitAt(v, 8) * 10 + digitAt(v, 9))
}

/**
 * `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|±HH[[:]MM]]`: -1 when `v` is not one, 1 when it has a zone, 0 when not.
 * By character codes (a regex match per value allocated its groups and cost a tenth of the counting pass).
 */
function isoTimestampZone(v: string): number {
  const n = v.length
  const sep = v.charCodeAt(10)
  if ((sep !== 32 && sep !== 84) || !isoDateAt(v) || v.charCodeAt(13) !== 58) return -1
  const h = digitAt(v, 11) * 10 + digitAt(v, 12)
  const mi = digitAt(v, 14) * 10 + digitAt(v, 15)
  if (h < 0 || h > 23 || mi < 0 || mi > 59) return -1
  let i = 16
  if (i < n && v.charCodeAt(i) === 58) {
    const sec = digitAt(v, i + 1) * 10 + digitAt(v, i + 2)
    if (sec < 0 || sec > 59) return -1
    i += 3
    if (i < n && v.charCodeAt(i) === 46) {
      const start = ++i
      while (i < n && digitAt(v, i) >= 0) i++
      if (i === start || i - start > 9) return -1
    }
  }
  if (i === n) return 0
  const z = v.charCodeAt(i)
  if (z === 90) return i + 1 === n ? 1 : -1
  if (z !== 43 && z !== 45) return -1
  if (digitAt(v, i + 1) < 0 || digitAt(v, i + 2) < 0) return -1
  i += 3
  if (i === n) return 1
  if (v.charCodeAt(i) === 58) i++
  return i + 2 === n && digitAt(v, i) >= 0 && digitAt(v, i + 1) >= 0 ? 1 : -1
}

function validDate(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

function validTime(h: string | undefined, mi: string | undefined, s: string | undefined): boolean {
  return Number(h) <= 23 && Number(mi) <= 59 && (s === undefined || Number(s) <= 59)
}
