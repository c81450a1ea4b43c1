/**
 * Reads one operand of an SQL expression from tokens: a column, a constant, an ARRAY[…], a function call,
 * with redundant parentheses, `::type` casts, `CAST(x AS t)` and `COLLATE` stripped. Used by the CHECK
 * shape analyser and by dialects' default classifiers, so that catalog text and DDL text read the same.
 */
import { isKeyword, isSymbol, type SqlToken } from './sql-tokens.js'

/** A parsed operand; `casts` lists cast target types, innermost first (lower case, `[]` kept). */
export type SqlOperand =
  | { k: 'col'; name: string; quoted: boolean; casts: string[] }
  | { k: 'const'; value: string | number | boolean | null; casts: string[] }
  | { k: 'array'; items: SqlOperand[]; casts: string[] }
  | { k: 'func'; name: string; args: SqlOperand[]; casts: string[] }

const NUMERIC_TYPES = /^(?:(?:pg_catalog\.)?(?:int[248]?|integer|smallint|bigint|tinyint|mediumint|numeric|decimal|dec|real|float[48]?|double precision|double|money|smallmoney|number)|signed|unsigned)(?:\s.*)?$/
const BOOLEAN_TYPES = /^(?:pg_catalog\.)?(?:bool|boolean)$/
// Words that continue a multi-word type name after `::` (character varying, double precision, …).
const TYPE_WORDS = new Set(['varying', 'precision', 'with', 'without', 'time', 'zone', 'year', 'month', 'day', 'hour', 'minute', 'second', 'to'])

/** A cursor over tokens. */
export class TokenCursor {
  constructor(readonly tokens: SqlToken[], public pos = 0) {}
  peek(offset = 0): SqlToken | undefined { return this.tokens[this.pos + offset] }
  next(): SqlToken | undefined { return this.tokens[this.pos++] }
  get done(): boolean { return this.pos >= this.tokens.length }
  /** Consume the keyword `word` if it comes next. */
  keyword(word: string): boolean {
    if (!isKeyword(this.peek(), word)) return false
    this.pos++
    return true
  }
  /** Consume the symbol `value` if it comes next. */
  symbol(value: string): boolean {
    if (!isSymbol(this.peek(), value)) return false
    this.pos++
    return true
  }
}

/** Parse an operand at the cursor; `null` (cursor position unspecified) when none is there. */
export function parseOperand(cur: TokenCursor): SqlOperand | null {
  let op = parsePrimary(cur)
  if (!op) return null
  for (;;) {
    if (cur.symbol('::')) {
      const type = parseTypeName(cur)
      if (!type) return null
      op = withCast(op, type)
    } else if (cur.keyword('collate')) {
      if (cur.next()?.t !== 'ident') return null
      while (cur.symbol('.')) if (cur.next()?.t !== 'ident') return null
    } else {
      return op
    }
  }
}

function parsePrimary(cur: TokenCursor): SqlOperand | null {
  const tok = cur.next()
  if (!tok) return null
  if (isSymbol(tok, '(')) {
    const inner = parseOperand(cur)
    return inner && cur.symbol(')') ? inner : null
  }
  if (isSymbol(tok, '-') || isSymbol(tok, '+')) {
    const inner = parseOperand(cur)
    if (inner?.k !== 'const' || typeof inner.value !== 'number') return null
    return { ...inner, value: isSymbol(tok, '-') ? -inner.value : inner.value }
  }
  if (tok.t === 'num') return { k: 'const', value: Number(tok.value), casts: [] }
  if (tok.t === 'str') return { k: 'const', value: tok.value, casts: [] }
  if (tok.t !== 'ident') return null
  if (!tok.quoted) {
    const word = tok.value.toLowerCase()
    if (word === 'null') return { k: 'const', value: null, casts: [] }
    if (word === 'true' || word === 'false') return { k: 'const', value: word === 'true', casts: [] }
    if (word === 'cast' && isSymbol(cur.peek(), '(')) {
      cur.next()
      const inner = parseOperand(cur)
      if (!inner || !cur.keyword('as')) return null
      const type = parseTypeName(cur)
      return type && cur.symbol(')') ? withCast(inner, type) : null
    }
    if (word === 'array' && isSymbol(cur.peek(), '[')) {
      cur.next()
      const items = parseList(cur, ']')
      return items ? { k: 'array', items, casts: [] } : null
    }
  }
  let name = tok.value
  let quoted = tok.quoted
  while (isSymbol(cur.peek(), '.') && cur.peek(1)?.t === 'ident') {
    cur.next()
    const part = cur.next() as Extract<SqlToken, { t: 'ident' }>
    name = part.value
    quoted = part.quoted
  }
  if (isSymbol(cur.peek(), '(')) {
    cur.next()
    const args = parseList(cur, ')')
    return args ? { k: 'func', name: quoted ? name : name.toLowerCase(), args, casts: [] } : null
  }
  return { k: 'col', name, quoted, casts: [] }
}

/** Comma-separated operands up to the closing symbol (consumed); an empty list is allowed. */
export function parseList(cur: TokenCursor, close: string): SqlOperand[] | null {
  const items: SqlOperand[] = []
  if (cur.symbol(close)) return items
  for (;;) {
    // Nested array literal brackets: ARRAY[[1,2],[3,4]].
    const item = close === ']' && isSymbol(cur.peek(), '[') ? (cur.next(), nestedArray(cur)) : parseOperand(cur)
    if (!item) return null
    items.push(item)
    if (cur.symbol(close)) return items
    if (!cur.symbol(',')) return null
  }
}

function nestedArray(cur: TokenCursor): SqlOperand | null {
  const items = parseList(cur, ']')
  return items ? { k: 'array', items, casts: [] } : null
}

/** A type name after `::` or `AS`: words, an optional `(n[,m])`, trailing `[]`s. Lower-cased. */
function parseTypeName(cur: TokenCursor): string | null {
  const first = cur.next()
  if (first?.t !== 'ident') return null
  const words: string[] = [first.quoted ? first.value : first.value.toLowerCase()]
  while (isSymbol(cur.peek(), '.') && cur.peek(1)?.t === 'ident') {
    cur.next()
    const t = cur.next() as Extract<SqlToken, { t: 'ident' }>
    words[words.length - 1] += '.' + (t.quoted ? t.value : t.value.toLowerCase())
  }
  for (;;) {
    const t = cur.peek()
    if (isSymbol(t, '(')) {
      cur.next()
      while (!cur.done && !isSymbol(cur.peek(), ')')) cur.next()
      if (!cur.symbol(')')) return null
    } else if (t?.t === 'ident' && !t.quoted && TYPE_WORDS.has(t.value.toLowerCase())) {
      words.push(t.value.toLowerCase())
      cur.next()
    } else {
      break
    }
  }
  let suffix = ''
  while (isSymbol(cur.peek(), '[')) {
    cur.next()
    if (cur.peek()?.t === 'num') cur.next()
    if (!cur.symbol(']')) return null
    suffix = '[]'
  }
  return words.join(' ') + suffix
}

/** Record a cast; a string constant cast to a numeric/boolean type becomes that JS value. */
function withCast(op: SqlOperand, type: string): SqlOperand {
  const casts = [...op.casts, type]
  if (op.k === 'const' && typeof op.value === 'string') {
    const s = op.value.trim()
    if (NUMERIC_TYPES.test(type) && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return { k: 'const', value: Number(s), casts }
    if (BOOLEAN_TYPES.test(type)) {
      const b = s.toLowerCase()
      if (['t', 'true', 'y', 'yes', 'on', '1'].includes(b)) return { k: 'const', value: true, casts }
      if (['f', 'false', 'n', 'no', 'off', '0'].includes(b)) return { k: 'const', value: false, casts }
    }
  }
  return { ...op, casts }
}
