import type { RunSummary } from '../pipeline/run.js'
import { fmt, rate, seconds } from './progress-reporter.js'
import { nowText } from '../plan/now-text.js'

/** The end-of-run table: rows, time and rows/s per table, the total, and the seed to repeat the run. */
export function formatSummary(s: RunSummary, seedGiven: boolean): string {
  const rows = s.steps.map((x) => [x.step, fmt(x.rows), seconds(x.ms), fmt(rate(x.rows, x.ms))])
  rows.push(['total', fmt(s.rows), seconds(s.ms), fmt(rate(s.rows, s.ms))])
  const head = ['table', 'rows', 'time', 'rows/s']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ')
  const out = [line(head), ...rows.map(line)]
  if (s.fixedUp > 0) out.push(`fixups: ${fmt(s.fixedUp)} rows updated to close FK cycles`)
  const now = nowText(s.now)
  out.push(seedGiven ? `seed: ${s.seed}, now: ${now}` : `seed: ${s.seed}, now: ${now} (random seed; repeat this run with --seed ${s.seed} --now ${now})`)
  return out.join('\n') + '\n'
}

/**
 * The summary as one JSON document (`--json`): `{ seed, seedGiven, now, rows, ms, fixedUp, tables: [{ table,
 * rows, ms }] }`, times in whole milliseconds; a bigint seed is written as a string.
 */
export function summaryJson(s: RunSummary, seedGiven: boolean): string {
  const doc = {
    seed: typeof s.seed === 'bigint' ? String(s.seed) : s.seed,
    seedGiven,
    now: nowText(s.now),
    rows: s.rows,
    ms: Math.round(s.ms),
    fixedUp: s.fixedUp,
    tables: s.steps.map((x) => ({ table: x.step, rows: x.rows, ms: Math.round(x.ms) })),
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}
