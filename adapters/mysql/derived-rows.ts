/**
 * Rows sent as a derived table — `SELECT ? AS a, ? AS b UNION ALL SELECT ?, ?` — for the set-based
 * UPDATE … JOIN and DELETE … JOIN of the writer (MariaDB before 10.3 and MySQL before 8.0.19 have no
 * `VALUES` table constructor; this form works on every supported version).
 */
import type { Value } from '../../src/model/rows.js'
import { MAX_PARAMS, paramValue } from './insert-batches.js'
import type { RelationColumn } from './relation.js'

/** Rows per derived table: ≤ 1000 and ≤ the placeholder limit for `width` columns. */
export function derivedRowsPerStatement(width: number): number {
  return Math.max(1, Math.min(1000, Math.floor(MAX_PARAMS / Math.max(1, width))))
}

/** The derived table of `rows` (columns `cols`, named by `quote`) and its parameters, in row order. */
export function derivedRows(cols: RelationColumn[], rows: Value[][], quote: (n: string) => string): { sql: string; params: Array<string | number | Buffer | null> } {
  const firstSelect = `SELECT ${cols.map((c) => `? AS ${quote(c.name)}`).join(', ')}`
  const nextSelect = `SELECT ${cols.map(() => '?').join(', ')}`
  return {
    sql: rows.map((_r, i) => (i === 0 ? firstSelect : nextSelect)).join(' UNION ALL '),
    params: rows.flatMap((row) => cols.map((c, i) => paramValue(row[i], c))),
  }
}

/** `a.k1 = b.k1 AND a.k2 = b.k2` over the key columns. */
export function keyMatch(keyColumns: string[], quote: (n: string) => string, left = 'tdg_t', right = 'tdg_v'): string {
  return keyColumns.map((k) => `${left}.${quote(k)} = ${right}.${quote(k)}`).join(' AND ')
}
