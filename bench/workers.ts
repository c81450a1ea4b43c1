/**
 * `npm run bench -- --only workers`: issue 16 item 4, `--workers K`. W2 (the 10-column users table)
 * written as CSV and as Parquet by `generateFiles` (the `tdg generate` path) with K = 1 (this thread
 * generates and writes) and K = 2 (two worker threads generate, this thread writes in order), in one
 * run. The files of K = 1 and K = 2 are checked to be byte-identical. Each line's ratio is the
 * speed-up (time at K = 1 / time at K = 2); the note gives the process CPU time (user + sys, every
 * thread) of both runs, a figure the shared machine's load disturbs less than wall time.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { ddlParser } from '../adapters/index.js'
import { generateFiles } from '../src/compose/generate-files.js'
import type { FileFormat } from '../src/sinks/file-target.js'
import { buildPlan } from '../src/plan/build-plan.js'
import { load1, rate, timed } from './support/measure.js'
import type { BenchResult } from './support/report.js'
import { BENCH_SEED, W2_POSTGRES } from './support/schemas.js'

/** sha256 of the one data file of `ext` in `dir`. */
function digest(dir: string, ext: string): string {
  const f = readdirSync(dir).find((n) => n.endsWith(ext))
  if (!f) throw new Error(`no ${ext} file in ${dir}`)
  return createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')
}

/** The W2 CSV and Parquet lines at K = 1 vs K = 2 for `rows` rows, files under `work`. */
export async function workersBench(rows: number, work: string, log: (m: string) => void): Promise<BenchResult[]> {
  const model = (await (await ddlParser('postgres'))(W2_POSTGRES)).model
  const plan = buildPlan(model, { rows, seed: BENCH_SEED })
  const out: BenchResult[] = []
  for (const format of ['csv', 'parquet'] as FileFormat[]) {
    const runs: Array<{ k: number; ms: number; cpuMs: number; load: number; sha: string }> = []
    for (const k of [1, 2]) {
      const dir = join(work, `w2-workers-${format}-${k}`)
      const load = load1()
      log(`workers: W2 → ${format} ${rows} rows, --workers ${k} (load ${load})`)
      const cpu0 = process.cpuUsage()
      const t = await timed(() => generateFiles({ model, plan, output: dir, format, workers: k }))
      const cpu = process.cpuUsage(cpu0)
      runs.push({ k, ms: t.ms, cpuMs: (cpu.user + cpu.system) / 1000, load, sha: digest(dir, `.${format}`) })
      rmSync(dir, { recursive: true, force: true })
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]]
    if (one.sha !== two.sha) throw new Error(`workers: W2 ${format} differs between K = 1 and K = 2`)
    out.push({
      workload: `W2 → ${format}, --workers 2 vs 1`,
      rows,
      tdg: { ms: two.ms, rowsPerSec: rate(rows, two.ms) },
      baseline: { name: `tdg --workers 1 (${format})`, ms: one.ms, rowsPerSec: rate(rows, one.ms) },
      ratio: one.ms / two.ms,
      target: 'speed-up (time K=1 / K=2)',
      met: true,
      info: true,
      load: two.load,
      note: `identical bytes (sha256 ${one.sha.slice(0, 12)}…); CPU time user+sys K=1 ${(one.cpuMs / 1000).toFixed(2)} s, K=2 ${(two.cpuMs / 1000).toFixed(2)} s; load before K=1 ${one.load}; 2 cores shared`,
    })
  }
  return out
}
