/**
 * The PostgreSQL dialect: quoting, literals, type mapping and default classification. No connection;
 * used offline by the DDL parser and the SQL exporter as well as by the live adapter.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { TableRef } from '../../src/model/schema.js'
import { classifyPostgresDefault } from './classify-default.js'
import { postgresLiteral } from './literal.js'
import { postgresLogicalType } from './types.js'

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
}
