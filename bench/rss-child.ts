/**
 * Child process of the peak-RSS measurement (a fresh process per N, so each figure is its own peak):
 *   node rss-child.js pg <rows> <url>      `tdg seed` (the CLI, in this process) of the W2 users table at <url> (truncated first)
 *   node rss-child.js encode <rows>        W2 generation + COPY text encoding into a sink that drops it
 * Prints one JSON line: { mode, rows, ms, maxRssMB }.
 */
import { copyChunks } from '../adapters/postgres/copy-text.js'
import { generateBatches } from '../src/generate/index.js'
import { main as cli } from '../src/cli/main.js'
import { planOfDdl } from './support/tdg.js'
import { BENCH_SEED, W2_POSTGRES } from './support/schemas.js'

async function encodeOnly(rows: number): Promise<number> {
  const plan = await planOfDdl('postgres', W2_POSTGRES, rows)
  const step = plan.steps[0]
  if (!step) throw new Error('W2 plan has no step')
  const json = step.columns.filter((c) => !c.omit).map(() => false)
  async function* batches() {
    for (const b of generateBatches(plan, step!)) yield b.rows
  }
  let count = 0
  let bytes = 0
  for await (const chunk of copyChunks(batches(), json, (n) => (count = n))) bytes += chunk.length
  if (bytes === 0) throw new Error('nothing encoded')
  return count
}

async function main(): Promise<void> {
  const [mode, n, url] = process.argv.slice(2)
  const rows = Number(n)
  const t0 = performance.now()
  let written: number
  if (mode === 'pg' && url) {
    // The CLI as a user runs it (its interrupt handling and progress listener included); its summary goes to stdout before our line.
    const code = await cli(['node', 'tdg', 'seed', '--db', url, '--rows', String(rows), '--truncate', '--seed', String(BENCH_SEED), '-q', '--no-audit'])
    if (code !== 0) throw new Error(`tdg seed exited ${code}`)
    written = rows
  }
  else if (mode === 'encode') written = await encodeOnly(rows)
  else throw new Error('usage: rss-child.js pg <rows> <url> | encode <rows>')
  const ms = performance.now() - t0
  const maxRssMB = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10
  process.stdout.write(`${JSON.stringify({ mode, rows: written, ms: Math.round(ms), maxRssMB })}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
