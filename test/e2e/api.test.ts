/** The programmatic API as a program would use it, checked against the CLI for the same inputs. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TestDataGenerator, tdgFixtures, isTdgError } from '../../src/index.js'
import { runCli } from '../support/run-cli.js'

const scratch = mkdtempSync(join(tmpdir(), 'tdg-api-'))
const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]))
const dump = (file: string) => execFileSync('sqlite3', [file, '.dump'], { encoding: 'utf8' })

describe('TestDataGenerator', () => {
  it('exports byte-identical files to `tdg generate` for the same inputs', async () => {
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    const result = await g.generate({ rows: 300, seed: 7 })
    expect(result.tables).toEqual([
      { table: 'customers', rows: 300 },
      { table: 'orders', rows: 300 },
      { table: 'products', rows: 300 },
      { table: 'order_items', rows: 300 },
    ])
    await g.export({ format: 'csv', destination: join(scratch, 'api') })
    const cli = await runCli(['generate', '--schema', 'examples/shop.sql', '--rows', '300', '--seed', '7', '--output', join(scratch, 'cli'), '--quiet'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(files(join(scratch, 'api'))).toEqual(files(join(scratch, 'cli')))
  })

  it('applies rules from a file or an object, identical to `tdg generate --rules`', async () => {
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    g.setRules('examples/shop.rules.yaml')
    const result = await g.generate({ seed: 9 })
    expect(result.tables.find((t) => t.table === 'customers')?.rows).toBe(2000)
    await g.export({ format: 'ndjson', destination: join(scratch, 'api-rules') })
    const cli = await runCli(['generate', '--schema', 'examples/shop.sql', '--rules', 'examples/shop.rules.yaml', '--seed', '9', '--format', 'ndjson', '--output', join(scratch, 'cli-rules'), '--quiet'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(files(join(scratch, 'api-rules'))).toEqual(files(join(scratch, 'cli-rules')))
    const o = new TestDataGenerator()
    await o.loadSchema('examples/shop.sql')
    o.setRules({ tables: { customers: { columns: { country: { constant: 'NL' } } } } })
    expect(new Set((await o.generate({ rows: 20, seed: 1 })).rows('customers').map((c) => c.country))).toEqual(new Set(['NL']))
    expect(() => o.setRules({ tables: { customers: { columns: { country: { constnt: 'NL' } } } } } as never)).toThrow(/tables\.customers\.columns\.country/)
  })

  it('keeps instances apart: same seed → same rows, another seed → other rows', async () => {
    const [a, b, c] = [new TestDataGenerator(), new TestDataGenerator(), new TestDataGenerator()]
    await Promise.all([a, b, c].map((g) => g.loadSchema('examples/shop.sql')))
    const [ra, rb, rc] = await Promise.all([a.generate({ rows: 50, seed: 1 }), b.generate({ rows: 50, seed: 2 }), c.generate({ rows: 50, seed: 1 })])
    expect(ra.rows('customers')).toEqual(rc.rows('customers'))
    expect(ra.rows('customers')).not.toEqual(rb.rows('customers'))
    expect(ra.rows('customers', { start: 10, end: 12 })).toEqual(ra.rows('customers').slice(10, 12))
  })

  it('seeds the rows it generated, identical to `tdg seed`', async () => {
    const g = new TestDataGenerator()
    await g.loadSchema('examples/shop.sql')
    await g.generate({ rows: 200, seed: 11 })
    const api = join(scratch, 'api.db')
    const { summary } = await g.seed({ db: `sqlite:${api}`, create: true })
    expect(summary.rows).toBe(800)
    const cliDb = join(scratch, 'cli.db')
    const cli = await runCli(['seed', '--db', `sqlite:${cliDb}`, '--schema', 'examples/shop.sql', '--create', '--rows', '200', '--seed', '11', '--quiet'])
    expect(cli.code, cli.stderr).toBe(0)
    expect(dump(api)).toBe(dump(cliDb))
  })

  it('reads its config file and fails with coded errors', async () => {
    const g = new TestDataGenerator({ config: { schema: 'examples/shop.sql', rows: 4, seed: 3 } })
    expect((await g.generate()).tables.every((t) => t.rows === 4)).toBe(true)
    const bad = new TestDataGenerator()
    await expect(bad.loadSchema('no/such.sql')).rejects.toMatchObject({ code: 'TDG_FILE_READ' })
    await expect(bad.generate()).rejects.toSatisfy((e: unknown) => isTdgError(e) && e.code === 'TDG_USAGE')
    // A config file the caller names but that is missing is an unreadable input file (exit 2), like a schema.
    await expect(new TestDataGenerator({ configPath: 'no/such/.tdgrc.json' }).generate()).rejects.toMatchObject({ code: 'TDG_FILE_READ' })
  })
})

describe('tdgFixtures', () => {
  it('refuses tables that already hold rows, and cleans up only its own', async () => {
    const db = join(scratch, 'fx.db')
    const fx = await tdgFixtures({ db: `sqlite:${db}`, schema: 'examples/shop.sql', seed: 5, rows: { orders: 4 } })
    expect(fx.rows.orders).toHaveLength(4)
    expect(fx.rows.customers).toHaveLength(3) // parents the orders need
    await expect(tdgFixtures({ db: `sqlite:${db}`, schema: 'examples/shop.sql', rows: { orders: 1 } })).rejects.toMatchObject({ code: 'TDG_USAGE' })
    await fx.cleanup()
    expect(execFileSync('sqlite3', [db, 'SELECT count(*) FROM orders; SELECT count(*) FROM customers;'], { encoding: 'utf8' })).toBe('0\n0\n')
    const again = await tdgFixtures({ db: `sqlite:${db}`, schema: 'examples/shop.sql', seed: 5, rows: { orders: 4 } })
    expect(again.rows.orders!.map((o) => o.status)).toEqual(fx.rows.orders!.map((o) => o.status))
    await again.cleanup()
  })
})
