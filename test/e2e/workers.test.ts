/**
 * Issue 16 item 4: `--workers K` generates a step's batches on K worker threads for the one ordered
 * writer; every byte written must equal the single-threaded run's (value = f(seed, table, column, row)).
 * Schemas with composite and self FKs, a nullable cycle (fixups), UNIQUEs, nullable columns and CHECKs
 * (hard.sql), and every value kind (bigint, dates, bytes, arrays, json: everything.sql).
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'
import { pgState, sqliteState } from '../support/table-state.js'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[workers] PostgreSQL case skipped: ${postgresMissingReason()}`)

const dir = mkdtempSync(join(tmpdir(), 'tdg-workers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** sha256 of every file under `d` (fixups/ and manifest.json included), by relative path. */
function hashes(d: string): Record<string, string> {
  const files = (readdirSync(d, { recursive: true }) as string[]).filter((f) => statSync(join(d, f)).isFile()).sort()
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(d, f))).digest('hex')]))
}

const cases = [
  { schema: 'test/fixtures/postgres/hard.sql', format: 'csv' },
  { schema: 'test/fixtures/postgres/everything.sql', format: 'csv' },
  { schema: 'test/fixtures/postgres/everything.sql', format: 'parquet' },
  { schema: 'test/fixtures/postgres/hard.sql', format: 'sql' },
] as const

describe('tdg generate --workers K: the same bytes as one thread', () => {
  for (const { schema, format } of cases) {
    const name = schema.split('/').pop()!
    it(`${name} → ${format}: K = 1, 2, 3 (batches of 700 rows, so every step spans many batches)`, async () => {
      const out = (k: string) => join(dir, `${name}-${format}-${k}`)
      for (const k of ['1', '2', '3']) {
        const r = await runCli(['generate', '--schema', schema, '--rows', '6000', '--seed', '17', '--now', '2026-12-01', '--batch-size', '700', '--workers', k, '--format', format, '--output', out(k), '--quiet'], { timeoutMs: 180_000 })
        expect(r.code, r.stderr).toBe(0)
      }
      const one = hashes(out('1'))
      expect(Object.keys(one).filter((f) => f.endsWith(`.${format}`)).length).toBeGreaterThanOrEqual(format === 'sql' ? 2 : 5)
      expect(hashes(out('2'))).toEqual(one)
      expect(hashes(out('3'))).toEqual(one)
    })
  }

  it('the comparison can fail: another seed with workers changes the bytes', async () => {
    const out = join(dir, 'other-seed')
    const r = await runCli(['generate', '--schema', 'test/fixtures/postgres/hard.sql', '--rows', '6000', '--seed', '18', '--now', '2026-12-01', '--batch-size', '700', '--workers', '2', '--format', 'csv', '--output', out, '--quiet'], { timeoutMs: 180_000 })
    expect(r.code, r.stderr).toBe(0)
    const a = hashes(join(dir, 'hard.sql-csv-1'))
    const b = hashes(out)
    expect(Object.keys(b).filter((f) => f.endsWith('.csv') && b[f] !== a[f]).length).toBeGreaterThan(3)
  })

  it('--workers auto is accepted; 0 and words are usage errors naming the option', async () => {
    const ok = await runCli(['generate', '--schema', 'test/fixtures/postgres/hard.sql', '--rows', '50', '--seed', '1', '--workers', 'auto', '--output', join(dir, 'auto'), '--quiet'], { timeoutMs: 60_000 })
    expect(ok.code, ok.stderr).toBe(0)
    for (const bad of ['0', 'two', '1.5']) {
      const r = await runCli(['generate', '--schema', 'test/fixtures/postgres/hard.sql', '--rows', '50', '--workers', bad, '--output', join(dir, `bad-${bad}`)], { timeoutMs: 60_000 })
      expect(r.code).not.toBe(0)
      expect(r.stderr).toMatch(/TDG_USAGE.*workers/)
    }
  })
})

describe('tdg seed --workers K: identical tables', () => {
  it('SQLite (hard.sql, with its fixups): K = 1 and K = 3 give the same rows in every table', async () => {
    const states = []
    for (const k of ['1', '3']) {
      const file = join(dir, `seed-${k}.db`)
      const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', 'test/fixtures/sqlite/hard.sql', '--create', '--rows', '6000', '--seed', '5', '--now', '2026-12-01', '--batch-size', '700', '--workers', k, '--quiet'], { timeoutMs: 180_000 })
      expect(r.code, r.stderr).toBe(0)
      states.push(sqliteState(file))
    }
    expect(Object.keys(states[0]!)).toHaveLength(9)
    expect(Object.values(states[0]!).every((s) => s.rows > 0)).toBe(true)
    expect(states[1]).toEqual(states[0])
  })

  describe.skipIf(!pg)('PostgreSQL', () => {
    const dbs: FreshPostgres[] = []
    afterAll(async () => {
      for (const d of dbs) await d.drop()
    })

    it('COPY path, deferred NOT NULL cycle and fixups: K = 1 and K = 2 give per-table md5s that agree', async () => {
      const states = []
      for (const k of ['1', '2']) {
        const db = await freshPostgresDatabase()
        dbs.push(db)
        const r = await runCli(['seed', '--db', db.url, '--schema', 'test/fixtures/postgres/hard.sql', '--create', '--rows', '6000', '--seed', '5', '--now', '2026-12-01', '--batch-size', '700', '--workers', k, '--quiet'], { timeoutMs: 180_000 })
        expect(r.code, r.stderr).toBe(0)
        states.push(await pgState(db.url))
      }
      expect(Object.keys(states[0]!)).toHaveLength(9)
      expect(states[1]).toEqual(states[0])
    })
  })
})
