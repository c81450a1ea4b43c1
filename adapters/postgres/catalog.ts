/**
 * The pg_catalog queries behind `introspect()`: one SELECT per concern, each with the row shape it
 * returns, sent as ONE statement (`INTROSPECT_SQL`): one round trip, parse and plan instead of seven,
 * each of which costs a few ms on a fresh backend (issue 16, start-up). Each concern's rows arrive as one
 * JSON array in the order its `order` names; oids travel as int8 (JSON numbers: json renders `oid` as
 * text), sequence numbers as text (exact past 2^53).
 * Names are ordered with COLLATE "C" so output does not depend on the server's locale.
 */

/** The tables' oids for the other concerns: those of the tables query less partitions (an init-plan, so each catalog is read by its index). */
const TABLE_OIDS = 'array(select oid::oid from tdg_tables where not is_partition)'
/** Every domain's oid (their CHECKs are read with the tables'). */
const DOMAIN_OIDS = 'array(select oid::oid from tdg_domains)'

/** One concern: its SELECT (no ORDER BY) and the order of its rows, in the SELECT's output names. */
interface Concern {
  sql: string
  order?: string
}

export interface TableRow {
  oid: number
  schema: string
  name: string
  kind: 'r' | 'p'
  is_partition: boolean
  parent: string | null
}
/** Ordinary and partitioned tables of the given schemas (`$1` = text[]). */
const TABLES: Concern = {
  sql: `
select c.oid::int8 as oid, n.nspname as schema, c.relname as name, c.relkind as kind, c.relispartition as is_partition,
  (select pn.nspname || '.' || pc.relname from pg_inherits i
     join pg_class pc on pc.oid = i.inhparent join pg_namespace pn on pn.oid = pc.relnamespace
    where i.inhrelid = c.oid order by i.inhseqno limit 1) as parent
from pg_class c join pg_namespace n on n.oid = c.relnamespace
where c.relkind in ('r', 'p') and n.nspname = any($1::text[])`,
  order: 'schema collate "C", name collate "C"',
}

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
/** Live columns of the tables, by attnum. */
const COLUMNS: Concern = {
  sql: `
select a.attrelid::int8 as table_oid, a.attnum, a.attname as name, a.attnotnull as not_null,
  format_type(a.atttypid, a.atttypmod) as native_type, a.atttypid::int8 as type_oid,
  a.attidentity as identity, a.attgenerated as generated, pg_get_expr(d.adbin, d.adrelid) as default_sql
from pg_attribute a
left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
where a.attrelid = any(${TABLE_OIDS}) and a.attnum > 0 and not a.attisdropped`,
  order: 'table_oid, attnum',
}

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
 * PK, FK and CHECK constraints of the tables and CHECKs of the domains.
 * Column lists keep key order (conkey/confkey order). Partition clones (conparentid ≠ 0) are left out.
 */
const CONSTRAINTS: Concern = {
  sql: `
select c.conrelid::int8 as table_oid, c.contypid::int8 as type_oid, c.conname as name, c.contype as type,
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
  and ((c.conrelid = any(${TABLE_OIDS}) and c.contype in ('p', 'f', 'c'))
    or (c.contypid = any(${DOMAIN_OIDS}) and c.contype = 'c'))`,
  order: 'table_oid, type_oid, type, name collate "C"',
}

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
const UNIQUE_INDEXES: Concern = {
  sql: `
select i.indrelid::int8 as table_oid, ic.relname as name, i.indpred is not null as partial,
  i.indexprs is not null as has_expressions,
  array(select a.attname::text from unnest(i.indkey) with ordinality k(n, ord)
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n
         where k.ord <= i.indnkeyatts order by k.ord) as columns,
  array(select pg_get_indexdef(i.indexrelid, k, true) from generate_series(1, i.indnkeyatts) k) as key_defs
from pg_index i join pg_class ic on ic.oid = i.indexrelid
where i.indrelid = any(${TABLE_OIDS}) and i.indisunique and not i.indisprimary`,
  order: 'table_oid, name collate "C"',
}

export interface EnumRow {
  oid: number
  array_oid: number
  schema: string
  name: string
  values: string[]
}
/** Every user enum (columns may use enums of schemas that are not introspected), labels by sort order. */
const ENUMS: Concern = {
  sql: `
select t.oid::int8 as oid, t.typarray::int8 as array_oid, n.nspname as schema, t.typname as name,
  array_agg(e.enumlabel::text order by e.enumsortorder) as values
from pg_type t join pg_namespace n on n.oid = t.typnamespace join pg_enum e on e.enumtypid = t.oid
group by t.oid, t.typarray, n.nspname, t.typname`,
  order: 'schema collate "C", name collate "C"',
}

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
const DOMAINS: Concern = {
  sql: `
select t.oid::int8 as oid, n.nspname as schema, t.typname as name, t.typbasetype::int8 as base_oid,
  format_type(t.typbasetype, t.typtypmod) as base_type, t.typnotnull as not_null,
  pg_get_expr(t.typdefaultbin, 0) as default_sql
from pg_type t join pg_namespace n on n.oid = t.typnamespace
where t.typtype = 'd' and n.nspname not in ('pg_catalog', 'information_schema')`,
  order: 'schema collate "C", name collate "C"',
}

export interface SequenceRow {
  table_oid: number
  attnum: number
  /** 'a' = OWNED BY (serial), 'i' = identity. */
  deptype: 'a' | 'i'
  seq_schema: string
  seq_name: string
  /** Decimal text of the int8. */
  start: string
  increment: string
}
/** Sequences owned by a column of the tables (serial) or backing an identity column. */
const SEQUENCES: Concern = {
  sql: `
select d.refobjid::int8 as table_oid, d.refobjsubid as attnum, d.deptype, sn.nspname as seq_schema,
  sc.relname as seq_name, s.seqstart::text as start, s.seqincrement::text as increment
from pg_depend d
join pg_class sc on sc.oid = d.objid and sc.relkind = 'S'
join pg_namespace sn on sn.oid = sc.relnamespace
join pg_sequence s on s.seqrelid = sc.oid
where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
  and d.deptype in ('a', 'i') and d.refobjid = any(${TABLE_OIDS}) and d.refobjsubid > 0`,
}

export interface CommentRow {
  table_oid: number
  attnum: number
  description: string
}
/** COMMENT ON TABLE (attnum 0) and COMMENT ON COLUMN of the tables. */
const COMMENTS: Concern = {
  sql: `
select objoid::int8 as table_oid, objsubid as attnum, description
from pg_description
where classoid = 'pg_class'::regclass and objoid = any(${TABLE_OIDS})`,
}

/** The one row of `INTROSPECT_SQL`: every concern's rows. */
export interface CatalogRows {
  tables: TableRow[]
  enums: EnumRow[]
  domains: DomainRow[]
  columns: ColumnRow[]
  indexes: IndexRow[]
  sequences: SequenceRow[]
  comments: CommentRow[]
  constraints: ConstraintRow[]
}

/** `concern`'s rows as one JSON array (`[]` when none), in its order. */
function rowsOf(concern: Concern): string {
  return `coalesce((select json_agg(r${concern.order ? ` order by ${concern.order}` : ''}) from (${concern.sql}) r), '[]'::json)`
}

/**
 * Everything `introspect()` reads about the tables of the schemas `$1` (text[]), as one row of JSON
 * arrays (`CatalogRows`).
 */
export const INTROSPECT_SQL = `
with tdg_tables as (${TABLES.sql}),
  tdg_domains as (${DOMAINS.sql})
select
  coalesce((select json_agg(r order by ${TABLES.order}) from tdg_tables r), '[]'::json) as tables,
  ${rowsOf(ENUMS)} as enums,
  coalesce((select json_agg(r order by ${DOMAINS.order}) from tdg_domains r), '[]'::json) as domains,
  ${rowsOf(COLUMNS)} as columns,
  ${rowsOf(UNIQUE_INDEXES)} as indexes,
  ${rowsOf(SEQUENCES)} as sequences,
  ${rowsOf(COMMENTS)} as comments,
  ${rowsOf(CONSTRAINTS)} as constraints`
