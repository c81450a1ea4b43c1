/**
 * MySQL/MariaDB have no deferrable constraints. A deferred FK of a NOT NULL cycle is loaded with
 * `foreign_key_checks = 0` around its own table's inserts only (back to 1 right after), and then every FK
 * of that table — the checks were off for all of them — is verified with a set-based anti-join before
 * COMMIT. `--truncate` empties the tables with the checks off too (children first cannot break a NOT
 * NULL cycle); the FKs of tables outside the plan that point at them are verified as well. The anti-join inserts a row labelled with the FK into a temporary table twice when an orphan
 * exists, so the statement fails with a duplicate key naming the FK: a plain statement that also works in
 * an exported script, with no stored program and no implicit commit (temporary tables commit nothing).
 */
import type { DeferralSql } from '../../src/adapter/adapter.js'
import { fkText } from '../../src/adapter/deferral-text.js'
import type { DeferredConstraint, ForeignKeyCheck } from '../../src/model/plan.js'
import type { TableRef } from '../../src/model/schema.js'
import { quoteString } from './literal.js'

type Quote = (name: string) => string
type Qualify = (ref: TableRef) => string

/** The temporary table the checks write into; dropped before and after. */
const CHECK_TABLE = 'tdg_fk_orphans'

/** Build `SqlDialect.deferConstraintsSql` for MySQL from its quoting functions. */
export function mysqlDeferral(quoteIdent: Quote, qualify: Qualify): (deferred: DeferredConstraint[]) => DeferralSql {
  return (deferred) => {
    const aroundStep: DeferralSql['aroundStep'] = {}
    const checks: ForeignKeyCheck[] = []
    const seen = new Set<string>()
    for (const d of deferred) {
      aroundStep[d.step] = { before: ['SET foreign_key_checks = 0'], after: ['SET foreign_key_checks = 1'] }
      for (const fk of [d, ...(d.siblings ?? []), ...(d.outsideReferences ?? [])]) {
        const id = JSON.stringify([fk.table, fk.columns, fk.parent])
        if (seen.has(id)) continue
        seen.add(id)
        checks.push(fk)
      }
    }
    const table = quoteIdent(CHECK_TABLE)
    const forced = deferred.some((d) => d.forced && !d.sameRow)
    return {
      before: [],
      // DELETE children first cannot empty a NOT NULL cycle with checks on; the rows pointing at the
      // emptied tables from outside the plan are verified below (`outsideReferences`).
      ...(forced ? { aroundTruncate: { before: ['SET foreign_key_checks = 0'], after: ['SET foreign_key_checks = 1'] } } : {}),
      aroundStep,
      after: [
        { sql: `DROP TEMPORARY TABLE IF EXISTS ${table}` },
        // Binary, so no character set of the database can refuse a label (a refusal would read as an orphan).
        { sql: `CREATE TEMPORARY TABLE ${table} (fk varbinary(255) NOT NULL PRIMARY KEY)` },
        ...checks.map((fk, i) => ({ sql: orphanCheck(fk, i + 1, table, quoteIdent, qualify), fails: `rows without a parent for ${fkText(fk)} (loaded with foreign_key_checks off)` })),
        { sql: `DROP TEMPORARY TABLE ${table}` },
      ],
    }
  }
}

/** `tdg plan`'s line for one deferred FK. */
export function mysqlDeferralMechanism(d: DeferredConstraint): string {
  if (d.sameRow) return `NOT NULL self-reference to a UNIQUE that is not the primary key (rows may point to themselves; InnoDB checks each index as it writes it): foreign_key_checks = 0 while ${d.step} loads, then every FK of ${d.step} verified with anti-joins before COMMIT`
  return `NOT NULL, no deferrable constraints in MySQL: foreign_key_checks = 0 while ${d.step} loads, then every FK of ${d.step} verified with anti-joins before COMMIT`
}

/**
 * Fails (duplicate key `#n orphan rows of …`) when a row of `fk.table` with all FK columns set has no
 * parent row. MATCH SIMPLE, as InnoDB checks: a row with a NULL FK column is not checked.
 */
function orphanCheck(fk: ForeignKeyCheck, n: number, table: string, quoteIdent: Quote, qualify: Qualify): string {
  // ≤ 60 code points (≤ 240 bytes): fits the column whatever the names; `#n` keeps labels distinct.
  const label = quoteString([...`#${n} orphan rows of ${fkText(fk)}`].slice(0, 60).join(''))
  const parentCols = fk.parentColumns.length > 0 ? fk.parentColumns : fk.columns
  const on = fk.columns.map((c, i) => `c.${quoteIdent(c)} = p.${quoteIdent(parentCols[i]!)}`).join(' AND ')
  const set = fk.columns.map((c) => `c.${quoteIdent(c)} IS NOT NULL`).join(' AND ')
  return (
    `INSERT INTO ${table} (fk) SELECT ${label} UNION ALL ` +
    `(SELECT ${label} FROM ${qualify(fk.table)} AS c LEFT JOIN ${qualify(fk.parent)} AS p ON ${on} WHERE p.${quoteIdent(parentCols[0]!)} IS NULL AND ${set} LIMIT 1)`
  )
}
