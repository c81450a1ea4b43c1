import { Option, type Command } from 'commander'
import { TdgError } from '../../errors.js'
import type { FileFormat } from '../../sinks/file-target.js'
import { addParquetOptions, parquetOptionsOf, type ParquetFlags } from '../parquet-flags.js'
import { addS3Options, s3OptionsOf, type S3Flags } from '../s3-flags.js'
import { addGenerationOptions, addWorkersOption, type GenerationFlags } from '../generation-options.js'
import { progressReporter } from '../progress-reporter.js'
import { withConfig } from '../with-config.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'
import type { SchemaModel } from '../../model/schema.js'
import type { RuleSet } from '../../rules/schema.js'

/** Rows read per table when `--profile` learns from data (as `tdg profile`'s default). */
const PROFILE_SAMPLE = 10_000

interface GenerateFlags extends GenerationFlags, ParquetFlags, S3Flags {
  schema?: string
  profile?: string
  db?: string
  dialect?: string
  output?: string
  /** The seed's spelling of `--output`. */
  exportTo?: string
  format?: FileFormat
  force?: boolean
  quiet?: boolean
  json?: boolean
  config?: string
}

/**
 * `tdg generate --schema FILE | --db URL --rows N --output DIR|s3://bucket/prefix/ --format csv|json|ndjson|sql|parquet`:
 * write generated rows to files, one per table plus manifest.json; nothing is left half-written on
 * failure. `--export-to` is an alias of `--output`.
 * `--output -` writes one stream to stdout instead (csv, ndjson, sql; see sinks/stream-target.ts), and
 * the summary then goes to stderr. Also the default command (`tdg --schema … --output …`).
 */
export function registerGenerate(program: Command, io: CliIo): void {
  const cmd = program
    .command('generate', { isDefault: true })
    .description('write generated rows to files (csv, json, ndjson, sql, parquet), one per table, plus a manifest')
    .option('--schema <file>', 'DDL file (PostgreSQL, MySQL/MariaDB, SQL Server, SQLite), - for stdin')
    .option('--db <url>', 'read the schema from a live database instead')
    .option('--profile <src>', 'learn schema and rules from data (a CSV file, a directory of CSVs or a database URL, read only) and generate like it; with --rules FILE the learned rules are written there')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('-o, --output <dir>', 'output directory, replaced as a whole when the run succeeds; s3://bucket/prefix/ uploads there (manifest.json last); - writes one stream to stdout')
    .option('--export-to <dest>', 'the same as --output')
    .addOption(new Option('--format <format>', "csv | json | ndjson | sql (INSERT scripts in the schema's dialect) | parquet; default csv").choices(['csv', 'json', 'ndjson', 'sql', 'parquet']))
    .option('--force', 'replace the output directory even when it holds files that are not tdg output')
    .option('-q, --quiet', 'no progress output and no notes')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--config <file>', 'config file')
  addS3Options(cmd)
  addParquetOptions(cmd)
  withExample(cmd, 'tdg generate --schema examples/shop.sql --rows 1000 --seed 42 --output ./data --format csv')
  addWorkersOption(addGenerationOptions(cmd)).action(async (flags: GenerateFlags) => {
    // From here on Ctrl-C removes the temp output instead of ending the process (see interrupts.ts).
    // Rows on stdout: no spinner (it would redraw among rows on a terminal, and ora hooks stdout's writes).
    const progress = await progressReporter({ quiet: flags.quiet === true, plain: (flags.output ?? flags.exportTo) === '-' })
    io.onInterrupt?.(() => progress.stop())
    // An error leaves a running spinner behind: stop it on every path (its timer would hold the process).
    try {
      const opts = await withConfig(flags)
      if ([opts.schema, opts.db, flags.profile].filter((x) => x !== undefined).length !== 1) throw new TdgError('TDG_USAGE', 'generate needs exactly one of --schema <file>, --db <url> or --profile <csv, directory or url>')
      if (flags.output !== undefined && flags.exportTo !== undefined && flags.output !== flags.exportTo) throw new TdgError('TDG_USAGE', '--output and --export-to name different destinations; give one')
      const output = flags.output ?? flags.exportTo ?? opts.output
      if (!output) throw new TdgError('TDG_USAGE', 'generate needs --output <dir> (or s3://bucket/prefix/, or - for stdout)')
      const format = (opts.format ?? 'csv') as FileFormat
      const toStdout = output === '-'
      if (toStdout && opts.json) throw new TdgError('TDG_USAGE', '--json and --output - both write to stdout; pick one')
      if (toStdout && (format === 'json' || format === 'parquet')) throw new TdgError('TDG_USAGE', `--output - writes csv, ndjson or sql; ${format} needs a directory`)
      const parquet = parquetOptionsOf(format, opts)
      // What the run needs is loaded now, not when the CLI starts (see commands/index.ts).
      const [{ requireLocale }, { checkOutput }, { loadSchema }, { planOptions }, { buildPlan }, { generateFiles }, { formatSummary, summaryJson }] = await Promise.all([
        import('../../generate/locales.js'),
        import('../../sinks/output-target.js'),
        import('../../compose/load-schema.js'),
        import('../plan-options.js'),
        import('../../plan/build-plan.js'),
        import('../../compose/generate-files.js'),
        import('../format-summary.js'),
      ])
      // A bad locale or destination is a usage error: said before the schema is read (and its dialect note printed).
      if (opts.locale !== undefined) requireLocale(opts.locale)
      const s3 = s3OptionsOf(flags)
      if (!toStdout) checkOutput(output, s3)
      let loaded: { model: SchemaModel; note?: string }
      let learned: RuleSet | undefined
      if (flags.profile !== undefined) {
        const { learnRules } = await import('../../compose/learn-rules.js')
        const l = await learnRules(flags.profile, { sample: PROFILE_SAMPLE, dropRows: flags.rows !== undefined, ...(opts.rules ? { rulesFile: opts.rules } : {}) })
        loaded = { model: l.model, note: `learned ${l.model.tables.length} table${l.model.tables.length === 1 ? '' : 's'} and their rules from ${flags.profile}${l.written ? `; rules written to ${l.written}` : ''}` }
        learned = l.rules
      } else loaded = await loadSchema(opts.schema ? { kind: 'file', path: opts.schema, dialect: opts.dialect } : { kind: 'db', url: opts.db! })
      if (loaded.note && !opts.quiet) io.err(`tdg: ${loaded.note}\n`)
      const planned = await planOptions(learned ? { ...opts, rules: undefined } : opts)
      const planOpts = learned ? { ...planned.opts, rules: learned } : planned.opts
      const seedGiven = planned.seedGiven
      const plan = buildPlan(loaded.model, planOpts)
      for (const issue of plan.issues) if (!opts.quiet) io.err(`tdg: note: ${issue.message}\n`)
      const summary = await generateFiles({
        model: loaded.model,
        plan,
        output,
        format,
        ...(toStdout ? { stream: io.stdout ?? process.stdout } : {}),
        ...(opts.force ? { force: true } : {}),
        ...parquet,
        ...(s3 ? { s3 } : {}),
        // Said even with --quiet: what a failed upload left (or not) belongs with its error line.
        report: (line: string) => io.err(`tdg: ${line}\n`),
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.workers ? { workers: opts.workers } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: progress,
      })
      io.audit?.ranPlan(plan, summary)
      if (opts.json) io.out(summaryJson(summary, seedGiven))
      else if (toStdout) io.err(formatSummary(summary, seedGiven))
      else io.out(formatSummary(summary, seedGiven))
    } finally {
      progress.stop()
    }
  })
}
