/**
 * `tdg clone` on real rows: the shared northwind dump (loaded with psql, not tdg) cloned with
 * `--mask-sensitive` PostgreSQL → PostgreSQL, → SQLite and → MariaDB (schemas created by tdg), checked by
 * the databases themselves: row counts, FK anti-joins, identical targets for one key, different values
 * for another, no original surviving (tdg leak-check, and our own SQL for the names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, postgresAvailable, postgresMissingReason, type FreshMysql, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { sharedFixture } from '../support/shared-fixtures.js'
import { counts, pgState, psql, sqliteState, withPg } from '../support/table-state.js'
import { rawQuery } from '../support/raw-query.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[clone-northwind] skipped: ${postgresMissingReason()}`)

const KEY = 'northwind-test-key-0123456789'
const OTHER_KEY = 'another-test-key-9876543210abc'
const env = (key = KEY) => ({ TDG_MASK_KEY: key })

/** Every FK of a PostgreSQL database as anti-join SQL counting orphans. */
async function pgOrphans(url: string): Promise<Record<string, number>> {
  return withPg(url, async (c) => {
    const fks = await c.query<{ name: string; child: string; parent: string; ccols: string[]; pcols: string[] }>(`
      select con.conname as name, con.conrelid::regclass::text as child, con.confrelid::regclass::text as parent,
             array(select attname from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by i)::text[] as ccols,
             array(select attname from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by i)::text[] as pcols
        from pg_constraint con where con.contype = 'f'`)
    const out: Record<string, number> = {}
    for (const fk of fks.rows) {
      const on = fk.ccols.map((cc, i) => `p."${fk.pcols[i]}" = c."${cc}"`).join(' and ')
      const notNull = fk.ccols.map((cc) => `c."${cc}" is not null`).join(' and ')
      const r = await c.query<{ n: string }>(`select count(*)::text as n from ${fk.child} c where ${notNull} and not exists (select 1 from ${fk.parent} p where ${on})`)
      out[`${fk.child}.${fk.name}`] = Number(r.rows[0]!.n)
    }
    return out
  })
}

describe.skipIf(!pg)('tdg clone of northwind (real rows)', () => {
  let src: FreshPostgres
  const made: Array<FreshPostgres | FreshMysql> = []
  const dirs: string[] = []
  const fresh = async () => {
    const d = await freshPostgresDatabase()
    made.push(d)
    return d
  }
  beforeAll(async () => {
    src = await freshPostgresDatabase()
    psql(src.url, { file: sharedFixture('northwind-postgres.sql') })
  })
  afterAll(async () => {
    for (const d of [src, ...made]) await d?.drop()
    for (const d of dirs) rmSync(d, { recursive: true, force: true })
  })

  it('PG → PG with --mask-sensitive: counts equal, every FK holds, 0 survivors, one key gives identical targets, another key other values', async () => {
    const a = await fresh()
    const r = await runCli(['clone', '--from', src.url, '--to', a.url, '--create-schema', '--mask-sensitive', '--verify'], { env: env(), timeoutMs: 120_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    expect(r.stdout).toMatch(/leak check: 0 survivors/)
    expect(r.stderr).toMatch(/masking \d+ columns in \d+ tables/)
    const before = await pgState(src.url)
    const after = await pgState(a.url)
    expect(counts(after)).toEqual(counts(before))
    expect(Object.values(await pgOrphans(a.url)).every((n) => n === 0)).toBe(true)
    expect(Object.keys(await pgOrphans(a.url)).length).toBe(Object.keys(await pgOrphans(src.url)).length)
    // Masked: most contact names differ from the originals, row by row (matched by the unmasked key).
    const names = await withPg(a.url, (c) => c.query<{ customer_id: string; contact_name: string; phone: string }>('select customer_id, contact_name, phone from customers order by 1'))
    const orig = await withPg(src.url, (c) => c.query<{ customer_id: string; contact_name: string; phone: string }>('select customer_id, contact_name, phone from customers order by 1'))
    const byId = new Map(orig.rows.map((x) => [x.customer_id, x]))
    const masked = names.rows.filter((x) => byId.get(x.customer_id) && byId.get(x.customer_id)!.contact_name !== x.contact_name)
    expect(masked.length).toBe(names.rows.length)
    // They still look like names: two or more words, letters.
    expect(names.rows.every((x) => /^\p{L}[\p{L}'.-]*( \p{L}[\p{L}'.-]*)+$/u.test(x.contact_name))).toBe(true)
    // The same key twice: identical tables.
    const b = await fresh()
    const r2 = await runCli(['clone', '--from', src.url, '--to', b.url, '--create-schema', '--mask-sensitive', '-q'], { env: env(), timeoutMs: 120_000 })
    expect(r2.code, r2.stderr).toBe(0)
    expect(await pgState(b.url)).toEqual(after)
    // Another key: other values.
    const c = await fresh()
    const r3 = await runCli(['clone', '--from', src.url, '--to', c.url, '--create-schema', '--mask-sensitive', '-q'], { env: env(OTHER_KEY), timeoutMs: 120_000 })
    expect(r3.code, r3.stderr).toBe(0)
    const other = await pgState(c.url)
    expect(other['public.customers']!.checksum).not.toBe(after['public.customers']!.checksum)
    expect(other['public.categories']!.checksum).toBe(after['public.categories']!.checksum)
    // The standalone leak check agrees, and fails on an unmasked copy.
    const lc = await runCli(['leak-check', '--from', src.url, '--to', a.url, '--mask-sensitive'], { env: env(), timeoutMs: 120_000 })
    expect(lc.code, lc.stderr + lc.stdout).toBe(0)
    const plain = await fresh()
    const r4 = await runCli(['clone', '--from', src.url, '--to', plain.url, '--create-schema', '--allow-unmapped', '-q'], { env: env(), timeoutMs: 120_000 })
    expect(r4.code, r4.stderr).toBe(0)
    const lc2 = await runCli(['leak-check', '--from', src.url, '--to', plain.url], { env: env(), timeoutMs: 120_000 })
    expect(lc2.code, lc2.stdout).toBe(1)
    expect(lc2.stderr).toMatch(/TDG_LEAK_FOUND: .*customers\.contact_name/)
    // Never a value in the report: a known original is not printed.
    expect(lc2.stdout + lc2.stderr).not.toContain('Maria Anders')
  }, 300_000)

  it('without rules or --mask-sensitive the drift guard refuses, naming the flagged columns; nothing is written', async () => {
    const a = await fresh()
    const r = await runCli(['clone', '--from', src.url, '--to', a.url, '--create-schema'], { env: env(), timeoutMs: 60_000 })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/TDG_PII_UNMAPPED: .*customers\.contact_name/)
    expect(Object.keys(await pgState(a.url))).toEqual([])
  })

  it('without a key: refused before anything is written', async () => {
    const a = await fresh()
    const r = await runCli(['clone', '--from', src.url, '--to', a.url, '--create-schema', '--mask-sensitive'], { env: { TDG_MASK_KEY: '' }, timeoutMs: 60_000 })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/TDG_MASK_KEY_MISSING/)
    expect(Object.keys(await pgState(a.url))).toEqual([])
  })

  it('PG → SQLite with a created schema: counts equal, foreign_key_check clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-clone-'))
    dirs.push(dir)
    const file = join(dir, 'dev.db')
    const r = await runCli(['clone', '--from', src.url, '--to', `sqlite:${file}`, '--create-schema', '--mask-sensitive', '--verify'], { env: env(), timeoutMs: 120_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const before = counts(await pgState(src.url))
    const after = counts(sqliteState(file))
    expect(Object.fromEntries(Object.entries(after).map(([t, n]) => [`public.${t}`, n]))).toEqual(before)
    const db = new Database(file, { readonly: true })
    try {
      expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([])
      expect((db.prepare('PRAGMA foreign_key_list(orders)').all() as unknown[]).length).toBeGreaterThan(0)
    } finally {
      db.close()
    }
  }, 180_000)

  it.skipIf(!mysqlAvailable())('PG → MariaDB with a created schema: counts equal, every FK joins', async () => {
    const my = await freshMysqlDatabase()
    made.push(my)
    const r = await runCli(['clone', '--from', src.url, '--to', my.url, '--create-schema', '--mask-sensitive', '--verify'], { env: env(), timeoutMs: 180_000 })
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const before = counts(await pgState(src.url))
    for (const [t, n] of Object.entries(before)) {
      const rows = await rawQuery('mysql', my.url, `select count(*) as n from \`${t.split('.')[1]}\``)
      expect(Number(rows[0]!.n), t).toBe(n)
    }
    const fks = await rawQuery('mysql', my.url, `select table_name as t, referenced_table_name as p, group_concat(column_name order by ordinal_position) as cc, group_concat(referenced_column_name order by ordinal_position) as pc
        from information_schema.key_column_usage where table_schema = database() and referenced_table_name is not null group by constraint_name, table_name, referenced_table_name`)
    expect(fks.length).toBeGreaterThan(5)
    for (const fk of fks) {
      const cc = String(fk.cc).split(',')
      const pc = String(fk.pc).split(',')
      const on = cc.map((c, i) => `p.\`${pc[i]}\` = c.\`${c}\``).join(' and ')
      const orphans = await rawQuery('mysql', my.url, `select count(*) as n from \`${fk.t}\` c where ${cc.map((c) => `c.\`${c}\` is not null`).join(' and ')} and not exists (select 1 from \`${fk.p}\` p where ${on})`)
      expect(Number(orphans[0]!.n), `${fk.t} → ${fk.p}`).toBe(0)
    }
  }, 240_000)

  it('subset: 10 % of customers with their parents and children; every FK holds; counts reported', async () => {
    const a = await fresh()
    const r = await runCli(['clone', '--from', src.url, '--to', a.url, '--create-schema', '--mask-sensitive', '--subset', 'customers:10%', '--with-children', '--json'], { env: env(), timeoutMs: 120_000 })
    expect(r.code, r.stderr).toBe(0)
    const doc = JSON.parse(r.stdout) as { subset: Array<{ table: string; total: number; sourceRows: number }>; tables: Array<{ table: string; rows: number }> }
    const cust = doc.subset.find((s) => s.table === 'public.customers')!
    expect(cust.sourceRows).toBe(91)
    expect(cust.total).toBeGreaterThan(3)
    expect(cust.total).toBeLessThan(30)
    const after = counts(await pgState(a.url))
    expect(after['public.customers']).toBe(cust.total)
    expect(after['public.orders']).toBeGreaterThan(0)
    expect(after['public.orders']).toBeLessThan(830)
    expect(after['public.order_details']).toBeGreaterThan(0)
    expect(Object.values(await pgOrphans(a.url)).every((n) => n === 0)).toBe(true)
    // The kept orders are exactly the source's orders of the kept customers (customer ids are not masked).
    const ids = (await withPg(a.url, (c) => c.query<{ customer_id: string }>('select customer_id from customers'))).rows.map((x) => x.customer_id)
    const want = await withPg(src.url, (c) => c.query<{ n: string }>('select count(*)::text as n from orders where customer_id = any($1)', [ids]))
    expect(after['public.orders']).toBe(Number(want.rows[0]!.n))
  }, 180_000)
})
