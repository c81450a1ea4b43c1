import { Option, type Command } from 'commander'
import { TdgError } from '../../errors.js'
import { requireLocale } from '../../generate/locales.js'
import { buildPlan } from '../../plan/build-plan.js'
import type { FileFormat } from '../../sinks/file-target.js'
import { generateFiles } from '../../compose/generate-files.js'
import { addGenerationOptions, planOptions, type GenerationFlags } from '../generation-options.js'
import { progressReporter } from '../progress-reporter.js'
import { formatSummary, summaryJson } from '../format-summary.js'
import { loadSchema } from '../../compose/load-schema.js'
import { withConfig } from '../with-config.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'

interface GenerateFlags extends GenerationFlags {
  schema?: string
  db?: string
  dialect?: string
  output?: string
  format?: FileFormat
  force?: boolean
  quiet?: boolean
  json?: boolean
  config?: string
}

/**
 * `tdg generate --schema FILE | --db URL --rows N --output DIR --format csv|json|ndjson|sql`: write
 * generated rows to files, one per table plus manifest.json; nothing is left half-written on failure.
 * `--output -` writes one stream to stdout instead (csv, ndjson, sql; see sinks/stream-target.ts), and
 * the summary then goes to stderr. Also the default command (`tdg --schema … --output …`).
 */
export function registerGenerate(program: Command, io: CliIo): void {
  const cmd = program
    .command('generate', { isDefault: true })
    .description('write generated rows to files (csv, json, ndjson, sql), one per table, plus a manifest')
    .option('--schema <file>', 'DDL file (PostgreSQL, MySQL/MariaDB, SQL Server, SQLite), - for stdin')
    .option('--db <url>', 'read the schema from a live database instead')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('-o, --output <dir>', 'output directory, replaced as a whole when the run succeeds; - writes one stream to stdout')
    .addOption(new Option('--format <format>', "csv | json | ndjson | sql (INSERT scripts in the schema's dialect); default csv").choices(['csv', 'json', 'ndjson', 'sql']))
    .option('--force', 'replace the output directory even when it holds files that are not tdg output')
    .option('-q, --quiet', 'no progress output and no notes')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--config <file>', 'config file')
  withExample(cmd, 'tdg generate --schema examples/shop.sql --rows 1000 --seed 42 --output ./data --format csv')
  addGenerationOptions(cmd).action(async (flags: GenerateFlags) => {
    // From here on Ctrl-C removes the temp output instead of ending the process (see interrupts.ts).
    // Rows on stdout: no spinner (it would redraw among rows on a terminal, and ora hooks stdout's writes).
    const progress = progressReporter({ quiet: flags.quiet === true, plain: flags.output === '-' })
    io.onInterrupt?.(() => progress.stop())
    // An error leaves a running spinner behind: stop it on every path (its timer would hold the process).
    try {
      const opts = await withConfig(flags)
      if (!opts.schema === !opts.db) throw new TdgError('TDG_USAGE', 'generate needs exactly one of --schema <file> or --db <url>')
      if (!opts.output) throw new TdgError('TDG_USAGE', 'generate needs --output <dir> (or - for stdout)')
      const format = (opts.format ?? 'csv') as FileFormat
      const toStdout = opts.output === '-'
      if (toStdout && opts.json) throw new TdgError('TDG_USAGE', '--json and --output - both write to stdout; pick one')
      if (toStdout && format === 'json') throw new TdgError('TDG_USAGE', '--output - writes csv, ndjson or sql; json needs a directory')
      // A bad locale is a usage error: said before the schema is read (and its dialect note printed).
      if (opts.locale !== undefined) requireLocale(opts.locale)
      const loaded = await loadSchema(opts.schema ? { kind: 'file', path: opts.schema, dialect: opts.dialect } : { kind: 'db', url: opts.db! })
      if (loaded.note && !opts.quiet) io.err(`tdg: ${loaded.note}\n`)
      const { opts: planOpts, seedGiven } = planOptions(opts)
      const plan = buildPlan(loaded.model, planOpts)
      for (const issue of plan.issues) if (!opts.quiet) io.err(`tdg: note: ${issue.message}\n`)
      const summary = await generateFiles({
        model: loaded.model,
        plan,
        output: opts.output,
        format,
        ...(toStdout ? { stream: io.stdout ?? process.stdout } : {}),
        ...(opts.force ? { force: true } : {}),
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: progress,
      })
      if (opts.json) io.out(summaryJson(summary, seedGiven))
      else if (toStdout) io.err(formatSummary(summary, seedGiven))
      else io.out(formatSummary(summary, seedGiven))
    } finally {
      progress.stop()
    }
  })
}
