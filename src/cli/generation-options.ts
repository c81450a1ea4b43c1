import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { PlanOptions } from '../plan/build-plan.js'
import { parseCount, parseList, parseNow, parsePositiveCount, parseRowsPerTable, parseSeed, randomSeed } from './run-options.js'
import { loadRules } from '../rules/load.js'
import { TdgError } from '../errors.js'
import { startOfTodayUtc } from '../plan/ranges.js'
import { NOW_FORMAT, parseNowText } from '../plan/now-text.js'
import { requireLocale } from '../generate/locales.js'

/** Flags shared by seed, generate and plan. */
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

function parseScale(v: string): number {
  const n = Number(v)
  if (v.trim() === '' || !(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError(`'${v}' is not a scale factor (a number > 0, e.g. 0.1 or 10)`)
  return n
}

/** The config file's `now` (text): read like `--now`, a bad value a usage error naming it. */
function nowFromConfig(text: string): number {
  const now = parseNowText(text)
  if (now === undefined) throw new TdgError('TDG_USAGE', `config 'now': ${NOW_FORMAT(text)}`, { value: text })
  return now
}

function parseShare(v: string): number {
  const n = Number(v)
  if (!(n >= 0 && n < 1)) throw new InvalidArgumentError(`'${v}' is not a share in [0, 1)`)
  return n
}

/**
 * PlanOptions from the flags; a random seed when none is given (`seedGiven` says which). A `rules` file
 * is read and validated here (TDG_FILE_READ / TDG_RULES_INVALID), the locale too (TDG_USAGE).
 */
export function planOptions(flags: GenerationFlags): { opts: PlanOptions; seedGiven: boolean } {
  const seedGiven = flags.seed !== undefined
  const opts: PlanOptions = {
    rows: flags.rows ?? 100,
    seed: flags.seed ?? randomSeed(),
    ...(flags.rowsPerTable ? { rowsPerTable: flags.rowsPerTable } : {}),
    ...(flags.tables ? { tables: flags.tables } : {}),
    ...(flags.nullRate !== undefined ? { nullRate: flags.nullRate } : {}),
    ...(flags.locale !== undefined ? { locale: requireLocale(flags.locale) } : {}),
    ...(flags.rules ? { rules: loadRules(flags.rules) } : {}),
    ...(flags.scale !== undefined ? { scale: flags.scale } : {}),
    // Fixed here, once per run, so a replan inside the run and the summary agree.
    now: flags.now === undefined ? startOfTodayUtc() : typeof flags.now === 'number' ? flags.now : nowFromConfig(flags.now),
  }
  return { opts, seedGiven }
}
