/**
 * The scaffold of the "same output whatever the run's shape" e2e suites (determinism.test.ts: batch
 * sizes; workers.test.ts: generating threads): one option changes between runs that must write the
 * same bytes and rows. `generate` runs compare sha256 of every file written; `seed` runs go into fresh
 * SQLite files or fresh PostgreSQL databases and compare what the database itself computes of each
 * table (table-state.ts). Each run must exit 0; the caller asserts what makes its comparison non-vacuous.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect } from 'vitest'
import { freshPostgresDatabase, postgresAvailable, postgresMissingReason, type FreshPostgres } from './databases.js'
import { runCli } from './run-cli.js'
import { pgState, sqliteState, type DbState } from './table-state.js'

/** A run of the CLI may take this long (rows × variants on a shared machine). */
const RUN_TIMEOUT_MS = 180_000

/** A scratch directory for the calling test file, removed after its tests. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tdg-${prefix}-`))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Whether PostgreSQL is here; when not, one warning naming the suite whose case is skipped. */
export function postgresFor(suite: string): boolean {
  const pg = postgresAvailable()
  if (!pg) console.warn(`[${suite}] PostgreSQL case skipped: ${postgresMissingReason()}`)
  return pg
}

/** sha256 of every file under `d` (fixups/ and manifest.json included), by relative path. */
export function fileHashes(d: string): Record<string, string> {
  const files = (readdirSync(d, { recursive: true }) as string[]).filter((f) => statSync(join(d, f)).isFile()).sort()
  return Object.fromEntries(files.map((f) => [f, createHash('sha256').update(readFileSync(join(d, f))).digest('hex')]))
}

/** Run `tdg <args> --output <out> --quiet` (a `generate`); it must exit 0. Returns the hashes of what it wrote. */
export async function generateHashes(args: string[], out: string): Promise<Record<string, string>> {
  const r = await runCli([...args, '--output', out, '--quiet'], { timeoutMs: RUN_TIMEOUT_MS })
  expect(r.code, r.stderr).toBe(0)
  return fileHashes(out)
}

/** One database a seed run writes into: its URL and how to read its state afterwards. */
interface SeedTarget {
  url: string
  state(): DbState | Promise<DbState>
}

/** `tdg seed --create --quiet` of `schema` with `args` plus each variant's flags, each into `open(variant)`. */
async function seedEach(open: (variant: string[]) => Promise<SeedTarget>, schema: string, args: string[], variants: string[][]): Promise<DbState[]> {
  const states: DbState[] = []
  for (const variant of variants) {
    const target = await open(variant)
    const r = await runCli(['seed', '--db', target.url, '--schema', schema, '--create', ...args, ...variant, '--quiet'], { timeoutMs: RUN_TIMEOUT_MS })
    expect(r.code, r.stderr).toBe(0)
    states.push(await target.state())
  }
  return states
}

/**
 * Seed `schema` with `args` plus each variant's flags into a fresh SQLite file under `dir` each; every
 * run must exit 0. Returns each database's state, in variant order.
 */
export function seedSqliteStates(dir: string, schema: string, args: string[], variants: string[][]): Promise<DbState[]> {
  return seedEach(async (variant) => {
    const file = join(dir, `seed-${variant.join('')}.db`)
    return { url: `sqlite:${file}`, state: () => sqliteState(file) }
  }, schema, args, variants)
}

/**
 * As `seedSqliteStates`, into fresh PostgreSQL databases (dropped after the calling describe block: call
 * this inside it). Returns the function that seeds; states are the per-table md5s computed in SQL.
 */
export function freshPostgresSeeds(): (schema: string, args: string[], variants: string[][]) => Promise<DbState[]> {
  const dbs: FreshPostgres[] = []
  afterAll(async () => {
    for (const d of dbs) await d.drop()
  })
  return (schema, args, variants) =>
    seedEach(async () => {
      const db = await freshPostgresDatabase()
      dbs.push(db)
      return { url: db.url, state: () => pgState(db.url) }
    }, schema, args, variants)
}
