/**
 * A lenient SQLite lexer that keeps source offsets. It exists so DDL text can be split into statements and
 * stored CREATE TABLE text can be read for what SQLite has no catalog for (CHECKs, generated expressions,
 * DEFERRABLE, AUTOINCREMENT) — always pointing back at the exact place in the text.
 *
 * It never throws: an unterminated string, quote or comment runs to the end of the input (SQLite itself then
 * reports the error with its own message), and a stray character becomes a one-character `op` token.
 */

export type LexKind =
  /** Bare identifier or keyword. */
  | 'word'
  /** "quoted", `quoted` or [quoted] identifier. */
  | 'quoted'
  /** 'string' literal. */
  | 'string'
  /** X'…' blob literal. */
  | 'blob'
  | 'number'
  /** ?, ?1, :name, @name, $name. */
  | 'param'
  /** ( ) , ; . */
  | 'punct'
  | 'op'

export interface LexToken {
  kind: LexKind
  /** The token exactly as written. */
  raw: string
  /** Unquoted identifier / unescaped string; `raw` for every other kind. */
  value: string
  /** Offset of the first character in the input. */
  start: number
  /** Offset just past the last character. */
  end: number
}

// SQLite: identifiers are letters, digits, `_`, `$` and any character at or above U+0080.
const IDENT_START = /[A-Za-z_\u0080-\uffff]/
const IDENT_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const MULTI_OPS = ['->>', '->', '||', '<=', '>=', '<>', '!=', '==', '<<', '>>']

/** Tokenize SQLite text; comments and whitespace are dropped. */
export function lexSqlite(text: string): LexToken[] {
  return [...lexTokens(text)]
}

/** Tokenize lazily: a large script (a dump full of INSERTs) never holds all its tokens at once. */
export function* lexTokens(text: string): Generator<LexToken> {
  const n = text.length
  let i = 0
  const tok = (kind: LexKind, start: number, end: number, value?: string): LexToken => {
    const raw = text.slice(start, end)
    return { kind, raw, value: value ?? raw, start, end }
  }
  while (i < n) {
    const c = text[i] as string
    if (/\s/.test(c)) { i++; continue }
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i)
      i = nl < 0 ? n : nl + 1
      continue
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2)
      i = close < 0 ? n : close + 2
      continue
    }
    if (c === '"' || c === '`') {
      const r = readDoubled(text, i, c)
      yield tok('quoted', i, r.end, r.value)
      i = r.end
      continue
    }
    if (c === '[') {
      const close = text.indexOf(']', i + 1)
      const end = close < 0 ? n : close + 1
      yield tok('quoted', i, end, text.slice(i + 1, close < 0 ? n : close))
      i = end
      continue
    }
    if (c === "'") {
      const r = readDoubled(text, i, "'")
      yield tok('string', i, r.end, r.value)
      i = r.end
      continue
    }
    if ((c === 'x' || c === 'X') && text[i + 1] === "'") {
      const r = readDoubled(text, i + 1, "'")
      yield tok('blob', i, r.end)
      i = r.end
      continue
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9A-Fa-f_]+|(?:[0-9_]+(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?)/.exec(text.slice(i, i + 400))
      const len = m?.[0].length ?? 1
      yield tok('number', i, i + len)
      i += len
      continue
    }
    if (IDENT_START.test(c)) {
      let j = i + 1
      while (j < n && IDENT_PART.test(text[j] as string)) j++
      yield tok('word', i, j)
      i = j
      continue
    }
    if (c === '?' || ((c === ':' || c === '@' || c === '$') && IDENT_START.test(text[i + 1] ?? ''))) {
      let j = i + 1
      while (j < n && IDENT_PART.test(text[j] as string)) j++
      yield tok('param', i, j)
      i = j
      continue
    }
    if ('(),;.'.includes(c)) {
      yield tok('punct', i, i + 1)
      i++
      continue
    }
    const op = MULTI_OPS.find((o) => text.startsWith(o, i)) ?? c
    yield tok('op', i, i + op.length)
    i += op.length
  }
}

/** Read a quoted run whose quote character escapes itself by doubling; unterminated runs to the end. */
function readDoubled(text: string, start: number, q: string): { value: string; end: number } {
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i] as string
    if (c === q) {
      if (text[i + 1] === q) { value += q; i += 2; continue }
      return { value, end: i + 1 }
    }
    value += c
    i++
  }
  return { value, end: text.length }
}

/** True when `tok` is the bare keyword `word` (case-insensitive; quoted identifiers are never keywords). */
export function isWord(tok: LexToken | undefined, word: string): boolean {
  return tok?.kind === 'word' && tok.value.toUpperCase() === word
}

/** True when `tok` is the punctuation `p`. */
export function isPunct(tok: LexToken | undefined, p: string): boolean {
  return tok?.kind === 'punct' && tok.raw === p
}

/** Name text of an identifier-like token: SQLite also accepts a 'string' where a name is expected. */
export function nameOf(tok: LexToken | undefined): string | undefined {
  if (!tok) return undefined
  return tok.kind === 'word' || tok.kind === 'quoted' || tok.kind === 'string' ? tok.value : undefined
}

/** Index of the `)` matching the `(` at `open`, or -1 when unbalanced. */
export function matchParen(tokens: LexToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]
    if (isPunct(t, '(')) depth++
    else if (isPunct(t, ')')) {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

/**
 * A locator for `text`: 1-based line and column of an offset. Line starts are indexed once, so locating
 * every statement of a large script stays linear.
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((starts[mid] as number) <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 }
  }
}
