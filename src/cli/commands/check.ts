import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'
import { withConfig } from '../with-config.js'

interface CheckFlags {
  db?: string
  input?: string
  schema?: string
  dialect?: string
  tables?: string
  now?: string
  json?: boolean
  minScore?: string
  config?: string
}

/** `--now` as ms since the epoch: a date (`2026-12-05`) or an ISO timestamp; default today 00:00 UTC. */
export function parseNow(text: string | undefined, today = new Date()): number {
  if (text === undefined) return Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate())
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : NaN
  if (Number.isNaN(ms)) throw new TdgError('TDG_USAGE', `--now must be a date (YYYY-MM-DD) or an ISO timestamp, got '${text}'`)
  return ms
}

function parseMin(text: string | undefined): number {
  if (text === undefined) return 0.98
  const n = Number(text)
  if (!/^\s*(0|1|0?\.\d+|1\.0*)\s*$/.test(text) || n < 0 || n > 1) throw new TdgError('TDG_USAGE', `--min-score must be a number from 0 to 1 (e.g. 0.98), got '${text}'`)
  return n
}

/**
 * `tdg check (--db URL | --input DIR [--schema FILE]) [--tables a,b] [--now DATE] [--json] [--min-score S]`:
 * measure realism invariants on existing rows and print a score per invariant and table. Exit
 * TDG_CHECK_FAILED when an applicable result scores below `--min-score` (only when it is given).
 */
export function registerCheck(program: Command, io: CliIo): void {
  const cmd = program
    .command('check')
    .description('measure realism invariants (names, emails, ages, addresses, time order, lifecycles, vocabularies, prices, fan-out) on existing rows')
    .option('--db <url>', 'database to read: postgres://…, mysql://…, mssql://…, sqlite:./app.db')
    .option('--input <dir>', 'a tdg generate output directory (csv, json or ndjson, with manifest.json)')
    .option('--schema <file>', 'with --input: the DDL file the rows were generated from')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('--tables <list>', 'comma-separated tables to report (their FK parents are read too); default all')
    .option('--now <date>', "the data's now, for ages (YYYY-MM-DD or ISO timestamp); default today UTC")
    .option('--json', 'print the report as JSON')
    .option('--min-score <s>', 'exit non-zero (TDG_CHECK_FAILED) when an applicable invariant scores below s (0–1); also the mark in the report (default 0.98)')
    .option('--config <file>', 'config file')
  withExample(cmd, 'tdg check --db sqlite:./dev.db --min-score 0.98')
  cmd.action(async (flags: CheckFlags) => {
    const opts = await withConfig(flags)
    const input = flags.input
    const db = input ? undefined : opts.db
    if (!input === !db) throw new TdgError('TDG_USAGE', 'check needs exactly one of --db <url> or --input <dir>')
    if (db && flags.schema) throw new TdgError('TDG_USAGE', '--schema applies to --input; a --db database describes itself')
    const now = parseNow(flags.now)
    const min = parseMin(flags.minScore)
    const names = flags.tables?.split(',').map((s) => s.trim()).filter(Boolean)
    const { checkDataFromDb, checkDataFromDir } = await import('../../compose/check-data.js')
    const { runCheck, failing } = await import('../../check/run-check.js')
    const { formatCheck, checkJson, percent } = await import('../format-check.js')
    const loaded = db ? await checkDataFromDb(db, names) : await checkDataFromDir(input!, flags.schema ?? opts.schema, names, flags.dialect ?? opts.dialect)
    const report = runCheck(loaded.model, loaded.data, { now, tables: loaded.reported })
    io.out(flags.json ? checkJson(report, min) : formatCheck(report, min))
    if (flags.minScore !== undefined) {
      const low = failing(report, min)
      if (low.length > 0) {
        const names = low.slice(0, 5).map((r) => `${r.invariant} on ${r.table}`).join(', ')
        throw new TdgError('TDG_CHECK_FAILED', `${low.length} applicable invariant result${low.length === 1 ? '' : 's'} below ${percent(min)}: ${names}${low.length > 5 ? ', …' : ''}`)
      }
    }
  })
}
