/**
 * A big load into an empty PostgreSQL table builds its indexes after the rows (adapters/postgres/
 * deferred-indexes.ts). What must hold: afterwards every index and constraint is back exactly as it was
 * (definitions, names, comments); those that could be deferred were re-created (new OIDs) and the rest
 * (a commented index) never moved (same OIDs); a load
 * that fails half-way leaves every index where it was; a small load defers nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import type { RowBatch, Value } from '../../src/model/rows.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'

const DDL = `
CREATE TABLE parent (id bigint PRIMARY KEY, code text NOT NULL CONSTRAINT parent_code_key UNIQUE);
CREATE TABLE child (
  id bigint PRIMARY KEY,
  parent_id bigint NOT NULL REFERENCES parent (id),
  email text NOT NULL,
  n integer NOT NULL,
  CONSTRAINT child_email_key UNIQUE (email) DEFERRABLE INITIALLY IMMEDIATE,
  CONSTRAINT child_n_excl EXCLUDE USING btree (n WITH =)
);
CREATE INDEX child_lower_email ON child (lower(email)) WHERE n > 10;
CREATE INDEX child_commented ON child (parent_id) WITH (fillfactor = 70);
COMMENT ON INDEX child_commented IS 'kept in place';`

const STATE = `
select i.indexrelid::regclass::text as name, i.indexrelid::int8 as oid, pg_get_indexdef(i.indexrelid) as def,
  coalesce((select pg_get_constraintdef(k.oid) from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid), '') as con,
  coalesce(obj_description(i.indexrelid, 'pg_class'), '') as comment
from pg_index i where i.indrelid in ('parent'::regclass, 'child'::regclass) order by 1`

interface IndexState {
  name: string
  oid: string
  def: string
  con: string
  comment: string
}

async function state(url: string): Promise<IndexState[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<IndexState>(STATE)).rows
  } finally {
    await c.end()
  }
}

async function* batches(columns: string[], n: number, row: (i: number) => Value[], failAt?: number): AsyncGenerator<RowBatch> {
  for (let start = 0; start < n; start += 10_000) {
    if (failAt !== undefined && start >= failAt) throw new Error('source failed mid-load')
    const rows: Value[][] = []
    for (let i = start; i < Math.min(n, start + 10_000); i++) rows.push(row(i))
    yield { columns, rows }
  }
}

const N = 60_000
const parentRow = (i: number): Value[] => [i + 1, `code-${(i * 7919) % N}`]
const childRow = (i: number): Value[] => [i + 1, (i % N) + 1, `u${(i * 104_729) % N}@example.com`, (i * 31) % N]

describe.skipIf(!postgresAvailable())('PostgreSQL: indexes built after a big load into an empty table', () => {
  let db: FreshPostgres
  let adapter: Adapter
  beforeAll(async () => {
    if (!postgresAvailable()) return
    db = await freshPostgresDatabase()
    const c = new pg.Client({ connectionString: db.url })
    await c.connect()
    await c.query(DDL)
    await c.end()
    adapter = await connect(db.url)
  })
  afterAll(async () => {
    await adapter?.close()
    await db?.drop()
  })

  it('a failed load leaves every index where it was', async () => {
    const before = await state(db.url)
    await expect(
      adapter.transaction(async (w) => {
        await w.insert({ name: 'parent' }, batches(['id', 'code'], N, parentRow), { expectedRows: N })
        await w.insert({ name: 'child' }, batches(['id', 'parent_id', 'email', 'n'], N, childRow, 30_000), { expectedRows: N })
      }),
    ).rejects.toThrow()
    expect(await state(db.url)).toEqual(before)
  })

  it('re-creates what it deferred exactly, and leaves referenced and commented indexes alone', async () => {
    const before = await state(db.url)
    await adapter.transaction(async (w) => {
      await w.insert({ name: 'parent' }, batches(['id', 'code'], N, parentRow), { expectedRows: N })
      await w.insert({ name: 'child' }, batches(['id', 'parent_id', 'email', 'n'], N, childRow), { expectedRows: N })
    })
    const after = await state(db.url)
    const strip = (s: IndexState[]) => s.map(({ oid: _oid, ...rest }) => rest)
    expect(strip(after)).toEqual(strip(before))
    const moved = after.filter((a) => before.find((b) => b.name === a.name)!.oid !== a.oid).map((a) => a.name)
    // child was empty when parent loaded: its foreign key was dropped and re-added, so parent_pkey was
    // deferred too; child_commented carries a comment and stays.
    expect(moved.sort()).toEqual(['child_email_key', 'child_lower_email', 'child_n_excl', 'child_pkey', 'parent_code_key', 'parent_pkey'])
    const c = new pg.Client({ connectionString: db.url })
    await c.connect()
    try {
      const counts = await c.query('select (select count(*) from parent)::int as p, (select count(distinct email) from child)::int as e')
      expect(counts.rows[0]).toEqual({ p: N, e: N })
      // The re-created constraints enforce as before.
      await expect(c.query(`insert into child values (${N + 1}, 1, 'u0@example.com', -1)`)).rejects.toThrow(/child_email_key/)
      await expect(c.query(`insert into child values (${N + 1}, 1, 'new@example.com', 5)`)).rejects.toThrow(/child_n_excl/)
    } finally {
      await c.end()
    }
  })

  it('a small load, or one into a table that holds rows, defers nothing', async () => {
    const before = await state(db.url)
    await adapter.transaction(async (w) => {
      // child already holds rows: its indexes stay even for a big load.
      await w.insert({ name: 'child' }, batches(['id', 'parent_id', 'email', 'n'], N, (i) => [N + 10 + i, 1, `z${i}@example.com`, N + 10 + i]), { expectedRows: N })
    })
    expect(await state(db.url)).toEqual(before)
  })
})

describe.skipIf(postgresAvailable())('PostgreSQL deferred indexes', () => {
  it.skip(`skipped: ${postgresMissingReason()}`, () => undefined)
})
