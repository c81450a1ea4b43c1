/**
 * One timed tdg run in a fresh process, so each round of a repeated workload starts as cold as the first
 * (no JIT warmed by the round before it). The library is imported before the clock starts, as the bench
 * process imports it before its first run; what a run loads lazily (drivers, encoders) is inside the time.
 *   node timed-child.js w1 <url> <rows>        seedDatabase of <rows> rows at <url> (the W1 table, empty)
 *   node timed-child.js parquet <rows> <dir>   generateFiles of W2 as Parquet into <dir> (plan made first, untimed)
 * Prints one JSON line: { ms }.
 */
import { ddlParser } from '../adapters/index.js'
import { autoWorkers } from '../src/cli/generation-options.js'
import { generateFiles } from '../src/compose/generate-files.js'
import { buildPlan } from '../src/plan/build-plan.js'
import { timed } from './support/measure.js'
import { BENCH_SEED, W2_POSTGRES } from './support/schemas.js'
import { tdgSeed } from './support/tdg.js'

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2)
  let ms: number
  if (mode === 'w1' && a && b) ms = (await timed(() => tdgSeed(a, Number(b)))).ms
  else if (mode === 'parquet' && a && b) {
    const model = (await (await ddlParser('postgres'))(W2_POSTGRES)).model
    const plan = buildPlan(model, { rows: Number(a), seed: BENCH_SEED })
    ms = (await timed(() => generateFiles({ model, plan, output: b, format: 'parquet', workers: autoWorkers() }))).ms
  } else throw new Error('usage: timed-child.js w1 <url> <rows> | parquet <rows> <dir>')
  process.stdout.write(`${JSON.stringify({ ms: Math.round(ms) })}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
