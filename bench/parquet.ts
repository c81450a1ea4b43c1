/**
 * `npm run bench -- --only parquet`: W2 (the 10-column users table, PostgreSQL DDL) 1M rows → one Parquet
 * file by tdg (`generateFiles` with format parquet: generation + encoding + writing, the command's own
 * path, default options: snappy, row groups of up to 1M rows or ~16 MB of values), against DuckDB's
 * `COPY (SELECT * FROM read_csv('w2.csv')) TO 'w2.parquet' (FORMAT parquet)` of the identical rows (tdg
 * writes that CSV from the same seed first, not timed). Two lines: tdg's rate vs DuckDB's (goal ≥ 0.5×)
 * and tdg's file size vs DuckDB's (goal ≤ 1.2×). The two files are checked to hold the same rows. An info
 * line sets the Parquet time beside tdg's own CSV of the same rows (what generation alone costs).
 * Each side runs PARQUET_ROUNDS times (5, or BENCH_ROUNDS when more), alternating, tdg in a fresh process
 * per round (timed-child.ts); the medians are compared. Five, not three: DuckDB is multi-threaded on the 2
 * shared cores and its rounds spread the most (1.1–2.1 s in one run), which a median of 3 passes on. The timed tdg run uses what `--workers auto` picks (autoWorkers: the cores less the writer's, at least
 * 1; the command's default stays 1); `--only workers` compares K = 1 and 2.
 */
import { readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { ddlParser } from '../adapters/index.js'
import { autoWorkers } from '../src/cli/generation-options.js'
import { generateFiles } from '../src/compose/generate-files.js'
import { buildPlan } from '../src/plan/build-plan.js'
import { load1, median, rate, ROUNDS, timed, timedChild } from './support/measure.js'

/** Rounds of each side (see the module comment). */
const PARQUET_ROUNDS = Math.max(ROUNDS, 5)
import type { BenchResult } from './support/report.js'
import { BENCH_SEED, W2_POSTGRES } from './support/schemas.js'

const only = (dir: string, ext: string): string => {
  const f = readdirSync(dir).find((n) => n.endsWith(ext))
  if (!f) throw new Error(`no ${ext} file in ${dir}`)
  return join(dir, f)
}

/** The W2 → Parquet lines (rate and size) for `rows` rows, files under `work`. */
export async function parquetBench(rows: number, work: string, log: (m: string) => void): Promise<BenchResult[]> {
  const model = (await (await ddlParser('postgres'))(W2_POSTGRES)).model
  const plan = buildPlan(model, { rows, seed: BENCH_SEED })
  const csvDir = join(work, 'w2-parquet-csv')
  const csvLoad = load1()
  log(`W2 parquet: tdg writes the baseline CSV (load ${csvLoad}; timed for the info line only)`)
  const csvRun = await timed(() => generateFiles({ model, plan, output: csvDir, format: 'csv' }))
  const csv = only(csvDir, '.csv')

  // PARQUET_ROUNDS alternating rounds (tdg in a fresh process each: timed-child.ts), medians compared.
  const pqDir = join(work, 'w2-parquet-tdg')
  const duckFile = join(work, 'w2-duckdb.parquet')
  const c = await (await DuckDBInstance.create(':memory:')).connect()
  await c.run("SET TimeZone = 'UTC'")
  const load = load1()
  const duckLoad = load
  const workers = autoWorkers()
  const tdgMs: number[] = []
  const duckMs: number[] = []
  for (let round = 1; round <= PARQUET_ROUNDS; round++) {
    rmSync(pqDir, { recursive: true, force: true })
    rmSync(duckFile, { force: true })
    log(`W2 parquet round ${round}/${PARQUET_ROUNDS}: tdg generate --format parquet --workers ${workers} ${rows} rows (load ${load1()})`)
    tdgMs.push(timedChild(['parquet', String(rows), pqDir]))
    log(`W2 parquet round ${round}/${PARQUET_ROUNDS}: DuckDB COPY read_csv → parquet (load ${load1()})`)
    duckMs.push((await timed(() => c.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${duckFile}' (FORMAT parquet)`))).ms)
  }
  const t = { ms: median(tdgMs) }
  const b = { ms: median(duckMs) }
  const tdgFile = only(pqDir, '.parquet')
  const tdgBytes = statSync(tdgFile).size
  const duckBytes = statSync(duckFile).size

  // Same rows: DuckDB's file has the types read_csv detected; cast them to tdg's before comparing.
  const types = (await c.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${tdgFile}')`)).getRowObjectsJson() as Array<{ column_name: string; column_type: string }>
  const list = types.map((x) => `"${x.column_name}"`).join(', ')
  const cast = types.map((x) => `CAST("${x.column_name}" AS ${x.column_type})`).join(', ')
  const [check] = (
    await c.runAndReadAll(
      `SELECT (SELECT count(*) FROM read_parquet('${tdgFile}'))::BIGINT AS n,
        (SELECT count(*) FROM (SELECT ${list} FROM read_parquet('${tdgFile}') EXCEPT ALL SELECT ${cast} FROM read_parquet('${duckFile}')))::BIGINT AS diff`,
    )
  ).getRowObjectsJson()
  if (Number(check?.n) !== rows || Number(check?.diff) !== 0) throw new Error(`W2 parquet: the two files differ (${JSON.stringify(check)})`)

  const tdgRate = rate(rows, t.ms)
  const duckRate = rate(rows, b.ms)
  const spread = (xs: number[]) => xs.map((x) => Math.round(x)).join('/')
  const note = `median of ${PARQUET_ROUNDS} alternating rounds (tdg ${spread(tdgMs)} ms, DuckDB ${spread(duckMs)} ms); tdg ${tdgBytes.toLocaleString('en-US')} bytes, DuckDB ${duckBytes.toLocaleString('en-US')} bytes; tdg time (--workers ${workers}) includes generating the rows, DuckDB's reading the CSV (2 cores, DuckDB multi-threaded)`
  return [
    {
      workload: 'W2 users → Parquet (rate)',
      rows,
      tdg: { ms: t.ms, rowsPerSec: tdgRate },
      baseline: { name: 'DuckDB COPY read_csv → parquet', ms: b.ms, rowsPerSec: duckRate },
      ratio: tdgRate / duckRate,
      target: "rate ≥ 0.5× DuckDB's",
      met: tdgRate / duckRate >= 0.5,
      load,
      note,
    },
    {
      workload: 'W2 users → Parquet (size)',
      rows,
      tdg: { ms: t.ms, rowsPerSec: tdgRate },
      baseline: { name: 'DuckDB COPY read_csv → parquet', ms: b.ms, rowsPerSec: duckRate },
      ratio: tdgBytes / duckBytes,
      target: "bytes ≤ 1.2× DuckDB's",
      met: tdgBytes / duckBytes <= 1.2,
      load: duckLoad,
      note,
    },
    {
      workload: 'W2 users → Parquet vs → CSV (info)',
      rows,
      tdg: { ms: t.ms, rowsPerSec: tdgRate },
      baseline: { name: 'tdg generate --format csv, same rows', ms: csvRun.ms, rowsPerSec: rate(rows, csvRun.ms) },
      ratio: t.ms / csvRun.ms,
      target: 'time vs tdg → CSV',
      met: true,
      info: true,
      load: csvLoad,
      note: 'how much of the Parquet time is generation: the same rows written as CSV by tdg in the same run',
    },
  ]
}
