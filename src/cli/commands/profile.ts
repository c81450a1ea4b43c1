import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { DEFAULT_PROFILE_SAMPLE } from '../../profile/defaults.js'
import type { Profile } from '../../model/profile.js'
import type { Table } from '../../model/schema.js'
import type { ProfileProgress } from '../../profile/profile.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { withConfig } from '../with-config.js'

interface ProfileFlags {
  db?: string
  csv?: string
  scale?: string
  sample?: string
  tables?: string
  keepValues?: boolean
  json?: boolean
  out?: string
  quiet?: boolean
  config?: string
}

/**
 * `tdg profile --db URL | --csv PATH [--sample N] [--tables a,b] [--keep-values] [--scale F] [--json]
 * [--out FILE] [-q]`: read a bounded, read-only sample of each table (a database in one snapshot, or CSV
 * files) and write what was learned: a commented rules file (default; stdout or `--out FILE`), or the
 * raw Profile JSON (`--json`, or an `--out` file named `*.json`). Progress lines (names and counts, never
 * values) go to stderr unless `-q`.
 */
export function registerProfile(program: Command, io: CliIo): void {
  program
    .command('profile')
    .description('learn what a database or CSV files look like (read only) and write it as a commented rules file to generate like them (--json: the raw profile): per column null share, distinct values, quantiles, categories, shapes, patterns, seasonality; per table ordered pairs, conditional nulls and fan-out per FK')
    .option('--db <url>', 'database to profile (read only): postgres://…, mysql://…, mssql://…, sqlite:./app.db')
    .option('--csv <path>', 'a CSV file (one table) or a directory of CSV files (one table each) to profile')
    .option('--sample <rows>', `rows sampled per table (default ${DEFAULT_PROFILE_SAMPLE}); smaller tables are read whole`)
    .option('--tables <list>', 'only these tables, comma-separated (name or schema.name)')
    .option('--keep-values', 'keep categories and ranges of columns detected as personal data (default: withheld)')
    .option('--scale <f>', 'row counts of the rules file: the source\'s counts times f (default 1)')
    .option('--json', 'print the raw profile as JSON on stdout instead of a rules file')
    .option('--out <file>', 'write the rules file here (a *.json name: the profile JSON); replaced whole, only when profiling succeeded')
    .option('-q, --quiet', 'no progress output')
    .option('--config <file>', 'config file (default: .tdgrc* / tdg.config.* / package.json#tdg, searched upwards)')
    .addHelpText('after', exampleHelp('tdg profile --db postgres://ro@localhost/app --sample 10000 --out rules.yaml'))
    .action(async (flags: ProfileFlags) => {
      const opts = await withConfig(flags)
      if (!opts.db === !flags.csv) throw new TdgError('TDG_USAGE', 'profile needs exactly one of --db <url> or --csv <file or directory>')
      const sample = parseSample(flags.sample)
      const tables = parseTables(flags.tables)
      const scale = parseScale(flags.scale)
      const { profileSource } = await import('../../compose/profile-source.js')
      const { profile, model } = await profileSource(opts.db ?? flags.csv!, { sample, keepValues: flags.keepValues === true, ...(tables ? { tables } : {}), ...(flags.quiet ? {} : { onTable: (e: ProfileProgress) => io.err(progressLine(e)) }) })
      await writeProfileOutput(profile, model.tables, { json: flags.json === true, quiet: flags.quiet === true, ...(flags.out !== undefined ? { out: flags.out } : {}), ...(scale !== undefined ? { scale } : {}) }, io)
    })
}

/**
 * The output step: the rules file (YAML, `profileToRules`), or the profile JSON with `--json` or an
 * `--out` name ending in `.json`; to `--out FILE` (temp file + rename) or stdout.
 */
export async function writeProfileOutput(profile: Profile, tables: Table[], flags: { json?: boolean; out?: string; quiet?: boolean; scale?: number }, io: CliIo): Promise<void> {
  const asJson = flags.json === true || (flags.out !== undefined && /\.json$/i.test(flags.out))
  let text: string
  if (asJson) text = JSON.stringify(profile, null, 2) + '\n'
  else {
    const { profileToRules } = await import('../../profile/emit-rules.js')
    text = profileToRules(profile, { tables, ...(flags.scale !== undefined ? { scale: flags.scale } : {}) }).yaml
  }
  if (flags.out) {
    const tmp = join(dirname(flags.out), `.${basename(flags.out)}.${process.pid}.tmp`)
    try {
      writeFileSync(tmp, text)
      renameSync(tmp, flags.out)
    } catch (e) {
      rmSync(tmp, { force: true })
      throw new TdgError('TDG_WRITE_FAILED', `cannot write ${flags.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: flags.out }, { cause: e })
    }
    if (!flags.quiet) io.err(`tdg: profile: ${profile.tables.length} table${profile.tables.length === 1 ? '' : 's'}: ${asJson ? 'profile' : 'rules'} written to ${flags.out}\n`)
  } else io.out(text)
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

function parseScale(v: string | undefined): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new TdgError('TDG_USAGE', `--scale '${v}': expected a number greater than 0 (e.g. 0.1 or 10)`)
  return n
}

function parseTables(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined
  const names = v.split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (names.length === 0) throw new TdgError('TDG_USAGE', `--tables '${v}': expected table names separated by commas`)
  return names
}
