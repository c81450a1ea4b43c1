/**
 * Tokens of an expression (DEFAULT, generated column, CHECK) → text in the spelling MariaDB's catalog
 * re-prints it with: column names in backticks, keywords and function names in lower case, strings in
 * single quotes with `''` and `\\` escapes. Generated-column and default expressions are compared with
 * the live catalog's text in parity tests (after removing whitespace and parentheses), and CHECK text is
 * read by the shared analyser, which expects standard string quoting.
 */
import type { Tok } from './lexer.js'

const KEYWORDS = new Set([
  'and', 'or', 'not', 'xor', 'in', 'is', 'null', 'like', 'between', 'case', 'when', 'then', 'else', 'end',
  'true', 'false', 'div', 'mod', 'interval', 'binary', 'collate', 'escape', 'regexp', 'rlike', 'exists',
  'distinct', 'as', 'unknown', 'sounds', 'asc', 'desc', 'year', 'month', 'day', 'hour', 'minute', 'second',
  'microsecond', 'week', 'quarter', 'current_timestamp', 'current_date', 'current_time', 'localtime',
  'localtimestamp', 'current_user', 'utc_timestamp', 'utc_date', 'utc_time', 'char', 'signed', 'unsigned',
  'decimal', 'date', 'datetime', 'time', 'json', 'double', 'float', 'integer', 'int', 'using', 'separator',
])

/** Keywords that take a parenthesised operand without being a function call: `IN (…)`, `NOT (…)`. */
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'xor', 'in', 'is', 'like', 'between', 'when', 'then', 'else', 'exists', 'regexp', 'rlike', 'div', 'mod', 'case', 'as', 'using'])

/** A string as MariaDB prints it. */
export function quoteMysqlString(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

/**
 * Render tokens as canonical expression text (see the module comment). `standardStrings`: quote strings
 * the SQL-standard way (`''` only, backslash literal), which the shared CHECK analyser reads.
 */
export function renderExpression(toks: Tok[], standardStrings = false): string {
  let out = ''
  toks.forEach((t, i) => {
    const next = toks[i + 1]
    const prev = toks[i - 1]
    let s: string
    if (t.t === 'word') {
      const lower = t.v.toLowerCase()
      const isCall = next?.t === 'op' && next.v === '('
      s = isCall || KEYWORDS.has(lower) ? lower : `\`${t.v}\``
    } else if (t.t === 'qident') s = `\`${t.v.replace(/`/g, '``')}\``
    else if (t.t === 'str') s = t.prefix ? `${t.prefix}'${t.v}'` : standardStrings ? `'${t.v.replace(/'/g, "''")}'` : quoteMysqlString(t.v)
    else s = t.v
    const glue = out === '' || (t.t === 'op' && (t.v === '.' || t.v === ')' || t.v === ',')) || (prev?.t === 'op' && (prev.v === '.' || prev.v === '(')) || (t.t === 'op' && t.v === '(' && prev?.t === 'word' && !OPERATOR_WORDS.has(prev.v.toLowerCase()))
    out += (glue ? '' : ' ') + s
  })
  return out
}
