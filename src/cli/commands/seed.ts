import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { runPlan } from '../../pipeline/run.js'
import { planForTarget } from '../../pipeline/plan-for-target.js'
import { connect } from '../../../adapters/index.js'
import { addGenerationOptions, planOptions, type GenerationFlags } from '../generation-options.js'
import { progressReporter } from '../progress-reporter.js'
import { formatSummary } from '../format-summary.js'
import { targetModel } from '../../compose/target-model.js'
import { withConfig } from '../with-config.js'
import type { CliIo } from '../io.js'

interface SeedFlags extends GenerationFlags {
  db?: string
  schema?: string
  create?: boolean
  truncate?: boolean
  quiet?: boolean
  config?: string
}

/**
 * `tdg seed --db URL [--schema FILE --create] [--truncate] --rows N …`: fill every table of a live schema
 * in FK order, in one transaction (rolled back whole on any failure).
 */
export function registerSeed(program: Command, io: CliIo): void {
  const cmd = program
    .command('seed')
    .description('fill a live database with generated rows, parents first, in one transaction')
    .option('--db <url>', 'target database: postgres://…, sqlite:./dev.db')
    .option('--schema <file>', 'DDL file describing the tables (with --create: executed first when they do not exist)')
    .option('--create', 'execute the --schema DDL first when its tables do not exist (SQLite files are created)')
    .option('--truncate', "empty the plan's tables first (children first), in the same transaction")
    .option('--quiet', 'no progress output')
    .option('--config <file>', 'config file')
  addGenerationOptions(cmd).action(async (flags: SeedFlags) => {
    const opts = await withConfig(flags, 'fill')
    if (!opts.db) throw new TdgError('TDG_USAGE', 'seed needs --db <url> (or "db" in the config file)')
    if (opts.create && !opts.schema) throw new TdgError('TDG_USAGE', '--create needs --schema <file> with the DDL to execute')
    const adapter = await connect(opts.db, { create: opts.create === true })
    let ok = false
    try {
      const target = await targetModel(adapter, opts.schema, opts.create === true)
      const { opts: planOpts, seedGiven } = planOptions(opts)
      const plan = await planForTarget(target.model, planOpts, target.setup.length === 0 ? adapter.keyFloor : undefined)
      for (const issue of plan.issues) if (!opts.quiet) io.err(`tdg: note: ${issue.message}\n`)
      const summary = await runPlan(plan, adapter, {
        dialect: adapter.dialect,
        setup: target.setup,
        truncate: opts.truncate === true,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        onProgress: progressReporter({ quiet: opts.quiet === true }),
        // The DDL of --create may insert rows itself: keys start after them (read inside the transaction).
        ...(target.setup.length > 0 ? { replan: (keyFloor) => planForTarget(target.model, planOpts, keyFloor) } : {}),
      })
      io.out(formatSummary(summary, seedGiven))
      ok = true
    } finally {
      // A failed run leaves the target as it was: also no database file that --create made.
      await (ok || !adapter.discard ? adapter.close() : adapter.discard())
    }
  })
}
