/**
 * Big loads into an empty table build its indexes once, after the rows, instead of one insertion per
 * row during COPY: what pg_restore does. A sorted build is several times cheaper than a million random
 * B-tree insertions (a masked clone's keys and emails arrive in no order), and the end state is the
 * same: each index or constraint is re-created from its own definition, under its own name, in the
 * same transaction (a failed or interrupted load rolls the drop back with everything else).
 *
 * Foreign keys too: the table's own NOT DEFERRABLE ones (and self-references), and the ones of empty
 * tables referencing it, are dropped before the rows and added back after the index builds with their
 * exact `pg_get_constraintdef` under their own names (NOT VALID stays NOT VALID, DEFERRABLE stays
 * DEFERRABLE): the server then checks each with one set-based query instead of a trigger per row. They
 * are back before the next table loads, so every later step and fixup update meets them. A NOT
 * DEFERRABLE key held after the COPY statement, so adding it back cannot find what a per-row check
 * would have let through; a deferrable one of another table may wait for rows still to come (tdg's
 * cycles), so it stays. A table with a deferrable foreign key of its own left in place is not touched at
 * all: its rows queue checks, and ALTER TABLE refuses a table with pending trigger events; for the same
 * reason a key referencing a table that has deferrable constraints (a NOT NULL cycle's) stays.
 *
 * Only what can be put back exactly is deferred. Kept in place: indexes anything else depends on (a
 * foreign key of another table referencing this key), the clustered and replica-identity indexes,
 * invalid ones, indexes and constraints carrying a comment, a constraint whose index has another name,
 * and every index of a partitioned table or a partition (attached partition indexes cannot be dropped
 * one by one).
 */
import type pg from 'pg'
import type { Relation } from './relation.js'

/** Loads expected to bring fewer rows keep their indexes: dropping and re-creating costs a few catalog round trips. */
export const DEFER_MIN_ROWS = 50_000

const DEFERRABLE_SQL = `
select pg_get_indexdef(i.indexrelid) as index_def, quote_ident(n.nspname) || '.' || quote_ident(ic.relname) as index_name,
  k.conname as constraint_name, case when k.oid is null then null else pg_get_constraintdef(k.oid) end as constraint_def
from pg_index i
join pg_class t on t.oid = i.indrelid
join pg_class ic on ic.oid = i.indexrelid
join pg_namespace n on n.oid = ic.relnamespace
left join pg_constraint k on k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')
where i.indrelid = $1::regclass
  and t.relkind = 'r' and not t.relispartition
  and i.indisvalid and i.indisready and not i.indisclustered and not i.indisreplident
  and (k.oid is null or k.conname = ic.relname)
  and not exists (select 1 from pg_depend d where d.refclassid = 'pg_class'::regclass and d.refobjid = i.indexrelid)
  and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
  and not exists (select 1 from pg_description c where c.objoid in (i.indexrelid, coalesce(k.oid, 0)))
order by ic.relname`

/** Foreign keys touching the table that may be dropped and re-added (see the file comment); `kept` counts the deferrable ones of its own that stay. */
const FOREIGN_SQL = `
select k.conname as name, quote_ident(cn.nspname) || '.' || quote_ident(c.relname) as owner, pg_get_constraintdef(k.oid) as def,
  k.conrelid = $1::regclass as own, k.condeferrable as deferrable, k.conrelid = k.confrelid as self_ref,
  exists (select 1 from pg_constraint o where o.conrelid = k.confrelid and o.condeferrable) as parent_deferring
from pg_constraint k
join pg_class c on c.oid = k.conrelid
join pg_namespace cn on cn.oid = c.relnamespace
join pg_class p on p.oid = k.confrelid
where k.contype = 'f' and (k.conrelid = $1::regclass or k.confrelid = $1::regclass) and k.conparentid = 0
  and c.relkind = 'r' and not c.relispartition and p.relkind = 'r' and not p.relispartition
  and not exists (select 1 from pg_description d where d.objoid = k.oid)
order by k.conname`

interface ForeignRow {
  name: string
  owner: string
  def: string
  own: boolean
  deferrable: boolean
  self_ref: boolean
  parent_deferring: boolean
}

/** `maintenance_work_mem` for the index builds (kB), raised to this for the transaction, never lowered. */
const MAINTENANCE_KB = 256 * 1024

/** SET LOCAL maintenance_work_mem = MAINTENANCE_KB where the setting (in kB) is lower. */
const RAISE_MAINTENANCE_SQL = `select set_config('maintenance_work_mem', '${MAINTENANCE_KB}kB', true) from pg_settings where name = 'maintenance_work_mem' and setting::bigint < ${MAINTENANCE_KB}`

interface DeferrableRow {
  index_def: string
  index_name: string
  constraint_name: string | null
  constraint_def: string | null
}

/**
 * When `expectedRows` reaches DEFER_MIN_ROWS and `rel` is empty, drop the indexes and index-backed
 * constraints that can be re-created exactly (see the file comment) and return the function that
 * re-creates them, to call once the rows are in; otherwise undefined (nothing changed).
 */
export async function deferIndexes(client: pg.ClientBase, rel: Relation, expectedRows: number | undefined, quote: (name: string) => string): Promise<(() => Promise<void>) | undefined> {
  if (expectedRows === undefined || expectedRows < DEFER_MIN_ROWS || rel.kind !== 'r') return undefined
  // Whether the table is empty and its foreign keys in one round trip (each costs a few ms before the COPY starts).
  const head = await client.query<{ empty: boolean; fks: ForeignRow[] }>(
    `select not exists (select 1 from ${rel.qualified}) as empty, coalesce((select json_agg(f) from (${FOREIGN_SQL}) f), '[]'::json) as fks`,
    [rel.qualified],
  )
  if (head.rows[0]?.empty !== true) return undefined
  const fks = head.rows[0].fks
  // Pending trigger events of a kept deferrable key would make every ALTER TABLE below fail.
  if (fks.some((r) => r.own && r.deferrable && !r.self_ref)) return undefined
  const readd: string[] = []
  const drops: string[] = []
  for (const r of fks) {
    if (!r.own && !r.self_ref && !(await isEmpty(client, r.owner))) continue
    // Dropping or adding a key alters the referenced table too: one with deferrable constraints may hold queued checks.
    if (r.own && !r.self_ref && r.parent_deferring) continue
    drops.push(`alter table ${r.owner} drop constraint ${quote(r.name)}`)
    readd.push(`alter table ${r.owner} add constraint ${quote(r.name)} ${r.def}`)
  }
  // The foreign keys go first: a key referenced by one of them may be deferred too, once it is dropped.
  if (drops.length > 0) await client.query(drops.join(';\n'))
  const found = await client.query<DeferrableRow>(DEFERRABLE_SQL, [rel.qualified])
  if (found.rows.length === 0 && readd.length === 0) return undefined
  const rebuild: string[] = []
  const indexDrops: string[] = []
  for (const r of found.rows) {
    if (r.constraint_name !== null && r.constraint_def !== null) {
      indexDrops.push(`alter table ${rel.qualified} drop constraint ${quote(r.constraint_name)}`)
      rebuild.push(`alter table ${rel.qualified} add constraint ${quote(r.constraint_name)} ${r.constraint_def}`)
    } else {
      indexDrops.push(`drop index ${r.index_name}`)
      rebuild.push(r.index_def)
    }
  }
  if (indexDrops.length > 0) {
    // maintenance_work_mem raised for the builds (only where lower), and the drops, in one simple-protocol round trip.
    await client.query([RAISE_MAINTENANCE_SQL, ...indexDrops].join(';\n'))
  }
  return async () => {
    // Indexes first: an added foreign key needs the unique index of the key it references. One
    // simple-protocol round trip: the statements run in order, and the first failure stops the rest.
    await client.query([...rebuild, ...readd].join(';\n'))
  }
}

async function isEmpty(client: pg.ClientBase, qualified: string): Promise<boolean> {
  const r = await client.query<{ empty: boolean }>(`select not exists (select 1 from ${qualified}) as empty`)
  return r.rows[0]?.empty === true
}
