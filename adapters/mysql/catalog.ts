/**
 * The information_schema queries behind `introspect()`: one query per concern, each with the row shape
 * it returns, all for the connection's current database (`DATABASE()`). Columns are aliased in lower
 * case (MySQL 8 returns information_schema names in upper case otherwise).
 */

export interface ServerRow {
  version: string
  db: string | null
}
export const SERVER_SQL = 'select version() as version, database() as db'

export interface TableRow {
  name: string
  comment: string | null
}
/** Base tables (not views) of the current database. */
export const TABLES_SQL = `
select table_name as name, table_comment as comment
from information_schema.tables
where table_schema = database() and table_type = 'BASE TABLE'
order by table_name`

export interface ColumnRow {
  table_name: string
  name: string
  column_default: string | null
  is_nullable: 'YES' | 'NO'
  data_type: string
  column_type: string
  extra: string
  generation_expression: string | null
  comment: string | null
}
export const COLUMNS_SQL = `
select table_name, column_name as name, column_default, is_nullable, data_type, column_type, extra,
  generation_expression, column_comment as comment
from information_schema.columns
where table_schema = database()
order by table_name, ordinal_position`

export interface IndexRow {
  table_name: string
  name: string
  column_name: string | null
  sub_part: number | null
}
/** Unique indexes (PRIMARY included), key columns in order; `column_name` null = a MySQL 8 functional part. */
export const UNIQUE_INDEXES_SQL = `
select table_name, index_name as name, column_name, sub_part
from information_schema.statistics
where table_schema = database() and non_unique = 0
order by table_name, index_name, seq_in_index`

export interface ForeignKeyRow {
  table_name: string
  name: string
  column_name: string
  ref_schema: string
  ref_table: string
  ref_column: string
  update_rule: string
  delete_rule: string
}
export const FOREIGN_KEYS_SQL = `
select k.table_name, k.constraint_name as name, k.column_name, k.referenced_table_schema as ref_schema,
  k.referenced_table_name as ref_table, k.referenced_column_name as ref_column, r.update_rule, r.delete_rule
from information_schema.key_column_usage k
join information_schema.referential_constraints r
  on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name
where k.table_schema = database() and k.referenced_table_name is not null
order by k.table_name, k.constraint_name, k.ordinal_position`

export interface CheckRow {
  table_name: string
  name: string
  clause: string
  /** MariaDB: 'Column' for a column-level CHECK (named after its column); null on MySQL. */
  level: string | null
}
/** MariaDB keeps check names per table and has TABLE_NAME/LEVEL in CHECK_CONSTRAINTS. */
export const CHECKS_MARIADB_SQL = `
select table_name, constraint_name as name, check_clause as clause, level
from information_schema.check_constraints
where constraint_schema = database()
order by table_name, constraint_name`
/** MySQL ≥ 8.0.16: check names are unique per schema; the table comes from TABLE_CONSTRAINTS. */
export const CHECKS_MYSQL_SQL = `
select tc.table_name, cc.constraint_name as name, cc.check_clause as clause, null as level
from information_schema.table_constraints tc
join information_schema.check_constraints cc
  on cc.constraint_schema = tc.constraint_schema and cc.constraint_name = tc.constraint_name
where tc.table_schema = database() and tc.constraint_type = 'CHECK'
order by tc.table_name, cc.constraint_name`
