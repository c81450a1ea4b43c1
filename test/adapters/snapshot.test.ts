/**
 * `Adapter.readSnapshot` on every dialect this run reaches: reads inside one snapshot do not see rows
 * another connection commits meanwhile (into a table already read and into one not read yet); where,
 * orderBy, limit, count; an early `break` and a failed scan leave the snapshot usable; a session killed
 * mid-scan (PostgreSQL, MariaDB) ends the scan with TDG_READ_FAILED. Real servers and files; the other
 * connection is the raw driver (`exec`), not tdg.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { connect } from '../../adapters/index.js'
import type { Adapter, SnapshotReader } from '../../src/adapter/adapter.js'
import { isTdgError, type TdgError } from '../../src/errors.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import { execMysql, execPostgres, freshMysqlDatabase, freshPostgresDatabase, mysqlAvailable, postgresAvailable, type FreshMysql, type FreshPostgres } from '../support/databases.js'
import { testDialects, type TestDatabase } from '../support/dialects.js'

async function rowsOf(stream: RowStream): Promise<Value[][]> {
  const out: Value[][] = []
  for await (const b of stream) out.push(...b.rows)
  return out
}

const ids = (rows: Value[][]) => rows.map((r) => Number(r[0]))

const DDL = `
  CREATE TABLE a (id INTEGER PRIMARY KEY, label VARCHAR(20) NOT NULL);
  CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a (id));
  INSERT INTO a VALUES (1, 'one'), (2, 'two'), (3, 'three'), (4, 'four'), (5, 'five');
  INSERT INTO b VALUES (10, 1), (11, 2);
`

for (const d of testDialects()) {
  describe.skipIf(!d.available)(`${d.id}: readSnapshot`, () => {
    let db: TestDatabase
    let adapter: Adapter
    beforeAll(async () => {
      db = await d.fresh()
      // SQLite: WAL lets another connection commit while the snapshot is open (see adapters/sqlite/snapshot.ts).
      await db.exec(`${d.id === 'sqlite' ? 'PRAGMA journal_mode = WAL;' : ''}${DDL}`)
      adapter = await connect(db.url)
    })
    afterAll(async () => {
      await adapter?.close()
      await db?.cleanup()
    })

    it('does not see rows another connection commits during the snapshot', async () => {
      const seen = await adapter.readSnapshot(async (r) => {
        expect(r.consistent).toBe(true)
        expect(r.isolation).toMatch(/snapshot|read transaction/i)
        const aBefore = ids(await rowsOf(r.scan({ name: 'a' })))
        await db.exec('INSERT INTO a VALUES (6, \'six\'); INSERT INTO b VALUES (12, 6), (13, 3);')
        const b = ids(await rowsOf(r.scan({ name: 'b' })))
        const aAfter = ids(await rowsOf(r.scan({ name: 'a' })))
        return { aBefore, b, aAfter, countA: await r.count({ name: 'a' }), countB: await r.count({ name: 'b' }) }
      })
      expect(seen.aBefore.sort()).toEqual([1, 2, 3, 4, 5])
      expect(seen.aAfter.sort()).toEqual([1, 2, 3, 4, 5])
      expect(seen.b.sort()).toEqual([10, 11])
      expect(seen).toMatchObject({ countA: 5, countB: 2 })
      // The rows are committed: a read after the snapshot sees them.
      expect(ids(await rowsOf(adapter.scan({ name: 'b' }))).sort()).toEqual([10, 11, 12, 13])
      await db.exec('DELETE FROM b WHERE id >= 12; DELETE FROM a WHERE id = 6;')
    })

    it('applies where (ANDed, in parentheses), orderBy, limit, columns and count(where)', async () => {
      await adapter.readSnapshot(async (r) => {
        const some = await rowsOf(r.scan({ name: 'a' }, { where: 'id = 1 OR id >= 3', orderBy: ['id'], limit: 3, columns: ['id'] }))
        expect(some).toEqual([[1], [3], [4]])
        // Ordered by label, the where text keeps its own OR together.
        const byLabel = await rowsOf(r.scan({ name: 'a' }, { where: "label = 'two' OR label = 'five'", orderBy: ['label', 'id'], columns: ['label', 'id'] }))
        expect(byLabel).toEqual([['five', 5], ['two', 2]])
        // A trailing comment in the condition cannot swallow the closing parenthesis.
        expect(ids(await rowsOf(r.scan({ name: 'a' }, { where: 'id < 3 -- the first two', orderBy: ['id'] })))).toEqual([1, 2])
        expect(await rowsOf(r.scan({ name: 'a' }, { limit: 0 }))).toEqual([])
        expect(await r.count({ name: 'a' }, 'id > 2')).toBe(3)
        // keyIn: integer keys bare, string keys as literals (quotes escaped), ANDed with where.
        expect(ids(await rowsOf(r.scan({ name: 'a' }, { keyIn: { column: 'id', values: ['2', '4', '9'], numeric: true }, where: 'id > 2' })))).toEqual([4])
        expect(ids(await rowsOf(r.scan({ name: 'a' }, { keyIn: { column: 'label', values: ['two', "o'neil", 'back\\slash'], numeric: false } })))).toEqual([2])
        expect(await rowsOf(r.scan({ name: 'a' }, { keyIn: { column: 'id', values: [], numeric: true } }))).toEqual([])
        // Small batches give the same rows in the same order.
        expect(ids(await rowsOf(r.scan({ name: 'a' }, { orderBy: ['id'], batchSize: 2 })))).toEqual([1, 2, 3, 4, 5])
      })
    })

    it('stays usable after a consumer breaks out of a scan and after a failed scan', async () => {
      await adapter.readSnapshot(async (r) => {
        for await (const batch of r.scan({ name: 'a' }, { batchSize: 1, orderBy: ['id'] })) {
          expect(batch.rows).toEqual([[1, 'one']])
          break
        }
        const bad = await rowsOf(r.scan({ name: 'a' }, { where: 'no_such_column = 1' })).catch((e: unknown) => e)
        expect(isTdgError(bad) && bad.code).toBe('TDG_READ_FAILED')
        const missing = await rowsOf(r.scan({ name: 'a' }, { orderBy: ['nope'] })).catch((e: unknown) => e)
        expect(isTdgError(missing) && missing.message).toMatch(/has no column nope/)
        expect(ids(await rowsOf(r.scan({ name: 'b' }))).sort()).toEqual([10, 11])
      })
      // The snapshot ended: the adapter reads and writes normally again.
      await adapter.transaction(async (w) => w.execute('DELETE FROM b WHERE id = 99'))
      expect(ids(await rowsOf(adapter.scan({ name: 'a' }))).length).toBe(5)
    })

    it('refuses a second scan while one is open, and reads after the snapshot ended', async () => {
      let kept: SnapshotReader | undefined
      await adapter.readSnapshot(async (r) => {
        kept = r
        const it1 = r.scan({ name: 'a' }, { batchSize: 1 })[Symbol.asyncIterator]()
        await it1.next()
        const second = await rowsOf(r.scan({ name: 'b' })).catch((e: unknown) => e)
        expect(isTdgError(second) && second.code).toBe('TDG_INTERNAL')
        await it1.return?.()
      })
      const late = await rowsOf(kept!.scan({ name: 'a' })).catch((e: unknown) => e)
      expect(isTdgError(late) && late.message).toMatch(/snapshot has ended/)
    })
  })
}

describe('sqlite: readSnapshot in rollback-journal mode', () => {
  it('is consistent because another connection cannot commit until the snapshot ends', async () => {
    const d = testDialects().find((x) => x.id === 'sqlite')!
    const db = await d.fresh()
    await db.exec(DDL)
    const adapter = await connect(db.url)
    try {
      const isolation = await adapter.readSnapshot(async (r) => {
        await rowsOf(r.scan({ name: 'a' }))
        const other = new Database(db.url.slice('sqlite:'.length), { timeout: 100 })
        try {
          expect(() => other.exec("INSERT INTO a VALUES (7, 'seven')")).toThrow(/locked|busy/i)
        } finally {
          other.close()
        }
        expect(ids(await rowsOf(r.scan({ name: 'a' }))).length).toBe(5)
        return r.isolation
      })
      expect(isolation).toMatch(/journal_mode delete/)
    } finally {
      await adapter.close()
      await db.cleanup()
    }
  })
})

/** Read one batch, let `kill` end the session, wait, read on: the scan must fail with TDG_READ_FAILED. */
async function killedMidScan(url: string, kill: () => Promise<number>): Promise<{ error: TdgError; killed: number }> {
  const adapter = await connect(url)
  let killed = 0
  try {
    await adapter.readSnapshot(async (r) => {
      let batches = 0
      for await (const _ of r.scan({ name: 'big' }, { batchSize: 100 })) {
        if (++batches === 1) {
          killed = await kill()
          await new Promise((res) => setTimeout(res, 500))
        }
      }
    })
  } catch (e) {
    if (!isTdgError(e)) throw e
    return { error: e, killed }
  } finally {
    await adapter.close()
  }
  throw new Error('the scan finished although its session was killed')
}

describe.skipIf(!postgresAvailable())('PostgreSQL: session killed mid-scan', () => {
  let db: FreshPostgres
  beforeAll(async () => {
    db = await freshPostgresDatabase()
    await execPostgres(db.url, "CREATE TABLE big (id int PRIMARY KEY, secret text); INSERT INTO big SELECT g, 'value-' || g FROM generate_series(1, 5000) g;")
  })
  afterAll(async () => db?.drop())

  it('is TDG_READ_FAILED "connection to the database was lost", no values in the message', async () => {
    const dbName = new URL(db.url).pathname.slice(1)
    const { error, killed } = await killedMidScan(db.url, async () => {
      const c = new pg.Client({ connectionString: db.adminUrl })
      await c.connect()
      try {
        const r = await c.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction'`, [dbName])
        return r.rows.filter((x: { ok: boolean }) => x.ok).length
      } finally {
        await c.end()
      }
    })
    expect(killed).toBe(1)
    expect(error.code).toBe('TDG_READ_FAILED')
    expect(error.message).toMatch(/^reading public\.big failed: connection to the database was lost$/)
    expect(error.message).not.toMatch(/value-/)
  })
})

describe.skipIf(!mysqlAvailable())('MariaDB: session killed mid-scan', () => {
  let db: FreshMysql
  beforeAll(async () => {
    db = await freshMysqlDatabase()
    // Big enough (~40 MB) that the rest of the result cannot already sit in socket buffers when the kill lands.
    await execMysql(db.url, "CREATE TABLE big (id int PRIMARY KEY, secret varchar(200)); INSERT INTO big SELECT seq, CONCAT('value-', seq, REPEAT('x', 180)) FROM seq_1_to_200000;")
  })
  afterAll(async () => db?.drop())

  it('is TDG_READ_FAILED "connection to the database was lost", no values in the message', async () => {
    const { error, killed } = await killedMidScan(db.url, async () => {
      const c = await mysql.createConnection(db.adminUrl)
      try {
        const [rows] = await c.query('SELECT ID AS id FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID() AND COMMAND = ?', [db.name, 'Query'])
        const found = (rows as Array<{ id: number }>).map((r) => r.id)
        for (const id of found) await c.query(`KILL ${Number(id)}`)
        return found.length
      } finally {
        await c.end()
      }
    })
    expect(killed).toBe(1)
    expect(error.code).toBe('TDG_READ_FAILED')
    expect(error.message).toMatch(/^reading big failed: connection to the database was lost$/)
    expect(error.message).not.toMatch(/value-/)
  })
})
