import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { planForTarget, readerOf } from '../../pipeline/plan-for-target.js'
import { connect, dialectByName } from '../../../adapters/index.js'
import { addGenerationOptions, planOptions, type GenerationFlags } from '../generation-options.js'
import { formatPlan } from '../format-plan.js'
import { loadSchema } from '../../compose/load-schema.js'
import { withConfig } from '../with-config.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'

interface PlanFlags extends GenerationFlags {
  schema?: string
  db?: string
  dialect?: string
  json?: boolean
  config?: string
}

/** `tdg plan (--schema FILE | --db URL) --rows N …`: a dry run — order, counts, generator per column and why. */
export function registerPlan(program: Command, io: CliIo): void {
  const cmd = program
    .command('plan')
    .description('dry run: table order, row counts, the generator of every column and why; writes nothing')
    .option('--schema <file>', 'DDL file')
    .option('--db <url>', 'live database (keys and unique values start after the rows it already has)')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('--json', 'print the plan as JSON')
    .addHelpText('after', exampleHelp('tdg plan --schema examples/shop.sql --rows 1000 --rules examples/shop.rules.yaml'))
    .option('--config <file>', 'config file')
  addGenerationOptions(cmd).action(async (flags: PlanFlags) => {
    const opts = await withConfig(flags)
    if (!opts.schema === !opts.db) throw new TdgError('TDG_USAGE', 'plan needs exactly one of --schema <file> or --db <url>')
    const { opts: planOpts } = planOptions(opts)
    let plan
    if (opts.db) {
      const adapter = await connect(opts.db)
      try {
        plan = await planForTarget((await adapter.introspect()).model, planOpts, readerOf(adapter))
      } finally {
        await adapter.close()
      }
    } else {
      const loaded = await loadSchema({ kind: 'file', path: opts.schema!, dialect: opts.dialect })
      plan = await planForTarget(loaded.model, planOpts)
    }
    // The mechanism of deferred FKs is the target dialect's (the plan's: the schema's own).
    const dialect = plan.deferred.length > 0 && !opts.json ? (await dialectByName(plan.dialect).load()).dialect : undefined
    io.out(opts.json ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan, dialect))
  })
}
