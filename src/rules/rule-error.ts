/**
 * TDG_RULES_INVALID errors: `<file>:<line>: <dotted.path>: <reason>`. The dotted path is always given;
 * the line when the rules came from a file that has one for the path (or its nearest parent).
 */
import { TdgError } from '../errors.js'
import type { RuleSet } from './schema.js'

/** A path inside a rules document. */
export type RulePath = ReadonlyArray<string | number>

/** `tables.orders.columns.status.weights`, `match[1].regex`, `between[0]`. */
export function dottedPath(path: RulePath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}

/** Line of `path` (or of its nearest ancestor that has one). */
export function lineOf(lines: Record<string, number> | undefined, path: RulePath): number | undefined {
  if (!lines) return undefined
  for (let n = path.length; n >= 0; n--) {
    const line = lines[dottedPath(path.slice(0, n))]
    if (line !== undefined) return line
  }
  return undefined
}

/** The error for a problem at `path` of a rules document. */
export function rulesError(source: { file?: string; lines?: Record<string, number> }, path: RulePath, reason: string, cause?: unknown): TdgError {
  const dotted = dottedPath(path)
  const line = lineOf(source.lines, path)
  const where = [source.file ?? 'rules', line].filter((p) => p !== undefined).join(':')
  return new TdgError('TDG_RULES_INVALID', `${where}: ${dotted || '(top)'}: ${reason}`, { file: source.file, path: dotted, line }, cause === undefined ? undefined : { cause })
}

/** The same, for a loaded RuleSet. */
export function ruleSetError(set: RuleSet, path: RulePath, reason: string): TdgError {
  return rulesError({ ...(set.source ? { file: set.source } : {}), ...(set.lines ? { lines: set.lines } : {}) }, path, reason)
}

/** ` (did you mean 'x'?)` when a candidate is close to `word`, else ''. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  let best: string | undefined
  let bestD = Infinity
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase())
    if (d < bestD) {
      bestD = d
      best = c
    }
  }
  const limit = word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3
  return best !== undefined && bestD <= limit ? ` (did you mean '${best}'?)` : ''
}

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    prev = cur
  }
  return prev[b.length]!
}
