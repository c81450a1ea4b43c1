/**
 * The SQL Server dialect: [bracket] quoting, T-SQL literals, type mapping, default classification,
 * limits, and the statements the SQL exporter needs around identity columns. No connection; used
 * offline by the DDL parser and the SQL exporter as well as by the live adapter.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { Table, TableRef } from '../../src/model/schema.js'
import { classifyMssqlDefault } from './classify-default.js'
import { mssqlLiteral, tableNameString } from './literal.js'
import { mssqlLogicalType } from './types.js'
import { mssqlDeferral, mssqlDeferralMechanism } from './deferral.js'
import { renderMssqlSchema } from './render-ddl.js'
import { mssqlSampling } from './sampling.js'

/** The schema of unqualified table refs. */
export const DEFAULT_SCHEMA = 'dbo'

/** `[name]`, doubling any `]` inside: `a]b` → `[a]]b]`. Always quotes: safe for any name. */
export function quoteIdent(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`
}

/** `[schema].[table]`, the schema defaulting to `dbo`. */
export function qualify(ref: TableRef): string {
  return `${quoteIdent(ref.schema ?? DEFAULT_SCHEMA)}.${quoteIdent(ref.name)}`
}

/** True when `columns` include an identity column of `table` (explicit keys need IDENTITY_INSERT). */
export function writesIdentity(table: Table, columns: readonly string[]): boolean {
  return table.columns.some((c) => c.identity !== undefined && columns.includes(c.name))
}

/**
 * SQL Server. `maxParams` is the RPC limit of 2100 parameters per request; `maxRowsPerInsert` the
 * 1000-row limit of a `VALUES` table value constructor.
 */
export const mssqlDialect: SqlDialect = {
  id: 'mssql',
  quoteIdent,
  qualify,
  literal: mssqlLiteral,
  toLogicalType: mssqlLogicalType,
  classifyDefault: classifyMssqlDefault,
  limits: { maxParams: 2100, maxRowsPerInsert: 1000 },
  defaultSchema: DEFAULT_SCHEMA,
  identitySyncSql: mssqlIdentitySyncSql,
  // TRUNCATE fails on a table any FK references (even an empty one): DELETE, children first (the caller's
  // order), then RESEED 0 where the table has an identity, so the next identity is 0 + increment.
  truncateSql: (tables) => [...tables.map((t) => `DELETE FROM ${qualify(t)}`), ...tables.map(mssqlRestartIdentitySql)],
  // Deferred FKs of cycles: see deferral.ts.
  deferConstraintsSql: mssqlDeferral(quoteIdent, qualify),
  deferralMechanism: mssqlDeferralMechanism,
  beforeInsertSql: (table, columns) => (writesIdentity(table, columns) ? [`SET IDENTITY_INSERT ${qualify(table)} ON`] : []),
  afterInsertSql: (table, columns) => (writesIdentity(table, columns) ? [`SET IDENTITY_INSERT ${qualify(table)} OFF`] : []),
  // XACT_ABORT: any error rolls the whole script's transaction back instead of going on without it.
  // CREATE statements for `clone --create-schema`: see render-ddl.ts.
  renderSchema: (model) => renderMssqlSchema(model),
  transactionSql: { begin: 'SET XACT_ABORT ON;\nBEGIN TRANSACTION;\n', commit: 'COMMIT TRANSACTION;\n' },
  // `tdg profile`'s estimates and samples: see sampling.ts.
  sampling: mssqlSampling(qualify),
}

/**
 * `DBCC CHECKIDENT (t, RESEED)`: when the identity's current value is below the highest value in the
 * column it is moved up to it, so the next insert gets max + increment. An empty table is left alone.
 */
function mssqlIdentitySyncSql(table: Table): string[] {
  if (!table.columns.some((c) => c.identity !== undefined)) return []
  return [`DBCC CHECKIDENT (${tableNameString(qualify(table))}, RESEED) WITH NO_INFOMSGS`]
}

/**
 * Restart an emptied table's identity: `DBCC CHECKIDENT (…, RESEED, 0)` (the next identity is 0 +
 * increment), the name a plain '[schema].[table]' literal. Fails on a table without an identity column.
 */
export function mssqlReseedZeroSql(table: TableRef): string {
  return `DBCC CHECKIDENT (${nameLiteral(table)}, RESEED, 0) WITH NO_INFOMSGS`
}

/**
 * `mssqlReseedZeroSql` guarded so a table without an identity column is no error. Keys are then planned
 * from the identity's start, and the sync after the inserts moves the identity up to the written maximum.
 */
export function mssqlRestartIdentitySql(table: TableRef): string {
  return `IF OBJECTPROPERTY(OBJECT_ID(${nameLiteral(table)}), 'TableHasIdentity') = 1 ${mssqlReseedZeroSql(table)}`
}

function nameLiteral(table: TableRef): string {
  return tableNameString(qualify(table))
}
