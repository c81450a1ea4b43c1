/**
 * connect() against a real SQL Server: each failure is TDG_CONNECT_FAILED, one line, naming the redacted
 * URL and the reason, the password nowhere. Then the write path: bulk load keeps identity values and
 * leaves foreign keys trusted; the INSERT fallback (?bulk=false) does the same; identities are reseeded.
 * Needs TDG_TEST_MSSQL_URL or a Docker engine; otherwise skipped with a notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connect } from '../../adapters/index.js'
import type { Adapter } from '../../src/adapter/adapter.js'
import { isTdgError, type TdgError } from '../../src/errors.js'
import type { RowStream, Value } from '../../src/model/rows.js'
import { execMssql, freshMssqlDatabase, mssqlAdminUrl, mssqlAvailability, queryMssql, type FreshMssql } from '../support/mssql-server.js'

const { available, reason } = mssqlAvailability()
if (!available) console.warn(`[mssql-connect] SKIPPED: ${reason}`)

const WRONG_PASSWORD = 'Wr0ng-P4ss-leak-canary'

async function connectError(url: string): Promise<TdgError> {
  try {
    const a = await connect(url)
    await a.close()
  } catch (e) {
    if (isTdgError(e)) return e
    throw e
  }
  throw new Error('connect unexpectedly succeeded')
}

async function* rowsOf(columns: string[], rows: Value[][], size: number): RowStream {
  for (let i = 0; i < rows.length; i += size) yield { columns, rows: rows.slice(i, i + size) }
}

describe.skipIf(!available)('mssql connect errors', () => {
  it('wrong password → Login failed, password redacted', async () => {
    const u = new URL(await mssqlAdminUrl())
    u.password = WRONG_PASSWORD
    u.searchParams.set('trustServerCertificate', 'true')
    const err = await connectError(u.toString())
    expect(err.code).toBe('TDG_CONNECT_FAILED')
    expect(err.message).toMatch(/^cannot connect to mssql:\/\/[^ ]*:\*\*\*@[^ ]*: Login failed for user/)
    expect(err.message).not.toContain('\n')
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(WRONG_PASSWORD)
  })

  it('missing database → the server says it cannot open it', async () => {
    const u = new URL(await mssqlAdminUrl())
    u.pathname = '/tdg_no_such_db'
    u.searchParams.set('trustServerCertificate', 'true')
    const err = await connectError(u.toString())
    expect(err.message).toMatch(/tdg_no_such_db/)
  })
})

describe.skipIf(!available)('mssql write path', () => {
  let db: FreshMssql
  const adapters: Adapter[] = []
  beforeAll(async () => {
    db = await freshMssqlDatabase()
    await execMssql(db.url, `
      CREATE TABLE parent (id int IDENTITY(1,1) PRIMARY KEY, name nvarchar(20) NOT NULL)
      CREATE TABLE child (id int IDENTITY(100,10) PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id),
        amount decimal(10,2) NOT NULL CHECK (amount >= 0), at datetime2(3) NULL, tag uniqueidentifier NULL, data varbinary(max) NULL, total AS (amount * 2))
      CREATE TABLE child2 (id int IDENTITY(1,1) PRIMARY KEY, parent_id int NOT NULL REFERENCES parent (id))`)
  })
  afterAll(async () => {
    for (const a of adapters) await a.close()
    await db?.drop()
  })

  for (const bulk of [true, false]) {
    it(`${bulk ? 'TDS bulk load' : 'INSERT fallback'}: identity kept, FKs trusted, identity reseeded`, async () => {
      const a = await connect(bulk ? db.url : `${db.url}&bulk=false`)
      adapters.push(a)
      const base = bulk ? 0 : 5000
      const parents: Value[][] = Array.from({ length: 2500 }, (_, i) => [base + i + 1, `p${i}`])
      const children: Value[][] = Array.from({ length: 2500 }, (_, i) => [100 + (base + i) * 10, base + (i % 50) + 1, `${i}.25`, '2024-05-01 10:20:30.123', null, new Uint8Array([i % 256])])
      await a.transaction(async (w) => {
        expect((await w.insert({ name: 'parent' }, rowsOf(['id', 'name'], parents, 700))).rows).toBe(2500)
        expect((await w.insert({ name: 'child' }, rowsOf(['id', 'parent_id', 'amount', 'at', 'tag', 'data'], children, 999))).rows).toBe(2500)
        await w.syncIdentity({ name: 'parent' })
        await w.syncIdentity({ name: 'child' })
      })
      const ids = await queryMssql<{ lo: number; hi: number; n: number }>(db.url, `SELECT MIN(id) lo, MAX(id) hi, COUNT(*) n FROM child WHERE id >= ${100 + base * 10}`)
      expect(ids[0]).toEqual({ lo: 100 + base * 10, hi: 100 + (base + 2499) * 10, n: 2500 })
      const trusted = await queryMssql<{ n: number }>(db.url, `SELECT COUNT(*) n FROM sys.foreign_keys WHERE is_not_trusted = 1 OR is_disabled = 1`)
      expect(trusted[0]?.n).toBe(0)
      const checks = await queryMssql<{ n: number }>(db.url, `SELECT COUNT(*) n FROM sys.check_constraints WHERE is_not_trusted = 1`)
      expect(checks[0]?.n).toBe(0)
      await execMssql(db.url, `INSERT INTO parent (name) VALUES (N'after')`)
      const after = await queryMssql<{ id: number }>(db.url, `SELECT id FROM parent WHERE name = N'after'`)
      expect(after[0]?.id).toBe(base + 2501)
      await execMssql(db.url, `DELETE FROM parent WHERE name = N'after'`)
      expect(await a.keyFloor({ name: 'child' }, 'id')).toBe(100 + (base + 2499) * 10)
    })
  }

  it('a FK violation rolls everything back: TDG_WRITE_FAILED naming the constraint, no values', async () => {
    const a = await connect(db.url)
    adapters.push(a)
    const before = await queryMssql<{ n: number }>(db.url, 'SELECT COUNT(*) n FROM child2')
    await expect(
      a.transaction(async (w) => {
        await w.insert({ name: 'child2' }, rowsOf(['id', 'parent_id'], [[1, 1], [2, 987654321]], 10))
      }),
    ).rejects.toSatisfy((e: unknown) => isTdgError(e) && e.code === 'TDG_WRITE_FAILED' && /FOREIGN KEY/.test(e.message) && !e.message.includes('987654321'))
    expect(await queryMssql<{ n: number }>(db.url, 'SELECT COUNT(*) n FROM child2')).toEqual(before)
  })

  it('update (fixups) and scan read back the values', async () => {
    const a = await connect(db.url)
    adapters.push(a)
    const n = await a.transaction((w) => w.update({ name: 'parent' }, ['id'], rowsOf(['id', 'name'], [[1, 'renamed'], [2, 'renamed too']], 1)))
    expect(n.rows).toBe(2)
    const rows: Value[][] = []
    for await (const b of a.scan({ name: 'parent' }, { batchSize: 1000 })) rows.push(...b.rows)
    expect(rows.length).toBe(5000)
    expect(rows.find((r) => r[0] === 2)?.[1]).toBe('renamed too')
  })
})
