/** `tdg introspect` driven as a user would: the bundled example, --json, a live SQLite file, a config file. */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../support/run-cli.js'

const scratch = mkdtempSync(join(tmpdir(), 'tdg-cli-'))

describe('tdg introspect', () => {
  it('prints the bundled example: tables, keys, checks and the FK insert order', async () => {
    const r = await runCli(['introspect', '--schema', 'examples/shop.sql'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/dialect: sqlite \(detected from AUTOINCREMENT/)
    expect(r.stdout).toMatch(/^order_items$/m)
    expect(r.stdout).toMatch(/primary key \(order_id, line_no\)/)
    expect(r.stdout).toMatch(/foreign key .*\(customer_id\) → customers \(id\) on delete cascade/)
    expect(r.stdout).toMatch(/check .*\(sku LIKE 'SKU-%'\)/)
    expect(r.stdout).toMatch(/^\s+price\s+DECIMAL\(10,2\)\s+decimal\(10,2\)\s+not null/m)
    const order = /Insert order \(parents first\): (.*)/.exec(r.stdout)?.[1]?.split(', ')
    expect(order).toBeDefined()
    for (const [parent, child] of [['customers', 'orders'], ['orders', 'order_items'], ['products', 'order_items']] as const) {
      expect(order!.indexOf(parent)).toBeLessThan(order!.indexOf(child))
    }
    expect(r.stdout).toMatch(/cycle: customers → customers \(cut at a nullable FK\)/)
  })

  it('--json gives the stable field names', async () => {
    const r = await runCli(['introspect', '--schema', 'examples/shop.sql', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const m = JSON.parse(r.stdout)
    expect(m.dialect).toBe('sqlite')
    const orders = m.tables.find((t: { name: string }) => t.name === 'orders')
    expect(Object.keys(orders)).toEqual(expect.arrayContaining(['name', 'columns', 'primaryKey', 'uniques', 'foreignKeys', 'checks']))
    expect(orders.columns[0]).toMatchObject({ name: 'id', nativeType: 'INTEGER', type: { kind: 'integer' }, nullable: false, identity: { kind: 'autoincrement' } })
    expect(orders.foreignKeys[0]).toMatchObject({ columns: ['customer_id'], references: { table: 'customers', columns: ['id'] }, onDelete: 'cascade' })
    const status = orders.checks.find((c: { parsed: Array<{ kind: string }> }) => c.parsed.some((p) => p.kind === 'in'))
    expect(status.parsed).toContainEqual({ kind: 'in', column: 'status', values: ['new', 'paid', 'shipped', 'cancelled'] })
    expect(m.insertOrder).toEqual(expect.arrayContaining(['customers', 'orders', 'products', 'order_items']))
  })

  it('reads a live SQLite file through --db and agrees with the DDL', async () => {
    const file = join(scratch, 'shop.db')
    execFileSync('sqlite3', [file], { input: readFileSync(join(repoRoot, 'examples/shop.sql')) })
    const live = await runCli(['introspect', '--db', `sqlite:${file}`, '--json'])
    const ddl = await runCli(['introspect', '--schema', 'examples/shop.sql', '--json'])
    expect(live.code, live.stderr).toBe(0)
    expect(JSON.parse(live.stdout).tables).toEqual(JSON.parse(ddl.stdout).tables)
  })

  it('takes the schema from a .tdgrc.json, with ${ENV} interpolation, and flags override it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-cfg-'))
    writeFileSync(join(dir, 'mini.sql'), 'CREATE TABLE only_table (id INTEGER PRIMARY KEY AUTOINCREMENT);\n')
    writeFileSync(join(dir, '.tdgrc.json'), JSON.stringify({ schema: '${TDG_TEST_SCHEMA_FILE}', dialect: 'sqlite' }))
    const r = await runCli(['introspect'], { cwd: dir, env: { TDG_TEST_SCHEMA_FILE: 'mini.sql' } })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^only_table$/m)
    const over = await runCli(['introspect', '--schema', join(repoRoot, 'examples/shop.sql')], { cwd: dir, env: { TDG_TEST_SCHEMA_FILE: 'mini.sql' } })
    expect(over.stdout).toMatch(/^order_items$/m)
    const missing = await runCli(['introspect'], { cwd: dir, env: { TDG_TEST_SCHEMA_FILE: undefined } })
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/TDG_CONFIG_INVALID: .*\.tdgrc\.json: 'schema' uses \$\{TDG_TEST_SCHEMA_FILE\}/)
  })
})
