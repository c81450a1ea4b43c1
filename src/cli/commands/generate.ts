import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { buildPlan } from '../../plan/build-plan.js'
import type { FileFormat } from '../../sinks/file-target.js'
import { generateFiles } from '../../compose/generate-files.js'
import { addGenerationOptions, planOptions, type GenerationFlags } from '../generation-options.js'
import { progressReporter } from '../progress-reporter.js'
import { formatSummary } from '../format-summary.js'
import { loadSchema } from '../../compose/load-schema.js'
import { withConfig } from '../with-config.js'
import type { CliIo } from '../io.js'

interface GenerateFlags extends GenerationFlags {
  schema?: string
  db?: string
  dialect?: string
  output?: string
  format?: FileFormat
  quiet?: boolean
  config?: string
}

/**
 * `tdg generate --schema FILE | --db URL --rows N --output DIR --format csv|json|ndjson|sql`: write
 * generated rows to files, one per table plus manifest.json; nothing is left half-written on failure.
 * Also the default command (`tdg --schema … --output …`).
 */
export function registerGenerate(program: Command, io: CliIo): void {
  const cmd = program
    .command('generate', { isDefault: true })
    .description('write generated rows to files (csv, json, ndjson, sql), one per table, plus a manifest')
    .option('--schema <file>', 'DDL file (PostgreSQL, MySQL/MariaDB, SQL Server, SQLite)')
    .option('--db <url>', 'read the schema from a live database instead')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('-o, --output <dir>', 'output directory')
    .option('--format <format>', 'csv | json | ndjson | sql (INSERT scripts in the schema\'s dialect); default csv')
    .option('--quiet', 'no progress output')
    .option('--config <file>', 'config file')
  addGenerationOptions(cmd).action(async (flags: GenerateFlags) => {
    const opts = await withConfig(flags)
    if (!opts.schema === !opts.db) throw new TdgError('TDG_USAGE', 'generate needs exactly one of --schema <file> or --db <url>')
    if (!opts.output) throw new TdgError('TDG_USAGE', 'generate needs --output <dir>')
    const format = (opts.format ?? 'csv') as FileFormat
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
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      onProgress: progressReporter({ quiet: opts.quiet === true }),
    })
    io.out(formatSummary(summary, seedGiven))
  })
}
