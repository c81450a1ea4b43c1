/**
 * T-SQL tokenizer for DDL scripts (SSMS "Generate Scripts", sqlcmd files, hand-written DDL). Every token
 * keeps its character offset, line and column so the parser can say exactly where it stopped.
 *
 * - `[name]` (with `]]` inside) and `"name"` are quoted identifiers; `'…'` and `N'…'` strings (`''` inside);
 * - `--` line comments and `/* … *\/` block comments, which nest in T-SQL;
 * - a line holding only `GO` (optionally `GO <count>`) is a batch separator token, not a word;
 * - `0x…` binary constants, numbers, money constants (`$12.00`, `£5`, `-$1` as `-` and `$1`), `@variables`,
 *   `#temp` names, operators and punctuation;
 * - any other printable character (`:` of a label, `{fn …}` escapes, `?`) is an `op` token of its own, so
 *   procedure bodies and data the parser skips never stop the tokenizer; the parser rejects them where
 *   it reads.
 * An unterminated string, quoted name or comment, or a control character, is a TDG_DDL_PARSE error at
 * its opening character.
 */
import { TdgError } from '../../errors.js'

/** One token. `value` is unquoted for names and strings; `text` is the source slice. */
export interface Token {
  kind: 'word' | 'qname' | 'str' | 'num' | 'bin' | 'var' | 'op' | 'punct' | 'go'
  value: string
  /** Start and end (exclusive) character offsets in the source. */
  start: number
  end: number
  line: number
  column: number
  /** `N'…'` strings. */
  unicode?: boolean
}

const OPERATORS = ['<>', '!=', '<=', '>=', '!<', '!>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '::', '=', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!']
/** Currency symbols SQL Server accepts in front of a money constant. */
const CURRENCY = /[$\u00a2-\u00a5\u20a0-\u20bf]/u
const IDENT_START = /[\p{L}_#@]/u
const IDENT_PART = /[\p{L}\p{N}_@#$]/u

/** Tokenize `text`; `file` only names the source in errors. */
export function lexTsql(text: string, file?: string): Token[] {
  const out: Token[] = []
  const n = text.length
  let i = 0
  let line = 1
  let lineStart = 0
  const fail = (message: string, at: number, atLine: number, atLineStart: number): TdgError => {
    const column = at - atLineStart + 1
    return new TdgError('TDG_DDL_PARSE', `${file ?? '<input>'}:${atLine}:${column}: ${message}`, { file, line: atLine, column })
  }
  /** Advance to `to`, counting newlines. */
  const advance = (to: number): void => {
    for (; i < to; i++) {
      if (text.charCodeAt(i) === 10) {
        line++
        lineStart = i + 1
      }
    }
  }
  const push = (kind: Token['kind'], value: string, start: number, startLine: number, startLineStart: number, extra: Partial<Token> = {}): void => {
    out.push({ kind, value, start, end: i, line: startLine, column: start - startLineStart + 1, ...extra })
  }
  while (i < n) {
    const c = text[i] as string
    if (c === '\n' || c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      advance(i + 1)
      continue
    }
    const start = i
    const startLine = line
    const startLineStart = lineStart
    if (c === '-' && text[i + 1] === '-') {
      while (i < n && text[i] !== '\n') i++
      continue
    }
    if (c === '/' && text[i + 1] === '*') {
      let depth = 0
      let j = i
      while (j < n) {
        if (text[j] === '/' && text[j + 1] === '*') { depth++; j += 2; continue }
        if (text[j] === '*' && text[j + 1] === '/') { depth--; j += 2; if (depth === 0) break; continue }
        j++
      }
      if (depth > 0) throw fail('unterminated /* comment', start, startLine, startLineStart)
      advance(j)
      continue
    }
    if (c === '[' || c === '"') {
      const close = c === '[' ? ']' : '"'
      let value = ''
      let j = i + 1
      for (;;) {
        if (j >= n) throw fail(`unterminated quoted name starting with ${c}`, start, startLine, startLineStart)
        const ch = text[j] as string
        if (ch === close) {
          if (text[j + 1] === close) { value += close; j += 2; continue }
          break
        }
        value += ch
        j++
      }
      advance(j + 1)
      push('qname', value, start, startLine, startLineStart)
      continue
    }
    if (c === "'" || ((c === 'N' || c === 'n') && text[i + 1] === "'")) {
      const unicode = c !== "'"
      let j = unicode ? i + 2 : i + 1
      let value = ''
      for (;;) {
        if (j >= n) throw fail('unterminated quoted string', start, startLine, startLineStart)
        const ch = text[j] as string
        if (ch === "'") {
          if (text[j + 1] === "'") { value += "'"; j += 2; continue }
          break
        }
        value += ch
        j++
      }
      advance(j + 1)
      push('str', value, start, startLine, startLineStart, unicode ? { unicode: true } : {})
      continue
    }
    if (c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X')) {
      const m = /^0[xX][0-9A-Fa-f]*/.exec(text.slice(i, i + 100_000)) as RegExpExecArray
      advance(i + m[0].length)
      push('bin', m[0], start, startLine, startLineStart)
      continue
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400)) as RegExpExecArray
      advance(i + m[0].length)
      push('num', m[0], start, startLine, startLineStart)
      continue
    }
    if (CURRENCY.test(c) && /[0-9.]/.test(text[i + 1] ?? '')) {
      // A money constant: `$12.00`, `€1,5` is not one (no thousands separators in T-SQL constants).
      const m = /^.(?:\d+(?:\.\d*)?|\.\d+)/su.exec(text.slice(i, i + 400))
      if (m) {
        advance(i + m[0].length)
        push('num', m[0].slice(1), start, startLine, startLineStart)
        continue
      }
    }
    if (c === '$' && /[A-Za-z]/.test(text[i + 1] ?? '')) {
      // $action, $identity, $rowguid: pseudo-columns, read as words.
      let j = i + 1
      while (j < n && IDENT_PART.test(text[j] as string)) j++
      advance(j)
      push('word', text.slice(start, j), start, startLine, startLineStart)
      continue
    }
    if (IDENT_START.test(c)) {
      let j = i + 1
      while (j < n && IDENT_PART.test(text[j] as string)) j++
      const word = text.slice(i, j)
      advance(j)
      if (word.startsWith('@')) push('var', word, start, startLine, startLineStart)
      else if (/^go$/i.test(word) && isAloneOnLine(text, start, j)) {
        // `GO` or `GO 10` alone on its line: skip the count too.
        const rest = /^[ \t]*\d*/.exec(text.slice(j)) as RegExpExecArray
        advance(j + rest[0].length)
        push('go', 'GO', start, startLine, startLineStart)
      } else push('word', word, start, startLine, startLineStart)
      continue
    }
    if ('(),.;'.includes(c)) {
      advance(i + 1)
      push('punct', c, start, startLine, startLineStart)
      continue
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i)) ?? (/[\x00-\x1f\x7f\ufffd]/.test(c) ? undefined : String.fromCodePoint(text.codePointAt(i) as number))
    if (!op) throw fail(`unexpected character ${JSON.stringify(c)}`, start, startLine, startLineStart)
    advance(i + op.length)
    push('op', op, start, startLine, startLineStart)
  }
  return out
}

/** True when only white space (and a trailing repeat count or comment) share the line with `GO`. */
function isAloneOnLine(text: string, start: number, end: number): boolean {
  let b = start - 1
  while (b >= 0 && (text[b] === ' ' || text[b] === '\t')) b--
  if (b >= 0 && text[b] !== '\n' && text[b] !== '\r' && text[b] !== '\ufeff') return false
  return /^[ \t]*\d*[ \t]*(?:--[^\n]*)?(?:\r?\n|$)/.test(text.slice(end, end + 400))
}
