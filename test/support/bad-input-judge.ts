/**
 * The one judgement every bad-input case gets (issue 9 §7). It returns the problems found (empty: the
 * case passes), so a report can list every broken promise of a case, not only the first.
 *
 * - exit code in the documented set (1, 2, 3, 4, 5, 130, 143; 1 = a sensitive column without a masker), never 0 or 70, and one the case allows;
 *   killed by a signal counts as no exit code at all (except the SIGKILL cases, which cannot exit);
 * - nothing on stdout;
 * - stderr: exactly one error line, the last, `tdg: error CODE: …` (or `tdg: interrupted, rolled back`
 *   for SIGINT/SIGTERM). Lines tdg prints while working before it fails (`tdg: dialect: …`,
 *   `tdg: note: …`, `tdg: reading the source in …`, per-table progress `t: 20,000 rows in …`) are allowed beside it, except for usage
 *   errors, which have no second line at all (§5). No stack frame, no `(run tdg --help …)` line;
 * - no password of any URL used, on stdout or stderr;
 * - nothing written: the scratch dir holds the same paths (no output dir, no `*.tdg-tmp-*`, no new
 *   SQLite file) and every database the same tables, row counts and checksums.
 */
import { isDeepStrictEqual } from 'node:util'
import type { BadInputCase } from '../bad-input/case.js'
import type { RunResult, Snapshot } from './bad-input-runner.js'

/** How long a case may run unless it says (generous: the test machine may be shared). */
export const DEFAULT_TIMEOUT_MS = 60_000

export const DOCUMENTED_EXITS = [1, 2, 3, 4, 5, 130, 143]

/** Lines tdg prints while working; allowed before the error line of a failure that is not a usage error. */
const INFO = [/^tdg: (dialect|note): /, /^tdg: reading the source in /, /^[^\s:][^:]*: [\d,]+ rows\b/]

const list = <T>(x: T | readonly T[] | undefined): readonly T[] => (x === undefined ? [] : Array.isArray(x) ? (x as readonly T[]) : [x as T])

function diff(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return keys.filter((k) => !isDeepStrictEqual(before[k], after[k])).map((k) => (!(k in before) ? `+${k}` : !(k in after) ? `-${k}` : `~${k}`))
}

export function judge(c: BadInputCase, run: RunResult, before: Snapshot, after: Snapshot, secrets: string[]): string[] {
  const problems: string[] = []
  const killed = c.fault?.kind === 'signal' && c.fault.signal === 'SIGKILL'
  if (run.timedOut) problems.push(`did not finish within ${(c.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`)
  if (c.fault && !run.faultFired) problems.push(`the fault never fired: ${'stderr' in c.fault.when ? `stderr did not match ${String(c.fault.when.stderr)}` : `no statement matched ${String(c.fault.when.query)}`}`)
  if (run.faultError) problems.push(`the fault itself failed: ${run.faultError}`)

  if (killed) {
    if (run.signal !== 'SIGKILL' && !run.timedOut) problems.push(`expected to be killed, but it ended first (exit ${run.code}): ${run.stderr.trim().split('\n').pop()}`)
  } else {
    const allowed = list(c.exit)
    if (run.code === null) problems.push(`died of ${run.signal ?? 'a signal'} instead of exiting${allowed.length ? ` ${allowed.join('|')}` : ''}`)
    else {
      if (!DOCUMENTED_EXITS.includes(run.code)) problems.push(`exit ${run.code} is not a documented failure exit (${DOCUMENTED_EXITS.join(', ')})`)
      else if (!allowed.includes(run.code)) problems.push(`exit ${run.code}, expected ${allowed.join(' or ')}`)
    }
    if (run.stdout !== '') problems.push(`stdout is not empty: ${JSON.stringify(run.stdout.slice(0, 120))}`)
    problems.push(...judgeStderr(c, run.stderr))
  }

  for (const s of secrets) if (run.stdout.includes(s) || run.stderr.includes(s)) problems.push(`a password is printed (${s.slice(0, 2)}…)`)

  // After kill -9 a SQLite rollback journal may stay beside the file: its header was never synced, so
  // SQLite treats it as stale (not hot) and the database is as before; the content check below says so.
  const keep = (f: Record<string, string>) => (killed ? Object.fromEntries(Object.entries(f).filter(([k]) => !k.endsWith('-journal'))) : f)
  const files = diff(keep(before.files), keep(after.files))
  if (files.length) problems.push(`files changed under the scratch dir: ${files.join(', ')}`)
  for (const db of new Set([...Object.keys(before.dbs), ...Object.keys(after.dbs)])) {
    const changed = diff(before.dbs[db] ?? {}, after.dbs[db] ?? {})
    if (changed.length) problems.push(`${db} changed: ${changed.join(', ')}`)
  }
  return problems
}

function judgeStderr(c: BadInputCase, stderr: string): string[] {
  const problems: string[] = []
  const lines = stderr.split('\n').map((l) => l.trimEnd()).filter((l) => l !== '')
  const signalled = c.fault?.kind === 'signal' && (c.fault.signal === 'SIGINT' || c.fault.signal === 'SIGTERM')
  const codes = list(c.code)
  const usage = codes.length > 0 && codes.every((k) => k === 'TDG_USAGE')
  const errors = usage ? lines : lines.filter((l) => !INFO.some((re) => re.test(l)))
  if (/^\s+at /m.test(stderr)) problems.push('stderr holds a stack frame')
  if (errors.length !== 1) {
    problems.push(`stderr has ${errors.length} error lines, expected exactly one: ${JSON.stringify(errors.slice(0, 3).join(' | ').slice(0, 300))}`)
  }
  const line = errors[errors.length - 1] ?? ''
  if (lines.length && lines[lines.length - 1] !== line) problems.push('the error line is not the last line of stderr')
  if (signalled) {
    if (line !== 'tdg: interrupted, rolled back') problems.push(`expected "tdg: interrupted, rolled back", got ${JSON.stringify(line.slice(0, 200))}`)
    return problems
  }
  if (!line.startsWith('tdg: error ')) problems.push(`the line does not start "tdg: error ": ${JSON.stringify(line.slice(0, 200))}`)
  else if (codes.length && !codes.some((k) => line.startsWith(`tdg: error ${k}: `))) problems.push(`expected ${codes.join(' or ')}: ${JSON.stringify(line.slice(0, 200))}`)
  for (const re of c.expect ?? []) if (!re.test(line)) problems.push(`the line does not match ${String(re)}: ${JSON.stringify(line.slice(0, 200))}`)
  return problems
}
