/**
 * computeSubset on real SQLite files: a self-referencing chain, a two-table cycle, a composite FK, an FK
 * to a UNIQUE non-PK column, a table without any key, and a table with no FK path (copied whole).
 * Every result is checked by reading the kept rows back and testing every FK independently.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../../adapters/index.js'
import type { Adapter, SnapshotReader, SnapshotScanOptions } from '../../../src/adapter/adapter.js'
import type { SchemaModel } from '../../../src/model/schema.js'
import { computeSubset, formatSubsetCounts, parseSubsetSpec, type SubsetResult } from '../../../src/subset/index.js'
import { fkViolations, keptRows } from './kept-rows.js'

const SCHEMA = `
  CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT NOT NULL, reports_to INTEGER REFERENCES employees (id));
  -- 1 → 3 → 4 (top); 2 → 1; 5 → 2; 6 → 4
  INSERT INTO employees VALUES (4, 'd', NULL), (3, 'c', 4), (1, 'a', 3), (2, 'b', 1), (5, 'e', 2), (6, 'f', 4);

  CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id));
  CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));
  -- a1 → b1 → a2 → b2 → a1 (a cycle through two tables); a3 → b3 → a3; a4 alone
  INSERT INTO a VALUES (1, 1), (2, 2), (3, 3), (4, NULL);
  INSERT INTO b VALUES (1, 2), (2, 1), (3, 3);

  CREATE TABLE regions (country TEXT NOT NULL, code INTEGER NOT NULL, label TEXT, PRIMARY KEY (country, code));
  CREATE TABLE stores (id INTEGER PRIMARY KEY, country TEXT NOT NULL, code INTEGER NOT NULL,
    FOREIGN KEY (country, code) REFERENCES regions (country, code));
  CREATE TABLE sales (id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL REFERENCES stores (id), amount INTEGER);
  INSERT INTO regions VALUES ('DE', 1, 'x'), ('DE', 2, 'y'), ('FR', 1, 'z');
  INSERT INTO stores VALUES (10, 'DE', 1), (11, 'DE', 2), (12, 'FR', 1), (13, 'DE', 1);
  INSERT INTO sales VALUES (100, 10, 5), (101, 11, 6), (102, 12, 7), (103, 13, 8), (104, 10, 9);

  CREATE TABLE accounts (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
  CREATE TABLE logins (id INTEGER PRIMARY KEY, account_email TEXT REFERENCES accounts (email));
  CREATE TABLE audit (account_id INTEGER REFERENCES accounts (id), what TEXT);
  INSERT INTO accounts VALUES (1, 'p@x'), (2, 'q@x'), (3, 'r@x');
  INSERT INTO logins VALUES (1, 'q@x'), (2, 'r@x'), (3, 'q@x'), (4, NULL);
  INSERT INTO audit VALUES (1, 'in'), (2, 'in'), (2, 'in'), (2, 'out'), (3, 'in');

  CREATE TABLE settings (k TEXT PRIMARY KEY, v TEXT);
  INSERT INTO settings VALUES ('a', '1'), ('b', '2');

  CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
  WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 2000) INSERT INTO big SELECT g, 'v' || g FROM s;
`

describe('computeSubset on SQLite', () => {
  let dir: string
  let adapter: Adapter
  let model: SchemaModel
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-subset-'))
    const file = join(dir, 'src.db')
    const db = new Database(file)
    db.pragma('foreign_keys = OFF') // the cycle's rows go in before their parents
    db.exec(SCHEMA)
    db.close()
    adapter = await connect(`sqlite:${file}`)
    model = (await adapter.introspect()).model
  })
  afterAll(async () => {
    await adapter?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function subset(specs: string[], withChildren: boolean, seed?: string): Promise<SubsetResult> {
    return adapter.readSnapshot((r) => computeSubset(model, r, specs.map(parseSubsetSpec), { withChildren, ...(seed !== undefined ? { seed } : {}) }))
  }
  async function ids(result: SubsetResult, table: string): Promise<number[]> {
    const kept = await keptRows(adapter, model, result)
    expect(fkViolations(model, kept)).toEqual([])
    return kept.get(table)!.rows.map((r) => Number(r[0])).sort((x, y) => x - y)
  }
  const count = (result: SubsetResult, table: string) => result.counts.find((c) => c.table === table)

  it('limit 1 on a self-reference pulls the whole reports_to chain, and nothing else', async () => {
    const r = await subset(['employees:limit 1'], false)
    expect(await ids(r, 'employees')).toEqual([1, 3, 4])
    expect(count(r, 'employees')).toEqual({ table: 'employees', selected: 1, viaParents: 2, viaChildren: 0, total: 3, sourceRows: 6, dangling: 0 })
    // Unrelated tables are copied whole; restricted ones are only the FK-connected.
    expect(r.tables.get('settings')).toEqual({ mode: 'all' })
    expect(r.tables.get('a')).toEqual({ mode: 'all' })
    const lines = formatSubsetCounts(r)
    expect(lines).toContain('employees: 3 of 6 rows (selected 1, parents 2, children 0)')
    expect(lines).toContain('settings: all 2 rows (not FK-connected to a subset table)')
  })

  it('with children, a self-reference follows reports downward from the selected row only', async () => {
    const r = await subset(['employees:where id = 1'], true)
    // 2 reports to 1, 5 to 2 (downward); 3, 4 are the chain up; 6 reports to 4, which was only pulled up.
    expect(await ids(r, 'employees')).toEqual([1, 2, 3, 4, 5])
    expect(count(r, 'employees')).toMatchObject({ selected: 1, viaChildren: 2, viaParents: 2, total: 5 })
  })

  it('closes a two-table cycle', async () => {
    const r = await subset(['a:where id = 1'], false)
    expect(await ids(r, 'a')).toEqual([1, 2])
    expect(await ids(r, 'b')).toEqual([1, 2])
    const r3 = await subset(['b:limit 0'], true)
    expect(await ids(r3, 'a')).toEqual([])
    expect(r3.scanOptions('a')).toEqual({ limit: 0 })
  })

  it('follows a composite FK up, and down with children', async () => {
    const up = await subset(['sales:where amount = 8'], false)
    expect(await ids(up, 'sales')).toEqual([103])
    expect(await ids(up, 'stores')).toEqual([13])
    const kept = await keptRows(adapter, model, up)
    expect(kept.get('regions')!.rows.map((x) => `${x[0]}${x[1]}`)).toEqual(['DE1'])
    const down = await subset(["regions:where country = 'DE' AND code = 1"], true)
    expect(await ids(down, 'stores')).toEqual([10, 13])
    expect(await ids(down, 'sales')).toEqual([100, 103, 104])
    expect(count(down, 'sales')).toMatchObject({ selected: 0, viaChildren: 3, viaParents: 0, total: 3, sourceRows: 5 })
    expect(down.scanOptions('regions')).toEqual({ where: "country = 'DE' AND code = 1" })
  })

  it('follows an FK to a UNIQUE non-PK column, and a table without any key by its FK', async () => {
    const up = await subset(['logins:where id = 3'], false)
    expect(await ids(up, 'accounts')).toEqual([2])
    // audit has no key and nothing references it: without children it keeps nothing.
    expect(count(up, 'audit')).toMatchObject({ total: 0, sourceRows: 5 })
    const down = await subset(['accounts:where id = 2'], true)
    expect(await ids(down, 'logins')).toEqual([1, 3])
    const kept = await keptRows(adapter, model, down)
    // The two identical (2, 'in') rows are kept together; counts are distinct rows.
    expect(kept.get('audit')!.rows.map((x) => `${x[0]}:${x[1]}`).sort()).toEqual(['2:in', '2:in', '2:out'])
    expect(count(down, 'audit')).toMatchObject({ viaChildren: 2, total: 2 })
  })

  it('N% is a deterministic keyed hash of the key: same seed same rows, another seed other rows', async () => {
    const one = await subset(['big:10%'], false)
    const two = await subset(['big:10%'], false)
    const other = await subset(['big:10%'], false, 'another seed')
    const a = await ids(one, 'big')
    expect(a.length).toBeGreaterThan(150)
    expect(a.length).toBeLessThan(250)
    expect(await ids(two, 'big')).toEqual(a)
    const b = await ids(other, 'big')
    expect(b).not.toEqual(a)
    expect(count(one, 'big')).toMatchObject({ selected: a.length, total: a.length, sourceRows: 2000 })
    // Not the first rows by storage order: spread over the table.
    expect(a[a.length - 1]).toBeGreaterThan(1800)
  })

  it('the FK check used above does catch a kept child whose parent was dropped', async () => {
    const r = await subset(['sales:where amount = 8'], false)
    const stores = r.tables.get('stores')!
    expect(stores.mode).toBe('rows')
    if (stores.mode === 'rows') r.tables.set('stores', { ...stores, keep: () => false })
    expect(fkViolations(model, await keptRows(adapter, model, r))).toEqual(['sales.store_id: 1'])
  })

  it('ends the closure on a reference to a row the source lacks, and counts it', async () => {
    const file = join(dir, 'dangling.db')
    const db = new Database(file)
    db.pragma('foreign_keys = OFF') // the source breaks its own FK: one note names employee 99
    db.exec(`CREATE TABLE employees (id INTEGER PRIMARY KEY, reports_to INTEGER REFERENCES employees (id));
      INSERT INTO employees VALUES (1, NULL), (2, 1), (3, 2);
      CREATE TABLE notes (id INTEGER PRIMARY KEY, emp_id INTEGER REFERENCES employees (id));
      INSERT INTO notes VALUES (1, 99), (2, 2);`)
    db.close()
    const src = await connect(`sqlite:${file}`)
    try {
      const m = (await src.introspect()).model
      const r = await src.readSnapshot((reader) => computeSubset(m, reader, [parseSubsetSpec('notes:limit 2')], { withChildren: false }))
      expect(r.counts.find((c) => c.table === 'employees')).toMatchObject({ total: 2, viaParents: 2, dangling: 1 })
      expect(formatSubsetCounts(r)).toContain('employees: 2 of 3 rows (selected 0, parents 2, children 0, 1 dangling reference)')
    } finally {
      await src.close()
    }
  })

  it('walks a long chain stored against its order with small key reads, not whole-table reads', async () => {
    const file = join(dir, 'chain.db')
    const db = new Database(file)
    db.exec(`CREATE TABLE people (id INTEGER PRIMARY KEY, boss INTEGER REFERENCES people (id));
      WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 3000)
      INSERT INTO people SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE g + 1 END FROM s;`)
    db.close()
    const src = await connect(`sqlite:${file}`)
    try {
      const m = (await src.introspect()).model
      const reads: Array<SnapshotScanOptions | undefined> = []
      const r = await src.readSnapshot((reader) => {
        const watched: SnapshotReader = { ...reader, isolation: reader.isolation, consistent: reader.consistent, count: (t, w) => reader.count(t, w), scan: (t, o) => (reads.push(o), reader.scan(t, o)) }
        return computeSubset(m, watched, [parseSubsetSpec('people:where id = 1 OR id = 2001')], { withChildren: false })
      })
      // 1 → 2 → … → 100 and 2001 → … → 2100: each chain up to its top.
      expect(r.counts.find((c) => c.table === 'people')).toMatchObject({ selected: 2, viaParents: 198, total: 200, dangling: 0 })
      expect(reads[0]?.where).toBe('id = 1 OR id = 2001')
      // Every later read is a key read of the few rows still needed.
      expect(reads.length).toBe(100)
      expect(reads.slice(1).every((o) => o?.keyIn !== undefined && o.keyIn.values.length <= 2)).toBe(true)
      const kept = await keptRows(src, m, r)
      expect(fkViolations(m, kept)).toEqual([])
    } finally {
      await src.close()
    }
  })

  it('refuses specs naming an unknown table or the same table twice', async () => {
    await expect(subset(['nope:5%'], false)).rejects.toThrow(/--subset "nope:5%": no table nope/)
    await expect(subset(['big:5%', 'big:limit 3'], false)).rejects.toThrow(/already subset by "big:5%"/)
    const bad = await subset(['big:where nope > 1'], false).catch((e: unknown) => e)
    expect(bad).toMatchObject({ code: 'TDG_USAGE', message: '--subset "big:where nope > 1": the source rejected the condition: no such column: nope' })
  })
})
