/**
 * PostgreSQL write path specifics: COPY encoding of every value family, multi-buffer COPY, the
 * GENERATED ALWAYS identity path, serial sync, and errors that name constraints but never values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import { isTdgError } from '../../src/errors.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'

const available = postgresAvailable()
if (!available) console.warn(`[postgres-write] skipped: ${postgresMissingReason()}`)

async function* one(columns: string[], rows: Value[][], size = 1000): RowStream {
  for (let i = 0; i < rows.length; i += size) yield { columns, rows: rows.slice(i, i + size) }
}

async function all(adapter: Adapter, name: string): Promise<Value[][]> {
  const out: Value[][] = []
  for await (const b of adapter.scan({ name })) out.push(...b.rows)
  return out.sort((a, b) => Number(a[0]) - Number(b[0]))
}

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p
  } catch (e) {
    return e as Error & { code?: string }
  }
  throw new Error('expected a failure')
}

describe.skipIf(!available)('postgres writer', () => {
  let db: FreshPostgres
  let adapter: Adapter

  beforeAll(async () => {
    db = await freshPostgresDatabase()
    await execPostgres(
      db.url,
      `CREATE TYPE mood AS ENUM ('sad', 'ok');
       CREATE TABLE kinds (id int PRIMARY KEY, b bytea, arr int[], tarr text[], j jsonb, jarr json, flag boolean,
         big bigint, num numeric(20,5), d date, ts timestamp, tstz timestamptz, m mood, ms mood[], f float8);
       CREATE TABLE always_id (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL);
       CREATE TABLE serials (id serial PRIMARY KEY, big bigserial, label text);
       CREATE TABLE wide (id int PRIMARY KEY, payload text NOT NULL);
       CREATE TABLE parent (id int PRIMARY KEY);
       CREATE TABLE child (id int PRIMARY KEY, parent_id int NOT NULL,
         CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED,
         CONSTRAINT child_id_positive CHECK (id > 0));`,
    )
    adapter = await connect(db.url)
  })
  afterAll(async () => {
    await adapter?.close()
    await db?.drop()
  })

  it('round-trips bytea, arrays, json, booleans, bigint, numeric, dates, enums through COPY', async () => {
    const row: Value[] = [
      1,
      new Uint8Array([0, 1, 92, 10, 255]),
      [1, null, 3],
      ['a,b', 'q"uote', 'back\\slash', 'tab\there', null, 'NULL', ''],
      { k: 'v\n', n: [1, 2], nested: { t: true } },
      [1, 'two', { three: 3 }],
      true,
      9007199254740993n,
      '12345678901234.56789',
      '2024-02-29',
      '2024-02-29 13:14:15.123456',
      new Date('2024-02-29T13:14:15.123Z'),
      'ok',
      ['sad', 'ok'],
      1.5,
    ]
    const nulls: Value[] = [2, ...Array.from({ length: 14 }, () => null)]
    const cols = ['id', 'b', 'arr', 'tarr', 'j', 'jarr', 'flag', 'big', 'num', 'd', 'ts', 'tstz', 'm', 'ms', 'f']
    await adapter.transaction((w) => w.insert({ name: 'kinds' }, one(cols, [row, nulls])))
    const [r1, r2] = await all(adapter, 'kinds')
    expect(Buffer.from(r1?.[1] as Uint8Array)).toEqual(Buffer.from([0, 1, 92, 10, 255]))
    expect(r1?.slice(2)).toEqual([
      [1, null, 3],
      ['a,b', 'q"uote', 'back\\slash', 'tab\there', null, 'NULL', ''],
      { k: 'v\n', n: [1, 2], nested: { t: true } },
      [1, 'two', { three: 3 }],
      true,
      9007199254740993n,
      '12345678901234.56789',
      '2024-02-29',
      '2024-02-29 13:14:15.123456',
      '2024-02-29 13:14:15.123+00',
      'ok',
      ['sad', 'ok'],
      1.5,
    ])
    expect(r2).toEqual(nulls)
  })

  it('COPY spans many ~256 KB buffers', async () => {
    const payload = 'x'.repeat(500)
    const rows: Value[][] = Array.from({ length: 5000 }, (_, i) => [i + 1, `${i}\t${payload}`])
    const stats = await adapter.transaction((w) => w.insert({ name: 'wide' }, one(['id', 'payload'], rows, 333)))
    expect(stats.rows).toBe(5000)
    const back = await all(adapter, 'wide')
    expect(back).toHaveLength(5000)
    expect(back[4321]).toEqual([4322, `4321\t${payload}`])
  })

  it('GENERATED ALWAYS identity columns are written with OVERRIDING SYSTEM VALUE, then synced', async () => {
    const rows: Value[][] = Array.from({ length: 2500 }, (_, i) => [i + 100, `l${i}`])
    const stats = await adapter.transaction(async (w) => {
      const s = await w.insert({ name: 'always_id' }, one(['id', 'label'], rows, 1000))
      await w.syncIdentity({ name: 'always_id' })
      return s
    })
    expect(stats.rows).toBe(2500)
    await execPostgres(db.url, `INSERT INTO always_id (label) VALUES ('next')`)
    const back = await all(adapter, 'always_id')
    expect(back).toHaveLength(2501)
    expect(back.find((r) => r[1] === 'next')?.[0]).toBe(2600)
  })

  it('syncIdentity moves serial and bigserial sequences; an empty table is left alone', async () => {
    await adapter.transaction(async (w) => {
      await w.syncIdentity({ name: 'serials' }) // empty: no-op
      await w.insert({ name: 'serials' }, one(['id', 'big', 'label'], [[7, 70n, 'a'], [3, 30n, 'b']]))
      await w.syncIdentity({ name: 'serials' })
    })
    await execPostgres(db.url, `INSERT INTO serials (label) VALUES ('c')`)
    const back = await all(adapter, 'serials')
    expect(back.find((r) => r[2] === 'c')?.slice(0, 2)).toEqual([8, 71]) // int8 reads as a number when it is a safe integer
  })

  it('write errors name the table and constraint, never the values; the transaction is rolled back', async () => {
    const secret = 'SECRET-VALUE-42'
    const dup = await failure(adapter.transaction((w) => w.insert({ name: 'wide' }, one(['id', 'payload'], [[1, secret]]))))
    expect(dup.code).toBe('TDG_WRITE_FAILED')
    expect(dup.message).toContain('public.wide')
    expect(dup.message).toContain('wide_pkey')
    expect(dup.message).not.toContain(secret)
    expect(JSON.stringify(dup)).not.toContain(secret)

    const bad = await failure(adapter.transaction((w) => w.insert({ name: 'child' }, one(['id', 'parent_id'], [[1, secret]]))))
    expect(bad.code).toBe('TDG_WRITE_FAILED')
    expect(bad.message).toMatch(/invalid input syntax for type integer.*row 1, column parent_id/)
    expect(bad.message).not.toContain(secret)

    const check = await failure(adapter.transaction((w) => w.insert({ name: 'child' }, one(['id', 'parent_id'], [[-5, 1]]))))
    expect(check.message).toContain('child_id_positive')

    // A deferred FK fails at COMMIT.
    const deferred = await failure(adapter.transaction((w) => w.insert({ name: 'child' }, one(['id', 'parent_id'], [[1, 999]]))))
    expect(deferred.code).toBe('TDG_WRITE_FAILED')
    expect(deferred.message).toContain('child_parent_fk')
    expect(await all(adapter, 'child')).toEqual([])
  })

  it('swallowed errors inside work do not turn into a silent commit', async () => {
    const err = await failure(
      adapter.transaction(async (w) => {
        await w.insert({ name: 'parent' }, one(['id'], [[1]]))
        await w.execute('SELECT 1/0').catch(() => undefined)
      }),
    )
    expect(isTdgError(err) && err.code).toBe('TDG_WRITE_FAILED')
    expect(await all(adapter, 'parent')).toEqual([])
  })

  it('a row stream that throws mid-COPY rolls back, rethrows its error and leaves the pool usable', async () => {
    const boom = new Error('generator failed')
    async function* failing(): RowStream {
      yield { columns: ['id'], rows: Array.from({ length: 20_000 }, (_, i) => [i + 1]) }
      throw boom
    }
    for (let i = 0; i < 12; i++) {
      const err = await failure(adapter.transaction((w) => w.insert({ name: 'parent' }, failing())))
      expect(err).toBe(boom)
    }
    expect(await all(adapter, 'parent')).toEqual([])
  })

  it('prefetch reads the tables in one lookup: identity and json columns as one at a time, a missing table still TDG_TABLE_NOT_FOUND', async () => {
    await execPostgres(db.url, `CREATE TABLE pre_a (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc jsonb); CREATE TABLE pre_b (id int PRIMARY KEY, doc json)`)
    const missing = await failure(
      adapter.transaction(async (w) => {
        expect(w.prefetch).toBeDefined()
        // Repeated, qualified and unqualified, and one that does not exist: none of them an error here.
        await w.prefetch!([{ name: 'pre_a' }, { schema: 'public', name: 'pre_b' }, { name: 'nope' }, { name: 'pre_a' }])
        // From the prefetched relations: the ALWAYS identity (OVERRIDING SYSTEM VALUE, else the COPY fails) and json.
        await w.insert({ name: 'pre_a' }, one(['id', 'doc'], [[5, { a: [1, 2] }]]))
        await w.insert({ name: 'pre_b' }, one(['id', 'doc'], [[6, [1, 'x']]]))
        await w.insert({ name: 'nope' }, one(['id'], [[1]]))
      }),
    )
    expect(missing.code).toBe('TDG_TABLE_NOT_FOUND')
    await adapter.transaction(async (w) => {
      await w.prefetch!([{ name: 'pre_a' }, { name: 'pre_b' }])
      await w.insert({ name: 'pre_a' }, one(['id', 'doc'], [[5, { a: [1, 2] }]]))
      await w.insert({ name: 'pre_b' }, one(['id', 'doc'], [[6, [1, 'x']]]))
    })
    expect(await all(adapter, 'pre_a')).toEqual([[5, { a: [1, 2] }]])
    expect(await all(adapter, 'pre_b')).toEqual([[6, [1, 'x']]])
  })

  it('a small COPY refused by the server before its data (sent with it, statement-batch.ts) fails alone; the session goes on', async () => {
    // A role that may read but not write `ro_only`: the COPY statement itself fails, after the rows and
    // CopyDone have already gone out with it; the server drops them, and the next statements run.
    const role = `tdg_ro_${process.pid}`
    await execPostgres(
      db.url,
      `CREATE TABLE ro_only (id int PRIMARY KEY); CREATE TABLE rw_ok (id int PRIMARY KEY);
       DROP ROLE IF EXISTS ${role}; CREATE ROLE ${role} LOGIN PASSWORD 'pw';
       GRANT USAGE ON SCHEMA public TO ${role}; GRANT SELECT ON ro_only TO ${role}; GRANT SELECT, INSERT ON rw_ok TO ${role};`,
    )
    const u = new URL(db.url)
    u.username = role
    u.password = 'pw'
    const limited = await connect(u.toString())
    try {
      for (let i = 1; i <= 3; i++) {
        const denied = await failure(limited.transaction((w) => w.insert({ name: 'ro_only' }, one(['id'], [[i]]))))
        expect(denied.code).toBe('TDG_WRITE_FAILED')
        expect(denied.message).toContain('public.ro_only')
        expect(denied.message).toMatch(/permission denied/)
        const stats = await limited.transaction(async (w) => {
          const a = await w.insert({ name: 'rw_ok' }, one(['id'], [[i * 10]]))
          const b = await w.insert({ name: 'rw_ok' }, one(['id'], [[i * 10 + 1], [i * 10 + 2]]))
          return a.rows + b.rows
        })
        expect(stats).toBe(3)
      }
      // A TRUNCATE is not waited for either: refused, it is the transaction's error, and the rows after it go.
      const truncate = await failure(
        limited.transaction(async (w) => {
          await w.execute('TRUNCATE ro_only')
          await w.insert({ name: 'rw_ok' }, one(['id'], [[99]]))
        }),
      )
      expect(truncate.code).toBe('TDG_WRITE_FAILED')
      expect(truncate.message).toMatch(/permission denied for table ro_only/)
    } finally {
      await limited.close()
      await execPostgres(db.url, `DROP OWNED BY ${role}; DROP ROLE ${role}`)
    }
    expect(await all(adapter, 'ro_only')).toEqual([])
    expect((await all(adapter, 'rw_ok')).map((r) => r[0])).toEqual([10, 11, 12, 20, 21, 22, 30, 31, 32])
  })

  it('small COPYs are not waited for: the first to fail is the error, by its table, whatever ran after it; nothing is committed', async () => {
    await execPostgres(db.url, 'CREATE TABLE pipe_a (id int PRIMARY KEY); CREATE TABLE pipe_b (id int PRIMARY KEY)')
    const atCommit = await failure(
      adapter.transaction(async (w) => {
        await w.insert({ name: 'pipe_a' }, one(['id'], [[1]]))
        await w.insert({ name: 'pipe_b' }, one(['id'], [[7], [7]]))
        await w.insert({ name: 'pipe_a' }, one(['id'], [[2]]))
      }),
    )
    expect(atCommit.code).toBe('TDG_WRITE_FAILED')
    expect(atCommit.message).toContain('public.pipe_b')
    expect(atCommit.message).toContain('pipe_b_pkey')
    // A statement that needs its answer fails too (the transaction is aborted): still the COPY's error.
    const later = await failure(
      adapter.transaction(async (w) => {
        await w.execute('TRUNCATE pipe_a')
        await w.insert({ name: 'pipe_b' }, one(['id'], [[8], [8]]))
        await w.execute('SELECT 1')
      }),
    )
    expect(later.code).toBe('TDG_WRITE_FAILED')
    expect(later.message).toContain('pipe_b_pkey')
    expect(await all(adapter, 'pipe_a')).toEqual([])
    expect(await all(adapter, 'pipe_b')).toEqual([])
    // And the same writes without the duplicate commit.
    await adapter.transaction(async (w) => {
      await w.execute('TRUNCATE pipe_a, pipe_b')
      await w.insert({ name: 'pipe_a' }, one(['id'], [[1]]))
      await w.insert({ name: 'pipe_b' }, one(['id'], [[7], [8]]))
    })
    expect(await all(adapter, 'pipe_b')).toEqual([[7], [8]])
  })

  it('unknown table or column on write', async () => {
    const t = await failure(adapter.transaction((w) => w.insert({ name: 'nope' }, one(['id'], [[1]]))))
    expect(t.code).toBe('TDG_TABLE_NOT_FOUND')
    const c = await failure(adapter.transaction((w) => w.insert({ name: 'parent' }, one(['idx'], [[1]]))))
    expect(c.code).toBe('TDG_WRITE_FAILED')
    expect(c.message).toContain('idx')
  })
})
