/**
 * The PostgreSQL dialect: quoting, literals, type mapping and default classification. No connection;
 * used offline by the DDL parser and the SQL exporter as well as by the live adapter.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { Table, TableRef } from '../../src/model/schema.js'
import { classifyPostgresDefault } from './classify-default.js'
import { postgresLiteral } from './literal.js'
import { postgresLogicalType } from './types.js'
import { postgresDeferral, postgresDeferralMechanism } from './deferral.js'
import { DEFER_MIN_ROWS } from './deferred-indexes.js'
import { renderPostgresSchema } from './render-ddl.js'
import { postgresSampling } from './sampling.js'

/** Quote an identifier with double quotes, doubling embedded ones. Always quotes: safe for any name. */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/** `"schema"."table"`, or just `"table"` when the ref has no schema. */
function qualify(ref: TableRef): string {
  return ref.schema ? `${quoteIdent(ref.schema)}.${quoteIdent(ref.name)}` : quoteIdent(ref.name)
}

/** PostgreSQL. `maxParams` is the wire protocol's 16-bit bind parameter count limit. */
export const postgresDialect: SqlDialect = {
  id: 'postgres',
  quoteIdent,
  qualify,
  literal: postgresLiteral,
  toLogicalType: postgresLogicalType,
  classifyDefault: classifyPostgresDefault,
  limits: { maxParams: 65535 },
  defaultSchema: 'public',
  identitySyncSql: postgresIdentitySyncSql,
  // One TRUNCATE for all tables: FKs between them are no obstacle. RESTART IDENTITY resets identity
  // columns and the sequences serial columns own, transactionally (a rollback restores them).
  truncateSql: (tables) => (tables.length === 0 ? [] : [`TRUNCATE TABLE ${tables.map(qualify).join(', ')} RESTART IDENTITY`]),
  // Deferred FKs of cycles: see deferral.ts.
  deferConstraintsSql: postgresDeferral(quoteIdent, qualify),
  deferralMechanism: postgresDeferralMechanism,
  // Big loads into empty tables: see deferred-indexes.ts.
  fastLoad: { minRows: DEFER_MIN_ROWS, strategy: 'indexes after load, FKs re-added' },
  // CREATE statements for `clone --create-schema`: see render-ddl.ts.
  renderSchema: (model) => renderPostgresSchema(model),
  insertOverriding: (table) => (table.columns.some((c) => c.identity?.kind === 'always') ? 'OVERRIDING SYSTEM VALUE' : undefined),
  // `tdg profile`'s estimates and samples: see sampling.ts.
  sampling: postgresSampling(qualify),
}

/**
 * `setval` of each identity/serial sequence to the column's max (is_called, so the next nextval gives
 * max + 1); an empty table leaves the sequence alone.
 */
function postgresIdentitySyncSql(table: Table): string[] {
  const rel = qualify(table)
  return table.columns
    .filter((c) => c.identity !== undefined)
    .map((c) => {
      const col = quoteIdent(c.name)
      return `SELECT setval(pg_get_serial_sequence('${rel.replace(/'/g, "''")}', '${c.name.replace(/'/g, "''")}'), max(${col}), true) FROM ${rel} HAVING max(${col}) IS NOT NULL`
    })
}
