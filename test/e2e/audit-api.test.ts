/**
 * Issue 14 (slice 1): the programmatic API records `seed()` when given `audit` (off by default).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TestDataGenerator } from '../../src/index.js'
import { openStateStore } from '../../src/state/state-store.js'
import { parseStateLocation } from '../../src/state/state-location.js'
import { checkChain, listAudit, readChain } from '../../src/audit/audit-store.js'
import { repoRoot } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-audit-api-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const shop = join(repoRoot, 'examples/shop.sql')

describe('TestDataGenerator audit option', () => {
  it('records seed() (ok and failed) with origin api; without the option nothing is written', async () => {
    const state = join(dir, 'state.db')
    const plain = new TestDataGenerator()
    await plain.loadSchema(shop)
    await plain.seed({ db: `sqlite:${join(dir, 'plain.db')}`, create: true, rows: 3, seed: 1 })
    expect(existsSync(state)).toBe(false)

    const g = new TestDataGenerator({ audit: { state } })
    await g.loadSchema(shop)
    await g.seed({ db: `sqlite:${join(dir, 'a.db')}`, create: true, rows: 4, seed: 9 })
    await expect(g.seed({ db: `sqlite:${join(dir, 'missing', 'b.db')}`, rows: 1 })).rejects.toThrow()
    const db = await openStateStore(parseStateLocation(state))
    try {
      const [failed, ok] = await listAudit(db, 10)
      expect(ok).toMatchObject({ origin: 'api', command: 'seed', outcome: 'ok', seed: '9', rows: 16 })
      expect(ok!.tables[0]).toMatchObject({ table: 'customers', rows: 4 })
      expect(failed).toMatchObject({ origin: 'api', command: 'seed', outcome: 'failed', errorCode: 'TDG_CONNECT_FAILED' })
      expect(checkChain(await readChain(db)).bad).toBeUndefined()
    } finally {
      await db.destroy()
    }
  })
})
