/**
 * `npm run bench -- --only csv`: the CSV profiling input (src/profile/csv) on a 1M-row, 10-column CSV
 * that the bench writes itself (support/csv-data.ts: integers, a decimal, a float, a date, a timestamp,
 * text with ~1 % quoted fields, a boolean, a code). Measured in a child process (its own peak RSS):
 * sniffing + the counting pass (`tables()`: exact row count, types over every value, key value sets)
 * and the typed read of every row (`sample(t, undefined)`, values converted). Target of issue 12: CSV
 * profiling ≥ 300k rows/s with peak RSS ≤ 200 MB; this part, which the statistics come on top of,
 * aims at ≥ 600k rows/s.
 *
 * A second line measures the sampled path: `sampleLimit: 10000`, the reservoir kept while counting (one read).
 * A third measures the issue's target itself: `tdg profile --csv` of every row, statistics included
 * (`profileSource`), against ≥ 300k rows/s and peak RSS ≤ 200 MB.
 *
 * Child mode: `node csv-read.js child <file> [limit|profile]` prints one JSON line { rows, scanMs, readMs, cpuMs, maxRssMB }.
 */
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { csvProfileInput } from '../src/profile/csv/csv-input.js'
import { profileSource } from '../src/compose/profile-source.js'

/** The `limit` that means: profile every row end to end (statistics included), not only read it. */
const PROFILE = -1
import { writeBenchCsv } from './support/csv-data.js'
import { load1, rate } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { peakRssMB } from './support/peak-rss.js'

interface ChildResult {
  rows: number
  scanMs: number
  readMs: number
  cpuMs: number
  maxRssMB: number
}

/** `limit` undefined: every row typed (two reads); a number: a reservoir of that many kept while counting (one read). */
async function child(path: string, limit: number | undefined): Promise<ChildResult> {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  if (limit === PROFILE) {
    // The whole profile of every row: input, statistics, PII verdicts.
    const { profile } = await profileSource(path, { sample: Number.MAX_SAFE_INTEGER })
    const cpu = process.cpuUsage(cpu0)
    return { rows: profile.tables[0]!.sampled, scanMs: performance.now() - t0, readMs: 0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: peakRssMB() }
  }
  const input = await csvProfileInput(path, limit === undefined ? {} : { sampleLimit: limit })
  const [table] = await input.tables()
  if (!table) throw new Error('no table')
  const t1 = performance.now()
  let rows = 0
  for await (const b of input.sample(table, limit).rows) rows += b.rows.length
  const t2 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  await input.close()
  return { rows, scanMs: t1 - t0, readMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: peakRssMB() }
}

/** Write the CSV into `work`, read it in child processes (every row; a 10k sample), return the result lines. */
export async function csvRead(rows: number, work: string, log: (msg: string) => void): Promise<BenchResult[]> {
  const file = join(work, 'csv-read.csv')
  log(`csv: writing ${rows} rows (not timed)`)
  const bytes = await writeBenchCsv(file, rows)
  try {
    return [result(rows, bytes, file, undefined, log), result(rows, bytes, file, 10_000, log), result(rows, bytes, file, PROFILE, log)]
  } finally {
    rmSync(file, { force: true })
  }
}

function result(rows: number, bytes: number, file: string, limit: number | undefined, log: (msg: string) => void): BenchResult {
  const here = fileURLToPath(import.meta.url)
  const node = here.endsWith('.ts') ? ['--import', 'tsx', here] : [here]
  const load = load1()
  log(`csv: ${limit === PROFILE ? 'tdg profile --csv of every row (statistics included)' : `sniff + count + ${limit === undefined ? 'typed read of every row' : `${limit}-row reservoir`}`} of ${rows} rows (load ${load})`)
  const r = spawnSync(process.execPath, [...node, 'child', file, ...(limit === undefined ? [] : [String(limit)])], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`csv-read child failed: ${r.stderr}`)
  const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as ChildResult
  const expected = limit === undefined || limit === PROFILE ? rows : Math.min(rows, limit)
  if (out.rows !== expected) throw new Error(`csv-read: ${out.rows} rows read, ${expected} expected`)
  const ms = out.scanMs + out.readMs
  const perSec = rate(rows, ms)
  const line = (workload: string, target: number, note: string): BenchResult => ({
    workload,
    rows,
    tdg: { ms, rowsPerSec: perSec },
    ratio: perSec / target,
    target: `rate ≥ ${target / 1000}k rows/s, RSS ≤ 200 MB`,
    met: perSec >= target && out.maxRssMB <= 200,
    load,
    note: `${note}; CPU ${Math.round(out.cpuMs)} ms (${rate(rows, out.cpuMs).toLocaleString('en-US')} rows per CPU-second); peak RSS ${out.maxRssMB} MB`,
  })
  if (limit === PROFILE) return line('CSV profiling, end to end (every row)', 300_000, `${(bytes / 1e6).toFixed(0)} MB file, the issue's target; input, statistics and PII verdicts`)
  if (limit !== undefined) return line(`CSV profiling input (${limit / 1000}k sample)`, 600_000, `one read: counting pass with a ${limit}-row reservoir`)
  return line(
    'CSV profiling input (every row)',
    600_000,
    `${(bytes / 1e6).toFixed(0)} MB file; counting pass ${Math.round(out.scanMs)} ms (${rate(rows, out.scanMs).toLocaleString('en-US')}/s), ` +
      `typed read ${Math.round(out.readMs)} ms (${rate(rows, out.readMs).toLocaleString('en-US')}/s)`,
  )
}

if (process.argv[2] === 'child' && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  child(process.argv[3] as string, process.argv[4] === undefined ? undefined : Number(process.argv[4]))
    .then((r) => process.stdout.write(`${JSON.stringify(r)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exit(1)
    })
}
