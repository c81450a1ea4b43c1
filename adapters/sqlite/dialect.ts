/**
 * Offline knowledge of SQLite: quoting, literals, type mapping, limits. No connection needed.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { LogicalType, TableRef } from '../../src/model/schema.js'
import type { Value } from '../../src/model/rows.js'
import { sqliteClassifyDefault, sqliteToLogicalType } from './types.js'
import { toSqliteValue } from './values.js'
import { sqliteDeferral, sqliteDeferralMechanism } from './deferral.js'
import { renderSqliteSchema } from './render-ddl.js'
import { sqliteSampling } from './sampling.js'
import { FAST_LOAD_MIN_ROWS } from './fast-load.js'

/** Quote an identifier with double quotes, doubling any inside: `a"b` → `"a""b"`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** A SQL literal: NULL, numbers, 1/0 for booleans, '…' text, X'…' for bytes, JSON text for objects. */
function literal(value: Value, type: LogicalType): string {
  const v = toSqliteValue(value, type)
  if (v === null) return 'NULL'
  if (typeof v === 'bigint') return v.toString()
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NULL'
    // SQLite reads an out-of-range literal as ±Infinity; there is no Infinity keyword.
    if (!Number.isFinite(v)) return v > 0 ? '9e999' : '-9e999'
    return String(v)
  }
  if (Buffer.isBuffer(v)) return `X'${v.toString('hex').toUpperCase()}'`
  return `'${v.replace(/'/g, "''")}'`
}

/**
 * The SQLite dialect. `qualify` ignores `schema` (tdg reads only `main`). `maxParams` is 32766: the
 * SQLITE_MAX_VARIABLE_NUMBER default since SQLite 3.32, which better-sqlite3 bundles.
 */
export const sqliteDialect: SqlDialect = {
  id: 'sqlite',
  quoteIdent,
  qualify: (ref: TableRef) => quoteIdent(ref.name),
  literal,
  toLogicalType: sqliteToLogicalType,
  classifyDefault: sqliteClassifyDefault,
  limits: { maxParams: 32766 },
  defaultSchema: 'main',
  // Explicit keys above sqlite_sequence move it themselves: nothing to sync.
  identitySyncSql: () => [],
  // Children first (the caller's order), so FK checks never see an orphan. A rowid table restarts at
  // max(rowid) + 1 by itself; an AUTOINCREMENT one's sqlite_sequence entry (a table that exists only
  // when some AUTOINCREMENT table does) is set to the written max by the writer's syncIdentity.
  truncateSql: (tables) => tables.map((t) => `DELETE FROM ${quoteIdent(t.name)}`),
  // Deferred FKs of cycles: see deferral.ts.
  deferConstraintsSql: sqliteDeferral,
  deferralMechanism: sqliteDeferralMechanism,
  // The PRAGMA defers every FK to COMMIT: a cycle whose cut a self-FK reads goes in whole (deferral.ts).
  defersAllForeignKeys: true,
  // Big loads into empty tables: see fast-load.ts.
  fastLoad: { minRows: FAST_LOAD_MIN_ROWS, strategy: 'CREATE INDEX indexes dropped and re-created after the load from their own SQL' },
  // CREATE statements for `clone --create-schema`: see render-ddl.ts.
  renderSchema: (model) => renderSqliteSchema(model),
  // `tdg profile`'s samples: see sampling.ts.
  sampling: sqliteSampling(quoteIdent),
}
