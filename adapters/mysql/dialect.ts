/**
 * The MySQL/MariaDB dialect: backtick quoting, literals, type mapping and default classification.
 * No connection; used offline by the DDL parser and the SQL exporter as well as by the live adapter.
 * Tables are unqualified in the model (`schema` undefined = the connection's database).
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { TableRef } from '../../src/model/schema.js'
import { classifyMysqlDefault } from './classify-default.js'
import { mysqlLiteral } from './literal.js'
import { mysqlLogicalType } from './types.js'
import { mysqlDeferral, mysqlDeferralMechanism } from './deferral.js'
import { renderMysqlSchema } from './render-ddl.js'
import { mysqlSampling } from './sampling.js'
import { FAST_LOAD_MIN_ROWS } from './fast-load.js'

/** Quote an identifier with backticks, doubling embedded ones. Always quotes: safe for any name. */
export function quoteIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``
}

/** `` `db`.`table` ``, or just `` `table` `` when the ref has no schema (the current database). */
export function qualify(ref: TableRef): string {
  return ref.schema ? `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}` : quoteIdent(ref.name)
}

/**
 * MySQL and MariaDB. `maxParams` is the protocol's 16-bit placeholder count of prepared statements;
 * multi-row INSERTs are also bounded by `max_allowed_packet` at run time (see write.ts).
 */
export const mysqlDialect: SqlDialect = {
  id: 'mysql',
  quoteIdent,
  qualify,
  literal: mysqlLiteral,
  toLogicalType: mysqlLogicalType,
  classifyDefault: classifyMysqlDefault,
  limits: { maxParams: 65535 },
  // Explicit values written into an AUTO_INCREMENT column move its counter past them (InnoDB, MyISAM,
  // Aria), so an INSERT script needs no sync statement; `ALTER TABLE … AUTO_INCREMENT` would also
  // commit the script's transaction implicitly.
  identitySyncSql: () => [],
  // TRUNCATE fails on any table an FK points at while foreign_key_checks is on (and it must stay on),
  // and it commits implicitly: DELETE, children first, keeps both the checks and the transaction.
  // AUTO_INCREMENT is not reset here (`ALTER TABLE` would commit): the truncating plan starts keys at 1
  // and the writer's syncIdentity sets the counter to max + 1 after COMMIT.
  truncateSql: (tables) => tables.map((t) => `DELETE FROM ${qualify(t)}`),
  // Deferred FKs of cycles: see deferral.ts.
  deferConstraintsSql: mysqlDeferral(quoteIdent, qualify),
  deferralMechanism: mysqlDeferralMechanism,
  // Big loads into empty tables: see fast-load.ts.
  fastLoad: { minRows: FAST_LOAD_MIN_ROWS, strategy: 'foreign_key_checks off for the load of a table with FKs, each FK verified by an anti-join before COMMIT' },
  // CREATE statements for `clone --create-schema`: see render-ddl.ts.
  renderSchema: (model) => renderMysqlSchema(model),
  // `tdg profile`'s estimates and samples: see sampling.ts.
  sampling: mysqlSampling((s) => mysqlLiteral(s, { kind: 'text' })),
}
