/** `tdg introspect --db postgres://…` against a real server, as a user would run it. */
import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { execPostgres, freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'

const available = postgresAvailable()
if (!available) console.warn(`[cli-introspect-postgres] skipped: ${postgresMissingReason()}`)

describe.skipIf(!available)('tdg introspect --db postgres://', () => {
  let db: FreshPostgres | undefined
  afterAll(async () => db?.drop())

  it('prints the live schema, and --json matches the DDL file of the same schema', async () => {
    db = await freshPostgresDatabase()
    await execPostgres(db.url, readFileSync('examples/shop.postgres.sql', 'utf8'))
    const human = await runCli(['introspect', '--db', db.url])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toMatch(/^public\.order_items$/m)
    expect(human.stdout).toMatch(/^\s+id\s+bigint\s+int64\s+not null\s+identity always \(orders_id_seq\)/m)
    expect(human.stdout).toMatch(/^\s+tier\s+tier\s+enum\(3\)\s+not null\s+default "free"/m)
    expect(human.stdout).toMatch(/Insert order \(parents first\): public\.customers, public\.orders, public\.products, public\.order_items/)
    const password = new URL(db.url).password
    if (password) expect(human.stdout + human.stderr).not.toContain(password)

    const live = JSON.parse((await runCli(['introspect', '--db', db.url, '--json'])).stdout)
    const file = JSON.parse((await runCli(['introspect', '--schema', 'examples/shop.postgres.sql', '--json'])).stdout)
    expect(live.tables.map((t: { name: string }) => t.name)).toEqual(['customers', 'order_items', 'orders', 'products'])
    expect(live.insertOrder).toEqual(file.insertOrder)
    const cols = (m: { tables: Array<{ name: string; columns: unknown[] }> }, t: string) => m.tables.find((x) => x.name === t)!.columns
    for (const t of ['customers', 'orders', 'order_items', 'products']) expect(cols(live, t)).toEqual(cols(file, t))
  })

  it('a wrong password is one line with the password hidden', async () => {
    const u = new URL(db!.url)
    u.password = 'definitely-wrong-pw'
    u.username = 'postgres'
    const r = await runCli(['introspect', '--db', u.toString()])
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/TDG_CONNECT_FAILED: cannot connect to postgres:\/\/postgres:\*\*\*@/)
    expect(r.stderr).not.toContain('definitely-wrong-pw')
  })
})
