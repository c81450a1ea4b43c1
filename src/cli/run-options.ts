import { InvalidArgumentError } from 'commander'
import { NOW_FORMAT, parseNowText } from '../plan/now-text.js'
import { TdgError } from '../errors.js'

/** `--rows 10000`: a whole number ≥ 0. */
export function parseCount(value: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError(`'${value}' is not a whole number of rows`)
  return n
}

/** A whole number of at least 1 (`--batch-size`): 0 makes no batch, as the config's `batchSize` says. */
export function parsePositiveCount(value: string): number {
  const n = parseCount(value)
  if (n < 1) throw new InvalidArgumentError(`'${value}' is not a batch size (at least 1)`)
  return n
}

/** `--row-group-size N`, `--max-rows-per-file N`: a whole number of rows ≥ 1, the option named when not. */
export function parseRowLimit(value: string, option: string): number {
  const n = Number(value)
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`'${value}' is not a number of rows for ${option} (a whole number ≥ 1)`)
  return n
}

/**
 * A whole number ≥ 1 given to a command's action as text (`--sample`, `--batch-size` of clone and
 * export): TDG_USAGE naming the flag when it is not.
 */
export function wholeCount(flag: string, text: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < 1) throw new TdgError('TDG_USAGE', `${flag} must be a whole number ≥ 1, got '${text}'`)
  return n
}

/** `--rows-per-table orders=50000,order_items=200000` → { orders: 50000, … }. */
export function parseRowsPerTable(value: string, previous: Record<string, number> = {}): Record<string, number> {
  const out = { ...previous }
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=')
    if (eq <= 0) throw new InvalidArgumentError(`'${part}' is not table=rows`)
    out[part.slice(0, eq).trim()] = parseCount(part.slice(eq + 1).trim())
  }
  return out
}

/** `--seed 42` (an integer) or any other text, used as given. */
export function parseSeed(value: string): number | string {
  return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : value
}

/** `--now 2026-12-05` or `--now 2026-12-05T10:30:00Z` → epoch seconds (see `parseNowText`). */
export function parseNow(value: string): number {
  const now = parseNowText(value)
  if (now === undefined) throw new InvalidArgumentError(NOW_FORMAT(value))
  return now
}

/** A fresh seed for runs without `--seed`; printed so the run can be repeated. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31)
}

/** `--tables a,b` → ['a', 'b']. */
export function parseList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean)
}
