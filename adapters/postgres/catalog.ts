/**
 * The pg_catalog queries behind `introspect()`: one query per concern, each with the row shape it
 * returns. Parameters are `$1`…; oid lists travel as arrays (`$1::oid[]`).
 * Names are ordered with COLLATE "C" so output does not depend on the server's locale.
 */

export interface TableRow {
  oid: number
  schema: string
  name: string
  kind: 'r' | 'p'
  is_partition: boolean
  parent: string | null
}
/** Ordinary and partitioned tables of the given schemas (`$1` = text[]). */
export const TABLES_SQL = `
select c.oid, n.nspname as schema, c.relname as name, c.relkind as kind, c.relispartition as is_partition,
  (select pn.nspname || '.' || pc.relname from pg_inherits i
     join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
    where i.inhrelid = c.oid order by i.inhseqno limit 1) as parent
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname = any($1::text[])
order by n.nspname collate "C", c.relname collate "C"`

export interface ColumnRow {
  table_oid: number
  attnum: number
  name: string
  not_null: boolean
  native_type: string
  type_oid: number
  identity: '' | 'a' | 'd'
  generated: '' | 's'
  default_sql: string | null
}
/** Live columns of the given tables, by attnum (`$1` = oid[]). */
export const COLUMNS_SQL = `
select a.attrelid as table_oid, a.attnum, a.attname as name, a.attnotnull as not_null,
  format_type(a.atttypid, a.atttypmod) as native_type, a.atttypid as type_oid,
  a.attidentity as identity, a.attgenerated as generated, pg_get_expr(d.adbin, d.adrelid) as default_sql
from pg_attribute a
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped
order by a.attrelid, a.attnum`

export interface ConstraintRow {
  table_oid: number
  type_oid: number
  name: string
  type: 'p' | 'f' | 'c'
  columns: string[]
  ref_schema: string | null
  ref_table: string | null
  ref_columns: string[]
  on_update: string
  on_delete: string
  deferrable: boolean
  deferred: boolean
  definition: string
}
/**
 * PK, FK and CHECK constraints of the tables (`$1`) and CHECKs of the domains (`$2`).
 * Column lists keep key order (conkey/confkey order). Partition clones (conparentid ≠ 0) are left out.
 */
export const CONSTRAINTS_SQL = `
select c.conrelid as table_oid, c.contypid as type_oid, c.conname as name, c.contype as type,
  array(select a.attname::text from unnest(c.conkey) with ordinality k(n, ord)
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.ord) as columns,
  rn.nspname as ref_schema, rc.relname as ref_table,
  array(select a.attname::text from unnest(c.confkey) with ordinality k(n, ord)
          join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.ord) as ref_columns,
  c.confupdtype as on_update, c.confdeltype as on_delete, c.condeferrable as deferrable,
  c.condeferred as deferred, pg_get_constraintdef(c.oid) as definition
from pg_constraint c
left join pg_class rc on rc.oid = c.confrelid
left join pg_namespace rn on rn.oid = rc.relnamespace
where c.conparentid = 0
  and ((c.conrelid = any($1::oid[]) and c.contype in ('p', 'f', 'c'))
    or (c.contypid = any($2::oid[]) and c.contype = 'c'))
order by c.conrelid, c.contypid, c.contype, c.conname collate "C"`

export interface IndexRow {
  table_oid: number
  name: string
  partial: boolean
  has_expressions: boolean
  columns: string[]
  /** Each key column or expression as SQL text (pg_get_indexdef), in key order. */
  key_defs: string[]
}
/** UNIQUE indexes that are not the primary key (covers UNIQUE constraints too), key columns in order. */
export const UNIQUE_INDEXES_SQL = `
select i.indrelid as table_oid, ic.relname as name, i.indpred is not null as partial,
  i.indexprs is not null as has_expressions,
  array(select a.attname::text from unnest(i.indkey) with ordinality k(n, ord)
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n
         where k.ord <= i.indnkeyatts order by k.ord) as columns,
  array(select pg_get_indexdef(i.indexrelid, k, true) from generate_series(1, i.indnkeyatts) k) as key_defs
from pg_index i join pg_class ic on ic.oid = i.indexrelid
where i.indrelid = any($1::oid[]) and i.indisunique and not i.indisprimary
order by i.indrelid, ic.relname collate "C"`

export interface EnumRow {
  oid: number
  array_oid: number
  schema: string
  name: string
  values: string[]
}
/** Every user enum (columns may use enums of schemas that are not introspected), labels by sort order. */
export const ENUMS_SQL = `
select t.oid, t.typarray as array_oid, n.nspname as schema, t.typname as name,
  array_agg(e.enumlabel::text order by e.enumsortorder) as values
from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
group by t.oid, t.typarray, n.nspname, t.typname
order by n.nspname collate "C", t.typname collate "C"`

export interface DomainRow {
  oid: number
  schema: string
  name: string
  base_oid: number
  base_type: string
  not_null: boolean
  default_sql: string | null
}
/** Every user domain with its base type as format_type spells it. */
export const DOMAINS_SQL = `
select t.oid, n.nspname as schema, t.typname as name, t.typbasetype as base_oid,
  format_type(t.typbasetype, t.typtypmod) as base_type, t.typnotnull as not_null,
  pg_get_expr(t.typdefaultbin, 0) as default_sql
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'd' and n.nspname not in ('pg_catalog', 'information_schema')
order by n.nspname collate "C", t.typname collate "C"`

export interface SequenceRow {
  table_oid: number
  attnum: number
  /** 'a' = OWNED BY (serial), 'i' = identity. */
  deptype: 'a' | 'i'
  seq_schema: string
  seq_name: string
  start: bigint
  increment: bigint
}
/** Sequences owned by a column of the tables (serial) or backing an identity column. */
export const SEQUENCES_SQL = `
select d.refobjid as table_oid, d.refobjsubid as attnum, d.deptype, sn.nspname as seq_schema,
  sc.relname as seq_name, s.seqstart as start, s.seqincrement as increment
from pg_depend d
join pg_class sc on sc.oid = d.objid and sc.relkind = 'S'
join pg_namespace sn on sn.oid = sc.relnamespace
join pg_sequence s on s.seqrelid = sc.oid
where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
  and d.deptype in ('a', 'i') and d.refobjid = any($1::oid[]) and d.refobjsubid > 0`

export interface CommentRow {
  table_oid: number
  attnum: number
  description: string
}
/** COMMENT ON TABLE (attnum 0) and COMMENT ON COLUMN of the tables. */
export const COMMENTS_SQL = `
select objoid as table_oid, objsubid as attnum, description
from pg_description
where classoid = 'pg_class'::regclass and objoid = any($1::oid[])`
