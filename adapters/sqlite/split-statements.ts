/**
 * Split SQLite script text into statements, keeping each statement's offsets so an error inside it can be
 * located in the file. Semicolons inside strings, quoted names, comments and trigger bodies
 * (`BEGIN … END`, with `CASE … END` nested inside) do not split. sqlite3 CLI dot-commands (`.mode`, …) at
 * the start of a line are returned separately so they can be reported and skipped.
 */
import { isPunct, isWord, lexTokens, type LexToken } from './sql-lexer.js'

export interface ScriptStatement {
  /** `sql` for a statement, `dot` for a CLI dot-command line. */
  kind: 'sql' | 'dot'
  /** The statement text without its terminating `;`. */
  text: string
  /** Offset of `text` in the script. */
  start: number
  /** The statement's tokens, offsets relative to the script. */
  tokens: LexToken[]
}

/** Split `script` into statements, lazily; empty statements (stray `;`) are dropped. */
export function* splitStatements(script: string): Generator<ScriptStatement> {
  let current: LexToken[] = []
  let trigger = false
  let inBody = false
  let caseDepth = 0
  // A dot-command runs to the end of its line: tokens before this offset belong to it.
  let dot: ScriptStatement | undefined
  let dotEnd = -1
  const take = (): ScriptStatement | undefined => {
    const first = current[0]
    const last = current[current.length - 1]
    const st = first && last ? { kind: 'sql' as const, text: script.slice(first.start, last.end), start: first.start, tokens: current } : undefined
    current = []
    trigger = false
    inBody = false
    caseDepth = 0
    return st
  }
  for (const t of lexTokens(script)) {
    if (dot && t.start < dotEnd) {
      dot.tokens.push(t)
      continue
    }
    if (dot) {
      yield dot
      dot = undefined
    }
    if (current.length === 0 && isPunct(t, '.') && startsLine(script, t.start)) {
      const nl = script.indexOf('\n', t.start)
      dotEnd = nl < 0 ? script.length : nl
      dot = { kind: 'dot', text: script.slice(t.start, dotEnd).trimEnd(), start: t.start, tokens: [t] }
      continue
    }
    if (isPunct(t, ';') && !inBody) {
      const st = take()
      if (st) yield st
      continue
    }
    current.push(t)
    if (current.length <= 4 && isWord(t, 'TRIGGER') && isWord(current[0], 'CREATE')) trigger = true
    if (!trigger || t.kind !== 'word') continue
    const w = t.value.toUpperCase()
    if (!inBody && w === 'BEGIN') inBody = true
    else if (inBody && w === 'CASE') caseDepth++
    else if (inBody && w === 'END') {
      if (caseDepth > 0) caseDepth--
      else inBody = false
    }
  }
  if (dot) yield dot
  const st = take()
  if (st) yield st
}

/** True when only spaces/tabs precede `offset` on its line. */
function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i]
    if (c === '\n') return true
    if (c !== ' ' && c !== '\t' && c !== '\r') return false
  }
  return true
}
