import type { CheckReport, InvariantReport } from '../check/run-check.js'
import { score } from '../check/run-check.js'

/** A score as a percentage with one decimal (`99.8%`), `n/a` when nothing applied. */
export function percent(s: number | undefined): string {
  if (s === undefined) return 'n/a'
  const p = Math.floor(s * 1000) / 10
  return `${p.toFixed(1)}%`
}

/**
 * The `tdg check` report: one line per invariant and table (or FK/column) with applicable units and
 * score, `!` before scores under `min`; invariants that apply nowhere get one `n/a` line. Then a
 * failing example or note per line where there is one.
 */
export function formatCheck(report: CheckReport, min: number): string {
  const head = ['', 'invariant', 'table', 'applicable', 'score', 'columns']
  const rows: string[][] = []
  const details: string[] = []
  for (const inv of report.invariants) rows.push(...lines(inv, min, details))
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => r.map((v, i) => (i === 3 || i === 4 ? v.padStart(widths[i]!) : i === r.length - 1 ? v : v.padEnd(widths[i]!))).join('  ').trimEnd()
  const low = rows.filter((r) => r[0] === '!').length
  const out = [`tdg check (now ${report.now.slice(0, 10)}; ! = below ${percent(min)})`, '', line(head), ...rows.map(line)]
  if (details.length > 0) out.push('', 'Details:', ...details)
  const any = report.invariants.some((i) => i.results.length > 0)
  out.push('', !any ? 'no invariant applies to these rows' : low === 0 ? `every applicable invariant scores at least ${percent(min)}` : `${low} result${low === 1 ? '' : 's'} below ${percent(min)}`)
  return out.join('\n') + '\n'
}

function lines(inv: InvariantReport, min: number, details: string[]): string[][] {
  if (inv.results.length === 0) return [[' ', inv.id, '-', '-', 'n/a', '']]
  return inv.results.map((r) => {
    const s = score(r)
    const units = r.unit === 'row' ? '' : ` ${r.unit}${r.applicable === 1 ? '' : 's'}`
    if (r.note || r.examples.length > 0) {
      details.push(`  ${inv.id} ${r.table} (${r.columns.join(', ')})${r.note ? `: ${r.note}` : ''}`)
      for (const e of r.examples) details.push(`      failing row ${e.row}${e.key ? ` (${e.key})` : ''}${e.value ? `: ${e.value}` : ''}`)
    }
    return [(s ?? 1) < min ? '!' : ' ', inv.id, r.table, `${r.applicable}${units}`, percent(s), r.columns.join(', ')]
  })
}

/** The report as JSON: per invariant and result, applicable, passed, score (0–1 or null), examples, note. */
export function checkJson(report: CheckReport, min: number): string {
  const doc = {
    now: report.now,
    minScore: min,
    invariants: report.invariants.map((inv) => ({
      id: inv.id,
      description: inv.description,
      results: inv.results.map((r) => ({ ...r, score: score(r) ?? null, below: (score(r) ?? 1) < min })),
    })),
  }
  return JSON.stringify(doc, null, 2) + '\n'
}
