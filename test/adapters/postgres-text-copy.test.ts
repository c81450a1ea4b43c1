/**
 * PostgreSQL's COPY text path of a copy: `SnapshotReader.scanText` gives, field by field, the Values
 * `scan` gives (every type the adapter reads: bytea, arrays, enum arrays, json, timestamps, intervals,
 * numeric, text with tabs, newlines, backslashes and non-ASCII), in batches of whole rows; and
 * `Writer.insertText` loads those bytes so the target holds exactly the source's rows. A table with a
 * GENERATED ALWAYS identity is declined (nothing read), and a bad `where` fails the scan, not the snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { connect } from '../../adapters/index.js'
import type { Adapter, TextScanBatch } from '../../src/adapter/adapter.js'
import type { RowStream, TextRowBatch, Value } from '../../src/model/rows.js'
import { execPostgres, freshPostgresDatabase, postgresAvailable, type FreshPostgres } from '../support/databases.js'

const DDL = `
  CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
  CREATE TABLE t (
    id bigint PRIMARY KEY, label text, code varchar(12), amount numeric(12,2), ratio double precision, ok boolean,
    born date, seen timestamptz, at_local timestamp, span interval, blob bytea, tags text[], moods mood[], doc jsonb, big bigint
  );
  INSERT INTO t SELECT i, 'row ' || i || E'\\twith tab\\nand newline \\\\ and ünïcødé ✓', 'C' || i, i * 1.25, i / 3.0, i % 2 = 0,
    date '2020-01-01' + i, timestamptz '2021-06-01 12:00:00+02' + i * interval '1 hour', timestamp '2021-06-01 08:30:00.123456' + i * interval '1 minute',
    make_interval(days => i, secs => i * 1.5), decode(lpad(to_hex(i), 8, '0') || '00ff5c0a09', 'hex'), ARRAY['a' || i, NULL, 'x"y', 'b\\c'],
    ARRAY['sad', 'happy']::mood[], jsonb_build_object('k', i, 'nested', jsonb_build_array(1, 'two', null)), 9007199254740993 + i
  FROM generate_series(1, 2500) i;
  INSERT INTO t (id) VALUES (0);
  CREATE TABLE target (LIKE t);
  CREATE TABLE always_id (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);
  INSERT INTO always_id (v) VALUES ('a'), ('b');
`

async function rowsOf(stream: RowStream): Promise<Value[][]> {
  const out: Value[][] = []
  for await (const b of stream) out.push(...b.rows)
  return out
}

/** The fields of text batches decoded with their codec and parsers. */
function decodeAll(batches: TextScanBatch[]): Value[][] {
  const out: Value[][] = []
  for (const b of batches) {
    let start = 0
    let row: Value[] = []
    for (let i = 0; i < b.bytes.length; i++) {
      const c = b.bytes[i]
      if (c !== b.codec.separator && c !== b.codec.terminator) continue
      const text = b.codec.decode(b.bytes, start, i)
      row.push(text === null ? null : b.parse[row.length]!(text))
      start = i + 1
      if (c === b.codec.terminator) {
        out.push(row)
        row = []
      }
    }
  }
  return out
}

describe.skipIf(!postgresAvailable())('postgres: COPY text scan and load', () => {
  let db: FreshPostgres
  let adapter: Adapter
  beforeAll(async () => {
    db = await freshPostgresDatabase()
    await execPostgres(db.url, DDL)
    adapter = await connect(db.url)
  })
  afterAll(async () => {
    await adapter?.close()
    await db?.drop()
  })

  it('scanText decodes to exactly what scan returns, in whole-row batches of about batchSize rows', async () => {
    const { values, batches } = await adapter.readSnapshot(async (r) => {
      const values = await rowsOf(r.scan({ name: 't' }, { orderBy: ['id'] }))
      const batches: TextScanBatch[] = []
      for await (const b of r.scanText!({ name: 't' }, { orderBy: ['id'], batchSize: 1000 })) batches.push(b)
      return { values, batches }
    })
    expect(values).toHaveLength(2501)
    expect(decodeAll(batches)).toEqual(values)
    expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(2501)
    for (const b of batches) {
      expect(b.bytes[b.bytes.length - 1]).toBe(0x0a)
      expect(b.rows).toBeGreaterThan(0)
    }
    expect(batches.length).toBeGreaterThanOrEqual(2)
  })

  it('insertText loads the bytes as they are: the target equals the source row for row', async () => {
    const written = await adapter.readSnapshot(async (r) =>
      adapter.transaction(async (w) => {
        expect(w.textFormat).toBe(r.textFormat)
        const batches = r.scanText!({ name: 't' }, { batchSize: 700 }) as AsyncIterable<TextRowBatch>
        return w.insertText!({ name: 'target' }, batches)
      }),
    )
    expect(written).toEqual({ rows: 2501 })
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    try {
      const diff = await client.query('SELECT count(*)::int AS n, (SELECT count(*)::int FROM target) AS total FROM ((TABLE t EXCEPT ALL TABLE target) UNION ALL (TABLE target EXCEPT ALL TABLE t)) d')
      expect(diff.rows[0]).toEqual({ n: 0, total: 2501 })
    } finally {
      await client.end()
    }
  })

  it('declines a table with a GENERATED ALWAYS identity without reading, and a bad where fails only its scan', async () => {
    let pulled = 0
    async function* never(): AsyncGenerator<TextRowBatch> {
      pulled++
      yield { format: 'postgres-copy-text', columns: ['id', 'v'], bytes: Buffer.from('9\tz\n'), rows: 1 }
    }
    const declined = await adapter.transaction((w) => w.insertText!({ name: 'always_id' }, never()))
    expect(declined).toBeUndefined()
    expect(pulled).toBe(0)
    const after = await adapter.readSnapshot(async (r) => {
      const failed = await (async () => {
        for await (const _ of r.scanText!({ name: 't' }, { where: 'no_such_column > 1' })) void _
      })().catch((e: unknown) => e)
      expect((failed as { code?: string }).code).toBe('TDG_READ_FAILED')
      return r.count({ name: 't' })
    })
    expect(after).toBe(2501)
  })
})
