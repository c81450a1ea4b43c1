/**
 * Expression capture: T-SQL expressions in DDL (DEFAULT, CHECK, computed columns) are kept as source
 * text and understood later by the dialect's `classifyDefault` and the shared `analyzeCheck`, exactly as
 * the catalog's definition text is — so a script and a live database come out the same.
 */
import type { Cursor } from './cursor.js'

/** `( … )` at the cursor, balanced → its text including the parentheses. */
export function captureParens(cur: Cursor): string {
  const from = cur.pos
  cur.skipParens()
  return cur.sliceFrom(from)
}

/**
 * A DEFAULT value: `(…)`, `-1`, `N'x'`, `0x0A`, `getdate()`, `CURRENT_TIMESTAMP`, `NULL`,
 * `NEXT VALUE FOR seq` → its source text.
 */
export function captureDefault(cur: Cursor): string {
  const from = cur.pos
  if (cur.isPunct('(')) return captureParens(cur)
  if (cur.words('next value for')) {
    cur.qualifiedName()
    return cur.sliceFrom(from)
  }
  const t = cur.peek()
  if (t?.kind === 'op' && (t.value === '-' || t.value === '+')) cur.next()
  const v = cur.next()
  if (!v) throw cur.syntaxError(v)
  if (v.kind === 'word' || v.kind === 'qname') {
    while (cur.isPunct('.') && (cur.peek(1)?.kind === 'word' || cur.peek(1)?.kind === 'qname')) cur.pos += 2
    if (cur.isPunct('(')) cur.skipParens()
  } else if (v.kind !== 'num' && v.kind !== 'str' && v.kind !== 'bin') {
    throw cur.syntaxError(v)
  }
  return cur.sliceFrom(from)
}

/**
 * A computed column's expression: tokens up to a `,` or `)` at depth 0, or a word that ends it
 * (`PERSISTED`, `CONSTRAINT`, `PRIMARY`, …) → its source text.
 */
export function captureComputed(cur: Cursor): string {
  const from = cur.pos
  let depth = 0
  for (;;) {
    const t = cur.peek()
    if (!t || t.kind === 'go') break
    if (t.kind === 'punct' && t.value === '(') depth++
    else if (t.kind === 'punct' && t.value === ')') {
      if (depth === 0) break
      depth--
    } else if (depth === 0 && t.kind === 'punct' && t.value === ',') break
    else if (t.kind === 'word' && t.value.toLowerCase() === 'case') depth++
    else if (t.kind === 'word' && t.value.toLowerCase() === 'end') depth--
    else if (depth === 0 && t.kind === 'word' && COMPUTED_END.has(t.value.toLowerCase())) break
    cur.next()
  }
  if (cur.pos === from) throw cur.syntaxError()
  return cur.sliceFrom(from)
}

const COMPUTED_END = new Set(['persisted', 'constraint', 'primary', 'unique', 'check', 'references', 'foreign', 'not', 'null'])

/** Strip one level of wrapping parentheses when they enclose the whole text: `((0))` → `(0)`. */
export function unwrapOnce(sql: string): string {
  const s = sql.trim()
  if (!s.startsWith('(') || !s.endsWith(')')) return s
  let depth = 0
  let inStr = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (c === "'") inStr = !inStr
    if (inStr) continue
    if (c === '(') depth++
    else if (c === ')') {
      depth--
      if (depth === 0 && i < s.length - 1) return s
    }
  }
  return s.slice(1, -1).trim()
}
