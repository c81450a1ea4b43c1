import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { addGenerationOptions, addWorkersOption, type GenerationFlags } from '../generation-options.js'
import { progressReporter } from '../progress-reporter.js'
import { withConfig } from '../with-config.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'

interface SeedFlags extends GenerationFlags {
  db?: string
  schema?: string
  create?: boolean
  truncate?: boolean
  fastLoad?: boolean
  quiet?: boolean
  json?: boolean
  config?: string
  shard?: string
  phase?: string
}

/**
 * `tdg seed --db URL [--schema FILE --create] [--truncate] --rows N …`: fill every table of a live schema
 * in FK order, in one transaction (rolled back whole on any failure, Ctrl-C included).
 */
export function registerSeed(program: Command, io: CliIo): void {
  const cmd = program
    .command('seed')
    .description('fill a live database with generated rows, parents first, in one transaction')
    .option('--db <url>', 'target database: postgres://…, mysql://…, mssql://…, sqlite:./dev.db')
    .option('--schema <file>', 'DDL file describing the tables, - for stdin (with --create: executed first when they do not exist)')
    .option('--create', 'execute the --schema DDL first when its tables do not exist (SQLite files are created)')
    .option('--truncate', "empty the plan's tables first (children first), in the same transaction")
    .option('--no-fast-load', 'keep every index and foreign key in place during the load (default: built and checked after the rows when a table starts empty)')
    .option('-q, --quiet', 'no progress output and no notes')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--shard <i/N>', 'write only shard i of N (one process each; needs --seed, --now and --phase; see docs/sharding.md and tdg plan --shard N)')
    .option('--phase <name>', 'with --shard: the phase to write (1, 2, …, finish: run every shard of a phase before the next)')
    .option('--config <file>', 'config file')
  withExample(cmd, 'tdg seed --db sqlite:./dev.db --schema examples/shop.sql --create --truncate --rows 1000 --seed 42')
  addWorkersOption(addGenerationOptions(cmd)).action(async (flags: SeedFlags) => {
    // From here on Ctrl-C rolls back instead of ending the process (see interrupts.ts).
    const progress = await progressReporter({ quiet: flags.quiet === true })
    io.onInterrupt?.(() => progress.stop())
    // An error leaves a running spinner behind: stop it on every path (its timer would hold the process).
    try {
      const opts = await withConfig(flags, 'fill')
      if (!opts.db) throw new TdgError('TDG_USAGE', 'seed needs --db <url> (or "db" in the config file)')
      if (opts.create && !opts.schema) throw new TdgError('TDG_USAGE', '--create needs --schema <file> with the DDL to execute')
      const shard = await shardFlags(opts)
      // What the run needs is loaded now, not when the CLI starts (see commands/index.ts).
      const [{ planOptions }, { openTarget, releaseTarget }] = await Promise.all([import('../plan-options.js'), import('../../compose/open-target.js')])
      const { opts: planOpts, seedGiven } = await planOptions(opts)
      // The target is opened first and its schema read while the planner and the generators load (their
      // loading is synchronous: the catalog query is sent before it starts, one turn of the event loop).
      const opened = openTarget(opts.db, opts.create === true)
      await opened
      await new Promise((resolve) => setImmediate(resolve))
      io.audit?.prepare?.()
      let loaded: [typeof import('../../compose/seed-database.js'), typeof import('../format-summary.js')]
      try {
        loaded = await Promise.all([import('../../compose/seed-database.js'), import('../format-summary.js')])
      } catch (e) {
        await releaseTarget(opened, false)
        throw e
      }
      const [{ seedDatabase }, { formatSummary, summaryJson }] = loaded
      const { plan, summary } = await seedDatabase({
        opened,
        db: opts.db,
        ...(opts.schema ? { schemaFile: opts.schema } : {}),
        create: opts.create === true,
        truncate: opts.truncate === true,
        ...(opts.fastLoad === false ? { fastLoad: false } : {}),
        plan: planOpts,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.workers ? { workers: opts.workers } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: progress,
        ...(shard ? { shard } : {}),
        beforeWrite: (plan) => {
          if (!opts.quiet) for (const issue of plan.issues) io.err(`tdg: note: ${issue.message}\n`)
        },
      })
      io.audit?.ranPlan(plan, summary)
      io.out(opts.json ? summaryJson(summary, seedGiven) : formatSummary(summary, seedGiven))
    } finally {
      progress.stop()
    }
  })
}

/**
 * `--shard i/N [--phase P]` checked before connecting: every shard must plan identically, so the seed and
 * `now` are required (a random seed or today's date per process would break the union), and the tables
 * are never emptied by a shard.
 */
async function shardFlags(opts: SeedFlags): Promise<{ spec: import('../../plan/shard.js').ShardSpec; phase?: string } | undefined> {
  if (opts.shard === undefined) {
    if (opts.phase !== undefined) throw new TdgError('TDG_USAGE', '--phase needs --shard i/N')
    return undefined
  }
  const { parseShard } = await import('../../plan/shard.js')
  const spec = parseShard(opts.shard)
  if (opts.truncate) throw new TdgError('TDG_USAGE', '--shard cannot be combined with --truncate: shards write concurrently; empty the tables first, in one run')
  if (opts.create) throw new TdgError('TDG_USAGE', '--shard cannot be combined with --create: create the tables first, in one run')
  const missing = [opts.seed === undefined ? '--seed' : '', opts.now === undefined ? '--now' : ''].filter(Boolean)
  if (missing.length > 0) throw new TdgError('TDG_USAGE', `--shard needs ${missing.join(' and ')}: every shard must plan with the same seed and time`)
  return { spec, ...(opts.phase !== undefined ? { phase: opts.phase } : {}) }
}
