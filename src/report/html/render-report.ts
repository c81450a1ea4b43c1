/**
 * `renderReport(result, source, target)`: the fidelity report as ONE self-contained HTML page (styles
 * and script inline, charts as inline SVG; nothing is fetched). A summary on top (overall score, per
 * table scores, failing measures), then per matched table one chart element per matched column
 * (`data-chart="column"`) and per matched foreign key (`data-chart="fan-out"`). Every name and value
 * from the profiles is escaped; values shown are the profiles' own (PII categories are withheld there).
 */
import type { ColumnProfile, NumericSummary, Profile, TableProfile } from '../../model/profile.js'
import { unitScaled } from '../fidelity.js'
import type { ColumnFidelity, FanOutFidelity, FidelityResult, Measure, MeasureName, TableFidelity } from '../fidelity-types.js'
import { categorySvg, fanOutSvg, histogramSvg, nullShareSvg } from './charts.js'
import { esc } from './escape.js'
import { axisKindOf, fixed3, formatNumber, percent } from './format.js'
import { SCRIPT, STYLE } from './page-assets.js'

/** Short names of the measures, as the chips and the failing list show them. */
const MEASURE_LABEL: Record<MeasureName, string> = {
  ks: 'KS',
  'length-ks': 'length KS',
  tvd: 'TVD',
  'null-share': 'null share err',
  'fan-out-median': 'median err',
  'row-ratio': 'row ratio err',
}

/** The whole page. Deterministic for given inputs (no clock read: the profiles' own timestamps are shown). */
export function renderReport(result: FidelityResult, source: Profile, target: Profile): string {
  const title = `tdg fidelity report: ${result.source.name} → ${result.target.name}`
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${STYLE}</style></head>`,
    '<body>',
    summary(result, source, target),
    '<main>',
    ...result.tables.map((t, i) => tableSection(t, i, findTable(source, t.name, t.schema), findTable(target, t.name, t.schema))),
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n')
}

function summary(r: FidelityResult, source: Profile, target: Profile): string {
  const measures = r.tables.flatMap((t) => [t.rowRatio, ...t.columns.flatMap((c) => c.measures), ...t.fanOut.map((f) => f.measure)])
  const passing = measures.filter((m) => m.pass).length
  const rows = r.tables
    .map(
      (t, i) =>
        `<tr><td><a href="#t${i}">${esc(t.name)}</a></td><td class="num">${esc(formatNumber(t.rows.source))} → ${esc(formatNumber(t.rows.target))}</td>` +
        `<td class="num">${ratioText(t.rows.ratio)}</td><td class="num" data-table-score="${esc(t.name)}">${meter(t.score, t.pass)}${fixed3(t.score)}</td>` +
        `<td>${badge(t.pass)}</td></tr>`,
    )
    .join('')
  const failing = r.failing.slice(0, 25).map((f) => {
    const anchor = anchorOf(r, f.table, f.item, f.measure)
    const where = f.item === undefined ? f.table : `${f.table}.${f.item}`
    return `<li><a href="#${anchor}">${esc(where)}</a>: ${esc(MEASURE_LABEL[f.measure])} ${fixed3(f.value)} &gt; ${f.threshold}</li>`
  })
  if (r.failing.length > 25) failing.push(`<li>… and ${r.failing.length - 25} more</li>`)
  const unmatched = [
    r.unmatched.source.length ? `only in source (not compared): ${r.unmatched.source.map(esc).join(', ')}` : '',
    r.unmatched.target.length ? `only in target (not compared): ${r.unmatched.target.map(esc).join(', ')}` : '',
  ].filter(Boolean)
  const th = r.thresholds
  return `<header class="top">
<h1>Fidelity report</h1>
<p class="sub">source <b>${esc(r.source.name)}</b> (${esc(r.source.kind)}, profiled ${esc(when(source.createdAt))}) → target <b>${esc(r.target.name)}</b> (${esc(r.target.kind)}, profiled ${esc(when(target.createdAt))})</p>
<div class="summary">
<div class="score-box" data-summary="overall"><div>Overall score</div><div class="big" data-overall-score="${r.score}">${fixed3(r.score)}</div>
<div>${badge(r.pass)} <span class="sub">${passing} of ${measures.length} measures pass</span></div>
<div class="sub">${r.tables.length} tables compared · target ≈ ×${esc(formatNumber(r.scale))} rows</div></div>
<table class="tables"><thead><tr><th>table</th><th class="num">rows</th><th class="num">ratio</th><th class="num">score</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<div>${failing.length ? `<b>Failing measures</b><ul class="failing">${failing.join('')}</ul>` : '<b>Every measure passes.</b>'}${unmatched.map((u) => `<p class="unmatched">${u}</p>`).join('')}</div>
</div>
<p class="controls"><span class="legend"><span><span class="sw src"></span>source (bars)</span><span><span class="sw tgt"></span>target (line)</span></span>
 <label class="filter"><input type="checkbox" id="only-failing"> show failing only</label></p>
<p class="controls">Pass: KS ≤ ${th.ks}, TVD ≤ ${th.tvd}, length KS ≤ ${th['length-ks']}, null share error ≤ ${th['null-share']}, fan-out median error ≤ ${th['fan-out-median']}, row ratio within ${th['row-ratio'] * 100} % of the scale (median ratio). Scores are 1 − distance, averaged per column, table and overall; histograms are rebuilt from 101 quantiles.</p>
</header>`
}

function tableSection(t: TableFidelity, i: number, s: TableProfile | undefined, g: TableProfile | undefined): string {
  const unmatched = [
    t.unmatched.sourceColumns.length ? `columns only in source: ${t.unmatched.sourceColumns.map(esc).join(', ')}` : '',
    t.unmatched.targetColumns.length ? `columns only in target: ${t.unmatched.targetColumns.map(esc).join(', ')}` : '',
    t.unmatched.sourceFanOut.length ? `foreign keys only in source: ${t.unmatched.sourceFanOut.map(esc).join(', ')}` : '',
    t.unmatched.targetFanOut.length ? `foreign keys only in target: ${t.unmatched.targetFanOut.map(esc).join(', ')}` : '',
  ].filter(Boolean)
  const rowText = `${formatNumber(t.rows.source)}${t.rows.sourceExact ? '' : ' (estimate)'} → ${formatNumber(t.rows.target)}${t.rows.targetExact ? '' : ' (estimate)'} rows, ${ratioText(t.rows.ratio)}`
  const columns = t.columns.map((c, j) => columnChart(c, `t${i}-c${j}`, t.name, col(s, c.name), col(g, c.name)))
  const fks = t.fanOut.map((f, j) => fanOutChart(f, `t${i}-f${j}`, t.name))
  return `<section class="table" id="t${i}">
<header><h2>${esc(t.name)}</h2>${badge(t.pass)}<span>score <b>${fixed3(t.score)}</b></span><span class="sub">${esc(rowText)}</span>${chip(t.rowRatio)}</header>
${unmatched.map((u) => `<p class="unmatched">${u}</p>`).join('')}
<div class="grid">${[...fks, ...columns].join('\n')}</div>
</section>`
}

function columnChart(c: ColumnFidelity, id: string, table: string, s: ColumnProfile | undefined, t: ColumnProfile | undefined): string {
  const panels: string[] = []
  if (s && t) {
    const axis = axisKindOf(s.kind)
    if (s.numeric && t.numeric && c.identifier) {
      const scaled = (n: NumericSummary) => ({ ...n, min: 0, max: 1, quantiles: unitScaled(n.quantiles), integral: false })
      panels.push(histogramSvg(scaled(s.numeric), scaled(t.numeric), 'share', `Identifiers (${c.identifier}): position within each side's min–max range`))
    } else if (s.numeric && t.numeric) panels.push(histogramSvg(s.numeric, t.numeric, axis, axis === 'number' ? 'Values (share per bin, from quantiles)' : 'Dates (share per bin, from quantiles, UTC)'))
    // A numeric column's categories are its histogram's bars already (TVD is still measured).
    if (s.categories && t.categories && !(s.numeric && t.numeric)) panels.push(categorySvg(s.categories, t.categories, 'Categories (share of non-null values: source / target)'))
    // A category list already decides the lengths: no second chart of the same values.
    if (s.length && t.length && !(s.categories && t.categories)) panels.push(histogramSvg(s.length, t.length, 'number', 'String length in characters (share per bin)'))
    panels.push(nullShareSvg(s.nullShare, t.nullShare))
  }
  const kind = c.targetKind ? `${c.kind} / ${c.targetKind}` : c.kind
  const withheld = s?.valuesWithheld || t?.valuesWithheld ? '<p class="skipped">values withheld (PII): categories are not shown</p>' : ''
  return `<section class="chart ${c.pass ? 'pass' : 'fail'}" id="${id}" data-chart="column" data-table="${esc(table)}" data-column="${esc(c.name)}">
<header><h3>${esc(c.name)}<span class="kind">${esc(kind)}</span></h3><span>${badge(c.pass)} <b>${fixed3(c.score)}</b></span></header>
<div class="chips">${c.measures.map(chip).join('')}</div>
${c.skipped.map((k) => `<p class="skipped">${esc(MEASURE_LABEL[k.measure])} not compared: ${esc(k.reason)}</p>`).join('')}${withheld}
${panels.join('\n')}
</section>`
}

function fanOutChart(f: FanOutFidelity, id: string, table: string): string {
  const row = (who: string, g: FanOutFidelity['source']) =>
    `<tr><td>${who}</td><td>${g.min}</td><td>${esc(formatNumber(g.median))}</td><td>${esc(formatNumber(g.mean))}</td><td>${esc(formatNumber(g.p95))}</td><td>${g.max}</td><td>${esc(percent(g.childless))}</td></tr>`
  return `<section class="chart ${f.measure.pass ? 'pass' : 'fail'}" id="${id}" data-chart="fan-out" data-table="${esc(table)}" data-fk="${esc(f.label)}">
<header><h3>${esc(table)} ${esc(f.label)}<span class="kind">fan-out</span></h3><span>${badge(f.measure.pass)} <b>${fixed3(f.measure.score)}</b></span></header>
<div class="chips">${chip(f.measure)}</div>
${fanOutSvg(f.source, f.target)}
<table class="figures"><thead><tr><th>children per parent</th><th>min</th><th>median</th><th>mean</th><th>p95</th><th>max</th><th>childless</th></tr></thead>
<tbody>${row('source', f.source)}${row('target', f.target)}</tbody></table>
</section>`
}

function chip(m: Measure): string {
  const title = m.note ? ` title="${esc(m.note)}"` : ''
  return `<span class="chip ${m.pass ? 'pass' : 'fail'}"${title} data-measure="${m.measure}">${esc(MEASURE_LABEL[m.measure])} ${fixed3(m.value)} ${m.pass ? '≤' : '&gt;'} ${m.threshold}${m.note ? ' *' : ''}</span>`
}

function badge(pass: boolean): string {
  return pass ? '<span class="badge pass">PASS</span>' : '<span class="badge fail">FAIL</span>'
}

function meter(score: number, pass: boolean): string {
  return `<span class="meter${pass ? '' : ' fail'}"><i style="width:${Math.round(score * 100)}%"></i></span>`
}

/** The element id a failing measure links to. */
function anchorOf(r: FidelityResult, table: string, item: string | undefined, measure: MeasureName): string {
  const i = r.tables.findIndex((t) => t.name === table)
  if (item === undefined || i < 0) return `t${Math.max(0, i)}`
  const t = r.tables[i]!
  if (measure === 'fan-out-median') return `t${i}-f${Math.max(0, t.fanOut.findIndex((f) => f.label === item))}`
  return `t${i}-c${Math.max(0, t.columns.findIndex((c) => c.name === item))}`
}

/** The table `fidelity` paired with this name: case-insensitive, the same schema preferred. */
function findTable(p: Profile, name: string, schema: string | undefined): TableProfile | undefined {
  const same = p.tables.filter((t) => t.name.toLowerCase() === name.toLowerCase())
  return same.find((t) => t.schema === schema) ?? same[0]
}

function col(t: TableProfile | undefined, name: string): ColumnProfile | undefined {
  return t?.columns.find((c) => c.name.toLowerCase() === name.toLowerCase())
}

/** `2026-12-05 12:00 UTC` from an ISO timestamp (other text unchanged). */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}

function ratioText(ratio: number | null): string {
  return ratio === null ? '×∞' : `×${formatNumber(ratio)}`
}
