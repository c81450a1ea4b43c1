/**
 * Big loads into an empty table build its indexes once, after the rows, instead of one insertion per
 * row during COPY: what pg_restore does. A sorted build is several times cheaper than a million random
 * B-tree insertions (a masked clone's keys and emails arrive in no order), and the end state is the
 * same: each index or constraint is re-created from its own definition, under its own name, in the
 * same transaction (a failed or interrupted load rolls the drop back with everything else).
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
  const empty = await client.query<{ empty: boolean }>(`select not exists (select 1 from ${rel.qualified}) as empty`)
  if (!empty.rows[0]?.empty) return undefined
  const found = await client.query<DeferrableRow>(DEFERRABLE_SQL, [rel.qualified])
  if (found.rows.length === 0) return undefined
  const rebuild: string[] = []
  for (const r of found.rows) {
    if (r.constraint_name !== null && r.constraint_def !== null) {
      await client.query(`alter table ${rel.qualified} drop constraint ${quote(r.constraint_name)}`)
      rebuild.push(`alter table ${rel.qualified} add constraint ${quote(r.constraint_name)} ${r.constraint_def}`)
    } else {
      await client.query(`drop index ${r.index_name}`)
      rebuild.push(r.index_def)
    }
  }
  return async () => {
    for (const sql of rebuild) await client.query(sql)
  }
}
