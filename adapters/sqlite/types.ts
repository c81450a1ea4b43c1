/**
 * SQLite native ↔ logical types. SQLite keeps the declared type text verbatim and only derives a storage
 * affinity from it, so the declared name is the only hint of intent: common names map precisely (with
 * their length/precision arguments), anything else falls back to SQLite's own affinity rules.
 */
import type { ColumnDefault, LogicalType } from '../../src/model/schema.js'

type Mapper = (args: number[], words: string[]) => LogicalType

const integer = (bytes: 1 | 2 | 3 | 4 | 8): Mapper => (_a, words) =>
  words.includes('UNSIGNED') ? { kind: 'integer', bytes, unsigned: true } : { kind: 'integer', bytes }
const varString: Mapper = ([n]) => (n !== undefined ? { kind: 'string', maxLength: n } : { kind: 'string' })
// SQL's CHAR without a length is CHAR(1).
const fixedString: Mapper = ([n]) => ({ kind: 'string', maxLength: n ?? 1, fixed: true })
const decimal: Mapper = ([p, s]) => ({ kind: 'decimal', ...(p !== undefined && { precision: p }), ...(s !== undefined && { scale: s }) })
const binary: Mapper = ([n]) => (n !== undefined ? { kind: 'binary', maxLength: n } : { kind: 'binary' })
const text: Mapper = () => ({ kind: 'text' })
const float8: Mapper = () => ({ kind: 'float', bytes: 8 })

/** Common type names (upper-cased, words joined by one space, arguments removed). */
const NAMED: Record<string, Mapper> = {
  INTEGER: integer(8), INT: integer(4), BIGINT: integer(8), SMALLINT: integer(2), TINYINT: integer(1),
  MEDIUMINT: integer(3), INT2: integer(2), INT4: integer(4), INT8: integer(8), 'BIG INT': integer(8),
  'UNSIGNED BIG INT': integer(8), 'INTEGER UNSIGNED': integer(8), 'INT UNSIGNED': integer(4),
  'BIGINT UNSIGNED': integer(8), 'SMALLINT UNSIGNED': integer(2), 'TINYINT UNSIGNED': integer(1),
  'MEDIUMINT UNSIGNED': integer(3),
  BOOLEAN: () => ({ kind: 'boolean' }), BOOL: () => ({ kind: 'boolean' }),
  // SQLite stores every REAL as an 8-byte IEEE double, whatever the declared name.
  REAL: float8, DOUBLE: float8, 'DOUBLE PRECISION': float8, FLOAT: float8, FLOAT8: float8, FLOAT4: float8,
  NUMERIC: decimal, DECIMAL: decimal, NUMBER: decimal, MONEY: () => ({ kind: 'decimal', scale: 2 }),
  VARCHAR: varString, 'CHARACTER VARYING': varString, NVARCHAR: varString, 'VARYING CHARACTER': varString,
  'NATIVE CHARACTER': varString, 'NCHAR VARYING': varString, VARCHAR2: varString, NVARCHAR2: varString,
  CHAR: fixedString, CHARACTER: fixedString, NCHAR: fixedString,
  TEXT: text, CLOB: text, STRING: text, TINYTEXT: text, MEDIUMTEXT: text, LONGTEXT: text, CITEXT: text,
  BLOB: binary, BYTEA: binary, BINARY: binary, VARBINARY: binary, TINYBLOB: binary, MEDIUMBLOB: binary, LONGBLOB: binary,
  DATE: () => ({ kind: 'date' }),
  DATETIME: () => ({ kind: 'timestamp', tz: false }), TIMESTAMP: () => ({ kind: 'timestamp', tz: false }),
  'TIMESTAMP WITHOUT TIME ZONE': () => ({ kind: 'timestamp', tz: false }),
  TIMESTAMPTZ: () => ({ kind: 'timestamp', tz: true }), 'TIMESTAMP WITH TIME ZONE': () => ({ kind: 'timestamp', tz: true }),
  TIME: () => ({ kind: 'time' }),
  UUID: () => ({ kind: 'uuid' }), GUID: () => ({ kind: 'uuid' }), UNIQUEIDENTIFIER: () => ({ kind: 'uuid' }),
  JSON: () => ({ kind: 'json' }), JSONB: () => ({ kind: 'json', binary: true }),
}

/**
 * Map a declared type (as `PRAGMA table_info` gives it, e.g. `varchar ( 40 )`) to a logical type.
 *
 * An empty declared type (`CREATE TABLE t(a)`) and STRICT's `ANY` give `{ kind: 'unknown' }`: SQLite
 * stores any value there (BLOB affinity means "no conversion", not "bytes"), so tdg cannot tell intent;
 * `unknown` makes generation report it instead of silently filling the column with random bytes, while
 * scan/copy/mask pass values through untouched.
 */
export function sqliteToLogicalType(nativeType: string): LogicalType {
  const declared = nativeType.trim()
  const open = declared.indexOf('(')
  const head = (open < 0 ? declared : declared.slice(0, open)).trim().toUpperCase().replace(/\s+/g, ' ')
  const tail = open < 0 ? '' : declared.slice(declared.lastIndexOf(')') + 1).trim().toUpperCase()
  const args = open < 0 ? [] : (declared.slice(open + 1, declared.lastIndexOf(')')).match(/[+-]?\d+/g) ?? []).map(Number)
  const words = [...head.split(' '), ...(tail === '' ? [] : tail.split(/\s+/))]
  if (head === '' || head === 'ANY') return { kind: 'unknown', native: nativeType }
  const named = NAMED[head] ?? NAMED[[head, tail].filter(Boolean).join(' ')]
  if (named) return named(args, words)
  return affinityType(head, args)
}

/** SQLite's affinity rules (datatype3.html §3.1), in SQLite's order, as the fallback for unknown names. */
function affinityType(upper: string, args: number[]): LogicalType {
  if (upper.includes('INT')) return { kind: 'integer', bytes: 8 }
  if (upper.includes('CHAR') || upper.includes('CLOB') || upper.includes('TEXT')) return args.length > 0 ? varString(args, []) : { kind: 'text' }
  if (upper.includes('BLOB')) return binary(args, [])
  if (upper.includes('REAL') || upper.includes('FLOA') || upper.includes('DOUB')) return { kind: 'float', bytes: 8 }
  return decimal(args, [])
}

/** Words SQLite evaluates to the current time, optionally wrapped in datetime()/date()/time() with 'now'. */
const NOW_WORDS = new Set(['CURRENT_TIMESTAMP', 'CURRENT_DATE', 'CURRENT_TIME'])
const NOW_CALL = /^(?:datetime|date|time|julianday|unixepoch)\s*\(\s*'now'\s*(?:,\s*'(?:localtime|utc|subsec)'\s*)*\)$/i

/**
 * Classify a default as `PRAGMA table_info` gives it (`dflt_value`: the expression text without the
 * outer parens of `DEFAULT (…)`): quoted strings, numbers, NULL and TRUE/FALSE are literals;
 * CURRENT_TIMESTAMP/DATE/TIME and `datetime('now')`-style calls are `now`; anything else is an expression.
 */
export function sqliteClassifyDefault(sql: string): ColumnDefault {
  let s = sql.trim()
  // `DEFAULT ((1))` keeps inner parens; they add nothing.
  while (s.startsWith('(') && s.endsWith(')') && balanced(s.slice(1, -1))) s = s.slice(1, -1).trim()
  const upper = s.toUpperCase()
  if (upper === 'NULL') return { kind: 'literal', value: null }
  if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' }
  if (NOW_WORDS.has(upper) || NOW_CALL.test(s)) return { kind: 'now' }
  const str = /^'((?:[^']|'')*)'$/.exec(s)
  if (str) return { kind: 'literal', value: (str[1] as string).replace(/''/g, "'") }
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) {
    const n = Number(s)
    // An integer beyond 2^53 would lose digits as a JS number: keep it as SQL text.
    if (Number.isFinite(n) && (!/^[+-]?\d+$/.test(s) || Number.isSafeInteger(n))) return { kind: 'literal', value: n }
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(s)
  if (hex) {
    const value = parseInt(hex[2] as string, 16) * (hex[1] === '-' ? -1 : 1)
    if (Number.isSafeInteger(value)) return { kind: 'literal', value }
  }
  return { kind: 'expression', sql: s }
}

/** True when parens in `s` never close more than they opened (so stripping an outer pair is safe). */
function balanced(s: string): boolean {
  let depth = 0
  let inString = false
  for (const c of s) {
    if (c === "'") inString = !inString
    else if (!inString && c === '(') depth++
    else if (!inString && c === ')' && --depth < 0) return false
  }
  return depth === 0 && !inString
}
