/**
 * A cursor over T-SQL tokens with the small combinators the statement parsers use. Every failure is
 * a located TDG_DDL_PARSE: `file:line:column: syntax error at or near "token"`.
 */
import { TdgError } from '../../errors.js'
import type { Token } from './lexer.js'

export class Cursor {
  pos = 0

  constructor(readonly tokens: Token[], readonly text: string, readonly file: string | undefined) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset]
  }

  next(): Token | undefined {
    return this.tokens[this.pos++]
  }

  get done(): boolean {
    return this.pos >= this.tokens.length
  }

  /** True when the token at `offset` is the unquoted word `word` (case-insensitive). */
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.kind === 'word' && t.value.toLowerCase() === word
  }

  isPunct(p: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.kind === 'punct' && t.value === p
  }

  /** Consume the word sequence `words` (space separated) if it comes next. */
  words(words: string): boolean {
    const parts = words.split(' ')
    if (!parts.every((w, k) => this.isWord(w, k))) return false
    this.pos += parts.length
    return true
  }

  punct(p: string): boolean {
    if (!this.isPunct(p)) return false
    this.pos++
    return true
  }

  /** Consume `words` or fail at the current token. */
  expectWords(words: string): void {
    if (!this.words(words)) throw this.syntaxError()
  }

  expectPunct(p: string): void {
    if (!this.punct(p)) throw this.syntaxError()
  }

  /** An identifier: a bare word or a [quoted]/"quoted" name. */
  name(): string {
    const t = this.peek()
    if (t?.kind === 'word' || t?.kind === 'qname') {
      this.pos++
      return t.value
    }
    throw this.syntaxError()
  }

  /** `a`, `a.b`, `a.b.c`, `a..c` → its parts (an empty part for `..`). */
  qualifiedName(): string[] {
    const parts = [this.name()]
    while (this.isPunct('.')) {
      this.pos++
      if (this.isPunct('.')) {
        parts.push('')
        continue
      }
      parts.push(this.name())
    }
    return parts
  }

  /** Index of the token after the `)` matching the `(` at the cursor (which must be there). */
  skipParens(): void {
    const open = this.peek()
    if (!this.punct('(')) throw this.syntaxError()
    let depth = 1
    while (depth > 0) {
      const t = this.next()
      if (!t) throw this.error(`missing ")" for the "(" opened here`, open)
      if (t.kind === 'punct' && t.value === '(') depth++
      else if (t.kind === 'punct' && t.value === ')') depth--
    }
  }

  /** Source text from the start of token `from` to the end of the token before the cursor. */
  sliceFrom(from: number): string {
    const first = this.tokens[from]
    const last = this.tokens[this.pos - 1]
    if (!first || !last || this.pos <= from) return ''
    return this.text.slice(first.start, last.end)
  }

  /** `syntax error at or near "<token>"` at the current token (or `at end of input`). */
  syntaxError(at: Token | undefined = this.peek()): TdgError {
    if (!at) {
      const last = this.tokens[this.tokens.length - 1]
      return this.error('syntax error at end of input', last, true)
    }
    return this.error(`syntax error at or near "${shown(this.text.slice(at.start, at.end))}"`, at)
  }

  /** A located TDG_DDL_PARSE; `after` points just past the token instead of at it. */
  error(message: string, at: Token | undefined, after = false): TdgError {
    const line = at?.line ?? 1
    const column = at ? (after ? at.column + (at.end - at.start) : at.column) : 1
    const token = at ? this.text.slice(at.start, at.end) : undefined
    return new TdgError('TDG_DDL_PARSE', `${this.file ?? '<input>'}:${line}:${column}: ${message}`, { file: this.file, line, column, token })
  }
}

/** One line, bounded: a token as shown in a message. */
function shown(s: string): string {
  const flat = s.replace(/\r?\n/g, '\\n').replace(/[\x00-\x1f]/g, ' ')
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat
}
