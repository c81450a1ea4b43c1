/**
 * Issue 3 acceptance: same seed and options → byte-identical `generate` files in every format and
 * identical table contents after `seed`, whatever the batch size (value = f(seed, table, column, row)).
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from '../support/databases.js'
import { runCli } from '../support/run-cli.js'
import { pgState, sqliteState } from '../support/table-state.js'

const pg = postgresAvailable()
if (!pg) console.warn(`[determinism] PostgreSQL case skipped: ${postgresMissingReason()}`)

const dir = mkdtempSync(join(tmpdir(), 'tdg-determinism-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** sha256 of every file under `d` (fixups/ included), by relative path. */
function hashes(d: string): Record<string, string> {
  const files = (readdirSync(d, { recursive: true }) as string[]).filter((f) => statSync(join(d, f)).isFile()).sort()
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(d, f))).digest('hex')]))
}

describe('tdg generate: byte-identical files across batch sizes', () => {
  for (const format of ['csv', 'json', 'ndjson', 'sql'] as const) {
    it(`${format}: --batch-size 1000 and 7777 give the same bytes${format === 'csv' ? ', another seed does not' : ''}`, async () => {
      const out = (b: string) => join(dir, `${format}-${b}`)
      for (const b of ['1000', '7777']) {
        const r = await runCli(['generate', '--schema', 'test/fixtures/postgres/hard.sql', '--rows', '8000', '--seed', '99', '--batch-size', b, '--format', format, '--output', out(b), '--quiet'], { timeoutMs: 120_000 })
        expect(r.code, r.stderr).toBe(0)
      }
      const a = hashes(out('1000'))
      const b = hashes(out('7777'))
      // One file per table (plus the manifest), and the bytes agree file by file.
      expect(Object.keys(a).filter((f) => f.endsWith(`.${format}`)).length).toBeGreaterThanOrEqual(9)
      expect(Object.keys(a)).toContain('manifest.json')
      expect(b).toEqual(a)
      if (format !== 'csv') return
      // A different seed really changes the data (the comparison above is not vacuous).
      const other = join(dir, `${format}-seed`)
      const r = await runCli(['generate', '--schema', 'test/fixtures/postgres/hard.sql', '--rows', '8000', '--seed', '100', '--format', format, '--output', other, '--quiet'], { timeoutMs: 120_000 })
      expect(r.code, r.stderr).toBe(0)
      const c = hashes(other)
      expect(Object.keys(c).filter((f) => c[f] !== a[f]).length).toBeGreaterThan(0)
    })
  }
})

describe('tdg seed: identical table contents across batch sizes', () => {
  it('SQLite: two fresh files, --batch-size 1000 vs 7777', async () => {
    const states = []
    for (const b of ['1000', '7777']) {
      const file = join(dir, `seed-${b}.db`)
      const r = await runCli(['seed', '--db', `sqlite:${file}`, '--schema', 'test/fixtures/sqlite/hard.sql', '--create', '--rows', '8000', '--seed', '5', '--batch-size', b, '--quiet'], { timeoutMs: 120_000 })
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

    it('two fresh databases, --batch-size 1000 vs 7777: per-table md5 computed in SQL agree', async () => {
      const states = []
      for (const b of ['1000', '7777']) {
        const db = await freshPostgresDatabase()
        dbs.push(db)
        const r = await runCli(['seed', '--db', db.url, '--schema', 'test/fixtures/postgres/hard.sql', '--create', '--rows', '8000', '--seed', '5', '--batch-size', b, '--quiet'], { timeoutMs: 120_000 })
        expect(r.code, r.stderr).toBe(0)
        states.push(await pgState(db.url))
      }
      expect(Object.keys(states[0]!)).toHaveLength(9)
      expect(Object.values(states[0]!).every((s) => s.rows === 8_000)).toBe(true)
      expect(states[1]).toEqual(states[0])
    })
  })
})
