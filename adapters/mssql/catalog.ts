/**
 * The sys catalog queries behind `introspect()`: one query per concern, each with the row shape it
 * returns. `TABLES` is spliced into the others as the set of object ids to read (a subquery), built
 * from the schema list with N'…' literals — catalog names, never user data.
 */
import { nstring } from './literal.js'

/** `object_id IN (…)` subquery of user tables in `schemas` (every user schema when empty). */
export function tableIds(schemas: string[]): string {
  const where = schemas.length > 0 ? `s.name IN (${schemas.map(nstring).join(', ')})` : `s.name NOT IN (N'sys', N'INFORMATION_SCHEMA')`
  return `SELECT t.object_id FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE t.is_ms_shipped = 0 AND ${where}`
}

export interface TableRow {
  object_id: number
  schema: string
  name: string
}
export const tablesSql = (ids: string) => `
SELECT t.object_id, s.name AS [schema], t.name
FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id
WHERE t.object_id IN (${ids})
ORDER BY s.name, t.name`

export interface ColumnRow {
  object_id: number
  name: string
  /** TYPE_NAME(system_type_id), or the built-in's own name (sysname). */
  type_name: string
  max_length: number
  precision: number
  scale: number
  is_nullable: boolean
  /** sys.types.is_nullable of the column's type: false for an alias type declared NOT NULL. */
  type_is_nullable: boolean
  is_identity: boolean
  is_computed: boolean
  /** 0 = ordinary, else a temporal period column the server fills. */
  generated_always_type: number
  /** Alias (user) type name when the column is declared with one. */
  user_type: string | null
  seed: string | null
  increment: string | null
  computed_definition: string | null
  is_persisted: boolean | null
  default_definition: string | null
}
export const columnsSql = (ids: string) => `
SELECT c.object_id, c.name,
  CASE WHEN ut.is_user_defined = 0 THEN ut.name ELSE TYPE_NAME(c.system_type_id) END AS type_name,
  c.max_length, c.precision, c.scale, c.is_nullable, ut.is_nullable AS type_is_nullable, c.is_identity, c.is_computed,
  CAST(COALESCE(c.generated_always_type, 0) AS int) AS generated_always_type,
  CASE WHEN ut.is_user_defined = 1 AND ut.is_assembly_type = 0 THEN ut.name END AS user_type,
  CAST(ic.seed_value AS nvarchar(40)) AS seed, CAST(ic.increment_value AS nvarchar(40)) AS increment,
  cc.definition AS computed_definition, cc.is_persisted, dc.definition AS default_definition
FROM sys.columns c
JOIN sys.types ut ON ut.user_type_id = c.user_type_id
LEFT JOIN sys.identity_columns ic ON ic.object_id = c.object_id AND ic.column_id = c.column_id
LEFT JOIN sys.computed_columns cc ON cc.object_id = c.object_id AND cc.column_id = c.column_id
LEFT JOIN sys.default_constraints dc ON dc.object_id = c.default_object_id
WHERE c.object_id IN (${ids})
ORDER BY c.object_id, c.column_id`

export interface IndexRow {
  object_id: number
  name: string
  is_primary_key: boolean
  has_filter: boolean
  column_name: string
}
/** Unique indexes (PRIMARY KEY and UNIQUE constraints included), key columns in key order. */
export const uniqueIndexesSql = (ids: string) => `
SELECT i.object_id, i.name, i.is_primary_key, i.has_filter, c.name AS column_name
FROM sys.indexes i
JOIN sys.index_columns ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id AND ic.key_ordinal > 0
JOIN sys.columns c ON c.object_id = ic.object_id AND c.column_id = ic.column_id
WHERE i.is_unique = 1 AND i.is_hypothetical = 0 AND i.object_id IN (${ids})
ORDER BY i.object_id, i.name, ic.key_ordinal`

export interface ForeignKeyRow {
  object_id: number
  name: string
  ref_schema: string
  ref_table: string
  on_delete: string
  on_update: string
  column_name: string
  ref_column: string
}
export const foreignKeysSql = (ids: string) => `
SELECT fk.parent_object_id AS object_id, fk.name, SCHEMA_NAME(rt.schema_id) AS ref_schema, rt.name AS ref_table,
  fk.delete_referential_action_desc AS on_delete, fk.update_referential_action_desc AS on_update,
  pc.name AS column_name, rc.name AS ref_column
FROM sys.foreign_keys fk
JOIN sys.tables rt ON rt.object_id = fk.referenced_object_id
JOIN sys.foreign_key_columns fkc ON fkc.constraint_object_id = fk.object_id
JOIN sys.columns pc ON pc.object_id = fkc.parent_object_id AND pc.column_id = fkc.parent_column_id
JOIN sys.columns rc ON rc.object_id = fkc.referenced_object_id AND rc.column_id = fkc.referenced_column_id
WHERE fk.parent_object_id IN (${ids})
ORDER BY fk.parent_object_id, fk.name, fkc.constraint_column_id`

export interface CheckRow {
  object_id: number
  name: string
  definition: string
}
export const checksSql = (ids: string) => `
SELECT cc.parent_object_id AS object_id, cc.name, cc.definition
FROM sys.check_constraints cc
WHERE cc.parent_object_id IN (${ids})
ORDER BY cc.parent_object_id, cc.name`

export interface UserTypeRow {
  schema: string
  name: string
  base: string
  max_length: number
  precision: number
  scale: number
  is_nullable: boolean
}
/** Alias types (sp_addtype, CREATE TYPE … FROM); table and CLR types are not domains. */
export const USER_TYPES_SQL = `
SELECT SCHEMA_NAME(t.schema_id) AS [schema], t.name, TYPE_NAME(t.system_type_id) AS base,
  t.max_length, t.precision, t.scale, t.is_nullable
FROM sys.types t
WHERE t.is_user_defined = 1 AND t.is_table_type = 0 AND t.is_assembly_type = 0
ORDER BY SCHEMA_NAME(t.schema_id), t.name`
