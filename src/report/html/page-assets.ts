/** The report page's inline stylesheet and script (no fonts, images or anything fetched). */
import { COLORS } from './charts.js'

export const STYLE = `
:root { --src: ${COLORS.source}; --tgt: ${COLORS.target}; --ok: #1f7a3a; --bad: #b42318; --ink: #1d2330; --muted: #667085; --line: #d0d5dd; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 20px 28px 16px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0; }
h3 { font-size: 14px; margin: 0; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; word-break: break-all; }
.sub { color: var(--muted); margin: 0; }
main { padding: 16px 28px 40px; }
.summary { display: flex; gap: 24px; flex-wrap: wrap; align-items: flex-start; margin-top: 14px; }
.score-box { background: var(--bg); border: 1px solid var(--line); border-radius: 10px; padding: 12px 18px; min-width: 190px; }
.score-box .big { font-size: 40px; font-weight: 700; line-height: 1.1; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; vertical-align: middle; }
.badge.pass { background: var(--ok); } .badge.fail { background: var(--bad); }
.legend { display: inline-flex; gap: 14px; align-items: center; font-size: 13px; }
.sw { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: baseline; margin-right: 5px; }
.sw.src { background: var(--src); } .sw.tgt { background: var(--tgt); }
table.tables { border-collapse: collapse; background: #fff; font-size: 13px; }
table.tables th, table.tables td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; }
table.tables td.num, table.tables th.num { text-align: right; font-variant-numeric: tabular-nums; }
.meter { display: inline-block; width: 70px; height: 8px; background: #e4e7ec; border-radius: 4px; overflow: hidden; vertical-align: middle; margin-right: 6px; }
.meter i { display: block; height: 100%; background: var(--ok); }
.meter.fail i { background: var(--bad); }
.failing { margin: 0; padding-left: 18px; color: var(--bad); font-size: 13px; }
.failing a, .tables a { color: inherit; }
.controls { margin: 10px 0 0; font-size: 13px; color: var(--muted); }
.controls .legend { color: var(--ink); font-weight: 600; margin-right: 24px; }
section.table { margin-top: 26px; }
section.table > header { display: flex; gap: 14px; align-items: baseline; flex-wrap: wrap; border-bottom: 2px solid var(--line); padding-bottom: 6px; margin-bottom: 10px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(600px, 1fr)); gap: 14px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px 8px; }
.chart.fail { border-color: #f1a9a0; box-shadow: inset 3px 0 0 var(--bad); }
.chart > header { display: flex; justify-content: space-between; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.kind { color: var(--muted); font-size: 12px; margin-left: 6px; font-family: system-ui, sans-serif; }
.chips { display: flex; gap: 6px; flex-wrap: wrap; margin: 6px 0 2px; }
.chip { font-size: 12px; border-radius: 4px; padding: 0 6px; background: #ecfdf3; color: var(--ok); border: 1px solid #abefc6; font-variant-numeric: tabular-nums; }
.chip.fail { background: #fef3f2; color: var(--bad); border-color: #fecdca; font-weight: 600; }
.skipped { color: var(--muted); font-size: 12px; margin: 2px 0; }
figure.panel { margin: 6px 0 0; }
figure.panel figcaption { font-size: 12px; color: var(--muted); }
figure.panel svg { display: block; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #344054; }
svg .tick { fill: #475467; }
svg .val { fill: #344054; font-variant-numeric: tabular-nums; }
svg .lbl.muted { fill: var(--muted); font-style: italic; }
svg .axis { stroke: #98a2b3; stroke-width: 1; }
svg .grid { stroke: #eaecf0; stroke-width: 1; }
svg .src-bar { fill: var(--src); fill-opacity: 0.55; }
svg .tgt-fill { fill: var(--tgt); fill-opacity: 0.12; stroke: none; }
svg .tgt-line { fill: none; stroke: var(--tgt); stroke-width: 2; stroke-linejoin: round; }
svg .src-solid { fill: var(--src); } svg .tgt-solid { fill: var(--tgt); }
svg .track { fill: #f2f4f7; }
svg .src-band { fill: var(--src); fill-opacity: 0.35; } svg .tgt-band { fill: var(--tgt); fill-opacity: 0.35; }
svg .src-line { stroke: var(--src); } svg .tgt-line.whisker { stroke: var(--tgt); stroke-width: 1.5; }
svg .whisker { stroke-width: 1.5; }
svg .median { stroke: var(--ink); stroke-width: 2.5; }
svg .mean { fill: #fff; stroke: var(--ink); stroke-width: 1.5; }
table.figures { font-size: 12px; border-collapse: collapse; margin-top: 4px; font-variant-numeric: tabular-nums; }
table.figures th, table.figures td { padding: 1px 8px; text-align: right; } table.figures th:first-child, table.figures td:first-child { text-align: left; }
.unmatched { color: var(--muted); font-size: 13px; margin: 4px 0 10px; }
body.only-failing .chart.pass { display: none; }
`

/** The one script: the "failing only" filter. Plain DOM, runs after the document is parsed. */
export const SCRIPT = `
(function () {
  var box = document.getElementById('only-failing');
  if (!box) return;
  box.addEventListener('change', function () { document.body.classList.toggle('only-failing', box.checked); });
})();
`
