/**
 * MySQL/MariaDB default text → ColumnDefault. Reads MariaDB's COLUMN_DEFAULT spelling (literals quoted
 * since 10.2.7: `'abc'`, `NULL`, `0.00`, `current_timestamp()`, `b'0'`, expressions as text) and DDL spelling
 * (`DEFAULT 'x'`, `DEFAULT CURRENT_TIMESTAMP(6)`, `DEFAULT (expr)`), through the shared operand reader.
 * MySQL 8 gives unquoted literal text instead; the introspector deals with that before calling this.
 */
import type { ColumnDefault, LogicalType } from '../../src/model/schema.js'
import { tokenizeSql } from '../../src/adapter/sql-tokens.js'
import { parseOperand, TokenCursor } from '../../src/adapter/sql-operand.js'

const NOW = new Set(['current_timestamp', 'now', 'localtime', 'localtimestamp', 'sysdate', 'utc_timestamp', 'current_date', 'curdate', 'current_time', 'curtime', 'utc_date', 'utc_time'])

/**
 * Classify a default: constants (quoted or not, with a sign) → literal (`NULL` → literal null);
 * current-time functions and keywords (with or without `()`/precision) → now; anything else →
 * `{kind:'expression', sql}` with the text unchanged (outer parentheses of `DEFAULT (expr)` removed).
 */
export function classifyMysqlDefault(sql: string): ColumnDefault {
  const text = stripParens(sql.trim())
  const expression: ColumnDefault = { kind: 'expression', sql: text }
  const str = mysqlStringLiteral(text)
  if (str !== undefined) return { kind: 'literal', value: str }
  const tokens = tokenizeSql(text)
  if (!tokens || tokens.length === 0) return expression
  const first = tokens[0]
  if (first?.t === 'ident' && !first.quoted && NOW.has(first.value.toLowerCase())) {
    const rest = tokens.slice(1)
    // `CURRENT_TIMESTAMP`, `current_timestamp()`, `CURRENT_TIMESTAMP(6)`, `now()`
    if (rest.length === 0 || (rest.length >= 2 && rest[0]?.value === '(' && rest[rest.length - 1]?.value === ')' && rest.length <= 3)) return { kind: 'now' }
  }
  if (tokens.length === 1 && first?.t === 'ident' && !first.quoted) {
    const w = first.value.toLowerCase()
    if (w === 'null') return { kind: 'literal', value: null }
    if (w === 'true' || w === 'false') return { kind: 'literal', value: w === 'true' ? 1 : 0 }
  }
  const cur = new TokenCursor(tokens)
  const op = parseOperand(cur)
  if (op?.k === 'const' && cur.done && op.casts.length === 0) return { kind: 'literal', value: op.value }
  return expression
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', Z: '\x1a', b: '\b' }

/**
 * The value of text that is exactly one MySQL string literal (`'it''s \\ ok'`, optionally with an
 * `_charset` or N prefix), decoding backslash escapes as the server does; undefined otherwise.
 */
export function mysqlStringLiteral(text: string): string | undefined {
  const m = /^(?:_[a-z0-9]+|N)?'((?:[^'\\]|\\[\s\S]|'')*)'$/i.exec(text)
  if (!m) return undefined
  return (m[1] ?? '').replace(/''|\\([\s\S])/g, (all, c: string | undefined) => (all === "''" ? "'" : c !== undefined ? (STRING_ESCAPES[c] ?? c) : all))
}

/** `(expr)` → `expr` when the parentheses wrap the whole text. */
function stripParens(s: string): string {
  let t = s
  while (t.startsWith('(') && t.endsWith(')') && wraps(t)) t = t.slice(1, -1).trim()
  return t
}

function wraps(t: string): boolean {
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < t.length; i++) {
    const c = t[i]
    if (quote) {
      if (c === '\\') i++
      else if (c === quote) quote = undefined
      continue
    }
    if (c === "'" || c === '"' || c === '`') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0 && i < t.length - 1) return false
  }
  return true
}

/**
 * A column's default as the model keeps it, from default SQL text (MariaDB catalog or DDL spelling) and
 * the column's logical type: `NULL` means "no default" (omitted, as a nullable column without DEFAULT
 * reads back); literals take the column's JS form (numbers in numeric columns — `'0.00'` and `0.00` are the
 * same default — text in character and temporal columns). Used by the introspector and the DDL parser
 * alike so both give the same model.
 */
export function mysqlColumnDefault(sql: string, type: LogicalType): ColumnDefault | undefined {
  return coerceDefault(classifyMysqlDefault(sql), type)
}

/** Bring a classified default to the column's JS form; undefined for a NULL default. */
export function coerceDefault(def: ColumnDefault, type: LogicalType): ColumnDefault | undefined {
  if (def.kind !== 'literal') return def
  const v = def.value
  if (v === null) return undefined
  const numeric = type.kind === 'integer' || type.kind === 'decimal' || type.kind === 'float' || type.kind === 'boolean'
  if (numeric) {
    const n = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined
    return n === undefined ? def : { kind: 'literal', value: n }
  }
  return { kind: 'literal', value: typeof v === 'boolean' ? (v ? '1' : '0') : String(v) }
}
