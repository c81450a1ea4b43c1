/**
 * `copyOutBatches` (COPY TO STDOUT cut into row batches) with its own CopyData parser (copy-out-parse.ts):
 * the bytes are exactly COPY's output — rows far longer than a socket read, interspersed notices — and a
 * COPY the server fails mid-way fails the read and leaves the session usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { copyOutBatches } from '../../adapters/postgres/copy-out.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'

const available = postgresAvailable()
if (!available) console.warn(`[pg-copy-out] skipped: ${postgresMissingReason()}`)

/** What COPY sends for the rows of `sql`, as text (the server's own rendering, through a plain query). */
async function expectedText(client: pg.Client, sql: string): Promise<string> {
  const r = await client.query<{ line: string }>(`SELECT string_agg(line, '') AS line FROM (SELECT concat_ws(E'\\t', a::text, b) || E'\\n' AS line FROM (${sql}) s(a, b) ORDER BY a) x`)
  return r.rows[0]!.line ?? ''
}

describe.skipIf(!available)('postgres copyOutBatches', () => {
  let db: FreshPostgres
  let client: pg.Client
  beforeAll(async () => {
    db = await freshPostgresDatabase()
    client = new pg.Client({ connectionString: db.url })
    await client.connect()
  })
  afterAll(async () => {
    await client?.end()
    await db?.drop()
  })

  it('yields exactly the rows COPY sends, long rows across socket reads included, in batches of whole rows', async () => {
    // Rows of 1 byte up to 300 kB: messages cut anywhere by the socket's reads, headers included.
    const rows = `SELECT i, repeat(chr(97 + i % 26), CASE WHEN i % 97 = 0 THEN 300000 ELSE i % 200 END) FROM generate_series(1, 5000) i`
    const want = await expectedText(client, rows)
    const parts: Buffer[] = []
    let n = 0
    for await (const b of copyOutBatches(client, `COPY (${rows} ORDER BY 1) TO STDOUT`, 700)) {
      expect(b.bytes[b.bytes.length - 1]).toBe(0x0a)
      expect(b.bytes.toString('latin1').split('\n').length - 1).toBe(b.rows)
      parts.push(Buffer.from(b.bytes))
      n += b.rows
    }
    expect(n).toBe(5000)
    expect(Buffer.concat(parts).toString('utf8')).toBe(want)
    // The session is pg's again: a plain query works.
    expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 })
  })

  it('skips notices the server sends during the copy', async () => {
    await client.query(`CREATE FUNCTION noisy(i int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN IF i % 100 = 0 THEN RAISE NOTICE 'row %', i; END IF; RETURN i; END $$`)
    const parts: Buffer[] = []
    for await (const b of copyOutBatches(client, `COPY (SELECT noisy(i), 'x' FROM generate_series(1, 1000) i) TO STDOUT`, 100)) parts.push(Buffer.from(b.bytes))
    expect(Buffer.concat(parts).toString()).toBe(Array.from({ length: 1000 }, (_, i) => `${i + 1}\tx\n`).join(''))
  })

  it('fails when the server fails the COPY mid-way, and the session stays usable', async () => {
    let rows = 0
    const read = async () => {
      for await (const b of copyOutBatches(client, `COPY (SELECT i, 1 / (20000 - i) FROM generate_series(1, 30000) i) TO STDOUT`, 1000)) rows += b.rows
    }
    await expect(read()).rejects.toThrow(/division by zero/)
    expect(rows).toBeLessThan(20000)
    expect((await client.query('SELECT 2 AS two')).rows[0]).toEqual({ two: 2 })
  })
})
