/**
 * How values read from PostgreSQL become `Value`s. pg's defaults lose information for a data cloner
 * (int8 as string is fine, but dates as local-time `Date`s shift and timestamps lose microseconds),
 * so the adapter installs its own parsers on every connection of its pool.
 *
 * - int8 → a number when it is a safe integer, else `bigint` (exact either way; a BigInt per row costs
 *   a clone's copy loop dearly); numeric and money stay strings (exact).
 * - date, time, timestamp, timestamptz, interval → the server's text (ISO DateStyle, UTC session time
 *   zone), which COPY accepts back unchanged.
 * - Everything else keeps pg's parser: int2/int4/float → number, bool → boolean, json/jsonb → parsed
 *   value, bytea → Buffer (a Uint8Array), arrays → nested JS arrays.
 */
import { loadPg } from './pg-module.js'

type Parser = (text: string) => unknown

const TEXT_ARRAY_OID = 1009
// pg's typings accept only its named builtin oids; array oids are plain numbers here.
const defaultParser = loadPg().types.getTypeParser as unknown as (oid: number, format: 'text' | 'binary') => Parser
const asText: Parser = (v) => v
const textArray = (v: string): unknown => defaultParser(TEXT_ARRAY_OID, 'text')(v)

function mapDeep(value: unknown, f: (s: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((x) => mapDeep(x, f))
  return typeof value === 'string' ? f(value) : value
}

function int8(v: string): number | bigint {
  const n = Number(v)
  return Number.isSafeInteger(n) ? n : BigInt(v)
}

const OVERRIDES: Record<number, Parser> = {
  20: int8, // int8
  1016: (v) => mapDeep(textArray(v), int8), // int8[]
  1082: asText, // date
  1182: textArray, // date[]
  1083: asText, // time
  1183: textArray, // time[]
  1266: asText, // timetz
  1270: textArray, // timetz[]
  1114: asText, // timestamp
  1115: textArray, // timestamp[]
  1184: asText, // timestamptz
  1185: textArray, // timestamptz[]
  1186: asText, // interval
  1187: textArray, // interval[]
}

/** The `types` object handed to every pg client of the pool. */
export const pgTypeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): Parser {
    if (format !== 'binary') {
      const own = OVERRIDES[oid]
      if (own) return own
    }
    return defaultParser(oid, format ?? 'text')
  },
}

/** Session settings that make the text above stable: ISO dates, UTC, text bytea in hex. */
export const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,MDY -c IntervalStyle=postgres -c bytea_output=hex'
