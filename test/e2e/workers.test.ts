/**
 * Issue 16 item 4: `--workers K` generates a step's batches on K worker threads for the one ordered
 * writer; every byte written must equal the single-threaded run's (value = f(seed, table, column, row)).
 * Schemas with composite and self FKs, a nullable cycle (fixups), UNIQUEs, nullable columns and CHECKs
 * (hard.sql), and every value kind (bigint, dates, bytes, arrays, json: everything.sql).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.js'
import { fileHashes, freshPostgresSeeds, generateHashes, postgresFor, scratchDir, seedSqliteStates } from '../support/same-output.js'

const pg = postgresFor('workers')
const dir = scratchDir('workers')
/** Batches of 700 rows, so every step of 6000 rows spans many batches. */
const common = ['--rows', '6000', '--now', '2026-12-01', '--batch-size', '700']
const workers = (k: string) => ['--workers', k]

const cases = [
  { schema: 'test/fixtures/postgres/hard.sql', format: 'csv' },
  { schema: 'test/fixtures/postgres/everything.sql', format: 'csv' },
  { schema: 'test/fixtures/postgres/everything.sql', format: 'parquet' },
  { schema: 'test/fixtures/postgres/hard.sql', format: 'sql' },
  // Row groups of 1000 rows end inside batches of 700: the workers' encoded batches are split where one thread splits.
  { schema: 'test/fixtures/postgres/hard.sql', format: 'parquet', extra: ['--row-group-size', '1000'] },
] as const satisfies ReadonlyArray<{ schema: string; format: string; extra?: readonly string[] }>

describe('tdg generate --workers K: the same bytes as one thread', () => {
  const generate = (schema: string, format: string, seed: string, k: string, out: string, extra: readonly string[] = []) =>
    generateHashes(['generate', '--schema', schema, ...common, '--seed', seed, ...workers(k), '--format', format, ...extra], out)
  for (const c of cases) {
    const { schema, format } = c
    const extra = 'extra' in c ? c.extra : []
    const name = schema.split('/').pop()!
    it(`${name} → ${format} ${extra.join(' ')}: K = 1, 2, 3 (batches of 700 rows, so every step spans many batches)`, async () => {
      const out = (k: string) => join(dir, `${name}-${format}-${extra.length}-${k}`)
      const one = await generate(schema, format, '17', '1', out('1'), extra)
      expect(Object.keys(one).filter((f) => f.endsWith(`.${format}`)).length).toBeGreaterThanOrEqual(format === 'sql' ? 2 : 5)
      expect(await generate(schema, format, '17', '2', out('2'), extra)).toEqual(one)
      expect(await generate(schema, format, '17', '3', out('3'), extra)).toEqual(one)
    })
  }

  it('the comparison can fail: another seed with workers changes the bytes', async () => {
    const a = fileHashes(join(dir, 'hard.sql-csv-0-1')) // written by the first case
    const b = await generate('test/fixtures/postgres/hard.sql', 'csv', '18', '2', join(dir, 'other-seed'))
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
    const states = await seedSqliteStates(dir, 'test/fixtures/sqlite/hard.sql', [...common, '--seed', '5'], [workers('1'), workers('3')])
    expect(Object.keys(states[0]!)).toHaveLength(9)
    expect(Object.values(states[0]!).every((s) => s.rows > 0)).toBe(true)
    expect(states[1]).toEqual(states[0])
  })

  describe.skipIf(!pg)('PostgreSQL', () => {
    const seedPostgres = freshPostgresSeeds()

    it('COPY path, deferred NOT NULL cycle and fixups: K = 1 and K = 2 give per-table md5s that agree', async () => {
      const states = await seedPostgres('test/fixtures/postgres/hard.sql', [...common, '--seed', '5'], [workers('1'), workers('2')])
      expect(Object.keys(states[0]!)).toHaveLength(9)
      expect(states[1]).toEqual(states[0])
    })
  })
})
