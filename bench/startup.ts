/**
 * Start-up (issue 16, scope 1): the median wall time of 20 runs of the built CLI, each a new process as a
 * user or a test starts it (`node bin/tdg.js …`):
 *   - `tdg --help` and `tdg --version`, target ≤ 120 ms (bin/tdg.js answers both without loading the CLI:
 *     src/cli/fast-path.ts), and `tdg seed --help` (the full CLI's start-up from its bundle, reported);
 *   - `tdg seed --truncate --rows 1` into the 20-table schema of schemas/twenty-tables.sql (FKs, checks,
 *     uniques), in SQLite and in PostgreSQL. Its fixed overhead (start-up, connect, introspect, plan,
 *     the audit record) is the time over the bare load of the same 20 rows by the database's own client
 *     (`sqlite3` / `psql -1 -f` of tdg's own INSERT script, emptying the tables first as --truncate
 *     does), also a median of 20; target ≤ 300 ms.
 * run.ts removes NODE_EXTRA_CA_CERTS from the environment (see there); the floor is reported with it too.
 * The seed runs write their audit records into a state store of their own (TDG_STATE_URL, created by a
 * first, untimed run), not into ~/.tdg.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { PG_BIN, type BenchPostgres } from './support/pg.js'
import { load1 } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { BENCH_SEED } from './support/schemas.js'

const RUNS = 20
const HELP_TARGET_MS = 120
const SEED_OVERHEAD_TARGET_MS = 300
const TABLES = 20

const here = dirname(fileURLToPath(import.meta.url))
/** The repository root, from bench/ (tsx) or dist-bench/bench/ (compiled). */
const root = join(here, '..', ...(here.includes('dist-bench') ? ['..'] : []))

/**
 * The CLI to time: bin/tdg.js over the main.js compiled next to this file (dist-bench/, what `npm run bench`
 * just built) and bundled by scripts/bundle-cli.mjs into dist-bench/cli/, so the figure is of this checkout's
 * code whatever dist/ holds. The launcher is CommonJS (bin/package.json): its copy is a .cjs file.
 */
function cliPath(): string {
  if (!here.includes('dist-bench')) return join(root, 'bin', 'tdg.js')
  const distBench = join(here, '..')
  const bundle = spawnSync(process.execPath, [join(root, 'scripts', 'bundle-cli.mjs'), distBench, join(distBench, 'cli')], { encoding: 'utf8' })
  if (bundle.status !== 0) throw new Error(`scripts/bundle-cli.mjs failed: ${bundle.stderr}`)
  const launcher = join(here, 'startup-tdg.cjs')
  const source = readFileSync(join(root, 'bin', 'tdg.js'), 'utf8')
  const dist = "const DIST = join(__dirname, '..', 'dist')"
  const pkg = "const PACKAGE_JSON = join(__dirname, '..', 'package.json')"
  if (!source.includes(dist) || !source.includes(pkg)) throw new Error('bin/tdg.js no longer defines DIST and PACKAGE_JSON as startup.ts expects: update startup.ts')
  writeFileSync(launcher, source.replace(dist, "const DIST = join(__dirname, '..')").replace(pkg, "const PACKAGE_JSON = join(__dirname, '..', '..', 'package.json')"))
  // dist-bench is built incrementally: a help text cached by an earlier build goes; the first run writes it anew.
  rmSync(join(distBench, 'src', 'cli', 'help-cache.json'), { force: true })
  return launcher
}

/** Median and minimum wall time (ms) of `runs` runs of `cmd args`; throws on a non-zero exit. */
function medianOf(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string, runs = RUNS): { median: number; min: number } {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    const r = spawnSync(cmd, args, { env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) })
    const ms = performance.now() - t0
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.slice(0, 500)}`)
    times.push(ms)
  }
  times.sort((a, b) => a - b)
  return { median: times[Math.floor((times.length - 1) / 2)]!, min: times[0]! }
}

/** The INSERT script tdg writes for `args` (generate --format sql --output -), with the tables emptied first. */
function insertScript(cli: string, env: NodeJS.ProcessEnv, args: string[], empty: (tables: string[]) => string): string {
  const r = spawnSync(process.execPath, [cli, 'generate', ...args, '--rows', '1', '--seed', String(BENCH_SEED), '--format', 'sql', '--output', '-', '-q', '--no-audit'], { env, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`tdg generate --format sql failed: ${r.stderr}`)
  // Quoted names as the script spells them ("regions", or "public"."regions" from a live PostgreSQL).
  const tables = [...r.stdout.matchAll(/^INSERT INTO ((?:"[^"]+"\.)?"[^"]+")/gm)].map((m) => m[1]!)
  if (new Set(tables).size !== TABLES) throw new Error(`the INSERT script names ${new Set(tables).size} tables, not ${TABLES}`)
  return r.stdout.replace(/^BEGIN;\n/, `BEGIN;\n${empty(tables)}\n`)
}

function result(workload: string, rows: number, tdg: { median: number; min: number }, load: number, baseline?: { name: string; median: number }): BenchResult {
  const overhead = baseline ? tdg.median - baseline.median : tdg.median
  const target = baseline ? SEED_OVERHEAD_TARGET_MS : HELP_TARGET_MS
  const ratio = overhead / target
  process.stderr.write(`bench: ${workload}: median ${Math.round(tdg.median)} ms${baseline ? `, ${baseline.name} ${Math.round(baseline.median)} ms, overhead ${Math.round(overhead)} ms` : ''}\n`)
  return {
    workload,
    rows,
    tdg: { ms: tdg.median, rowsPerSec: rows > 0 ? Math.round((rows / tdg.median) * 1000) : 0 },
    ...(baseline ? { baseline: { name: baseline.name, ms: baseline.median, rowsPerSec: Math.round((rows / baseline.median) * 1000) } } : {}),
    ratio,
    target: baseline ? `tdg − baseline ≤ ${target} ms` : `≤ ${target} ms`,
    met: ratio <= 1,
    goal: { op: '≤', value: 1 },
    load,
    note: `median of ${RUNS} (min ${Math.round(tdg.min)} ms)${baseline ? `; overhead ${Math.round(overhead)} ms; ratio = overhead / ${target} ms` : `; ratio = median / ${target} ms`}`,
  }
}

/** The four start-up figures: --help, --version, seed of 1 row per table into SQLite and into PostgreSQL. */
export async function startup(pg: BenchPostgres, work: string, log: (m: string) => void, extraCaCerts?: string): Promise<BenchResult[]> {
  const cli = cliPath()
  const env = { ...process.env, TDG_STATE_URL: join(work, 'startup-state.db'), CI: 'true' }
  const node = (args: string[], input?: string, runs?: number) => medianOf(process.execPath, [cli, ...args], env, input, runs)
  const results: BenchResult[] = []
  // The floor on this machine at this load: a Node.js process that does nothing.
  const bare = medianOf(process.execPath, ['-e', '0'], env)
  results.push({ ...result('startup: node -e 0 (floor, info)', 0, bare, load1()), info: true })
  if (extraCaCerts !== undefined) {
    // What the environment's NODE_EXTRA_CA_CERTS (run.ts removes it) adds to every Node.js start, tdg's or not.
    const withCa = medianOf(process.execPath, ['-e', '0'], { ...env, NODE_EXTRA_CA_CERTS: extraCaCerts })
    results.push({ ...result('startup: node -e 0 with NODE_EXTRA_CA_CERTS (floor, info)', 0, withCa, load1()), info: true })
  }
  for (const flag of ['--help', '--version']) {
    node([flag], undefined, 1)
    const load = load1()
    log(`startup: tdg ${flag} ×${RUNS} (load ${load})`)
    results.push(result(`startup: tdg ${flag}`, 0, node([flag]), load))
  }
  // The full CLI's own start-up (commander and every command module), which --help/--version skip.
  const full = node(['seed', '--help'])
  results.push({ ...result('startup: tdg seed --help (full CLI, info)', 0, full, load1()), info: true })

  const ddl = readFileSync(join(root, 'bench', 'schemas', 'twenty-tables.sql'), 'utf8')
  const seedArgs = (db: string) => ['seed', '--db', db, '--truncate', '--rows', '1', '--seed', String(BENCH_SEED), '-q']

  // SQLite: the schema in a file; the baseline is the sqlite3 shell running the same INSERTs.
  const file = join(work, 'startup-20.db')
  const db = new Database(file)
  db.exec(ddl)
  db.close()
  const sqliteScript = insertScript(cli, env, ['--schema', join(root, 'bench', 'schemas', 'twenty-tables.sql'), '--dialect', 'sqlite'], (tables) =>
    ['PRAGMA foreign_keys = ON;', ...[...tables].reverse().map((t) => `DELETE FROM ${t};`)].join('\n'),
  )
  node(seedArgs(`sqlite:${file}`), undefined, 1) // creates the state store: not timed
  let load = load1()
  log(`startup: tdg seed --rows 1 into ${TABLES} SQLite tables ×${RUNS}, and sqlite3 of the same INSERTs (load ${load})`)
  const sqliteTdg = node(seedArgs(`sqlite:${file}`))
  const sqliteBare = medianOf('sqlite3', ['-bail', file], env, sqliteScript)
  results.push(result(`startup: seed 1 row × ${TABLES} tables (SQLite)`, TABLES, sqliteTdg, load, { name: 'sqlite3 < INSERTs', median: sqliteBare.median }))

  // PostgreSQL: the same DDL; the baseline is psql running the INSERTs in one transaction.
  pg.freshDb('startup20')
  pg.psql('startup20', ddl)
  const url = pg.url('startup20')
  const pgScript = insertScript(cli, env, ['--db', url], (tables) => `TRUNCATE ${tables.join(', ')};`)
  const u = new URL(url)
  const psqlEnv = { ...env, PGHOST: u.hostname, PGPORT: u.port, PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: 'startup20' }
  node(seedArgs(url), undefined, 1)
  load = load1()
  log(`startup: tdg seed --rows 1 into ${TABLES} PostgreSQL tables ×${RUNS}, and psql of the same INSERTs (load ${load})`)
  const pgTdg = node(seedArgs(url))
  const pgBare = medianOf(join(PG_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'], psqlEnv, pgScript)
  const count = pg.psql('startup20', 'SELECT count(*) FROM regions').trim()
  if (count !== '1') throw new Error(`startup: regions holds ${count} rows after the runs, not 1`)
  results.push(result(`startup: seed 1 row × ${TABLES} tables (PG)`, TABLES, pgTdg, load, { name: 'psql -f INSERTs', median: pgBare.median }))
  return results
}
