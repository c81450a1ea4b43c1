/**
 * A small, dialect-tolerant SQL expression tokenizer. It reads the expression text that catalogs and
 * DDL files give for CHECKs and defaults (PostgreSQL, MySQL, SQL Server, SQLite spellings alike) and
 * never branches on a dialect: every quoting style is accepted everywhere.
 */

/** One token of an SQL expression. */
export type SqlToken =
  /** Identifier or keyword; `quoted` identifiers are never keywords. `value` is unquoted. */
  | { t: 'ident'; value: string; quoted: boolean }
  /** String literal, unescaped (N'…', E'…', _charset'…', $$…$$ included). */
  | { t: 'str'; value: string }
  /** Numeric literal as written (unsigned: a sign is an operator token). */
  | { t: 'num'; value: string }
  /** Operator: `=`, `<>`, `!=`, `<=`, `::`, `~~`, `!~~`, `||`, … */
  | { t: 'op'; value: string }
  /** Punctuation: ( ) [ ] , . ; */
  | { t: 'punct'; value: '(' | ')' | '[' | ']' | ',' | '.' | ';' }

// Longest first, so `!~~*` wins over `!~`.
const OPERATORS = ['!~~*', '!~~', '~~*', '!~*', '::', '<=', '>=', '<>', '!=', '||', '~~', '!~', '~*',
  '=', '<', '>', '+', '-', '*', '/', '%', '~', '^', '@', '&', '|', '#']

const IDENT_START = /[\p{L}_]/u
const IDENT_PART = /[\p{L}\p{N}_$]/u

/**
 * Tokenize `text`; returns `null` when it holds something no SQL expression has
 * (an unterminated string or quote, a stray character).
 */
export function tokenizeSql(text: string): SqlToken[] | null {
  const out: SqlToken[] = []
  // Depth of ARRAY[ … ] brackets: inside them `[` is punctuation, not an SQL Server quoted name.
  let arrayDepth = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const c = text[i] as string
    if (/\s/.test(c)) { i++; continue }
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++
      continue
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) return null
      i = end + 2
      continue
    }
    if (c === '"' || c === '`') {
      const r = readQuoted(text, i, c)
      if (!r) return null
      out.push({ t: 'ident', value: r.value, quoted: true })
      i = r.end
      continue
    }
    if (c === '[') {
      const prev = out[out.length - 1]
      const close = text.indexOf(']', i + 1)
      const inner = close < 0 ? '' : text.slice(i + 1, close)
      const afterArray = prev?.t === 'ident' && !prev.quoted && prev.value.toLowerCase() === 'array'
      // `text[]`, `int[3]`, `ARRAY[…]` and nested array brackets are punctuation; `[name]` is a quoted name.
      if (arrayDepth === 0 && !afterArray && inner.trim() !== '' && !/^\s*\d*\s*$/.test(inner)) {
        const r = readQuoted(text, i, ']')
        if (!r) return null
        out.push({ t: 'ident', value: r.value, quoted: true })
        i = r.end
        continue
      }
      if (afterArray || arrayDepth > 0) arrayDepth++
      out.push({ t: 'punct', value: '[' })
      i++
      continue
    }
    if (c === ']') {
      if (arrayDepth > 0) arrayDepth--
      out.push({ t: 'punct', value: ']' })
      i++
      continue
    }
    if (c === "'") {
      const r = readString(text, i, false)
      if (!r) return null
      out.push({ t: 'str', value: r.value })
      i = r.end
      continue
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))
      if (!m) return null
      const tag = m[0]
      const end = text.indexOf(tag, i + tag.length)
      if (end < 0) return null
      out.push({ t: 'str', value: text.slice(i + tag.length, end) })
      i = end + tag.length
      continue
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i))
      const v = m?.[0] ?? c
      out.push({ t: 'num', value: v })
      i += v.length
      continue
    }
    if (IDENT_START.test(c)) {
      let j = i + 1
      while (j < n && IDENT_PART.test(text[j] as string)) j++
      const word = text.slice(i, j)
      // N'…', E'…', B'…', X'…' and MySQL's _utf8mb4'…' are string literals with a prefix.
      if (text[j] === "'" && (/^[NnEeBbXx]$/.test(word) || /^_[A-Za-z0-9]+$/.test(word))) {
        const r = readString(text, j, /^[Ee]$/.test(word))
        if (!r) return null
        out.push({ t: 'str', value: r.value })
        i = r.end
        continue
      }
      out.push({ t: 'ident', value: word, quoted: false })
      i = j
      continue
    }
    if ('(),.;'.includes(c)) {
      out.push({ t: 'punct', value: c as '(' | ')' | ',' | '.' | ';' })
      i++
      continue
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i))
    if (!op) return null
    out.push({ t: 'op', value: op })
    i += op.length
  }
  return out
}

/** Read a quoted identifier starting at `start` (the opening quote); the closing quote doubles to escape. */
function readQuoted(text: string, start: number, open: string): { value: string; end: number } | null {
  const close = open === '[' || open === ']' ? ']' : open
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i] as string
    if (c === close) {
      if (text[i + 1] === close) { value += close; i += 2; continue }
      return { value, end: i + 1 }
    }
    value += c
    i++
  }
  return null
}

/** Read a '…' string starting at the quote; `''` escapes a quote, and with `escapes` so do backslashes. */
function readString(text: string, start: number, escapes: boolean): { value: string; end: number } | null {
  let value = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i] as string
    if (escapes && c === '\\' && i + 1 < text.length) {
      const e = text[i + 1] as string
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e
      i += 2
      continue
    }
    if (c === "'") {
      if (text[i + 1] === "'") { value += "'"; i += 2; continue }
      return { value, end: i + 1 }
    }
    value += c
    i++
  }
  return null
}

/** True when `tok` is the unquoted keyword `word` (case-insensitive). */
export function isKeyword(tok: SqlToken | undefined, word: string): boolean {
  return tok?.t === 'ident' && !tok.quoted && tok.value.toLowerCase() === word
}

/** True when `tok` is the punctuation or operator `value`. */
export function isSymbol(tok: SqlToken | undefined, value: string): boolean {
  return (tok?.t === 'punct' || tok?.t === 'op') && tok.value === value
}
