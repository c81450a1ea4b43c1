/**
 * The generation flags read into PlanOptions when seed, generate or plan runs: imported by their actions,
 * not at start-up (the rules loader brings zod and yaml, the locale check faker's English locale).
 */
import type { PlanOptions } from '../plan/build-plan.js'
import { randomSeed } from './run-options.js'
import { TdgError } from '../errors.js'
import { startOfTodayUtc } from '../plan/ranges.js'
import { NOW_FORMAT, parseNowText } from '../plan/now-text.js'
import { requireLocale } from '../generate/locales.js'
import type { GenerationFlags } from './generation-options.js'

/**
 * PlanOptions from the flags; a random seed when none is given (`seedGiven` says which). A `rules` file
 * is read and validated here (TDG_FILE_READ / TDG_RULES_INVALID), the locale too (TDG_USAGE). The rules
 * loader (yaml, the rules schema) is imported only when there is a rules file.
 */
export async function planOptions(flags: GenerationFlags): Promise<{ opts: PlanOptions; seedGiven: boolean }> {
  const seedGiven = flags.seed !== undefined
  const loadRules = flags.rules ? (await import('../rules/load.js')).loadRules : undefined
  const opts: PlanOptions = {
    rows: flags.rows ?? 100,
    seed: flags.seed ?? randomSeed(),
    ...(flags.rowsPerTable ? { rowsPerTable: flags.rowsPerTable } : {}),
    ...(flags.tables ? { tables: flags.tables } : {}),
    ...(flags.nullRate !== undefined ? { nullRate: flags.nullRate } : {}),
    ...(flags.locale !== undefined ? { locale: requireLocale(flags.locale) } : {}),
    ...(flags.rules && loadRules ? { rules: loadRules(flags.rules) } : {}),
    ...(flags.scale !== undefined ? { scale: flags.scale } : {}),
    // Fixed here, once per run, so a replan inside the run and the summary agree.
    now: flags.now === undefined ? startOfTodayUtc() : typeof flags.now === 'number' ? flags.now : nowFromConfig(flags.now),
  }
  return { opts, seedGiven }
}

/** The config file's `now` (text): read like `--now`, a bad value a usage error naming it. */
function nowFromConfig(text: string): number {
  const now = parseNowText(text)
  if (now === undefined) throw new TdgError('TDG_USAGE', `config 'now': ${NOW_FORMAT(text)}`, { value: text })
  return now
}
