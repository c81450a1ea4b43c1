/**
 * A PostgreSQL → PostgreSQL clone moves rows as COPY text and decodes only the masked columns; a clone
 * into SQLite decodes every value. Both must write the same masked values for the same key: the text
 * path is an optimisation, never a second behaviour. Tricky text (tabs, newlines, backslashes,
 * non-ASCII), NULLs and a self-reference fixed up after the load are in the rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { cloneWithMasking } from '../../src/compose/clone-masked.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { psql } from '../support/table-state.js'

const available = postgresAvailable()
if (!available) console.warn(`[clone-text-path] skipped: ${postgresMissingReason()}`)

const SCHEMA = `
create table people (id bigint primary key, email text not null unique, first_name varchar(40) not null, last_name varchar(40) not null,
  phone varchar(24), notes text, mentor_id bigint references people (id), created_at timestamptz not null, score numeric(6,2));
insert into people select i, 'person' || i || '@example.com', 'Fïrst' || (i % 50), 'Last' || (i % 70),
  case when i % 4 = 0 then null else '+1 555 ' || lpad(i::text, 7, '0') end,
  case when i % 3 = 0 then E'tab\\there\\nline\\\\slash ✓ ' || i end,
  case when i > 1 and i < 4000 then i + 1 - (i % 2) * 2 end,
  timestamptz '2022-01-01 00:00:00+00' + i * interval '37 minutes', (i % 1000) / 10.0
from generate_series(1, 4000) i;
`
const RULES = `
tables:
  people:
    columns:
      email: { mask: { fake: email } }
      first_name: { mask: { fake: first-name } }
      last_name: { mask: { fake: last-name } }
      phone: { mask: scramble }
      notes: { mask: { redact: keep-length } }
`

describe.skipIf(!available)('clone: COPY text path and decoded path agree', () => {
  let src: FreshPostgres
  let dst: FreshPostgres
  let dir: string
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tdg-text-path-'))
    writeFileSync(join(dir, 'rules.yaml'), RULES)
    src = await freshPostgresDatabase()
    dst = await freshPostgresDatabase()
    psql(src.url, { sql: SCHEMA })
    process.env.TDG_MASK_KEY = 'text-path-test-key-0123456789'
  })
  afterAll(async () => {
    await src?.drop()
    await dst?.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('PG → PG (COPY text) and PG → SQLite (decoded) write identical rows', async () => {
    const rulesFile = join(dir, 'rules.yaml')
    const toPg = await cloneWithMasking({ from: src.url, to: dst.url, rulesFile, allowUnmapped: true, createSchema: true, batchSize: 1000 })
    const file = join(dir, 'people.db')
    const toLite = await cloneWithMasking({ from: src.url, to: `sqlite:${file}`, rulesFile, allowUnmapped: true, createSchema: true, batchSize: 1000 })
    expect(toPg.summary.steps.map((s) => s.text)).toEqual([true])
    expect(toLite.summary.steps.map((s) => s.text)).toEqual([undefined])
    expect(toPg.summary.fixedUp).toBe(toLite.summary.fixedUp)

    const client = new pg.Client({ connectionString: dst.url })
    await client.connect()
    const pgRows = (
      await client.query<Record<string, unknown>>(
        `select id::int as id, email, first_name, last_name, phone, notes, mentor_id::int as mentor_id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') as created_at, score::text as score from people order by id`,
      )
    ).rows
    await client.end()
    const lite = new Database(file, { readonly: true })
    const liteRows = lite
      .prepare(`select id, email, first_name, last_name, phone, notes, mentor_id, substr(replace(created_at, 'T', ' '), 1, 19) as created_at, score from people order by id`)
      .all() as Array<Record<string, unknown>>
    lite.close()
    expect(pgRows).toHaveLength(4000)
    const norm = (r: Record<string, unknown>) => ({ ...r, score: r.score === null ? null : Number(r.score).toFixed(2) })
    expect(pgRows.map(norm)).toEqual(liteRows.map(norm))
    // Masked: no original email, first name or phone is left; the references were fixed up.
    expect(pgRows.filter((r) => String(r.email).startsWith('person'))).toHaveLength(0)
    expect(pgRows.filter((r) => String(r.first_name).startsWith('Fïrst'))).toHaveLength(0)
    expect(new Set(pgRows.map((r) => r.email)).size).toBe(4000)
    expect(pgRows.filter((r) => r.mentor_id !== null).length).toBeGreaterThan(3000)
    // Untouched columns are the source's.
    expect(pgRows[2]!.created_at).toBe('2022-01-01 01:51:00')
  })
})
