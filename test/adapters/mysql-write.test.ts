/**
 * The MySQL write paths against a live MariaDB: LOAD DATA LOCAL INFILE (fed by a stream) and the
 * multi-row INSERT fallback (`?local_infile=false`) both round-trip every type exactly; failures are
 * TDG_WRITE_FAILED without row values and roll back; foreign_key_checks stays on; AUTO_INCREMENT and
 * keyFloor follow the written keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import { execMysql, freshMysqlDatabase, mysqlAvailable, mysqlMissingReason, type FreshMysql } from '../support/databases.js'

const available = mysqlAvailable()
if (!available) console.warn(`[mysql-write] skipped: ${mysqlMissingReason()}`)

const DDL = `
CREATE TABLE kinds (
  id INT NOT NULL PRIMARY KEY,
  big BIGINT UNSIGNED, dec_v DECIMAL(12,4), dbl DOUBLE, name VARCHAR(200), body TEXT,
  tier ENUM('free','pro'), tags SET('a','b','c'), flag TINYINT(1), day DATE, at DATETIME(6), ts TIMESTAMP NULL,
  t TIME, doc JSON, bytes VARBINARY(64), bit1 BIT(1), small SMALLINT UNSIGNED
);
CREATE TABLE parent (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(20) NOT NULL UNIQUE) AUTO_INCREMENT = 1000;
CREATE TABLE child (id INT AUTO_INCREMENT PRIMARY KEY, parent_id INT NOT NULL, FOREIGN KEY (parent_id) REFERENCES parent (id));
`
const COLUMNS = ['id', 'big', 'dec_v', 'dbl', 'name', 'body', 'tier', 'tags', 'flag', 'day', 'at', 'ts', 't', 'doc', 'bytes', 'bit1', 'small']
const HOSTILE = ['tab\there', 'new\nline', 'cr\rreturn', 'back\\slash', '\\N', 'NULL', '', 'größe ✓ 漢字', 'quote"s and \'s', 'end\\', 'nul\0byte']

function row(i: number): Value[] {
  return [
    i,
    i === 1 ? 18446744073709551615n : BigInt(i) * 1000n,
    `${i}.1250`,
    i / 8,
    HOSTILE[i % HOSTILE.length] as string,
    `body ${'x'.repeat(i % 50)}`,
    i % 2 === 0 ? 'free' : 'pro',
    i % 3 === 0 ? ['a', 'c'] : ['b'],
    i % 2 === 0,
    '2024-02-29',
    new Date(Date.UTC(2024, 1, 29, 12, 34, 56, i % 1000)),
    i % 4 === 0 ? null : '2023-06-01 10:00:00+00',
    '23:59:58',
    { i, list: [1, 'two', null], s: 'q"uote' },
    new Uint8Array([0, 10, 13, 92, 255, i % 256]),
    i % 2 === 1,
    65535,
  ]
}

/** What reading `row(i)` back gives (mysql2 with dateStrings; DECIMAL and big BIGINT as strings). */
function expected(i: number): unknown[] {
  const r = row(i)
  return [
    i,
    i === 1 ? '18446744073709551615' : i * 1000,
    r[2],
    i / 8,
    r[4],
    r[5],
    r[6],
    i % 3 === 0 ? 'a,c' : 'b',
    i % 2 === 0 ? 1 : 0,
    '2024-02-29',
    `2024-02-29 12:34:56.${String(i % 1000).padStart(3, '0')}000`,
    i % 4 === 0 ? null : '2023-06-01 10:00:00',
    '23:59:58',
    r[13],
    Buffer.from(r[14] as Uint8Array),
    Buffer.from([i % 2]),
    65535,
  ]
}

async function* batches(columns: string[], rows: Value[][], size: number): RowStream {
  for (let i = 0; i < rows.length; i += size) yield { columns, rows: rows.slice(i, i + size) }
}

async function readAll(a: Adapter, name: string): Promise<Value[][]> {
  const out: Value[][] = []
  for await (const b of a.scan({ name })) out.push(...b.rows)
  return out
}

for (const path of [{ name: 'LOAD DATA LOCAL INFILE', query: '' }, { name: 'multi-row INSERT fallback', query: '?local_infile=false' }]) {
  describe.skipIf(!available)(`MySQL writer: ${path.name}`, () => {
    let db: FreshMysql
    let adapter: Adapter

    beforeAll(async () => {
      db = await freshMysqlDatabase()
      await execMysql(db.url, DDL)
      adapter = await connect(`${db.url}${path.query}`)
    })
    afterAll(async () => {
      await adapter?.close()
      await db?.drop()
    })

    it('round-trips every type exactly, hostile strings and bytes included', async () => {
      const rows = Array.from({ length: 2500 }, (_, i) => row(i + 1))
      const stats = await adapter.transaction((w) => w.insert({ name: 'kinds' }, batches(COLUMNS, rows, 600)))
      expect(stats.rows).toBe(2500)
      const back = (await readAll(adapter, 'kinds')).sort((a, b) => Number(a[0]) - Number(b[0]))
      expect(back).toHaveLength(2500)
      for (let i = 0; i < back.length; i++) {
        const got = [...(back[i] as Value[])]
        if (typeof got[13] === 'string') got[13] = JSON.parse(got[13]) as Value // MariaDB's JSON is text unless the driver sees it typed
        expect(got, `row ${i + 1}`).toEqual(expected(i + 1))
      }
    })

    it('a duplicate key fails the write with TDG_WRITE_FAILED, no row values, and rolls back', async () => {
      const rows: Value[][] = [[1, 'secret-value-1'], [2, 'secret-value-1']]
      let err: unknown
      try {
        await adapter.transaction((w) => w.insert({ name: 'parent' }, batches(['id', 'label'], rows, 10)))
      } catch (e) {
        err = e
      }
      expect(err).toMatchObject({ code: 'TDG_WRITE_FAILED' })
      expect((err as Error).message).toMatch(/parent/)
      expect((err as Error).message).toMatch(/[Dd]uplicate/)
      expect((err as Error).message).not.toContain('secret-value')
      expect(await readAll(adapter, 'parent')).toEqual([])
    })

    it('foreign keys stay checked: an orphan child fails and nothing is kept', async () => {
      await expect(
        adapter.transaction(async (w) => {
          await w.insert({ name: 'parent' }, batches(['id', 'label'], [[5, 'p5']], 10))
          await w.insert({ name: 'child' }, batches(['id', 'parent_id'], [[1, 5], [2, 999]], 10))
        }),
      ).rejects.toMatchObject({ code: 'TDG_WRITE_FAILED', message: expect.stringMatching(/child.*foreign key constraint fails/) })
      expect(await readAll(adapter, 'parent')).toEqual([])
    })

    it('keyFloor sees the AUTO_INCREMENT counter; after explicit keys a plain INSERT continues past them', async () => {
      expect(await adapter.keyFloor({ name: 'parent' }, 'id')).toBe(999)
      const parents: Value[][] = Array.from({ length: 50 }, (_, i) => [1000 + i, `p${i}`])
      await adapter.transaction(async (w) => {
        await w.insert({ name: 'parent' }, batches(['id', 'label'], parents, 20))
        await w.insert({ name: 'child' }, batches(['id', 'parent_id'], parents.map((p, i) => [i + 1, p[0] as number]), 20))
        await w.syncIdentity({ name: 'parent' })
        await w.syncIdentity({ name: 'child' })
      })
      expect(await adapter.keyFloor({ name: 'parent' }, 'id')).toBe(1049)
      await execMysql(db.url, "INSERT INTO parent (label) VALUES ('after'); INSERT INTO child (parent_id) VALUES (1000)")
      const after = (await readAll(adapter, 'parent')).find((r) => r[1] === 'after')
      expect(after?.[0]).toBe(1050)
      expect((await readAll(adapter, 'child')).map((r) => r[0]).sort((a, b) => Number(b) - Number(a))[0]).toBe(51)
    })

    it('update (fixups) changes only the keyed rows; truncateSql empties children first with FK checks on', async () => {
      const stats = await adapter.transaction((w) => w.update({ name: 'parent' }, ['id'], batches(['id', 'label'], [[1001, 'fixed\tone'], [1002, 'fixed two']], 10)))
      expect(stats.rows).toBe(2)
      const labels = new Map((await readAll(adapter, 'parent')).map((r) => [r[0], r[1]]))
      expect(labels.get(1001)).toBe('fixed\tone')
      expect(labels.get(1003)).toBe('p3')
      await adapter.transaction(async (w) => {
        for (const sql of adapter.dialect.truncateSql([{ name: 'child' }, { name: 'parent' }])) await w.execute(sql)
      })
      expect(await readAll(adapter, 'parent')).toEqual([])
      expect(await adapter.keyFloor({ name: 'parent' }, 'id')).toBe(1050) // counters are kept
    })
  })
}
