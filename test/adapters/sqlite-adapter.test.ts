/**
 * The SQLite adapter against real database files: reads (sample/scan), the write path (transaction,
 * insert, update, execute, syncIdentity) and its failure modes.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/sqlite/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import { isTdgError, type TdgError } from '../../src/errors.js'
import type { RowBatch, RowStream, Value } from '../../src/model/rows.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-sqlite-adapter-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0

/** A fresh database file with `ddl`, opened through connect(). */
async function fresh(ddl: string): Promise<{ adapter: Adapter; file: string }> {
  const file = join(dir, `t${++n}.db`)
  const db = new Database(file)
  db.exec(ddl)
  db.close()
  return { adapter: await connect(`sqlite:${file}`), file }
}

async function* batches(columns: string[], rows: Value[][], size: number): RowStream {
  for (let i = 0; i < rows.length; i += size) yield { columns, rows: rows.slice(i, i + size) }
}

async function collect(stream: RowStream): Promise<RowBatch[]> {
  const out: RowBatch[] = []
  for await (const b of stream) out.push(b)
  return out
}

async function failure(p: Promise<unknown>): Promise<TdgError> {
  try {
    await p
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error('expected a failure')
}

const query = (file: string, sql: string): unknown[] => {
  const db = new Database(file, { readonly: true })
  try {
    return db.prepare(sql).all()
  } finally {
    db.close()
  }
}

describe('SQLite writes', () => {
  let adapter: Adapter
  let file: string
  beforeEach(async () => {
    ;({ adapter, file } = await fresh(`
      CREATE TABLE "order" ("select" INTEGER PRIMARY KEY AUTOINCREMENT, "a""b" TEXT NOT NULL UNIQUE, flag BOOLEAN, born DATE, at DATETIME,
        data JSON, raw BLOB, big INTEGER, label TEXT AS ("a""b" || '!') STORED);
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER REFERENCES "order" ("select"), note TEXT);`))
    return () => adapter.close()
  })

  it('inserts batches of converted values through multi-row statements and commits', async () => {
    const when = new Date('2024-05-06T07:08:09.010Z')
    const rows: Value[][] = Array.from({ length: 25_000 }, (_v, i) => [i + 1, `name ${i}`, i % 2 === 0, when, when, { i, tags: ['x'] }, new Uint8Array([i % 256, 1]), 2n ** 60n + BigInt(i)])
    const columns = ['select', 'a"b', 'flag', 'born', 'at', 'data', 'raw', 'big']
    const stats = await adapter.transaction((w) => w.insert({ name: 'order' }, batches(columns, rows, 10_000)))
    expect(stats).toEqual({ rows: 25_000 })
    expect(query(file, 'SELECT count(*) AS c FROM "order"')).toEqual([{ c: 25_000 }])
    expect(query(file, 'SELECT "a""b" AS ab, flag, born, at, data, hex(raw) AS raw, label FROM "order" WHERE "select" = 2')).toEqual([
      { ab: 'name 1', flag: 0, born: '2024-05-06', at: '2024-05-06T07:08:09.010Z', data: '{"i":1,"tags":["x"]}', raw: '0101', label: 'name 1!' },
    ])
    const db = new Database(file, { readonly: true })
    const big = db.prepare('SELECT big FROM "order" WHERE "select" = 1').safeIntegers(true).get() as { big: bigint }
    db.close()
    expect(big.big).toBe(2n ** 60n)
  })

  it('rolls back everything when the work throws, and rethrows the error', async () => {
    const boom = new Error('boom')
    const err = await adapter.transaction(async (w) => {
      await w.insert({ name: 'order' }, batches(['a"b'], [['x'], ['y']], 10))
      throw boom
    }).catch((e: unknown) => e)
    expect(err).toBe(boom)
    expect(query(file, 'SELECT count(*) AS c FROM "order"')).toEqual([{ c: 0 }])
  })

  it('a constraint failure is TDG_WRITE_FAILED naming the table, not the values, and rolls back', async () => {
    const e = await failure(adapter.transaction((w) => w.insert({ name: 'order' }, batches(['a"b'], [['secret-1'], ['secret-1']], 10))))
    expect(e.code).toBe('TDG_WRITE_FAILED')
    expect(e.message).toBe('insert into order failed: UNIQUE constraint failed: order.a"b')
    expect(e.message).not.toContain('secret')
    expect(query(file, 'SELECT count(*) AS c FROM "order"')).toEqual([{ c: 0 }])
  })

  it('enforces foreign keys', async () => {
    const e = await failure(adapter.transaction((w) => w.insert({ name: 'child' }, batches(['id', 'parent'], [[1, 99]], 10))))
    expect(e.message).toBe('insert into child failed: FOREIGN KEY constraint failed')
  })

  it('fixes up nullable FKs with update() and reports changed rows', async () => {
    await adapter.transaction(async (w) => {
      await w.insert({ name: 'child' }, batches(['id', 'parent', 'note'], [[1, null, 'a'], [2, null, 'b'], [3, null, 'c']], 2))
      await w.insert({ name: 'order' }, batches(['select', 'a"b'], [[10, 'p']], 10))
      const stats = await w.update({ name: 'child' }, ['id'], batches(['id', 'parent'], [[1, 10], [3, 10], [99, 10]], 2))
      expect(stats).toEqual({ rows: 2 })
    })
    expect(query(file, 'SELECT id, parent, note FROM child ORDER BY id')).toEqual([
      { id: 1, parent: 10, note: 'a' },
      { id: 2, parent: null, note: 'b' },
      { id: 3, parent: 10, note: 'c' },
    ])
  })

  it('syncIdentity keeps sqlite_sequence at max(rowid) and never lowers it', async () => {
    await adapter.transaction(async (w) => {
      await w.insert({ name: 'order' }, batches(['select', 'a"b'], [[500, 'a'], [7, 'b']], 10))
      await w.execute(`UPDATE sqlite_sequence SET seq = 3 WHERE name = 'order'`)
      await w.syncIdentity({ name: 'order' })
      await w.syncIdentity({ name: 'child' })
    })
    expect(query(file, `SELECT seq FROM sqlite_sequence WHERE name = 'order'`)).toEqual([{ seq: 500 }])
    await adapter.transaction(async (w) => {
      await w.execute(`UPDATE sqlite_sequence SET seq = 9000 WHERE name = 'order'`)
      await w.syncIdentity({ name: 'order' })
    })
    expect(query(file, `SELECT seq FROM sqlite_sequence WHERE name = 'order'`)).toEqual([{ seq: 9000 }])
    await adapter.transaction((w) => w.insert({ name: 'order' }, batches(['a"b'], [['next']], 10)))
    expect(query(file, `SELECT "select" AS id FROM "order" WHERE "a""b" = 'next'`)).toEqual([{ id: 9001 }])
  })

  it('syncIdentity after --truncate (emptied) sets sqlite_sequence to exactly max(rowid); an empty table restarts', async () => {
    await adapter.transaction((w) => w.insert({ name: 'order' }, batches(['select', 'a"b'], [[500, 'a'], [7, 'b']], 10)))
    await adapter.transaction(async (w) => {
      await w.execute(`DELETE FROM "order" WHERE "select" > 7`)
      await w.syncIdentity({ name: 'order' }, { emptied: true })
    })
    expect(query(file, `SELECT seq FROM sqlite_sequence WHERE name = 'order'`)).toEqual([{ seq: 7 }])
    await adapter.transaction(async (w) => {
      await w.execute(`DELETE FROM "order"`)
      await w.syncIdentity({ name: 'order' })
    })
    expect(query(file, `SELECT seq FROM sqlite_sequence WHERE name = 'order'`)).toEqual([])
    await adapter.transaction((w) => w.insert({ name: 'order' }, batches(['a"b'], [['first']], 10)))
    expect(query(file, `SELECT "select" AS id FROM "order" WHERE "a""b" = 'first'`)).toEqual([{ id: 1 }])
  })

  it('execute() failures are TDG_WRITE_FAILED; the writer dies with its transaction', async () => {
    const e = await failure(adapter.transaction((w) => w.execute('DROP TABLE nope')))
    expect(e.code).toBe('TDG_WRITE_FAILED')
    expect(e.message).toBe('executing SQL failed: no such table: nope')
    let leaked: Parameters<Parameters<Adapter['transaction']>[0]>[0] | undefined
    await adapter.transaction(async (w) => { leaked = w })
    const late = await failure(leaked?.execute('SELECT 1') ?? Promise.resolve())
    expect(late.code).toBe('TDG_INTERNAL')
  })
})

describe('SQLite reads', () => {
  let adapter: Adapter
  beforeEach(async () => {
    ;({ adapter } = await fresh(`
      CREATE TABLE "with space" (id INTEGER PRIMARY KEY, v TEXT, b BLOB, big INTEGER, g INT AS (id * 2));
      WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 12345)
      INSERT INTO "with space" (id, v, b, big) SELECT i, 'v' || i, x'00ff', 9007199254740993 FROM s;`))
    return () => adapter.close()
  })

  it('scan streams every row in batches of positional arrays, generated columns included', async () => {
    const got = await collect(adapter.scan({ name: 'with space' }, { batchSize: 5000 }))
    expect(got.map((b) => b.rows.length)).toEqual([5000, 5000, 2345])
    expect(got[0]?.columns).toEqual(['id', 'v', 'b', 'big', 'g'])
    const first = got[0]?.rows[0] as Value[]
    expect(first.slice(0, 2)).toEqual([1, 'v1'])
    expect(Buffer.from(first[2] as Uint8Array).toString('hex')).toBe('00ff')
    // Beyond 2^53: a bigint, so a copy keeps every digit.
    expect(first[3]).toBe(9007199254740993n)
    expect(first[4]).toBe(2)
  })

  it('scan reads only the requested columns', async () => {
    const got = await collect(adapter.scan({ name: 'with space' }, { columns: ['v', 'id'], batchSize: 100_000 }))
    expect(got).toHaveLength(1)
    expect(got[0]?.columns).toEqual(['v', 'id'])
    expect(got[0]?.rows[12344]).toEqual(['v12345', 12345])
  })

  it('sample is bounded by its limit', async () => {
    const got = await collect(adapter.sample({ name: 'with space' }, { limit: 250, batchSize: 100 }))
    expect(got.map((b) => b.rows.length)).toEqual([100, 100, 50])
    const def = await collect(adapter.sample({ name: 'with space' }))
    expect(def.reduce((s, b) => s + b.rows.length, 0)).toBe(1000)
  })

  it('stopping a scan early releases the connection for writes', async () => {
    for await (const b of adapter.scan({ name: 'with space' }, { batchSize: 10 })) {
      expect(b.rows).toHaveLength(10)
      break
    }
    await adapter.transaction((w) => w.execute(`DELETE FROM "with space" WHERE id > 10`))
    const left = await collect(adapter.scan({ name: 'with space' }))
    expect(left[0]?.rows).toHaveLength(10)
  })

  it('an unknown table is TDG_TABLE_NOT_FOUND, an unknown column TDG_READ_FAILED', async () => {
    const e = await failure(collect(adapter.scan({ name: 'nope' })))
    expect(e.code).toBe('TDG_TABLE_NOT_FOUND')
    expect(e.message).toBe('table nope not found')
    const e2 = await failure(collect(adapter.sample({ name: 'nope' })))
    expect(e2.code).toBe('TDG_TABLE_NOT_FOUND')
    const e3 = await failure(collect(adapter.scan({ name: 'with space' }, { columns: ['zz'] })))
    expect(e3.code).toBe('TDG_READ_FAILED')
    expect(e3.message).toBe('table with space has no column zz')
  })
})
