/**
 * The parts of a `SnapshotReader.scan` SELECT every dialect spells alike: the user's condition ANDed in
 * parentheses, ORDER BY of quoted columns, and the check that named columns exist. The row limit is left
 * to the dialect (`LIMIT n`, `TOP (n)`).
 */
import { TdgError } from '../errors.js'
import type { SnapshotScanOptions } from './adapter.js'

export interface SnapshotClauses {
  /** `''` or ` WHERE (<condition>)`. */
  where: string
  /** `''` or ` ORDER BY "a", "b"`. */
  orderBy: string
  /** A whole number ≥ 0, or undefined for all rows. */
  limit: number | undefined
}

/**
 * Check `columns` and `opts.orderBy` against the table's column names (TDG_READ_FAILED naming the first
 * missing one) and render the clauses. `where` is the caller's SQL text in the source dialect, trusted as
 * such (it comes from the user's own `--subset`), wrapped in parentheses so an `OR` inside cannot escape.
 */
export function snapshotClauses(
  quoteIdent: (n: string) => string,
  tableName: string,
  known: string[],
  columns: string[],
  opts: SnapshotScanOptions,
  stringLiteral: (s: string) => string = standardString,
): SnapshotClauses {
  const has = new Set(known)
  for (const c of [...columns, ...(opts.orderBy ?? []), ...(opts.keyIn ? [opts.keyIn.column] : [])]) {
    if (!has.has(c)) throw new TdgError('TDG_READ_FAILED', `table ${tableName} has no column ${c}`, { table: tableName, column: c })
  }
  const conds = [opts.where !== undefined && opts.where.trim() !== '' ? `(${opts.where}\n)` : undefined, opts.keyIn ? keyInCondition(quoteIdent, opts.keyIn, stringLiteral) : undefined].filter((x) => x !== undefined)
  return {
    where: conds.length > 0 ? ` WHERE ${conds.join(' AND ')}` : '',
    orderBy: opts.orderBy && opts.orderBy.length > 0 ? ` ORDER BY ${opts.orderBy.map(quoteIdent).join(', ')}` : '',
    limit: opts.limit === undefined ? undefined : Math.max(0, Math.floor(opts.limit)),
  }
}

/** `''` for no condition (undefined or blank), else ` WHERE (<condition>)`. */
export function whereClause(where: string | undefined): string {
  // The closing parenthesis on its own line: a trailing `-- comment` in the condition cannot swallow it.
  return where !== undefined && where.trim() !== '' ? ` WHERE (${where}\n)` : ''
}

/** `'text'` with quotes doubled: standard SQL (a dialect whose strings need more passes its own). */
function standardString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`
}

/** `"col" IN (…)`; an empty list is `1 = 0` (no row). Numeric values must be integer digits. */
export function keyInCondition(quoteIdent: (n: string) => string, keyIn: NonNullable<SnapshotScanOptions['keyIn']>, stringLiteral: (s: string) => string): string {
  if (keyIn.values.length === 0) return '1 = 0'
  const items = keyIn.values.map((v) => {
    if (!keyIn.numeric) return stringLiteral(v)
    if (!/^-?\d+$/.test(v)) throw new TdgError('TDG_INTERNAL', `keyIn on ${keyIn.column}: a numeric key is not an integer`, { column: keyIn.column })
    return v
  })
  return `${quoteIdent(keyIn.column)} IN (${items.join(', ')})`
}
