/**
 * `npx tsx bench/csv-parsers.ts [rows]`: csv-parse against papaparse on the profiler's benchmark CSV
 * (support/csv-data.ts), the reading half only (decoded text → rows of strings, nothing converted).
 * How the CSV reader (src/profile/csv/read-records.ts) chose its parser; not part of `npm run bench`.
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse'
import Papa from 'papaparse'
import { writeBenchCsv } from './support/csv-data.js'

const rows = Number(process.argv[2] ?? 1_000_000)

async function csvParseStream(path: string): Promise<number> {
  let n = 0
  const parser = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }).pipe(parse({ delimiter: ',', relax_column_count: true }))
  for await (const rec of parser) if ((rec as string[]).length > 0) n++
  return n
}

/** Papa's own incremental parser over decoded 64 KB chunks: the unfinished last line carries over. */
async function papaChunks(path: string): Promise<number> {
  let n = 0
  let partial = ''
  const parser = new Papa.Parser({ delimiter: ',', newline: '\n', quoteChar: '"' })
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })
  for await (const chunk of stream) {
    const text = partial + (chunk as string)
    const r = parser.parse(text, 0, true)
    n += r.data.length
    partial = text.slice(r.meta.cursor)
  }
  if (partial) n += parser.parse(partial, 0, false).data.length
  return n
}

async function papaStream(path: string): Promise<number> {
  let n = 0
  const s = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 }).pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ',', newline: '\n' }))
  for await (const _ of s) n++
  return n
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tdg-csv-parsers-'))
  try {
    const path = join(dir, 'bench.csv')
    const bytes = await writeBenchCsv(path, rows)
    process.stdout.write(`${rows} rows, ${(bytes / 1e6).toFixed(1)} MB\n`)
    for (const [name, fn] of [
      ['csv-parse (stream, for await)', csvParseStream],
      ['papaparse (NODE_STREAM_INPUT, for await)', papaStream],
      ['papaparse (Papa.Parser over 64 KB chunks)', papaChunks],
    ] as const) {
      let best = Infinity
      let count = 0
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now()
        count = await fn(path)
        best = Math.min(best, performance.now() - t0)
      }
      process.stdout.write(`${name.padEnd(44)} ${count} records  best of 3 ${Math.round(best)} ms  ${Math.round((rows / best) * 1000).toLocaleString('en-US')} rows/s\n`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()
