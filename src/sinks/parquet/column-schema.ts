/**
 * A column's Parquet schema and value conversion, from its logical type (one `.exhaustive()` match):
 * - integer: INT32 with INTEGER(8|16|32, signed) by size, 3-byte as 32; 8-byte as INT64; unsigned as the
 *   next size up (signed), so unsigned 8-byte is DECIMAL(20,0) in 9 fixed bytes.
 * - decimal(p,s): DECIMAL(p,s) on INT32 (p ≤ 9), INT64 (p ≤ 18), else FIXED_LEN_BYTE_ARRAY of the
 *   bytes p digits need; values are exact unscaled integers. A decimal without a declared precision
 *   (PostgreSQL `numeric`) has no fixed scale to store, so it is written as its exact text (STRING).
 * - float: FLOAT / DOUBLE. boolean: BOOLEAN.
 * - date: INT32 DATE. time: INT64 TIME(MICROS), timestamp: INT64 TIMESTAMP(MICROS); both adjusted to
 *   UTC exactly for the zoned types.
 * - uuid: FIXED_LEN_BYTE_ARRAY(16) UUID. json: BYTE_ARRAY JSON. binary: BYTE_ARRAY.
 * - string, text, enum (labels), set, inet, interval (PostgreSQL text, e.g. `3 days 04:05:06`), unknown:
 *   BYTE_ARRAY STRING (UTF-8), dictionary-encoded where it pays (arrow-rs: until a group's dictionary
 *   page passes 1 MB, never for a one-column primary key or UNIQUE column; hyparquet-writer: where that
 *   at least halves the size).
 * - array: a three-level LIST of the element's type (nested arrays nest lists).
 * NULLs are definition levels: NOT NULL columns are REQUIRED, the rest OPTIONAL.
 */
import { match, P } from 'ts-pattern'
import type { SchemaElement } from 'hyparquet-writer'
import type { Value } from '../../model/rows.js'
import type { LogicalType } from '../../model/schema.js'
import { jsonValue } from '../json-value.js'
import { byteaHex, dateSpelling, pgArrayText } from '../value-text.js'
import { decimalByteLength, epochDays, integerValue, timeMicros, timestampMicrosValue, unscaledDecimalValue, uuidBytes } from './exact-values.js'

/** A value that the column's Parquet type cannot hold exactly; `reason` names the type, never the value. */
export class Unrepresentable extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'Unrepresentable'
  }
}

/**
 * Turns a non-null cell into the value of the column's physical type. INT64 and DECIMAL columns get a
 * bigint or, where exact, a safe integer number (no BigInt per value); `physicalValue` makes it what
 * hyparquet-writer takes.
 */
export type Convert = (v: Value) => unknown

/** Whether a leaf's values go to hyparquet-writer as bigints (INT64 and DECIMAL). */
export function bigintLeaf(e: SchemaElement): boolean {
  return e.type === 'INT64' || e.converted_type === 'DECIMAL'
}

/** A converted value as hyparquet-writer takes it: numbers of a bigint leaf made bigints. */
export function physicalValue(x: unknown, bigint: boolean): unknown {
  return bigint && typeof x === 'number' ? BigInt(x) : x
}

/** One column: its schema elements (the column's own first, then a LIST's subtree) and its conversion. */
export interface ParquetColumn {
  elements: SchemaElement[]
  /** Cell → writer value; null/undefined → null. Throws Unrepresentable. */
  convert: (v: Value | undefined) => unknown
}

type Leaf = { element: Omit<SchemaElement, 'name' | 'repetition_type'>; convert: Convert }

const refuse = (what: string): never => {
  throw new Unrepresentable(`a value that is not ${what}`)
}

const refuseNull = (): never => {
  throw new Unrepresentable('a NULL in a NOT NULL column')
}

/** The text a string-typed Parquet column holds for a cell: the string itself, else what CSV writes. */
function cellText(type: LogicalType): Convert {
  const date = dateSpelling(type)
  return (v) => {
    if (typeof v === 'string') return v
    if (typeof v === 'number' || typeof v === 'bigint') return String(v)
    if (typeof v === 'boolean') return v ? 'true' : 'false'
    if (v instanceof Date) return date(v)
    if (v instanceof Uint8Array) return byteaHex(v)
    if (Array.isArray(v)) return pgArrayText(v, type)
    return jsonValue(v)
  }
}

const STRING: Leaf['element'] = { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }

function stringLeaf(type: LogicalType): Leaf {
  return { element: STRING, convert: cellText(type) }
}

/** INT32 (as number) or INT64 (as bigint) holding integers in [min, max]. */
function intLeaf(bits: 8 | 16 | 32 | 64, label: string): Leaf {
  const max = (1n << BigInt(bits - 1)) - 1n
  const min = -max - 1n
  const minN = Number(min)
  const maxN = Number(max)
  const check = (v: Value): bigint | number => {
    // Whole numbers are checked as numbers (every safe integer fits 64 bits): no BigInt per value.
    if (typeof v === 'number' && Number.isInteger(v)) {
      if (bits < 64) return v >= minN && v <= maxN ? v : refuse(label)
      if (Number.isSafeInteger(v)) return v
    }
    const n = integerValue(v)
    return n === undefined || n < min || n > max ? refuse(label) : n
  }
  // Converted types only: hyparquet-writer 0.17 writes the INTEGER logical type's bitWidth in a form
  // DuckDB's Thrift reader rejects ("TProtocolException: Invalid data"); INT_n says the same to readers.
  return bits === 64
    ? { element: { type: 'INT64', converted_type: 'INT_64' }, convert: check }
    : { element: { type: 'INT32', converted_type: bits === 32 ? 'INT_32' : bits === 16 ? 'INT_16' : 'INT_8' }, convert: (v) => Number(check(v)) }
}

function decimalLeaf(precision: number, scale: number, label: string, unsignedRange = false): Leaf {
  const convert = (v: Value): bigint | number => {
    const n = unscaledDecimalValue(typeof v === 'boolean' ? Number(v) : v, scale, precision)
    return n === undefined || (unsignedRange && n < 0) ? refuse(label) : n
  }
  const base = { converted_type: 'DECIMAL' as const, precision, scale, logical_type: { type: 'DECIMAL' as const, precision, scale } }
  if (precision <= 9) return { element: { type: 'INT32', ...base }, convert }
  if (precision <= 18) return { element: { type: 'INT64', ...base }, convert }
  return { element: { type: 'FIXED_LEN_BYTE_ARRAY', type_length: decimalByteLength(precision), ...base }, convert }
}

function integerLeaf(bytes: 1 | 2 | 3 | 4 | 8, unsigned: boolean): Leaf {
  const label = `a ${unsigned ? 'unsigned ' : ''}${bytes}-byte integer`
  if (!unsigned) return intLeaf(bytes === 1 ? 8 : bytes === 2 ? 16 : bytes === 8 ? 64 : 32, label)
  if (bytes === 8) return decimalLeaf(20, 0, label, true)
  const leaf = intLeaf(bytes === 1 ? 16 : bytes === 4 ? 64 : 32, label)
  return {
    element: leaf.element,
    convert: (v) => {
      const n = leaf.convert(v) as bigint | number
      return n < 0 ? refuse(label) : n
    },
  }
}

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, t: true, '1': true, yes: true, y: true, false: false, f: false, '0': false, no: false, n: false }

function booleanCell(v: Value): boolean {
  if (typeof v === 'boolean') return v
  if (v === 0 || v === 1 || v === 0n || v === 1n) return Number(v) === 1
  if (typeof v === 'string') {
    const b = BOOLEAN_TEXT[v.trim().toLowerCase()]
    if (b !== undefined) return b
  }
  return refuse('a boolean')
}

function floatCell(v: Value): number {
  if (typeof v === 'number') return v
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v)
    if (!Number.isNaN(n) || v.trim() === 'NaN') return n
  }
  return refuse('a number')
}

function binaryCell(v: Value): Uint8Array {
  if (v instanceof Uint8Array) return v
  if (typeof v === 'string') return /^\\x(?:[0-9a-fA-F]{2})*$/.test(v) ? Buffer.from(v.slice(2), 'hex') : Buffer.from(v, 'utf8')
  return refuse('bytes')
}

/** The leaf (non-array) mapping of a type. */
function leafOf(type: Exclude<LogicalType, { kind: 'array' }>): Leaf {
  return match(type)
    .with({ kind: 'integer' }, (t) => integerLeaf(t.bytes, t.unsigned === true))
    .with({ kind: 'decimal' }, (t) =>
      t.precision === undefined ? stringLeaf(t) : decimalLeaf(t.precision, t.scale ?? 0, `a decimal(${t.precision},${t.scale ?? 0})`),
    )
    .with({ kind: 'float' }, (t): Leaf => ({ element: { type: t.bytes === 4 ? 'FLOAT' : 'DOUBLE' }, convert: floatCell }))
    .with({ kind: 'boolean' }, (): Leaf => ({ element: { type: 'BOOLEAN' }, convert: booleanCell }))
    .with({ kind: 'uuid' }, (): Leaf => ({
      element: { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' } },
      convert: (v) => uuidBytes(v) ?? refuse('a uuid'),
    }))
    .with({ kind: 'date' }, (): Leaf => ({
      element: { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } },
      convert: (v) => epochDays(v) ?? refuse('a date'),
    }))
    .with({ kind: 'time' }, (t): Leaf => {
      const tz = t.tz === true
      return {
        element: { type: 'INT64', ...(tz ? { converted_type: 'TIME_MICROS' as const } : {}), logical_type: { type: 'TIME', isAdjustedToUTC: tz, unit: 'MICROS' } },
        convert: (v) => timeMicros(v, tz) ?? refuse(`a time${tz ? ' with time zone' : ' (without an offset)'} to the microsecond`),
      }
    })
    .with({ kind: 'timestamp' }, (t): Leaf => ({
      // The converted type TIMESTAMP_MICROS means adjusted to UTC: only the zoned type may carry it.
      element: { type: 'INT64', ...(t.tz ? { converted_type: 'TIMESTAMP_MICROS' as const } : {}), logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: t.tz, unit: 'MICROS' } },
      convert: (v) => timestampMicrosValue(v, t.tz) ?? refuse(`a timestamp${t.tz ? ' with time zone' : ' (without an offset)'} to the microsecond`),
    }))
    .with({ kind: 'json' }, (): Leaf => ({
      // Encoded as UTF8 so hyparquet-writer writes the JSON text as it is (with the JSON converted type it
      // would serialise it a second time); the footer says JSON (`footerSchema`).
      element: { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'JSON' } },
      convert: (v) => (typeof v === 'string' ? v : jsonValue(v)),
    }))
    .with({ kind: 'binary' }, (): Leaf => ({ element: { type: 'BYTE_ARRAY' }, convert: binaryCell }))
    .with({ kind: P.union('string', 'text', 'enum', 'set', 'inet', 'interval', 'unknown') }, (t) => stringLeaf(t))
    .exhaustive()
}

/**
 * The Parquet column of `name` with `type`; `nullable` false makes it REQUIRED (a NULL is then refused).
 * Arrays are `<name>` (LIST) → `list` (repeated) → `element` (optional), nesting for arrays of arrays.
 */
export function parquetColumn(name: string, type: LogicalType, nullable: boolean): ParquetColumn {
  const repetition = nullable ? 'OPTIONAL' : 'REQUIRED'
  return match(type)
    .with({ kind: 'array' }, (t): ParquetColumn => {
      const element = parquetColumn('element', t.element, true)
      // LIST columns go to hyparquet-writer only: their elements are its physical values.
      const big = bigintLeaf(element.elements[0] as SchemaElement)
      const convert = (v: Value | undefined): unknown => {
        if (v === null || v === undefined) return nullable ? null : refuseNull()
        if (!Array.isArray(v)) return refuse('an array')
        return v.map((x) => physicalValue(element.convert(x), big))
      }
      const [first, ...rest] = element.elements
      return {
        elements: [
          { name, repetition_type: repetition, num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { ...(first as SchemaElement), name: 'element' },
          ...rest,
        ],
        convert,
      }
    })
    .with(
      { kind: P.union('integer', 'decimal', 'float', 'boolean', 'string', 'text', 'uuid', 'date', 'time', 'timestamp') },
      { kind: P.union('interval', 'json', 'binary', 'enum', 'set', 'inet', 'unknown') },
      (t): ParquetColumn => {
        const leaf = leafOf(t)
        return {
          elements: [{ name, repetition_type: repetition, ...leaf.element }],
          convert: (v) => (v === null || v === undefined ? (nullable ? null : refuseNull()) : leaf.convert(v)),
        }
      },
    )
    .exhaustive()
}

/**
 * The schema the file's footer declares: as written, except JSON columns get the JSON converted type
 * beside their JSON logical type (readers such as DuckDB go by the converted type).
 */
export function footerSchema(schema: SchemaElement[]): SchemaElement[] {
  return schema.map((e) => (e.logical_type?.type === 'JSON' ? { ...e, converted_type: 'JSON' } : e))
}
