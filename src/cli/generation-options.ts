import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import { availableParallelism } from 'node:os'
import { parseCount, parseList, parseNow, parsePositiveCount, parseRowsPerTable, parseSeed } from './run-options.js'

/**
 * Flags shared by seed, generate and plan, as commander parses them. Kept light (commander and
 * run-options only): every command registers these at start-up; `planOptions` (plan-options.ts) reads them
 * into PlanOptions when a command runs.
 */
export interface GenerationFlags {
  rows?: number
  rowsPerTable?: Record<string, number>
  seed?: number | string
  tables?: string[]
  batchSize?: number
  nullRate?: number
  /** Rules file (YAML or JSON). */
  rules?: string
  /** Where generated time ends: epoch seconds (`--now`), or the config's date/timestamp text. */
  now?: number | string
  /** Faker locale (`de`, `fr`, `pt_BR`, …); default `en`. */
  locale?: string
  /** `--scale F`: multiplies every row count not given per table (see PlanOptions.scale). */
  scale?: number
  /** `--workers K` (seed and generate only): threads generating rows; see RunOptions.workers. */
  workers?: number
}

/** Add --rows, --rows-per-table, --seed, --tables, --batch-size, --null-rate, --rules, --locale, --scale to a command. */
export function addGenerationOptions(cmd: Command): Command {
  return cmd
    .option('--rows <n>', 'rows for every table (default 100)', parseCount)
    .option('--rows-per-table <list>', 'per-table counts: orders=50000,order_items=200000', parseRowsPerTable)
    .option('--seed <seed>', 'seed for deterministic output (default: random, printed)', parseSeed)
    .option('--tables <list>', 'only these tables (parents they need are added)', parseList)
    .option('--batch-size <n>', 'rows per batch (default 2000 generated, 10000 copied; output does not depend on it)', parsePositiveCount)
    .option('--null-rate <share>', 'share of NULLs in nullable columns (default 0.1)', parseShare)
    .option('--rules <file>', 'rules file (YAML or JSON): generators per column, row counts, fan-out')
    .option('--now <date>', 'where generated time ends: YYYY-MM-DD or an ISO timestamp (default: today, UTC; recorded in the plan)', parseNow)
    .option('--locale <code>', "faker locale of names, addresses, phones: de, fr, es, it, nl, pl, pt_BR, ja, en_GB, … (default en)")
    .option('--scale <factor>', "multiply every table's row count (the rules' rows, else --rows) by this factor > 0; --rows-per-table counts stay as given", parseScale)
}

/**
 * What `--workers auto` means: one generating thread per core the writer leaves free — the cores this
 * process may use less one, at least 1. The writer (CSV encoding, a database load, Parquet's appends plus
 * its encoder thread) keeps a core busy itself; on 2 cores a second generating thread only competed with it
 * (`npm run bench -- --only workers`: K = 1 was faster than K = 2 for both CSV and Parquet).
 */
export function autoWorkers(): number {
  return Math.max(1, availableParallelism() - 1)
}

/**
 * `--workers K|auto` on seed and generate: threads generating rows (default 1; auto = autoWorkers()).
 * Parsed here without loading the pipeline; see RunOptions.workers.
 */
export function addWorkersOption(cmd: Command): Command {
  return cmd.option('--workers <k>', 'threads generating rows in parallel for the one ordered writer: a number or auto (= cores − 1, at least 1: the writer keeps a core); default 1; output is identical for every K', parseWorkersFlag)
}

function parseWorkersFlag(v: string): number {
  if (v.trim() === 'auto') return autoWorkers()
  const n = Number(v)
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`'${v}' is not a number of workers (a whole number ≥ 1, or auto)`)
  return n
}

function parseScale(v: string): number {
  const n = Number(v)
  if (v.trim() === '' || !(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`'${v}' is not a scale factor (a number > 0, e.g. 0.1 or 10)`)
  return n
}

function parseShare(v: string): number {
  const n = Number(v)
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError(`'${v}' is not a share in [0, 1)`)
  return n
}
