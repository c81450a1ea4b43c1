/**
 * What `tdg export` prints: rows per table (with masked columns when masking), where the files went and
 * how consistent the read was; names and counts, never values.
 */
import type { ExportDatabaseResult } from '../compose/export-database.js'
import { fmt, rate, seconds } from './progress-reporter.js'

/** The summary table after an export. */
export function formatExportSummary(r: ExportDatabaseResult): string {
  const masked = new Map((r.masks?.tables ?? []).map((t) => [`${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}`, t.columns.length]))
  const withMasks = r.masks !== undefined
  const head = ['table', 'rows', ...(withMasks ? ['masked cols'] : []), 'time', 'rows/s']
  const rows = r.summary.steps.map((x) => [x.step, fmt(x.rows), ...(withMasks ? [String(masked.get(x.step) ?? 0)] : []), seconds(x.ms), fmt(rate(x.rows, x.ms))])
  rows.push(['total', fmt(r.summary.rows), ...(withMasks ? [String([...masked.values()].reduce((a, b) => a + b, 0))] : []), seconds(r.summary.ms), fmt(rate(r.summary.rows, r.summary.ms))])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)))
  const line = (x: string[]) => x.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')
  const out = [line(head), ...rows.map(line)]
  if (r.summary.fixedUp > 0) out.push(`fixups: ${fmt(r.summary.fixedUp)} rows set by UPDATEs in the script (references to rows written later)`)
  out.push(`${r.format} files and manifest.json in ${r.output}; source read in ${r.consistency}${r.keyFingerprint ? `; masking key ${r.keyFingerprint}` : ''}`)
  return out.join('\n') + '\n'
}

/** The summary as JSON (`--json`): `{ format, output, consistency, rows, ms, keyFingerprint?, tables: [{ table, rows, masked, ms }] }`. */
export function exportJson(r: ExportDatabaseResult): string {
  const masked = new Map((r.masks?.tables ?? []).map((t) => [`${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}`, t.columns.map((c) => c.column)]))
  const doc = {
    format: r.format,
    output: r.output,
    consistency: r.consistency,
    rows: r.summary.rows,
    ms: Math.round(r.summary.ms),
    ...(r.keyFingerprint ? { keyFingerprint: r.keyFingerprint } : {}),
    tables: r.summary.steps.map((x) => ({ table: x.step, rows: x.rows, masked: masked.get(x.step) ?? [], ms: Math.round(x.ms) })),
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
