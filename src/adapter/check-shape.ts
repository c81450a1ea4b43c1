/**
 * CHECK expression text → the simple shapes generation can satisfy by construction.
 * Dialect-tolerant by design: every adapter and every DDL parser feeds its CHECK text through this one
 * function, so a DDL file and a live catalog (with PostgreSQL's `= ANY (ARRAY[…])`, `~~` and redundant
 * casts and parentheses) come out as the same shapes.
 */
import type { CheckShape } from '../model/schema.js'
import { isKeyword, isSymbol, tokenizeSql, type SqlToken } from './sql-tokens.js'
import { parseList, parseOperand, TokenCursor, type SqlOperand } from './sql-operand.js'

/** Result of analysing one CHECK expression. */
export interface CheckAnalysis {
  /** Conjuncts understood as shapes, in expression order. */
  parsed: CheckShape[]
  /** True when every top-level AND conjunct was understood. */
  fullyParsed: boolean
}

type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '<>'
const COMPARE_OPS: Record<string, CompareOp> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '=': '=', '<>': '<>', '!=': '<>' }
const FLIPPED: Record<CompareOp, CompareOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' }
const EXPR_KEYWORDS = new Set(['is', 'null', 'not', 'or', 'and', 'in', 'like', 'ilike', 'between', 'true', 'false', 'escape', 'any', 'some', 'all', 'array', 'case', 'when', 'then', 'else', 'end', 'cast', 'as', 'collate', 'similar', 'to', 'distinct', 'from', 'symmetric'])
const LENGTH_FUNCS = new Set(['length', 'char_length', 'character_length', 'len'])

/**
 * Analyse a CHECK expression (a leading `CHECK` keyword and a trailing `NOT VALID` / `NO INHERIT` are
 * ignored). Column names come back unquoted; numbers as JS numbers, strings as strings.
 * Unknown conjuncts are left out of `parsed` and make `fullyParsed` false.
 */
export function analyzeCheck(expression: string): CheckAnalysis {
  let tokens = tokenizeSql(expression)
  if (!tokens) return { parsed: [], fullyParsed: false }
  if (isKeyword(tokens[0], 'check')) tokens = tokens.slice(1)
  tokens = stripTrailingOptions(tokens)
  if (tokens.length === 0) return { parsed: [], fullyParsed: false }
  const parsed: CheckShape[] = []
  let fullyParsed = true
  for (const conjunct of splitConjuncts(tokens)) {
    const shape = analyzeConjunct(conjunct) ?? lengthBetween(conjunct)
    if (Array.isArray(shape)) parsed.push(...shape)
    else if (shape) parsed.push(shape)
    else fullyParsed = false
  }
  return { parsed, fullyParsed }
}

function stripTrailingOptions(tokens: SqlToken[]): SqlToken[] {
  let t = tokens
  for (;;) {
    const a = t[t.length - 2]
    const b = t[t.length - 1]
    if ((isKeyword(a, 'not') && isKeyword(b, 'valid')) || (isKeyword(a, 'no') && isKeyword(b, 'inherit'))) t = t.slice(0, -2)
    else if (isSymbol(b, ';')) t = t.slice(0, -1)
    else return t
  }
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function matchingParen(tokens: SqlToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]
    if (isSymbol(t, '(')) depth++
    else if (isSymbol(t, ')') && --depth === 0) return i
  }
  return -1
}

function stripWrappingParens(tokens: SqlToken[]): SqlToken[] {
  let t = tokens
  while (t.length >= 2 && isSymbol(t[0], '(') && matchingParen(t, 0) === t.length - 1) t = t.slice(1, -1)
  return t
}

/** Split at top-level AND (not BETWEEN's AND), flattening parenthesised conjunctions; OR makes one unit. */
function splitConjuncts(tokens: SqlToken[]): SqlToken[][] {
  const t = stripWrappingParens(tokens)
  const parts: SqlToken[][] = []
  let depth = 0
  let pendingBetween = 0
  let start = 0
  for (let i = 0; i < t.length; i++) {
    const tok = t[i]
    if (isSymbol(tok, '(') || isSymbol(tok, '[')) depth++
    else if (isSymbol(tok, ')') || isSymbol(tok, ']')) depth--
    else if (depth === 0 && isKeyword(tok, 'or')) return [t]
    else if (depth === 0 && isKeyword(tok, 'between')) pendingBetween++
    else if (depth === 0 && isKeyword(tok, 'and')) {
      if (pendingBetween > 0) { pendingBetween--; continue }
      parts.push(t.slice(start, i))
      start = i + 1
    }
  }
  parts.push(t.slice(start))
  if (parts.length === 1) return parts
  return parts.flatMap((p) => splitConjuncts(p))
}

/** One conjunct → a shape, or null when it is not one of the simple forms. */
function analyzeConjunct(tokens: SqlToken[]): CheckShape | null {
  const t = stripWrappingParens(tokens)
  const disjuncts = splitTopLevel(t, 'or')
  if (disjuncts.length > 1) return nullOrShape(disjuncts) ?? orOfEquals(disjuncts) ?? disjunction(disjuncts)
  if (isKeyword(t[0], 'not')) {
    const inner = analyzeConjunct(t.slice(1))
    return inner?.kind === 'like' ? { ...inner, negated: !inner.negated } : null
  }
  const cur = new TokenCursor(t)
  const left = parseOperand(cur)
  if (!left) return null
  const shape = analyzeTail(left, cur)
  return shape && cur.done ? shape : null
}

/**
 * `length(c) BETWEEN a AND b` → two length shapes (what PostgreSQL's catalog prints it as), so a DDL
 * file and a live database agree.
 */
function lengthBetween(tokens: SqlToken[]): CheckShape[] | null {
  const cur = new TokenCursor(stripWrappingParens(tokens))
  const left = parseOperand(cur)
  const column = left && lengthColumn(left)
  if (!column || !cur.keyword('between')) return null
  const min = constOf(parseOperand(cur))
  if (typeof min !== 'number' || !cur.keyword('and')) return null
  const max = constOf(parseOperand(cur))
  if (typeof max !== 'number' || !cur.done) return null
  return [
    { kind: 'length', column, op: '>=', value: min },
    { kind: 'length', column, op: '<=', value: max },
  ]
}

/**
 * `c IS NULL OR <shape on c>` (either order): a NULL already passes a CHECK, so generation only has to
 * keep the shape for non-NULL values — the same thing it does for the bare shape.
 */
function nullOrShape(disjuncts: SqlToken[][]): CheckShape | null {
  if (disjuncts.length !== 2) return null
  for (const [a, b] of [[disjuncts[0]!, disjuncts[1]!], [disjuncts[1]!, disjuncts[0]!]] as const) {
    const isNull = stripWrappingParens(a)
    const col = isNull.length === 3 && isKeyword(isNull[1], 'is') && isKeyword(isNull[2], 'null') ? parseOperand(new TokenCursor(isNull.slice(0, 1))) : null
    if (col?.k !== 'col') continue
    const shape = analyzeConjunct(b)
    if (shape && shapeColumns(shape).includes(col.name)) return shape
  }
  return null
}

/**
 * `c = 'a' OR c = 'b' OR …` on one column: how SQL Server's catalog prints `c IN ('a', 'b', …)`
 * (sys.check_constraints.definition), read back as the IN shape it was written as.
 */
function orOfEquals(disjuncts: SqlToken[][]): CheckShape | null {
  let column: string | undefined
  const values: Array<string | number> = []
  for (const d of disjuncts) {
    const shape = analyzeConjunct(d)
    if (shape?.kind !== 'compare' || shape.op !== '=' || (column !== undefined && shape.column !== column)) return null
    column = shape.column
    values.push(shape.value)
  }
  return column === undefined ? null : { kind: 'in', column, values }
}

/**
 * `A OR B OR …` where each disjunct is a conjunction of understood shapes: an `or` shape (IN-or-IN on one
 * column merges into one IN). `c IS NULL` disjuncts are left out (a NULL passes a CHECK, and keeping
 * another branch keeps the whole). Null when a disjunct is not understood, or only IS NULL ones remain.
 */
function disjunction(disjuncts: SqlToken[][]): CheckShape | null {
  const branches: CheckShape[][] = []
  for (const d of disjuncts) {
    const t = stripWrappingParens(d)
    if (isNullTest(t)) continue
    const branch: CheckShape[] = []
    for (const part of splitConjuncts(t)) {
      const shape = analyzeConjunct(part) ?? lengthBetween(part)
      if (shape === null) return null
      for (const s of Array.isArray(shape) ? shape : [shape]) {
        // A nested disjunction as the whole disjunct flattens; inside a conjunction it stays one shape.
        if (s.kind === 'or' && splitConjuncts(t).length === 1) branches.push(...s.branches)
        else if (s.kind === 'between') branch.push({ kind: 'compare', column: s.column, op: '>=', value: s.min }, { kind: 'compare', column: s.column, op: '<=', value: s.max })
        else branch.push(s)
      }
    }
    if (branch.length > 0) branches.push(branch)
  }
  if (branches.length === 0) return null
  const single = branches.map((b) => (b.length === 1 ? b[0]! : null))
  const column = single[0] && single[0].kind !== 'columns' && single[0].kind !== 'or' ? single[0].column : undefined
  const inValues = single.every((s) => s !== null && ((s.kind === 'compare' && s.op === '=') || s.kind === 'in') && s.column === column)
  if (column !== undefined && inValues) {
    const values: Array<string | number> = []
    for (const s of single) for (const v of s!.kind === 'in' ? s!.values : [(s as Extract<CheckShape, { kind: 'compare' }>).value]) if (!values.some((w) => String(w) === String(v))) values.push(v)
    return { kind: 'in', column, values }
  }
  return { kind: 'or', branches }
}

/** `c IS NULL` (one column). */
function isNullTest(t: SqlToken[]): boolean {
  const cur = new TokenCursor(t)
  const col = parseOperand(cur)
  return col?.k === 'col' && cur.keyword('is') && cur.keyword('null') && cur.done
}

/** Columns a shape names. */
export function shapeColumns(s: CheckShape): string[] {
  if (s.kind === 'or') return [...new Set(s.branches.flat().flatMap(shapeColumns))]
  return s.kind === 'columns' ? [s.left, s.right] : [s.column]
}

/**
 * Conjuncts of `expression` that are disjunctions tdg did not understand, each as the identifiers it
 * names (candidates for column names). Empty when every disjunction was understood.
 */
export function unparsedDisjunctions(expression: string): string[][] {
  return unparsedConjuncts(expression, true).map((c) => c.names)
}

/**
 * The column names of every top-level conjunct of a CHECK that no CheckShape covers (with `onlyOr`,
 * only of those that are disjunctions): what tdg would write without keeping. `[]` when all are understood.
 */
export function unparsedConjuncts(expression: string, onlyOr = false): Array<{ names: string[]; or: boolean }> {
  let tokens = tokenizeSql(expression)
  if (!tokens) return []
  if (isKeyword(tokens[0], 'check')) tokens = tokens.slice(1)
  tokens = stripTrailingOptions(tokens)
  const out: Array<{ names: string[]; or: boolean }> = []
  for (const conjunct of splitConjuncts(tokens)) {
    const or = splitTopLevel(stripWrappingParens(conjunct), 'or').length > 1
    if (onlyOr && !or) continue
    if (analyzeConjunct(conjunct) !== null) continue
    // Names, not keywords nor function names (an identifier before `(`); the caller matches them to columns.
    const names = conjunct.filter((t, i): t is Extract<SqlToken, { t: 'ident' }> => t.t === 'ident' && (t.quoted || (!EXPR_KEYWORDS.has(t.value.toLowerCase()) && !isSymbol(conjunct[i + 1], '('))))
    out.push({ names: [...new Set(names.map((t) => t.value))], or })
  }
  return out
}

/** Split at a top-level keyword (outside parentheses/brackets). */
function splitTopLevel(tokens: SqlToken[], keyword: string): SqlToken[][] {
  const parts: SqlToken[][] = []
  let depth = 0
  let start = 0
  tokens.forEach((tok, i) => {
    if (isSymbol(tok, '(') || isSymbol(tok, '[')) depth++
    else if (isSymbol(tok, ')') || isSymbol(tok, ']')) depth--
    else if (depth === 0 && isKeyword(tok, keyword)) {
      parts.push(tokens.slice(start, i))
      start = i + 1
    }
  })
  parts.push(tokens.slice(start))
  return parts
}

function analyzeTail(left: SqlOperand, cur: TokenCursor): CheckShape | null {
  const negated = cur.keyword('not')
  if (cur.keyword('in')) {
    const folded = caseFolded(left)
    if (negated || (left.k !== 'col' && !folded) || !cur.symbol('(')) return null
    const items = parseList(cur, ')')
    const values = items && constValues(items)
    if (!values) return null
    // upper(c) IN ('A', 'B'): values already in that case satisfy it as c's own values.
    if (folded) return values.every((v) => typeof v === 'string' && folded.fold(v) === v) ? { kind: 'in', column: folded.column, values } : null
    return left.k === 'col' ? { kind: 'in', column: left.name, values } : null
  }
  if (cur.keyword('between')) {
    if (negated || left.k !== 'col' || cur.keyword('symmetric')) return null
    const min = constOf(parseOperand(cur))
    if (min === null || !cur.keyword('and')) return null
    const max = constOf(parseOperand(cur))
    return max === null ? null : { kind: 'between', column: left.name, min, max }
  }
  if (cur.keyword('like')) return likeShape(left, negated, cur)
  if (negated) return null
  if (cur.keyword('is')) {
    if (left.k === 'col' && cur.keyword('not') && cur.keyword('null')) return { kind: 'not-null', column: left.name }
    return null
  }
  const opTok = cur.next()
  if (opTok?.t !== 'op') return null
  if (opTok.value === '~~' || opTok.value === '!~~') return likeShape(left, opTok.value === '!~~', cur)
  const op = COMPARE_OPS[opTok.value]
  if (!op) return null
  if (cur.keyword('any') || cur.keyword('some')) return anyShape(left, op, cur)
  const right = parseOperand(cur)
  return right ? compareShape(left, op, right) : null
}

function likeShape(left: SqlOperand, negated: boolean, cur: TokenCursor): CheckShape | null {
  const pattern = parseOperand(cur)
  if (left.k !== 'col' || pattern?.k !== 'const' || typeof pattern.value !== 'string') return null
  if (cur.keyword('escape')) return null
  // `[0-9]`, `[A-Z]`, `[^x]`: a character class in T-SQL, plain text elsewhere. LIKE generation knows only
  // `_` and `%`, so such a pattern is left to the database (not understood) rather than generated wrongly.
  if (/\[[^\]]+\]/.test(pattern.value)) return null
  return negated ? { kind: 'like', column: left.name, pattern: pattern.value, negated: true } : { kind: 'like', column: left.name, pattern: pattern.value }
}

/** `col = ANY (ARRAY[…])` or `col = ANY ('{a,b}'::text[])`: PostgreSQL's catalog spelling of IN. */
function anyShape(left: SqlOperand, op: CompareOp, cur: TokenCursor): CheckShape | null {
  if (op !== '=' || left.k !== 'col' || !cur.symbol('(')) return null
  const arr = parseOperand(cur)
  if (!arr || !cur.symbol(')')) return null
  let values: Array<string | number> | null = null
  if (arr.k === 'array') values = constValues(arr.items)
  else if (arr.k === 'const' && typeof arr.value === 'string') values = parseArrayLiteral(arr.value)
  return values ? { kind: 'in', column: left.name, values } : null
}

function compareShape(left: SqlOperand, op: CompareOp, right: SqlOperand): CheckShape | null {
  const lLen = lengthColumn(left)
  const rLen = lengthColumn(right)
  const lConst = constOf(left)
  const rConst = constOf(right)
  if (lLen && typeof rConst === 'number') return lengthShape(lLen, op, rConst)
  if (rLen && typeof lConst === 'number') return lengthShape(rLen, FLIPPED[op], lConst)
  if (left.k === 'col' && rConst !== null) return { kind: 'compare', column: left.name, op, value: rConst }
  if (right.k === 'col' && lConst !== null) return { kind: 'compare', column: right.name, op: FLIPPED[op], value: lConst }
  if (left.k === 'col' && right.k === 'col' && op !== '=') return { kind: 'columns', left: left.name, op, right: right.name }
  // upper(c) = 'GC' (SQL Server samples): generating exactly 'GC' keeps it.
  for (const [f, v] of [[caseFolded(left), rConst], [caseFolded(right), lConst]] as const)
    if (f && op === '=' && typeof v === 'string' && f.fold(v) === v) return { kind: 'compare', column: f.column, op: '=', value: v }
  return null
}

/** `upper(c)` / `lower(c)`: the column and the case fold. */
function caseFolded(op: SqlOperand): { column: string; fold: (s: string) => string } | null {
  if (op.k !== 'func' || op.args.length !== 1 || op.args[0]?.k !== 'col') return null
  const column = op.args[0].name
  if (op.name === 'upper' || op.name === 'ucase') return { column, fold: (s) => s.toUpperCase() }
  if (op.name === 'lower' || op.name === 'lcase') return { column, fold: (s) => s.toLowerCase() }
  return null
}

function lengthShape(column: string, op: CompareOp, value: number): CheckShape | null {
  return op === '<>' ? null : { kind: 'length', column, op, value }
}

function lengthColumn(op: SqlOperand): string | null {
  if (op.k !== 'func' || !LENGTH_FUNCS.has(op.name) || op.args.length !== 1) return null
  const arg = op.args[0]
  return arg?.k === 'col' ? arg.name : null
}

function constOf(op: SqlOperand | null): string | number | null {
  return op?.k === 'const' && (typeof op.value === 'string' || typeof op.value === 'number') ? op.value : null
}

function constValues(items: SqlOperand[]): Array<string | number> | null {
  const values: Array<string | number> = []
  for (const item of items) {
    const v = constOf(item)
    if (v === null) return null
    values.push(v)
  }
  return values
}

/** A one-dimensional PostgreSQL array literal `{a,"b c",3}`; elements stay strings. */
function parseArrayLiteral(text: string): string[] | null {
  const s = text.trim()
  if (!s.startsWith('{') || !s.endsWith('}')) return null
  const body = s.slice(1, -1)
  if (body.trim() === '') return []
  const out: string[] = []
  let i = 0
  while (i <= body.length) {
    while (body[i] === ' ') i++
    let value = ''
    if (body[i] === '"') {
      i++
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++
        value += body[i] ?? ''
        i++
      }
      i++
    } else {
      while (i < body.length && body[i] !== ',') value += body[i++]
      value = value.trim()
      if (value.toUpperCase() === 'NULL' || value.includes('{')) return null
    }
    out.push(value)
    while (body[i] === ' ') i++
    if (i >= body.length) break
    if (body[i] !== ',') return null
    i++
  }
  return out
}
