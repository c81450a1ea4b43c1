/**
 * The report's charts as hand-written inline SVG (no library, no network): overlaid histograms rebuilt
 * from quantiles, paired category bars, null share bars and fan-out ranges. Source is drawn in
 * `COLORS.source` (filled bars), target in `COLORS.target` (a step line over a light fill).
 * Every text passes through `esc`.
 */
import type { NumericSummary } from '../../model/profile.js'
import type { FanOutFigures } from '../fidelity-types.js'
import { cdfAt, cdfBefore } from '../quantile-cdf.js'
import { esc } from './escape.js'
import { formatNumber, formatValue, percent, ticks, type AxisKind } from './format.js'

/** Legend colours, shared by the page's CSS. */
export const COLORS = { source: '#3b6fb6', target: '#e8772e' } as const

const W = 560
const ML = 52
const MR = 16
const PW = W - ML - MR

interface Bins {
  edges: number[]
  source: number[]
  target: number[]
  /** True when the tails beyond the 1st and 99th percentiles were cut off to keep the bulk readable. */
  clipped: boolean
}

/**
 * Histogram masses of two quantile summaries over common bins: one per integer for integral values
 * spanning at most 60, else 30 equal bins. A bin holds F(right) − F(left) of the interpolated CDF (the
 * first also its left edge). When the full range is over 8× the 1st–99th percentile range (a long tail
 * or an outlier), the 30 bins cover that central range only.
 */
export function histogramBins(s: NumericSummary, t: NumericSummary): Bins {
  const sq = s.quantiles
  const tq = t.quantiles
  const last = sq.length - 1
  let lo = Math.min(sq[0]!, tq[0]!)
  let hi = Math.max(sq[last]!, tq[last]!)
  const coreLo = Math.min(sq[1]!, tq[1]!)
  const coreHi = Math.max(sq[last - 1]!, tq[last - 1]!)
  const clipped = coreHi > coreLo && hi - lo > 8 * (coreHi - coreLo)
  if (clipped) [lo, hi] = [coreLo, coreHi]
  let edges: number[]
  if (s.integral && t.integral && hi - lo <= 60) {
    const a = Math.floor(lo)
    edges = Array.from({ length: Math.ceil(hi) - a + 2 }, (_, i) => a + i - 0.5)
  } else if (hi === lo) edges = [lo - 0.5, hi + 0.5]
  else edges = Array.from({ length: 31 }, (_, i) => lo + ((hi - lo) * i) / 30)
  const masses = (q: readonly number[]) =>
    edges.slice(1).map((e, i) => Math.max(0, cdfAt(q, e) - (i === 0 ? cdfBefore(q, edges[0]!) : cdfAt(q, edges[i]!))))
  return { edges, source: masses(sq), target: masses(tq), clipped }
}

/** Overlaid histograms of two numeric summaries (values, epoch ms or lengths) on one axis. */
export function histogramSvg(s: NumericSummary, t: NumericSummary, axis: AxisKind, caption: string): string {
  const H = 190
  const MT = 12
  const MB = 34
  const PH = H - MT - MB
  const { edges, source, target, clipped } = histogramBins(s, t)
  const x0 = edges[0]!
  const x1 = edges[edges.length - 1]!
  const x = (v: number) => ML + ((v - x0) / (x1 - x0)) * PW
  const top = Math.max(...source, ...target, 1e-9) * 1.1
  const y = (m: number) => MT + PH - (m / top) * PH
  const integral = s.integral && t.integral && axis === 'number'
  const xt = ticks(x0, x1, axis === 'datetime' ? 4 : 5, axis).filter((v) => !integral || Number.isInteger(v))
  const yt = ticks(0, top, 3)
  const bars = source
    .map((m, i) => (m > 0 ? `<rect x="${f(x(edges[i]!) + 0.5)}" y="${f(y(m))}" width="${f(Math.max(0.5, x(edges[i + 1]!) - x(edges[i]!) - 1))}" height="${f(MT + PH - y(m))}" class="src-bar"/>` : ''))
    .join('')
  let step = `M${f(x(x0))},${f(y(0))}`
  target.forEach((m, i) => (step += `V${f(y(m))}H${f(x(edges[i + 1]!))}`))
  step += `V${f(y(0))}`
  const span = x1 - x0
  const parts = [
    gridY(yt, y, (v) => percent(v)),
    bars,
    `<path d="${step}Z" class="tgt-fill"/><path d="${step}" class="tgt-line"/>`,
    axisX(xt.map((v) => [x(v), formatValue(v, axis, span)]), MT + PH),
  ]
  const note = clipped ? ' (1st–99th percentile shown)' : ''
  return svg(H, `${caption}${note}`, parts.join(''))
}

type Categories = { values: Array<{ value: string | number | boolean; share: number }>; other: number }

/** Paired horizontal bars per category (most frequent first; beyond 12 values the rest are one row). */
export function categorySvg(s: Categories, t: Categories, caption: string): string {
  const rows = new Map<string, { s: number; t: number }>()
  for (const v of s.values) rows.set(String(v.value), { s: (rows.get(String(v.value))?.s ?? 0) + v.share, t: 0 })
  for (const v of t.values) {
    const r = rows.get(String(v.value)) ?? { s: 0, t: 0 }
    rows.set(String(v.value), { s: r.s, t: r.t + v.share })
  }
  const sorted = [...rows.entries()].sort((a, b) => b[1].s - a[1].s || b[1].t - a[1].t)
  const shown: Array<{ label: string; s: number; t: number; muted?: boolean }> = sorted.slice(0, 12).map(([label, r]) => ({ label, ...r }))
  const rest = sorted.slice(12)
  if (rest.length > 0) shown.push({ label: `${rest.length} more values`, s: sum(rest.map((r) => r[1].s)), t: sum(rest.map((r) => r[1].t)), muted: true })
  if (s.other > 0 || t.other > 0) shown.push({ label: '(other)', s: s.other, t: t.other, muted: true })
  const RH = 26
  const LW = 150
  const H = 16 + shown.length * RH
  const max = Math.max(...shown.map((r) => Math.max(r.s, r.t)), 1e-9)
  const bw = (share: number) => ((W - LW - 118) * share) / max
  const body = shown
    .map((r, i) => {
      const y0 = 8 + i * RH
      const label = r.label.length > 22 ? `${r.label.slice(0, 21)}…` : r.label
      return (
        `<g><title>${esc(r.label)}: source ${esc(percent(r.s))}, target ${esc(percent(r.t))}</title>` +
        `<text x="${LW - 8}" y="${y0 + 13}" class="${r.muted ? 'lbl muted' : 'lbl'}" text-anchor="end">${esc(label)}</text>` +
        `<rect x="${LW}" y="${y0 + 2}" width="${f(Math.max(r.s > 0 ? 1 : 0, bw(r.s)))}" height="9" class="src-solid"/>` +
        `<rect x="${LW}" y="${y0 + 12}" width="${f(Math.max(r.t > 0 ? 1 : 0, bw(r.t)))}" height="9" class="tgt-solid"/>` +
        `<text x="${f(LW + Math.max(bw(r.s), bw(r.t)) + 6)}" y="${y0 + 15}" class="val">${esc(percent(r.s))} / ${esc(percent(r.t))}</text></g>`
      )
    })
    .join('')
  return svg(H, caption, `<line x1="${LW}" y1="4" x2="${LW}" y2="${H - 4}" class="axis"/>${body}`)
}

/** Null share of source and target as two bars on a 0–100 % scale, with the figures. */
export function nullShareSvg(s: number, t: number): string {
  const LW = 150
  const H = 44
  const bw = (share: number) => Math.max(share > 0 ? 1 : 0, (W - LW - 110) * share)
  const row = (share: number, y0: number, cls: string, who: string) =>
    `<text x="${LW - 8}" y="${y0 + 10}" class="lbl" text-anchor="end">${who}</text>` +
    `<rect x="${LW}" y="${y0 + 1}" width="${W - LW - 110}" height="11" class="track"/>` +
    `<rect x="${LW}" y="${y0 + 1}" width="${f(bw(share))}" height="11" class="${cls}"/>` +
    `<text x="${W - 104}" y="${y0 + 11}" class="val">${esc(percent(share))} null</text>`
  return svg(H, 'Null share (0–100 %)', row(s, 6, 'src-solid', 'source') + row(t, 24, 'tgt-solid', 'target'))
}

/**
 * Children per parent along one FK: min–max whisker, min–p95 band, median tick and mean dot per side.
 * A max beyond 4× the larger p95 (one parent with very many children) would squash the rest: the axis
 * then ends at 2× that p95 and the whisker runs off the end, its max written there.
 */
export function fanOutSvg(s: FanOutFigures, t: FanOutFigures): string {
  const LW = 70
  const H = 96
  const PWF = W - LW - MR - 60
  const p95 = Math.max(s.p95, t.p95, 1)
  const cut = Math.max(s.max, t.max) > 4 * p95
  const top = cut ? 2 * p95 : Math.max(s.max, t.max, 1)
  const x = (v: number) => LW + (Math.min(v, top) / top) * PWF
  const row = (g: FanOutFigures, y0: number, cls: string, who: string) =>
    `<g><title>${who}: min ${g.min}, median ${formatNumber(g.median)}, mean ${formatNumber(g.mean)}, p95 ${formatNumber(g.p95)}, max ${g.max}</title>` +
    `<text x="${LW - 8}" y="${y0 + 12}" class="lbl" text-anchor="end">${who}</text>` +
    `<line x1="${f(x(g.min))}" y1="${y0 + 8}" x2="${f(x(g.max))}" y2="${y0 + 8}" class="${cls}-line whisker"/>` +
    (g.max > top ? `<text x="${f(x(top) + 4)}" y="${y0 + 12}" class="val">→ ${esc(formatNumber(g.max))}</text>` : '') +
    `<rect x="${f(x(g.min))}" y="${y0 + 2}" width="${f(Math.max(1, x(g.p95) - x(g.min)))}" height="12" class="${cls}-band"/>` +
    `<line x1="${f(x(g.median))}" y1="${y0}" x2="${f(x(g.median))}" y2="${y0 + 16}" class="median"/>` +
    (g.mean <= top ? `<circle cx="${f(x(g.mean))}" cy="${y0 + 8}" r="3" class="mean"/>` : '') +
    '</g>'
  const xt = ticks(0, top, 6).filter((v) => Number.isInteger(v))
  const caption = `Children per parent: min–max line, min–p95 band, median bar, mean dot${cut ? ` (axis cut at ${formatNumber(top)})` : ''}`
  return svg(H, caption, row(s, 8, 'src', 'source') + row(t, 34, 'tgt', 'target') + axisX(xt.map((v) => [x(v), formatNumber(v)]), 62, LW, LW + PWF))
}

function svg(height: number, caption: string, body: string): string {
  return `<figure class="panel"><figcaption>${esc(caption)}</figcaption><svg viewBox="0 0 ${W} ${height}" width="${W}" height="${height}" role="img" aria-label="${esc(caption)}">${body}</svg></figure>`
}

function axisX(marks: Array<[number, string]>, y: number, left = ML, right = W - MR): string {
  const ticksSvg = marks.map(([px, text]) => `<line x1="${f(px)}" y1="${y}" x2="${f(px)}" y2="${y + 4}" class="axis"/><text x="${f(px)}" y="${y + 16}" class="tick" text-anchor="middle">${esc(text)}</text>`).join('')
  return `<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" class="axis"/>${ticksSvg}`
}

function gridY(values: number[], y: (v: number) => number, label: (v: number) => string): string {
  return values.map((v) => `<line x1="${ML}" y1="${f(y(v))}" x2="${W - MR}" y2="${f(y(v))}" class="grid"/><text x="${ML - 6}" y="${f(y(v) + 4)}" class="tick" text-anchor="end">${esc(label(v))}</text>`).join('')
}

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString()
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0)
}
