/**
 * The bench chart: every ratio of bench/results/latest.json against its target, as an SVG drawn here
 * (no browser, no chart library). One row per workload line, each on its own scale (ratios are rates,
 * times, ns or MB): the bar is the ratio, the black tick the target, green when met, red when not, grey
 * for lines reported without a target. `npm run bench` writes it to bench/results/ratios.svg after
 * latest.json; `node dist-bench/bench/chart.js [latest.json] [out.svg]` renders it from an existing file.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** What the chart reads of a result line (latest.json's `results[]`, old files included). */
export interface ChartLine {
  workload: string
  ratio: number
  target: string
  met: boolean
  info?: boolean
  /** The target as a number on the ratio's scale; parsed from `target` when absent. */
  goal?: Goal
}

/** A target on the ratio's own scale: the ratio must be ≤ (or ≥) `value`. */
export interface Goal {
  op: '≤' | '≥'
  value: number
}

/** What the chart reads of latest.json. */
export interface ChartInput {
  date?: string
  rows?: number
  machine?: Record<string, unknown>
  results: ChartLine[]
  peakRss?: { targetMB?: number; met?: boolean; runs?: Array<{ maxRssMB: number }> }
}

/**
 * The target of a line on its ratio's scale. Files written before `goal` existed spell it in `target`:
 * `time ≤ 1.3× pgbench`, `rate ≥ 0.8× \copy` (the value before ×), `≤ 40 ns/value (ratio = ns)`, `time < 3 s`
 * (ratio in seconds), or a bound in other units where the ratio is already the figure over the bound
 * (`≤ 120 ms`, `tdg − baseline ≤ 300 ms`, `rate ≥ 300k rows/s`): 1. None for reported-only lines.
 */
export function goalOf(r: ChartLine): Goal | undefined {
  if (r.info) return undefined
  if (r.goal) return r.goal
  const t = r.target
  const op = (s: string): Goal['op'] => (s === '≥' || s === '>' ? '≥' : '≤')
  const times = /([≤≥<>])\s*([\d.]+)\s*×/.exec(t)
  if (times) return { op: op(times[1]!), value: Number(times[2]) }
  const ns = /([≤≥<>])\s*([\d.]+)\s*ns\/value/.exec(t)
  if (ns) return { op: op(ns[1]!), value: Number(ns[2]) }
  const secs = /time\s*([≤≥<>])\s*([\d.]+)\s*s\b/.exec(t)
  if (secs) return { op: op(secs[1]!), value: Number(secs[2]) }
  const bound = /([≤≥<>])/.exec(t)
  return bound ? { op: op(bound[1]!), value: 1 } : undefined
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`)
/** A ratio as text: 3 significant digits, no exponent. */
const num = (x: number) => (Math.abs(x) >= 100 ? String(Math.round(x)) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2))

const COLORS = { met: '#2e7d32', unmet: '#c62828', info: '#9e9e9e', target: '#111111', grid: '#e0e0e0', text: '#212121', muted: '#616161' }
const W = { width: 1100, label: 340, bar: 430, gap: 14, row: 26, top: 78, bottom: 40 }

/** The lines of the chart: every result, and the peak RSS target when the file has one. */
export function chartLines(input: ChartInput): ChartLine[] {
  const lines = [...input.results]
  const rss = input.peakRss
  if (rss?.targetMB !== undefined && rss.runs && rss.runs.length > 0) {
    const max = Math.max(...rss.runs.map((r) => r.maxRssMB))
    lines.push({ workload: 'peak RSS, largest run (MB)', ratio: max, target: `≤ ${rss.targetMB} MB`, met: rss.met ?? max <= rss.targetMB, goal: { op: '≤', value: rss.targetMB } })
  }
  return lines
}

/** The SVG of `input` (latest.json's content). */
export function renderRatiosSvg(input: ChartInput): string {
  const lines = chartLines(input)
  const height = W.top + lines.length * W.row + W.bottom
  const x0 = W.label + W.gap
  const out: string[] = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W.width}" height="${height}" viewBox="0 0 ${W.width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`)
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`)
  const machine = input.machine ? Object.entries(input.machine).map(([k, v]) => `${k} ${String(v)}`).join(' · ') : ''
  out.push(`<text x="16" y="26" font-size="16" font-weight="bold" fill="${COLORS.text}">tdg bench: each ratio against its target${input.date ? ` (${esc(input.date)})` : ''}</text>`)
  out.push(`<text x="16" y="46" fill="${COLORS.muted}">${esc(clip(`${input.rows ? `${input.rows.toLocaleString('en-US')} rows per workload · ` : ''}${machine}`, 150))}</text>`)
  // Legend.
  const legend: Array<[string, string]> = [
    ['met', COLORS.met],
    ['not met', COLORS.unmet],
    ['reported, no target', COLORS.info],
  ]
  let lx = 16
  for (const [name, color] of legend) {
    out.push(`<rect x="${lx}" y="56" width="12" height="12" fill="${color}"/><text x="${lx + 17}" y="66" fill="${COLORS.text}">${name}</text>`)
    lx += 30 + name.length * 7
  }
  out.push(`<line x1="${lx}" y1="55" x2="${lx}" y2="69" stroke="${COLORS.target}" stroke-width="2.5"/><text x="${lx + 7}" y="66" fill="${COLORS.text}">target (each row on its own scale)</text>`)
  lines.forEach((r, j) => {
    const y = W.top + j * W.row
    const mid = y + W.row / 2
    const goal = goalOf(r)
    const color = !goal ? COLORS.info : r.met ? COLORS.met : COLORS.unmet
    const ratio = Number.isFinite(r.ratio) ? Math.max(0, r.ratio) : 0
    const scaleMax = Math.max(ratio, goal?.value ?? 0) * 1.15 || 1
    const px = (v: number) => (v / scaleMax) * W.bar
    out.push(`<g><title>${esc(`${r.workload}: ratio ${r.ratio} (${r.target})`)}</title>`)
    if (j % 2 === 0) out.push(`<rect x="8" y="${y}" width="${W.width - 16}" height="${W.row}" fill="#f6f6f6"/>`)
    out.push(`<text x="${W.label}" y="${mid + 4}" text-anchor="end" fill="${COLORS.text}">${esc(clip(r.workload, 46))}</text>`)
    out.push(`<rect x="${x0}" y="${y + 6}" width="${W.bar}" height="${W.row - 12}" fill="none" stroke="${COLORS.grid}"/>`)
    out.push(`<rect x="${x0}" y="${y + 6}" width="${px(ratio).toFixed(1)}" height="${W.row - 12}" fill="${color}"/>`)
    if (goal) {
      const gx = x0 + px(goal.value)
      out.push(`<line x1="${gx.toFixed(1)}" y1="${y + 2}" x2="${gx.toFixed(1)}" y2="${y + W.row - 2}" stroke="${COLORS.target}" stroke-width="2.5"/>`)
    }
    const verdict = !goal ? 'reported' : r.met ? 'met' : 'NOT MET'
    const text = [num(r.ratio), ...(goal ? [`target ${goal.op} ${String(goal.value)}`] : []), verdict].join(' · ')
    out.push(`<text x="${x0 + W.bar + W.gap}" y="${mid + 4}" fill="${color === COLORS.info ? COLORS.muted : color}" font-weight="bold">${esc(text)}</text>`)
    out.push('</g>')
  })
  out.push(`<text x="16" y="${height - 14}" fill="${COLORS.muted}">ratio meanings per line are in bench/results/latest.json (target); rates: higher is better, times: lower is better</text>`)
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

/** Render `jsonFile` into `svgFile`. */
export function writeRatiosChart(jsonFile: string, svgFile: string): void {
  writeFileSync(svgFile, renderRatiosSvg(JSON.parse(readFileSync(jsonFile, 'utf8')) as ChartInput))
}

// `node dist-bench/bench/chart.js [latest.json] [out.svg]`: defaults are the repository's bench/results files.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const here = dirname(fileURLToPath(import.meta.url))
  const results = join(here, '..', ...(here.includes('dist-bench') ? ['..'] : []), 'bench', 'results')
  const json = process.argv[2] ?? join(results, 'latest.json')
  const svg = process.argv[3] ?? join(dirname(json), 'ratios.svg')
  writeRatiosChart(json, svg)
  process.stderr.write(`chart written to ${svg}\n`)
}
