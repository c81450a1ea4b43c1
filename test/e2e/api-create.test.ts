/**
 * `generator.seed({ db: 'sqlite:new.db' })` behaves like `tdg seed`: a missing database file is an error
 * that says how to create it (`create: true`, CLI `--create`) and leaves no file behind; `create: true`
 * creates the file and the tables of the loaded schema, as `--create` does.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { TestDataGenerator, isTdgError } from '../../src/index.js'
import { runCli } from '../support/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'tdg-api-create-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  )
}

describe('seed() into a SQLite file that does not exist', () => {
  it('without create: TDG_CONNECT_FAILED saying how, and no file is made', async () => {
    const file = join(dir, 'missing.db')
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    const e = await rejection(g.seed({ db: `sqlite:${file}`, rows: 3, seed: 1 }))
    expect(isTdgError(e) && e.code).toBe('TDG_CONNECT_FAILED')
    expect((e as Error).message).toBe(`sqlite:${file} does not exist; pass --create (API: create: true) to create it`)
    expect(existsSync(file)).toBe(false)
  })

  it('with create: true: the file and the tables are made and filled, as with --create', async () => {
    const file = join(dir, 'new.db')
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    const { summary } = await g.seed({ db: `sqlite:${file}`, rows: 3, seed: 1, create: true })
    expect(summary.rows).toBe(12)
    const db = new Database(file, { readonly: true })
    try {
      for (const t of ['customers', 'orders', 'products', 'order_items']) expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get(), t).toEqual({ n: 3 })
    } finally {
      db.close()
    }
  })

  it('the CLI says the same in one line, exit 3, and creates nothing', async () => {
    const file = join(dir, 'cli-missing.db')
    const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', 'examples/shop.sql', '--rows', '3', '--quiet'])
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n')).toEqual([`tdg: error TDG_CONNECT_FAILED: sqlite:${file} does not exist; pass --create (API: create: true) to create it`])
    expect(existsSync(file)).toBe(false)
  })
})
