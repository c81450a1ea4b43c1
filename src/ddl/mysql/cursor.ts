/**
 * A cursor over one statement's tokens with the small combinators the DDL grammar needs. Every
 * `expect…` failure is a TDG_DDL_PARSE naming file:line:column and the token where parsing stopped.
 */
import type { Stmt, Tok } from './lexer.js'

/** Builds the located error; supplied by the parse state. */
export type Fail = (message: string, at: number, token?: string) => Error

export class Cursor {
  pos = 0
  constructor(readonly stmt: Stmt, private readonly fail: Fail) {}

  get toks(): Tok[] { return this.stmt.toks }
  peek(offset = 0): Tok | undefined { return this.stmt.toks[this.pos + offset] }
  next(): Tok | undefined { return this.stmt.toks[this.pos++] }
  get done(): boolean { return this.pos >= this.stmt.toks.length }

  /** True when the token at `offset` is the unquoted word `w` (case-insensitive). */
  isWord(w: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.t === 'word' && t.v.toLowerCase() === w
  }
  isOp(op: string, offset = 0): boolean {
    const t = this.peek(offset)
    return t?.t === 'op' && t.v === op
  }
  /** Consume the words in sequence if they all come next. */
  words(...ws: string[]): boolean {
    if (!ws.every((w, i) => this.isWord(w, i))) return false
    this.pos += ws.length
    return true
  }
  op(op: string): boolean {
    if (!this.isOp(op)) return false
    this.pos++
    return true
  }
  expectWords(...ws: string[]): void {
    if (!this.words(...ws)) throw this.error(`expected ${ws.join(' ').toUpperCase()}`)
  }
  expectOp(op: string): void {
    if (!this.op(op)) throw this.error(`expected "${op}"`)
  }
  /** An identifier: a backtick name, a plain word, or (as MySQL allows in places) a string. */
  ident(what = 'a name'): string {
    const t = this.peek()
    if (t && (t.t === 'qident' || t.t === 'word' || (t.t === 'str' && !t.prefix))) {
      this.pos++
      return t.v
    }
    throw this.error(`expected ${what}`)
  }
  /** `name` or `db.name`: returns [schema, name]. */
  qualifiedName(what = 'a table name'): [string | undefined, string] {
    const first = this.ident(what)
    if (this.isOp('.') && this.peek(1) && this.peek(1)?.t !== 'op') {
      this.pos++
      return [first, this.ident(what)]
    }
    return [undefined, first]
  }
  /** `( a, b(10) DESC, … )` → column names and whether any had a prefix length or was an expression. */
  keyParts(): { columns: string[]; prefix: boolean; expression: boolean; at: number } {
    const at = this.peek()?.start ?? this.stmt.end
    this.expectOp('(')
    const columns: string[] = []
    let prefix = false
    let expression = false
    do {
      if (this.isOp('(')) {
        expression = true
        this.skipGroup()
      } else {
        columns.push(this.ident('a column name'))
        if (this.isOp('(')) {
          prefix = true
          this.skipGroup()
        }
      }
      this.words('asc') || this.words('desc')
    } while (this.op(','))
    this.expectOp(')')
    return { columns, prefix, expression, at }
  }
  /** `( … )` with nesting; returns the tokens inside. */
  group(): Tok[] {
    const open = this.pos
    this.skipGroup()
    return this.stmt.toks.slice(open + 1, this.pos - 1)
  }
  skipGroup(): void {
    this.expectOp('(')
    let depth = 1
    while (depth > 0) {
      const t = this.next()
      if (!t) throw this.error('expected ")"')
      if (t.t === 'op' && t.v === '(') depth++
      else if (t.t === 'op' && t.v === ')') depth--
    }
  }
  /** Tokens up to (not including) a top-level `,` or `)` or a word in `stopWords`. */
  until(stopWords: Set<string>): Tok[] {
    const from = this.pos
    let depth = 0
    for (;;) {
      const t = this.peek()
      if (!t) break
      if (t.t === 'op' && t.v === '(') depth++
      else if (t.t === 'op' && t.v === ')') {
        if (depth === 0) break
        depth--
      } else if (depth === 0 && t.t === 'op' && t.v === ',') break
      else if (depth === 0 && t.t === 'word' && stopWords.has(t.v.toLowerCase())) break
      this.pos++
    }
    return this.stmt.toks.slice(from, this.pos)
  }
  /** A syntax error at the current token (or at the statement's delimiter / the end of input). */
  error(expected?: string): Error {
    const t = this.peek()
    const suffix = expected ? ` (${expected})` : ''
    if (t) return this.fail(`syntax error at or near "${t.v.length > 40 ? `${t.v.slice(0, 37)}...` : t.v}"${suffix}`, t.start, t.v)
    if (this.stmt.delimiter !== '') return this.fail(`syntax error at or near "${this.stmt.delimiter}"${suffix}`, this.stmt.end, this.stmt.delimiter)
    return this.fail(`syntax error at end of input${suffix}`, this.stmt.end, '')
  }
}
