/**
 * Child process of the peak-RSS measurement (a fresh process per N, so each figure is its own peak);
 * both run the CLI in this process, as a user runs it (interrupt handling and progress listener included):
 *   node rss-child.js pg <rows> <url>      `tdg seed` of the W2 users table at <url> (truncated first)
 *   node rss-child.js files <rows>         `tdg generate --format csv` of W2 into a temporary directory (removed after)
 * Prints one JSON line (after the CLI's summary): { mode, rows, ms, maxRssMB }.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main as cli } from '../src/cli/main.js'
import { BENCH_SEED, W2_POSTGRES } from './support/schemas.js'
import { peakRssMB } from './support/peak-rss.js'

async function tdg(args: string[]): Promise<void> {
  const code = await cli(['node', 'tdg', ...args, '--seed', String(BENCH_SEED), '-q', '--no-audit'])
  if (code !== 0) throw new Error(`tdg ${args[0]} exited ${code}`)
}

async function main(): Promise<void> {
  const [mode, n, url] = process.argv.slice(2)
  const rows = Number(n)
  const t0 = performance.now()
  if (mode === 'pg' && url) await tdg(['seed', '--db', url, '--rows', String(rows), '--truncate'])
  else if (mode === 'files') {
    const dir = mkdtempSync(join(tmpdir(), 'tdg-rss-'))
    try {
      writeFileSync(join(dir, 'w2.sql'), W2_POSTGRES)
      await tdg(['generate', '--schema', join(dir, 'w2.sql'), '--rows', String(rows), '--format', 'csv', '--output', join(dir, 'out')])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  } else throw new Error('usage: rss-child.js pg <rows> <url> | files <rows>')
  const ms = performance.now() - t0
  const maxRssMB = peakRssMB()
  process.stdout.write(`${JSON.stringify({ mode, rows, ms: Math.round(ms), maxRssMB })}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
