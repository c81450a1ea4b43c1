/**
 * CHECK shapes (see `CheckShape`) back to SQL in any dialect: the portable way to carry a CHECK whose
 * source text is in another dialect. Only the parsed shapes are rendered, so the result never says
 * more than the source did (a partly understood CHECK becomes a weaker, still true one).
 */
import type { CheckShape, LogicalType } from '../model/schema.js'
import type { Value } from '../model/rows.js'

/** What differs between dialects in a re-rendered CHECK. */
export interface CheckSyntax {
  quoteIdent(name: string): string
  /** The target's literal for a string or number (strings as text, numbers as decimals). */
  literal(value: Value, type: LogicalType): string
  /** Character-length function: `char_length`, `length`, `len`. */
  lengthFunction: string
}

/**
 * The conjunction of `shapes` as SQL; `rename` maps a shape's column (domain CHECKs name `VALUE`).
 * `orNull`: columns whose `IS NULL` disjuncts the parser left out of `or` shapes (see `isNullColumns`);
 * each `or` gets them back, so the CHECK is never stricter than the source's.
 */
export function renderCheckShapes(shapes: CheckShape[], rename: (column: string) => string, syntax: CheckSyntax, orNull: string[] = []): string {
  const parts = shapes.map((s) => {
    const sql = renderShape(s, rename, syntax)
    return s.kind === 'or' && orNull.length > 0 ? [sql, ...orNull.map((c) => `${syntax.quoteIdent(rename(c))} IS NULL`)].join(' OR ') : sql
  })
  return parts.length === 1 ? (parts[0] as string) : parts.map((p) => `(${p})`).join(' AND ')
}

/**
 * Columns a CHECK text tests with `x IS NULL` (any quoting). `CheckShape`'s `or` leaves such disjuncts
 * out (a NULL passes a CHECK), which is exact only when they test a column of the same branch.
 */
export function isNullColumns(expression: string): string[] {
  const out = new Set<string>()
  for (const m of expression.matchAll(/("(?:[^"]|"")+"|`(?:[^`]|``)+`|\[[^\]]+\]|[\p{L}_][\p{L}\p{N}_$]*)\s*\)?\s+is\s+null\b/giu)) {
    const raw = m[1] as string
    const name = /^["`[]/.test(raw) ? raw.slice(1, -1).replace(/""/g, '"').replace(/``/g, '`') : raw
    if (!['not', 'and', 'or'].includes(name.toLowerCase())) out.add(name)
  }
  return [...out]
}

function renderShape(s: CheckShape, rename: (column: string) => string, x: CheckSyntax): string {
  const col = (c: string) => x.quoteIdent(rename(c))
  const lit = (v: string | number) => (typeof v === 'number' ? x.literal(v, { kind: 'decimal' }) : x.literal(v, { kind: 'text' }))
  switch (s.kind) {
    case 'in':
      return `${col(s.column)} IN (${s.values.map(lit).join(', ')})`
    case 'compare':
      return `${col(s.column)} ${s.op} ${lit(s.value)}`
    case 'between':
      return `${col(s.column)} BETWEEN ${lit(s.min)} AND ${lit(s.max)}`
    case 'like':
      return `${col(s.column)} ${s.negated ? 'NOT LIKE' : 'LIKE'} ${lit(s.pattern)}`
    case 'length':
      return `${x.lengthFunction}(${col(s.column)}) ${s.op} ${s.value}`
    case 'columns':
      return `${col(s.left)} ${s.op} ${col(s.right)}`
    case 'not-null':
      return `${col(s.column)} IS NOT NULL`
    case 'or':
      return s.branches.map((b) => `(${renderCheckShapes(b, rename, x)})`).join(' OR ')
  }
}
