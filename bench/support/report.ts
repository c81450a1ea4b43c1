/** The benchmark's result records, the printed table and the JSON file. */

/** One line of the results table. */
export interface BenchResult {
  workload: string
  rows: number
  tdg: { ms: number; rowsPerSec: number }
  baseline?: { name: string; ms: number; rowsPerSec: number }
  /** The figure the target is about (its meaning is in `target`). */
  ratio: number
  target: string
  met: boolean
  /** The target on the ratio's own scale, for the chart (chart.ts parses `target` when absent). */
  goal?: { op: '≤' | '≥'; value: number }
  /** A figure reported without a target (the `met` column shows —). */
  info?: boolean
  /** 1-minute load average just before the measurement (2-core machine, shared). */
  load: number
  note?: string
}

/** One peak-RSS measurement (a child process per figure). */
export interface RssResult {
  path: 'tdg seed into PostgreSQL' | 'tdg generate --format csv to files'
  rows: number
  ms: number
  maxRssMB: number
  /** Every run's peak when maxRssMB is their median (a peak varies by ~10 % from run to run with GC timing). */
  samplesMB?: number[]
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

function side(x: { ms: number; rowsPerSec: number } | undefined): string {
  if (!x) return '—'
  return `${(x.ms / 1000).toFixed(2)} s  ${x.rowsPerSec.toLocaleString('en-US')}/s`
}

/** The results as a fixed-width text table. */
export function formatTable(results: BenchResult[], rss: RssResult[]): string {
  const head = ['workload', 'tdg', 'baseline', 'ratio', 'target', 'met', 'load']
  const body = results.map((r) => [
    r.workload,
    side(r.tdg),
    r.baseline ? `${r.baseline.name}: ${side(r.baseline)}` : '—',
    r.ratio.toFixed(2),
    r.target,
    r.info ? '—' : r.met ? 'met' : 'NOT MET',
    r.load.toFixed(2),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 3 || i === 6 ? lpad(c, widths[i]!) : pad(c, widths[i]!))).join('  ')
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)]
  for (const r of results) if (r.note) out.push(`  ${r.workload}: ${r.note}`)
  if (rss.length > 0) {
    out.push('', 'peak RSS (child process per figure, its /proc/self/status VmHWM):')
    for (const r of rss) out.push(`  ${lpad(r.rows.toLocaleString('en-US'), 11)} rows  ${lpad(r.maxRssMB.toFixed(1), 6)} MB  ${lpad((r.ms / 1000).toFixed(1), 6)} s  ${r.path}${r.samplesMB ? `  (median of ${r.samplesMB.join(', ')})` : ''}`)
  }
  return out.join('\n')
}
