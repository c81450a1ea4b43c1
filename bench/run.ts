/**
 * `npm run bench [-- --rows N]`: tdg's bulk paths side by side with the databases' native
 * loaders, on a throwaway PostgreSQL server (started here, stopped at the end) and SQLite files.
 *
 *   W1          1M rows of a pgbench_accounts-shaped table: tdg seed vs `pgbench -i -I dtgp -s 10` (and `-I dtg`)
 *   W2 pg       1M rows of a 10-column users table: tdg seed vs psql `\copy` of a CSV of the same rows
 *   W2 mariadb  the same table in MariaDB: tdg seed (LOAD DATA LOCAL path, and the INSERT fallback) vs
 *               the `mariadb` client's LOAD DATA LOCAL INFILE of a CSV of the same rows (w2-mariadb.ts)
 *   W2 sqlite   the same table in SQLite: tdg seed vs `sqlite3 .import --csv` of the same rows
 *   generation  W2 rows generated and dropped (no database), vs the W2 pg load rate
 *   rules       the rules engine's cost: a rules fixture generated with and without its rules (same rows)
 *   mask        each masker's cost in ns/value over N originals, no database (mask-cost.ts)
 *   peers       issue 16's org 1k / users10 100k / orders 300k: tdg seed (fast load on, off) vs psql `\copy`, and vs drizzle-seed (peers.ts)
 *   shards      issue 16 item 5: N = 1, 2, 4 `tdg seed --shard i/N --phase P` processes on the peers schema, union = one run (shards.ts)
 *   W4          1M-row 10-column table cloned PG→PG with 4 masked columns vs psql `\copy to | \copy from` (w4-clone.ts)
 *   parquet     W2 1M rows → one Parquet file by tdg vs DuckDB COPY read_csv → parquet of the same rows (parquet.ts)
 *   workers     W2 1M rows → CSV and → Parquet with --workers 1 and 2: speed-up, identical bytes (workers.ts)
 *   csv         the CSV profiling input: sniff, counting pass and typed read of a 1M-row 10-column CSV (csv-read.ts)
 *   profile     `tdg profile` of a 1M-row 10-column table with --sample 100000, target < 3 s (profile-live.ts)
 *   s3          W2 rows as CSV to S3 (a throwaway radosgw on loopback) vs the same to local disk (s3.ts)
 *   startup     median of 20 processes: tdg --help, --version, and seed of 1 row into 20 tables in SQLite and PG (startup.ts)
 *   w1phases    (only when named; run it alone) W1 phase by phase: wall, node, server CPU per step beside pgbench's phases (w1-phases.ts)
 *   peak RSS    child processes: `tdg seed` (the CLI) of 1M and 10M W2 rows into PostgreSQL, and
 *               `tdg generate --format csv` of as many to files; target ≤ 200 MB, flat within 10 %
 *
 * `--rows N` changes the 1M of the workloads (a multiple of 100000); `--only w1,w2pg,w2my,sqlite,gen,rules,mask,w4,profile,rss,csv,parquet,workers,s3,peers,shards,startup`
 * runs a subset. The server settings are in support/pg.ts (BENCH_SETTINGS) and support/mariadb.ts
 * (BENCH_MARIADB_SETTINGS); the MariaDB server is started only for w2my and stopped right after it.
 *
 * Not a test: nothing here asserts timings; it prints a table and writes bench/results/latest.json and
 * bench/results/ratios.svg (every ratio against its target, chart.ts).
 * The CSV files of the baselines come from tdg's own CSV exporter with the same plan and seed, and the
 * loaded tables are compared afterwards (checksums), so both sides load identical rows.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { startBenchPostgres, type BenchPostgres } from './support/pg.js'
import { load1, median, rate, ROUNDS, timed, timedChild } from './support/measure.js'
import { formatTable, type BenchResult, type RssResult } from './support/report.js'
import { BENCH_SEED, W1_POSTGRES, W2_POSTGRES, W2_SQLITE } from './support/schemas.js'
import { generateAndDrop, planOfDdl, tdgExportCsv, tdgSeed } from './support/tdg.js'
import { w2Mariadb } from './w2-mariadb.js'
import { rulesOverhead } from './rules-overhead.js'
import { maskCost } from './mask-cost.js'
import { w4Clone } from './w4-clone.js'
import { csvRead } from './csv-read.js'
import { profileLive } from './profile-live.js'
import { parquetBench } from './parquet.js'
import { workersBench } from './workers.js'
import { s3Write } from './s3.js'
import { peers } from './peers.js'
import { shards } from './shards.js'
import { serveLoad } from './serve-load.js'
import { startup } from './startup.js'
import { w1Phases } from './w1-phases.js'
import { renderRatiosSvg } from './chart.js'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const rowsArg = args.indexOf('--rows')
const ROWS = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000
const onlyArg = args.indexOf('--only')
/** `--only w1,w2pg,w2my,sqlite,gen,rules,mask,w4,profile,rss,csv,parquet,s3,peers`: run a subset (for profiling one workload). Default: everything. */
const only = new Set(onlyArg >= 0 ? (args[onlyArg + 1] ?? '').split(',') : ['w1', 'w2pg', 'w2my', 'sqlite', 'gen', 'rules', 'mask', 'w4', 'profile', 'rss', 'csv', 'parquet', 'workers', 's3', 'peers', 'shards', 'startup'])
const resultsFile = join(here, '..', ...(here.includes('dist-bench') ? ['..'] : []), 'bench', 'results', 'latest.json')

function log(msg: string): void {
  process.stderr.write(`bench: ${msg}\n`)
}

/** The only CSV file the exporter wrote into `dir` (`001-users.csv`). */
function csvIn(dir: string): string {
  const f = readdirSync(dir).find((n) => n.endsWith('.csv'))
  if (!f) throw new Error(`no CSV written in ${dir}`)
  return join(dir, f)
}

/**
 * W1 against pgbench twice: `-I dtgp` (PKs built after the load), issue 16's like-for-like target, since
 * tdg's fast load also builds the PK after the rows; and `-I dtg` (pgbench builds no PK there: that is
 * step `p`), reported beside it. ROUNDS rounds, alternating (tdg, dtg, dtgp), each tdg run in a fresh
 * process (timed-child.ts: as cold as a first run); the medians are compared (a single run of either
 * side varies by ±20 % on this machine with checkpoints and load).
 */
async function w1(pg: BenchPostgres): Promise<BenchResult[]> {
  if (ROWS % 100_000 !== 0) throw new Error('--rows must be a multiple of 100000 (pgbench scale)')
  const tdgMs: number[] = []
  const base: Record<string, number[]> = { dtg: [], dtgp: [] }
  const load = load1()
  for (let round = 1; round <= ROUNDS; round++) {
    pg.freshDb('w1_tdg')
    pg.psql('w1_tdg', W1_POSTGRES)
    pg.freshDb('w1_pgbench')
    pg.psql('postgres', 'CHECKPOINT')
    log(`W1 round ${round}/${ROUNDS}: tdg seed ${ROWS} rows (load ${load1()})`)
    tdgMs.push(timedChild(['w1', pg.url('w1_tdg'), String(ROWS)]))
    const counts = [pg.psql('w1_tdg', 'SELECT count(*) FROM pgbench_accounts').trim()]
    for (const steps of ['dtg', 'dtgp']) {
      pg.psql('postgres', 'CHECKPOINT')
      log(`W1 round ${round}/${ROUNDS}: pgbench -i -I ${steps} (load ${load1()})`)
      const b = await timed(() => pg.pgbench('w1_pgbench', ['-i', '-I', steps, '-s', String(ROWS / 100_000), '-q']))
      base[steps]!.push(b.ms)
      counts.push(pg.psql('w1_pgbench', 'SELECT count(*) FROM pgbench_accounts').trim())
    }
    if (counts.some((c) => Number(c) !== ROWS)) throw new Error(`W1 row counts ${counts.join(' / ')} (expected ${ROWS})`)
  }
  const t = median(tdgMs)
  const spread = (xs: number[]) => xs.map((x) => Math.round(x)).join('/')
  return (['dtg', 'dtgp'] as const).map((steps) => {
    const b = median(base[steps]!)
    const ratio = t / b
    // Issue 16's target is against -I dtgp (the PK built after the load, as tdg's fast load does); -I dtg,
    // which never builds the PK, is reported beside it.
    const primary = steps === 'dtgp'
    const rounds = `median of ${ROUNDS} alternating rounds (tdg ${spread(tdgMs)} ms, pgbench -I ${steps} ${spread(base[steps]!)} ms)`
    return {
      workload: primary ? 'W1 pgbench_accounts (PG)' : 'W1 vs pgbench without PK (info)',
      rows: ROWS,
      tdg: { ms: t, rowsPerSec: rate(ROWS, t) },
      baseline: { name: `pgbench -i -I ${steps}`, ms: b, rowsPerSec: rate(ROWS, b) },
      ratio,
      target: primary ? 'time ≤ 1.3× pgbench -I dtgp' : 'none (reported)',
      met: ratio <= 1.3,
      ...(primary ? {} : { info: true }),
      load,
      note: primary
        ? `like for like: tdg drops the PRIMARY KEY for the load and builds it after the rows (fast load), in its one transaction, and sends the char(84) filler's words (~14 characters, the server pads them); pgbench -I dtgp loads an empty filler with COPY FREEZE, then builds the PK (step p); ${rounds}`
        : `pgbench without step p: no PK at all; ${rounds}`,
    }
  })
}

const pgChecksum = (pg: BenchPostgres, db: string) =>
  pg.psql(db, "SELECT count(*) || ':' || sum(hashtext(u::text)::bigint) FROM users u").trim()

async function w2Postgres(pg: BenchPostgres, work: string): Promise<BenchResult> {
  pg.freshDb('w2_tdg')
  pg.psql('w2_tdg', W2_POSTGRES)
  pg.freshDb('w2_copy')
  pg.psql('w2_copy', W2_POSTGRES)
  const dir = join(work, 'w2-pg-csv')
  log('W2 pg: exporting the baseline CSV with tdg (not timed)')
  await tdgExportCsv(pg.url('w2_copy'), ROWS, dir)
  const csv = csvIn(dir)
  pg.psql('postgres', 'CHECKPOINT')
  const load = load1()
  log(`W2 pg: tdg seed ${ROWS} rows (load ${load})`)
  const t = await timed(() => tdgSeed(pg.url('w2_tdg'), ROWS))
  pg.psql('postgres', 'CHECKPOINT')
  log('W2 pg: psql \\copy')
  const b = await timed(() => pg.psql('w2_copy', `\\copy users FROM '${csv}' WITH (FORMAT csv, HEADER)`))
  const sums = [pgChecksum(pg, 'w2_tdg'), pgChecksum(pg, 'w2_copy')]
  if (sums[0] !== sums[1] || !sums[0]?.startsWith(`${ROWS}:`)) throw new Error(`W2 pg: loaded tables differ (checksums ${sums.join(' vs ')})`)
  rmSync(dir, { recursive: true, force: true })
  const ratio = rate(ROWS, t.ms) / rate(ROWS, b.ms)
  return {
    workload: 'W2 users (PG)',
    rows: ROWS,
    tdg: { ms: t.ms, rowsPerSec: rate(ROWS, t.ms) },
    baseline: { name: 'psql \\copy csv', ms: b.ms, rowsPerSec: rate(ROWS, b.ms) },
    ratio,
    target: 'rate ≥ 0.8× \\copy',
    met: ratio >= 0.8,
    load,
    note: `identical rows verified: count:sum(hashtext(row)) ${sums[0]} on both sides`,
  }
}

/**
 * SQLite: .import stores CSV text ('true'/'false', '' for NULL) where tdg binds 1/0 and NULL, so rows
 * are compared with booleans mapped to 1/0 and '' to NULL; everything else must be equal as stored.
 */
function sqliteDiff(tdgFile: string, importFile: string): number {
  const db = new Database(tdgFile, { readonly: true })
  try {
    db.prepare('ATTACH DATABASE ? AS imp').run(importFile)
    const cols = (db.prepare("SELECT name FROM pragma_table_info('users')").all() as Array<{ name: string }>).map((c) => c.name)
    // The CSV carries PostgreSQL's text forms (booleans as true/false, a UTC offset as +00); tdg writes SQLite's (1/0, +00:00).
    const norm = cols.map((c) => (c === 'is_active' ? `CASE WHEN ${c} IN (1, 'true') THEN 1 WHEN ${c} IN (0, 'false') THEN 0 ELSE ${c} END` : c === 'created_at' ? `replace(${c}, '+00:00', '+00')` : `nullif(${c}, '')`)).join(', ')
    const diff = (a: string, b: string) => (db.prepare(`SELECT count(*) AS n FROM (SELECT ${norm} FROM ${a}.users EXCEPT SELECT ${norm} FROM ${b}.users)`).get() as { n: number }).n
    return diff('main', 'imp') + diff('imp', 'main')
  } finally {
    db.close()
  }
}

async function w2Sqlite(work: string): Promise<BenchResult> {
  const tdgFile = join(work, 'w2-tdg.db')
  const importFile = join(work, 'w2-import.db')
  for (const f of [tdgFile, importFile]) {
    const db = new Database(f)
    db.exec(W2_SQLITE)
    db.close()
  }
  const dir = join(work, 'w2-sqlite-csv')
  log('W2 sqlite: exporting the baseline CSV with tdg (not timed)')
  await tdgExportCsv(`sqlite:${importFile}`, ROWS, dir)
  const csv = csvIn(dir)
  const load = load1()
  log(`W2 sqlite: tdg seed ${ROWS} rows (load ${load})`)
  const t = await timed(() => tdgSeed(`sqlite:${tdgFile}`, ROWS))
  log('W2 sqlite: sqlite3 .import')
  const b = await timed(() => {
    const r = spawnSync('sqlite3', [importFile, `.import --csv --skip 1 ${csv} users`], { encoding: 'utf8' })
    if (r.status !== 0 || r.stderr) throw new Error(`sqlite3 .import failed: ${r.stderr}`)
  })
  const differing = sqliteDiff(tdgFile, importFile)
  if (differing !== 0) throw new Error(`W2 sqlite: ${differing} rows differ between the two files`)
  rmSync(dir, { recursive: true, force: true })
  const ratio = rate(ROWS, t.ms) / rate(ROWS, b.ms)
  return {
    workload: 'W2 users (SQLite)',
    rows: ROWS,
    tdg: { ms: t.ms, rowsPerSec: rate(ROWS, t.ms) },
    baseline: { name: 'sqlite3 .import --csv', ms: b.ms, rowsPerSec: rate(ROWS, b.ms) },
    ratio,
    target: 'rate ≥ 0.5× .import',
    met: ratio >= 0.5,
    load,
    note: "identical rows verified: EXCEPT both ways = 0 (booleans as 1/0, '' as NULL)",
  }
}

async function generation(pgW2: BenchResult): Promise<BenchResult> {
  const load = load1()
  log(`generation: ${ROWS} W2 rows, dropped (load ${load})`)
  const t = await timed(async () => generateAndDrop(await planOfDdl('postgres', W2_POSTGRES, ROWS)))
  if (t.value !== ROWS) throw new Error(`generation produced ${t.value} rows`)
  const ratio = rate(ROWS, t.ms) / pgW2.tdg.rowsPerSec
  return {
    workload: 'generation only (W2)',
    rows: ROWS,
    tdg: { ms: t.ms, rowsPerSec: rate(ROWS, t.ms) },
    ratio,
    target: 'rate ≥ 2× W2 PG load',
    met: ratio >= 2,
    load,
  }
}

/** Issue 5: what the rules engine adds to generation, same schema and row counts (rules-overhead.ts). */
async function rulesCost(): Promise<BenchResult> {
  const load = load1()
  const customers = Math.max(100_000, Math.round(ROWS / 2))
  log(`rules: ${customers} customers and their fanned-out orders, with and without rules (load ${load})`)
  const r = await rulesOverhead(join(here, '..', ...(here.includes('dist-bench') ? ['..'] : [])), customers)
  return {
    workload: 'rules engine overhead (generation)',
    rows: r.rows,
    tdg: { ms: r.rulesMs, rowsPerSec: rate(r.rows, r.rulesMs) },
    baseline: { name: 'same schema, built-in generators', ms: r.plainMs, rowsPerSec: rate(r.rows, r.plainMs) },
    ratio: r.ratio,
    target: 'time ≤ 1.2× without rules',
    met: r.ratio <= 1.2,
    load,
    note: 'test/fixtures/rules/custom_rules.yaml on test/fixtures/postgres/rules-shop.sql; best of 3 each',
  }
}

/** Issue 16: peak RSS ≤ 200 MB for 10M rows of W2, to files and into PostgreSQL, flat in N within 10 %. */
const RSS_SIZES = [1_000_000, 10_000_000]
/**
 * Runs per (path, size), their median peak compared: one process's peak moves by up to ~15 % between
 * identical runs (when the old generation's collections happen to fall), which a single sample at each
 * size turned into a "growth" of 1.15 one day and 1.05 another with the same code.
 */
const RSS_RUNS = 3
const RSS_TARGET_MB = 200
const RSS_FLAT = 1.1

/** The largest peak-RSS ratio between the biggest and the smallest run of one path. */
function rssGrowthOf(rss: RssResult[]): number {
  let worst = 1
  for (const path of new Set(rss.map((r) => r.path))) {
    const runs = rss.filter((r) => r.path === path).sort((a, b) => a.rows - b.rows)
    if (runs.length > 1) worst = Math.max(worst, runs.at(-1)!.maxRssMB / runs[0]!.maxRssMB)
  }
  return worst
}

/** RSS_RUNS runs of rssChild: the median run's time and peak, every peak kept in samplesMB. */
function rssMedian(mode: 'pg' | 'files', rows: number, url?: string): RssResult {
  const runs = Array.from({ length: RSS_RUNS }, () => rssChild(mode, rows, url)).sort((a, b) => a.maxRssMB - b.maxRssMB)
  const mid = runs[Math.floor(runs.length / 2)]!
  return { ...mid, samplesMB: runs.map((r) => r.maxRssMB) }
}

function rssChild(mode: 'pg' | 'files', rows: number, url?: string): RssResult {
  const script = join(here, `rss-child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`)
  const node = import.meta.url.endsWith('.ts') ? ['--import', 'tsx', script] : [script]
  log(`peak RSS: ${mode} ${rows} rows (load ${load1()})`)
  const r = spawnSync(process.execPath, [...node, mode, String(rows), ...(url ? [url] : [])], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`rss child ${mode} ${rows} failed: ${r.stderr}`)
  const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as { rows: number; ms: number; maxRssMB: number }
  return { path: mode === 'pg' ? 'tdg seed into PostgreSQL' : 'tdg generate --format csv to files', rows: out.rows, ms: out.ms, maxRssMB: out.maxRssMB }
}

/**
 * NODE_EXTRA_CA_CERTS makes every Node.js process read and parse that certificate file before any of its code
 * runs (Node 20 loads it eagerly): on this machine's environment ~80 ms a process, which `node -e 0` pays as
 * much as tdg. No timed process here talks TLS, so the bench removes it for every child process and says so;
 * startup.ts still reports the floor with it (info).
 */
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS
if (extraCaCerts !== undefined) delete process.env.NODE_EXTRA_CA_CERTS

async function main(): Promise<void> {
  if (extraCaCerts !== undefined) log(`NODE_EXTRA_CA_CERTS is set in this environment: removed for the timed processes (startup reports node's floor with and without it)`)
  const work = mkdtempSync(join(tmpdir(), 'tdg-bench-'))
  log(`starting PostgreSQL 15 (load ${load1()})`)
  const pg = await startBenchPostgres()
  const results: BenchResult[] = []
  const rss: RssResult[] = []
  let mariadb: string | undefined
  try {
    if (only.has('w1')) results.push(...(await w1(pg)))
    const pgW2 = only.has('w2pg') || only.has('gen') ? await w2Postgres(pg, work) : undefined
    if (pgW2 && only.has('w2pg')) results.push(pgW2)
    if (only.has('w2my')) {
      const my = await w2Mariadb(ROWS, work, log)
      results.push(...my.results)
      mariadb = my.version
    }
    if (only.has('sqlite')) results.push(await w2Sqlite(work))
    if (pgW2 && only.has('gen')) results.push(await generation(pgW2))
    if (only.has('rules')) results.push(await rulesCost())
    if (only.has('mask')) results.push(...(await maskCost(ROWS, log)))
    if (only.has('peers')) results.push(...(await peers(pg, work, log)))
    if (only.has('shards')) results.push(...(await shards(pg, log)))
    if (only.has('w4')) results.push(await w4Clone(pg, ROWS, work, log))
    if (only.has('csv')) results.push(...(await csvRead(ROWS, work, log)))
    if (only.has('profile')) results.push(await profileLive(pg, ROWS, work, log))
    if (only.has('parquet')) results.push(...(await parquetBench(ROWS, work, log)))
    if (only.has('workers')) results.push(...(await workersBench(ROWS, work, log)))
    if (only.has('s3')) results.push(...(await s3Write(ROWS, work, log)))
    if (only.has('startup')) results.push(...(await startup(pg, work, log, extraCaCerts)))
    // `--only w1phases` (not in the default set; run it alone, cold like W1): W1 phase by phase, see w1-phases.ts.
    if (only.has('w1phases')) for (const line of await w1Phases(pg, ROWS, log)) log(line)
    // `--only serve` (not in the default set): tdg serve under autocannon, see serve-load.ts.
    if (only.has('serve')) results.push(...(await serveLoad(log)))
    if (only.has('rss')) {
      pg.freshDb('w2_rss')
      pg.psql('w2_rss', W2_POSTGRES)
      for (const n of RSS_SIZES) rss.push(rssMedian('pg', n, pg.url('w2_rss')))
      for (const n of RSS_SIZES) rss.push(rssMedian('files', n))
    }
  } finally {
    pg.stop()
    rmSync(work, { recursive: true, force: true })
  }
  const rssMax = Math.max(0, ...rss.map((r) => r.maxRssMB))
  const rssGrowth = rssGrowthOf(rss)
  const rssMet = rssMax <= RSS_TARGET_MB && rssGrowth <= RSS_FLAT
  process.stdout.write(`\n${formatTable(results, rss)}\n`)
  if (rss.length > 0) process.stdout.write(`  peak RSS target ≤ ${RSS_TARGET_MB} MB and flat within ${Math.round((RSS_FLAT - 1) * 100)} % from 1M to 10M rows: ${rssMet ? 'met' : 'NOT MET'} (max ${rssMax} MB, largest growth ×${rssGrowth.toFixed(2)})\n`)
  mkdirSync(dirname(resultsFile), { recursive: true })
  const json = {
    date: new Date().toISOString().slice(0, 10),
    machine: { cpus: 2, node: process.version, postgres: pg.serverVersion, ...(mariadb ? { mariadb } : {}), sqlite: sqliteVersion() },
    seed: BENCH_SEED,
    rows: ROWS,
    results: results.map((r) => ({ ...r, tdg: round(r.tdg), ...(r.baseline ? { baseline: round(r.baseline) } : {}), ratio: Math.round(r.ratio * 100) / 100 })),
    peakRss: { targetMB: RSS_TARGET_MB, flatWithin: RSS_FLAT, growth: Math.round(rssGrowth * 100) / 100, met: rssMet, runs: rss },
  }
  writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`)
  log(`results written to ${resultsFile}`)
  const chartFile = join(dirname(resultsFile), 'ratios.svg')
  writeFileSync(chartFile, renderRatiosSvg(json))
  log(`chart of the ratios written to ${chartFile}`)
}

function round<T extends { ms: number }>(x: T): T {
  return { ...x, ms: Math.round(x.ms) }
}

function sqliteVersion(): string {
  return spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0] ?? 'unknown'
}

main().catch((e: unknown) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
