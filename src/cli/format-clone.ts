/**
 * What `tdg clone`, `tdg mask` and `tdg leak-check` print: the maskers chosen (one line per table), the
 * copy summary (rows per table, subset counts), and the leak report — names and counts, never values.
 */
import type { MaskPlan } from '../model/mask.js'
import type { LeakReport } from '../leak/leak-check.js'
import type { CloneMaskedResult } from '../compose/clone-masked.js'
import { fmt, rate, seconds } from './progress-reporter.js'

/** commander collector for a repeatable option. */
export function subsetOption(value: string, previous: string[]): string[] {
  return [...previous, value]
}

/** `masking customers: contact_name (fake full-name), phone (scramble)…`, one line per table. */
export function maskLines(masks: MaskPlan): string[] {
  if (masks.tables.length === 0) return ['masking: no column is masked (no rule matches and nothing was detected); rows are copied as read']
  const n = masks.tables.reduce((k, t) => k + t.columns.length, 0)
  return [
    `masking ${n} column${n === 1 ? '' : 's'} in ${masks.tables.length} table${masks.tables.length === 1 ? '' : 's'}:`,
    ...masks.tables.map((t) => `  ${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}: ${t.columns.map((c) => `${c.column} (${describeMask(c.mask)}, ${c.source})`).join(', ')}`),
  ]
}

function describeMask(m: MaskPlan['tables'][number]['columns'][number]['mask']): string {
  switch (m.kind) {
    case 'fake':
      return `fake ${m.field}${m.unique ? ', unique' : ''}`
    case 'shift':
      return `shift ±${m.maxDays} d${m.by ? ` by ${m.by.join('+')}` : ''}`
    case 'noise':
      return `noise ±${m.percent}%`
    case 'hash':
      return `hash ${m.encoding}`
    case 'generalize':
      return `generalize ${Object.entries(m.how).map(([k, v]) => `${k} ${v}`).join('')}`
    default:
      return m.kind
  }
}

/** The summary table after a clone, then subset counts and the leak verdict. */
export function formatCloneSummary(r: CloneMaskedResult): string {
  const counts = new Map((r.subsetCounts ?? []).map((c) => [c.table, c]))
  const sourceOf = new Map(r.pairs.map((p) => [`${p.target.schema ? `${p.target.schema}.` : ''}${p.target.name}`, `${p.source.schema ? `${p.source.schema}.` : ''}${p.source.name}`]))
  const masked = new Map(r.masks.tables.map((t) => [`${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}`, t.columns.length]))
  const head = ['table', 'rows', 'masked cols', ...(counts.size > 0 ? ['of source'] : []), 'time', 'rows/s']
  const rows = r.summary.steps.map((x) => {
    const src = sourceOf.get(x.step) ?? x.step
    const c = counts.get(src)
    return [x.step, fmt(x.rows), String(masked.get(src) ?? 0), ...(counts.size > 0 ? [c ? fmt(c.sourceRows) : 'all'] : []), seconds(x.ms), fmt(rate(x.rows, x.ms))]
  })
  rows.push(['total', fmt(r.summary.rows), String([...masked.values()].reduce((a, b) => a + b, 0)), ...(counts.size > 0 ? [''] : []), seconds(r.summary.ms), fmt(rate(r.summary.rows, r.summary.ms))])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)))
  const line = (x: string[]) => x.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')
  const out = [line(head), ...rows.map(line)]
  const text = r.summary.steps.filter((x) => x.text).length
  if (text > 0) out.push(`${text === r.summary.steps.length ? 'every table' : `${text} of ${r.summary.steps.length} tables`} moved in the databases' own bulk text format (only masked columns decoded)`)
  if (r.summary.fixedUp > 0) out.push(`fixups: ${fmt(r.summary.fixedUp)} rows updated (references to rows copied later)`)
  out.push(`source read in ${r.consistency}${r.keyFingerprint ? `; masking key ${r.keyFingerprint}` : ''}`)
  if (r.leaks) out.push(...formatLeaks(r.leaks, false))
  return out.join('\n') + '\n'
}

/** The leak report: every checked column with its verdict, then the total. */
export function formatLeaks(l: LeakReport, all = true): string[] {
  const shown = all ? l.columns : l.columns.filter((c) => c.verdict !== 'clean')
  const out: string[] = []
  if (shown.length > 0) {
    const head = ['column', 'category', 'masker', 'rows matched', 'equal in row', 'found elsewhere', 'verdict']
    const rows = shown.map((c) => [`${c.table}.${c.column}`, c.category, c.masker, fmt(c.matchedRows), fmt(c.equalInRow), fmt(c.foundElsewhere), c.verdict + (c.note ? ` (${c.note})` : '')])
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)))
    const line = (x: string[]) => x.map((v, i) => (i === 0 || i >= 6 || i <= 2 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ').trimEnd()
    out.push(line(head), ...rows.map(line))
  }
  const checked = l.columns.length
  out.push(
    l.survivors === 0
      ? `leak check: 0 survivors in ${checked} checked column${checked === 1 ? '' : 's'}${l.unmatched.length > 0 ? ` (rows of ${l.unmatched.join(', ')} have no key: only searched for elsewhere)` : ''}`
      : `leak check: ${fmt(l.survivors)} survivor${l.survivors === 1 ? '' : 's'} in ${l.columns.filter((c) => c.verdict === 'survived').length} of ${checked} checked columns`,
  )
  return out
}

/** The clone result as JSON (`--json`): tables, rows, maskers, subset counts, leak report. */
export function collect(r: CloneMaskedResult): unknown {
  return {
    rows: r.summary.rows,
    ms: Math.round(r.summary.ms),
    consistency: r.consistency,
    keyFingerprint: r.keyFingerprint ?? null,
    tables: r.summary.steps.map((x) => ({ table: x.step, rows: x.rows, ms: Math.round(x.ms), transfer: x.text ? 'bulk text' : 'values' })),
    masks: r.masks.tables.map((t) => ({ table: `${t.table.schema ? `${t.table.schema}.` : ''}${t.table.name}`, columns: t.columns.map((c) => ({ column: c.column, mask: c.mask, source: c.source, reason: c.reason })) })),
    ...(r.subsetCounts ? { subset: r.subsetCounts } : {}),
    ...(r.leaks ? { leaks: r.leaks } : {}),
    notes: r.notes.map((n) => n.message),
  }
}
