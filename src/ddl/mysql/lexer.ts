/**
 * MySQL script → statements of tokens, in one pass that knows what the mysql client knows:
 * `-- `, `#` and `/* … *\/` comments; executable comments `/*!40101 … *\/` and `/*M!100101 … *\/`, whose
 * content is read as SQL (mysqldump hides DDL in them); strings with backslash escapes and doubled quotes;
 * backtick identifiers; and `DELIMITER xx` lines, which change what ends a statement (procedure and
 * trigger bodies). Offsets are UTF-16 positions in the original text, for located errors.
 */

export type TokKind = 'word' | 'qident' | 'str' | 'num' | 'op' | 'var'

export interface Tok {
  t: TokKind
  /** Words as written; quoted identifiers and strings unescaped; numbers as written. */
  v: string
  start: number
  end: number
  /** Strings: `b'…'` bit and `x'…'` hex literals keep their prefix here. */
  prefix?: 'b' | 'x'
}

export interface Stmt {
  toks: Tok[]
  /** Offset of the first token. */
  start: number
  /** Offset of the delimiter that ended it (text length at end of input). */
  end: number
  /** The delimiter text, or '' at end of input. */
  delimiter: string
}

/** A lexical error (unterminated string, comment or identifier; a stray character) at `at`. */
export class LexError extends Error {
  constructor(message: string, readonly at: number, readonly token: string) {
    super(message)
  }
}

const OPS = [';', '<=>', '<<', '>>', '<=', '>=', '<>', '!=', ':=', '||', '&&', '->>', '->', '(', ')', ',', '.', '=', '<', '>', '+', '-', '*', '/', '%', '!', '~', '^', '|', '&', '?', ':', '{', '}', '[', ']']
const WORD_START = /[A-Za-z_$\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/

/** Split `text` into statements of tokens. Throws LexError for unterminated strings and the like. */
export function lexStatements(text: string): Stmt[] {
  const out: Stmt[] = []
  let delimiter = ';'
  let toks: Tok[] = []
  let inVersion = false
  let i = 0
  const n = text.length
  const endStmt = (end: number, delim: string) => {
    if (toks.length > 0) out.push({ toks, start: (toks[0] as Tok).start, end, delimiter: delim })
    toks = []
  }
  while (i < n) {
    const c = text[i] as string
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\ufeff') { i++; continue }
    // `DELIMITER x` is a client command, only at the start of a statement, up to the end of its line.
    if (toks.length === 0 && (c === 'd' || c === 'D')) {
      const m = /^delimiter[ \t]+(\S+)[^\n]*/i.exec(text.slice(i, i + 200))
      if (m) {
        delimiter = m[1] as string
        i += m[0].length
        continue
      }
    }
    if (!inVersion || !text.startsWith('*/', i)) {
      if (delimiter !== ';' ? text.startsWith(delimiter, i) : c === ';') {
        endStmt(i, delimiter)
        i += delimiter.length
        continue
      }
    }
    if (c === '-' && text[i + 1] === '-' && (i + 2 >= n || /\s/.test(text[i + 2] as string))) { i = lineEnd(text, i); continue }
    if (c === '#') { i = lineEnd(text, i); continue }
    if (c === '/' && text[i + 1] === '*') {
      const m = /^\/\*(?:M?!\d*)/.exec(text.slice(i, i + 12))
      if (m && m[0].length > 2) {
        inVersion = true
        i += m[0].length
        continue
      }
      const close = text.indexOf('*/', i + 2)
      if (close < 0) throw new LexError('unterminated /* comment', i, '/*')
      i = close + 2
      continue
    }
    if (inVersion && c === '*' && text[i + 1] === '/') { inVersion = false; i += 2; continue }
    if (c === "'" || c === '"') {
      const r = readString(text, i, c)
      toks.push({ t: 'str', v: r.value, start: i, end: r.end })
      i = r.end
      continue
    }
    if (c === '`') {
      const r = readBacktick(text, i)
      toks.push({ t: 'qident', v: r.value, start: i, end: r.end })
      i = r.end
      continue
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? '') && !isWordEnd(toks))) {
      const m = /^(?:0x[0-9a-fA-F]+|0b[01]+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 100)) as RegExpExecArray
      const after = text[i + m[0].length] ?? ''
      // `1abc` is an identifier in MySQL (names may start with digits).
      if (WORD_PART.test(after) && !/[eE.]/.test(after)) {
        const end = wordEnd(text, i)
        toks.push({ t: 'word', v: text.slice(i, end), start: i, end })
        i = end
        continue
      }
      toks.push({ t: 'num', v: m[0], start: i, end: i + m[0].length })
      i += m[0].length
      continue
    }
    if (c === '@') {
      const m = /^@@?(?:[A-Za-z0-9_$.]+|`[^`]*`|'[^']*')/.exec(text.slice(i, i + 200))
      const v = m?.[0] ?? '@'
      toks.push({ t: 'var', v, start: i, end: i + v.length })
      i += v.length
      continue
    }
    if (WORD_START.test(c)) {
      const end = wordEnd(text, i)
      const word = text.slice(i, end)
      // Prefixed strings: N'…', _utf8mb4'…', b'0101', x'ff'.
      if (text[end] === "'" && (/^[Nn]$/.test(word) || /^_[A-Za-z0-9]+$/.test(word) || /^[bBxX]$/.test(word))) {
        const r = readString(text, end, "'")
        const prefix = /^[bB]$/.test(word) ? 'b' : /^[xX]$/.test(word) ? 'x' : undefined
        toks.push({ t: 'str', v: r.value, start: i, end: r.end, ...(prefix ? { prefix } : {}) })
        i = r.end
        continue
      }
      toks.push({ t: 'word', v: word, start: i, end })
      i = end
      continue
    }
    if (c === '\\') {
      // Client commands like `\G` end a statement; `\.` sources a file: skip to the end of the line (or,
      // inside an executable comment such as mariadb-dump's `/*M!999999\- enable the sandbox mode *\/`,
      // to the comment's end).
      const close = inVersion ? text.indexOf('*/', i) : -1
      const eol = lineEnd(text, i)
      if (close >= 0 && close < eol) {
        i = close + 2
        inVersion = false
      } else i = eol
      endStmt(i, '')
      continue
    }
    const op = OPS.find((o) => text.startsWith(o, i))
    if (!op) throw new LexError(`unexpected character ${JSON.stringify(c)}`, i, c)
    toks.push({ t: 'op', v: op, start: i, end: i + op.length })
    i += op.length
  }
  endStmt(n, '')
  return out
}

function isWordEnd(toks: Tok[]): boolean {
  const last = toks[toks.length - 1]
  return last !== undefined && (last.t === 'word' || last.t === 'qident')
}

function lineEnd(text: string, i: number): number {
  const e = text.indexOf('\n', i)
  return e < 0 ? text.length : e + 1
}

function wordEnd(text: string, i: number): number {
  let j = i + 1
  while (j < text.length && WORD_PART.test(text[j] as string)) j++
  return j
}

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', Z: '\x1a', b: '\b' }

function readString(text: string, start: number, q: string): { value: string; end: number } {
  let v = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i] as string
    if (c === '\\' && i + 1 < text.length) {
      const e = text[i + 1] as string
      v += ESC[e] ?? e
      i += 2
      continue
    }
    if (c === q) {
      if (text[i + 1] === q) { v += q; i += 2; continue }
      return { value: v, end: i + 1 }
    }
    v += c
    i++
  }
  throw new LexError('unterminated quoted string', start, text.slice(start, start + 20))
}

function readBacktick(text: string, start: number): { value: string; end: number } {
  let v = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i] as string
    if (c === '`') {
      if (text[i + 1] === '`') { v += '`'; i += 2; continue }
      return { value: v, end: i + 1 }
    }
    v += c
    i++
  }
  throw new LexError('unterminated quoted identifier', start, text.slice(start, start + 20))
}
