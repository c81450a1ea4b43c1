import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { connect } from '../../../adapters/index.js'
import type { Profile } from '../../model/profile.js'
import { dbProfileInput } from '../../profile/db-input.js'
import { profileInput, type ProfileProgress } from '../../profile/profile.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { withConfig } from '../with-config.js'

interface ProfileFlags {
  db?: string
  sample?: string
  tables?: string
  keepValues?: boolean
  json?: boolean
  out?: string
  quiet?: boolean
  config?: string
}

/** Rows sampled per table when `--sample` is not given. */
export const DEFAULT_PROFILE_SAMPLE = 10_000

/**
 * `tdg profile --db URL [--sample N] [--tables a,b] [--keep-values] [--json] [--out FILE] [-q]`: read a
 * bounded, read-only sample of each table in one snapshot and write its Profile (JSON) to stdout or FILE.
 * Progress lines (names and counts, never values) go to stderr unless `-q`.
 */
export function registerProfile(program: Command, io: CliIo): void {
  program
    .command('profile')
    .description('learn what the data looks like (read only): per column null share, distinct values, quantiles, categories, shapes, patterns, seasonality; per table ordered pairs, conditional nulls and fan-out per FK')
    .option('--db <url>', 'database to profile (read only): postgres://…, mysql://…, mssql://…, sqlite:./app.db')
    .option('--sample <rows>', `rows sampled per table (default ${DEFAULT_PROFILE_SAMPLE}); smaller tables are read whole`)
    .option('--tables <list>', 'only these tables, comma-separated (name or schema.name)')
    .option('--keep-values', 'keep categories and ranges of columns detected as personal data (default: withheld)')
    .option('--json', 'print the profile as JSON on stdout')
    .option('--out <file>', 'write the profile JSON to this file (replaced whole, only when profiling succeeded)')
    .option('-q, --quiet', 'no progress output')
    .option('--config <file>', 'config file (default: .tdgrc* / tdg.config.* / package.json#tdg, searched upwards)')
    .addHelpText('after', exampleHelp('tdg profile --db postgres://ro@localhost/app --sample 10000 --out profile.json'))
    .action(async (flags: ProfileFlags) => {
      const opts = await withConfig(flags)
      if (!opts.db) throw new TdgError('TDG_USAGE', 'profile needs --db <url>')
      const sample = parseSample(flags.sample)
      const tables = parseTables(flags.tables)
      const input = dbProfileInput(await connect(opts.db))
      let profile: Profile
      try {
        profile = await profileInput(input, { sample, keepValues: flags.keepValues === true, tables, onTable: flags.quiet ? undefined : (e) => io.err(progressLine(e)) })
      } finally {
        await input.close()
      }
      writeProfileOutput(profile, flags, io)
    })
}

/** The output step: JSON to `--out FILE` (temp file + rename) and/or stdout (`--json`, or when no file is given). */
export function writeProfileOutput(profile: Profile, flags: { json?: boolean; out?: string; quiet?: boolean }, io: CliIo): void {
  const text = JSON.stringify(profile, null, 2) + '\n'
  if (flags.out) {
    const tmp = join(dirname(flags.out), `.${basename(flags.out)}.${process.pid}.tmp`)
    try {
      writeFileSync(tmp, text)
      renameSync(tmp, flags.out)
    } catch (e) {
      rmSync(tmp, { force: true })
      throw new TdgError('TDG_WRITE_FAILED', `cannot write ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: flags.out }, { cause: e })
    }
    if (!flags.quiet) io.err(`tdg: profile: ${profile.tables.length} table${profile.tables.length === 1 ? '' : 's'} written to ${flags.out}\n`)
  }
  if (flags.json || !flags.out) io.out(text)
}

function progressLine(e: ProfileProgress): string {
  const at = `${e.table} (${e.index + 1}/${e.of})`
  if (e.phase === 'start') return `tdg: profile: ${at}…\n`
  return `tdg: profile: ${at}: ${e.sampled} of ${e.rows} rows read in ${(e.ms / 1000).toFixed(2)} s\n`
}

function parseSample(v: string | undefined): number {
  if (v === undefined) return DEFAULT_PROFILE_SAMPLE
  const n = Number(v)
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < 1) throw new TdgError('TDG_USAGE', `--sample '${v}': expected a whole number of rows, at least 1`)
  return n
}

function parseTables(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined
  const names = v.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (names.length === 0) throw new TdgError('TDG_USAGE', `--tables '${v}': expected table names separated by commas`)
  return names
}
