/**
 * PostgreSQL default expression text → ColumnDefault. Reads both catalog spelling
 * (`pg_get_expr(adbin)`: `nextval('orders_id_seq'::regclass)`, `'abc'::character varying`, `(0)::numeric`,
 * `'-1'::integer`) and DDL spelling, through the same tolerant operand reader the CHECK analyser uses.
 */
import type { ColumnDefault } from '../../src/model/schema.js'
import { tokenizeSql } from '../../src/adapter/sql-tokens.js'
import { parseOperand, TokenCursor, type SqlOperand } from '../../src/adapter/sql-operand.js'

const NOW_FUNCTIONS = new Set(['now', 'statement_timestamp', 'transaction_timestamp', 'clock_timestamp', 'current_timestamp', 'localtimestamp', 'current_date', 'current_time', 'localtime'])
const NOW_KEYWORDS = new Set(['current_timestamp', 'current_date', 'current_time', 'localtimestamp', 'localtime'])
const TIME_TYPE = /^(?:pg_catalog\.)?(?:date|time|timetz|timestamp|timestamptz|time with(?:out)? time zone|timestamp with(?:out)? time zone)$/

/**
 * Classify a PostgreSQL default: `nextval('s'::regclass)` → sequence (quotes stripped, a schema kept
 * only when the text has one); constants lose their casts; current-time functions → `now`;
 * anything else → `{kind:'expression', sql}` with the text unchanged.
 */
export function classifyPostgresDefault(sql: string): ColumnDefault {
  const expression: ColumnDefault = { kind: 'expression', sql }
  const tokens = tokenizeSql(sql)
  if (!tokens || tokens.length === 0) return expression
  const cur = new TokenCursor(tokens)
  const op = parseOperand(cur)
  if (!op || !cur.done) return expression
  return classifyOperand(op) ?? expression
}

function classifyOperand(op: SqlOperand): ColumnDefault | null {
  if (op.k === 'func') {
    const arg = op.args[0]
    if (op.name === 'nextval' && op.args.length === 1 && arg?.k === 'const' && typeof arg.value === 'string') {
      const sequence = sequenceName(arg.value)
      return sequence ? { kind: 'sequence', sequence } : null
    }
    if (NOW_FUNCTIONS.has(op.name) && (op.args.length === 0 || (op.name !== 'now' && op.args.every((a) => a.k === 'const')))) return { kind: 'now' }
    return null
  }
  if (op.k === 'col') return !op.quoted && NOW_KEYWORDS.has(op.name.toLowerCase()) ? { kind: 'now' } : null
  if (op.k === 'const') {
    // ('now'::text)::date and 'now'::timestamp are how old dumps spell "the current time".
    if (typeof op.value === 'string' && op.value.toLowerCase() === 'now' && op.casts.some((c) => TIME_TYPE.test(c))) return { kind: 'now' }
    return { kind: 'literal', value: op.value }
  }
  return null
}

/** The regclass text inside nextval('…'): unquote each dotted part, keep a schema only if written. */
function sequenceName(text: string): string | null {
  const tokens = tokenizeSql(text)
  if (!tokens) return null
  const parts: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (i % 2 === 1) {
      if (t?.t !== 'punct' || t.value !== '.') return null
    } else {
      if (t?.t !== 'ident') return null
      parts.push(t.quoted ? t.value : t.value.toLowerCase())
    }
  }
  return parts.length > 0 && tokens.length % 2 === 1 ? parts.join('.') : null
}
