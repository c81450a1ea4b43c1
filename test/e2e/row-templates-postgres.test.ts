/**
 * Row templates and locales against a real PostgreSQL: `tdg seed --locale de` with
 * `email: { template: "{{first_name}}.{{last_name}}@example.com", lowercase: true }` on a UNIQUE column,
 * 20 000 rows; checked by SQL and against the rows' own names: every email is the row's names plus digits,
 * all distinct (the table's UNIQUE constraint held on insert), phones in German format.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'

const available = postgresAvailable()
if (!available) console.warn(`[row-templates-postgres] skipped: ${postgresMissingReason()}`)

const DDL = `CREATE TABLE people (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  first_name varchar(50) NOT NULL,
  last_name varchar(50) NOT NULL,
  email varchar(120) NOT NULL UNIQUE,
  username varchar(40) NOT NULL UNIQUE,
  phone varchar(40) NOT NULL
);
`
const RULES = `tables:
  people:
    columns:
      email: { template: "{{first_name}}.{{last_name}}@example.com", lowercase: true }
      username: { template: "{{first_name}}{{last_name}}", lowercase: true }
`

describe.skipIf(!available)('row templates seeded into PostgreSQL (20 000 rows, --locale de)', () => {
  let db: FreshPostgres | undefined
  let client: pg.Client
  const n = async (sql: string): Promise<number> => Number(Object.values((await client.query(sql)).rows[0] as Record<string, unknown>)[0])

  beforeAll(async () => {
    db = await freshPostgresDatabase()
    const dir = mkdtempSync(join(tmpdir(), 'tdg-rowtpl-'))
    writeFileSync(join(dir, 'people.sql'), DDL)
    writeFileSync(join(dir, 'rules.yaml'), RULES)
    const r = await runCli(['seed', '--db', db.url, '--schema', 'people.sql', '--create', '--rules', 'rules.yaml', '--rows', '20000', '--seed', '8', '--locale', 'de', '--quiet'], {
      cwd: dir,
      timeoutMs: 120_000,
    })
    expect(r.code, r.stderr).toBe(0)
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  }, 180_000)

  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it("every email and username is the row's own names; all distinct", async () => {
    expect(await n('SELECT count(*) FROM people')).toBe(20_000)
    expect(await n('SELECT count(DISTINCT email) FROM people')).toBe(20_000)
    expect(await n('SELECT count(DISTINCT username) FROM people')).toBe(20_000)
    const { rows } = await client.query<{ first_name: string; last_name: string; email: string; username: string }>('SELECT first_name, last_name, email, username FROM people')
    // Names as address parts: German umlauts as ae/oe/ue, other accents dropped, no spaces or apostrophes.
    const local = (s: string) => s.toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').normalize('NFD').replace(/[^a-z0-9._-]/g, '')
    const badEmail = rows.filter((r) => !new RegExp(`^${local(r.first_name)}\\.${local(r.last_name)}\\d{2,}@example\\.com$`).test(r.email))
    expect(badEmail).toEqual([])
    // Not email-shaped: the names as they are (lowercased), then digits.
    const badUser = rows.filter((r) => !(r.username.startsWith(`${r.first_name}${r.last_name}`.toLowerCase()) && /\d{2,}$/.test(r.username)))
    expect(badUser).toEqual([])
    expect(rows.some((r) => /[äöüß]/.test(r.first_name + r.last_name))).toBe(true)
  })

  it('German phone numbers', async () => {
    expect(await n(`SELECT count(*) FROM people WHERE phone !~ '^0[0-9]{2,5} [0-9]{4,9}$'`)).toBe(0)
  })
})
