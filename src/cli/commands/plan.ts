import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { addGenerationOptions, type GenerationFlags } from '../generation-options.js'
import { withConfig } from '../with-config.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { maskLines, subsetOption } from '../format-clone.js'

interface PlanFlags extends GenerationFlags {
  from?: string
  subset?: string[]
  withChildren?: boolean
  maskSensitive?: boolean
  schema?: string
  db?: string
  dialect?: string
  json?: boolean
  config?: string
  shard?: string
}

/** `tdg plan (--schema FILE | --db URL) --rows N …`: a dry run — order, counts, generator per column and why. */
export function registerPlan(program: Command, io: CliIo): void {
  const cmd = program
    .command('plan')
    .description('dry run: table order, row counts, the generator of every column and why; writes nothing')
    .option('--schema <file>', 'DDL file')
    .option('--db <url>', 'live database (keys and unique values start after the rows it already has)')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('--from <url>', 'plan a clone of this database instead: rows per table (after --subset), the masker of every column')
    .option('--subset <spec>', "with --from: rows to keep, repeatable ('customers:5%', 'customers:limit 100', 'orders:where …')", subsetOption, [])
    .option('--with-children', 'with --from and --subset: also keep the child rows of kept rows')
    .option('--mask-sensitive', 'with --from: mask every flagged column no rule covers')
    .option('--json', 'print the plan as JSON')
    .option('--shard <N>', 'also list the phases of a run sharded N ways and the row ranges of each shard (tdg seed --shard i/N --phase P)')
    .addHelpText('after', exampleHelp('tdg plan --schema examples/shop.sql --rows 1000 --rules examples/shop.rules.yaml'))
    .option('--config <file>', 'config file')
  addGenerationOptions(cmd).action(async (flags: PlanFlags) => {
    // What the run needs is loaded now, not when the CLI starts (see commands/index.ts).
    const [{ dialectByName, connect }, { formatPlan }] = await Promise.all([import('../../../adapters/index.js'), import('../format-plan.js')])
    if (flags.from) {
      if (flags.schema || flags.db) throw new TdgError('TDG_USAGE', '--from plans a clone; it takes no --schema or --db')
      const { planCopy } = await import('../../compose/plan-copy.js')
      const r = await planCopy({ from: flags.from, ...(flags.rules ? { rulesFile: flags.rules } : {}), maskSensitive: flags.maskSensitive === true, subset: flags.subset ?? [], withChildren: flags.withChildren === true })
      if (flags.json) {
        io.out(JSON.stringify({ ...r, unmapped: r.unmapped.map((f) => ({ table: f.table, column: f.column, category: f.category, confidence: f.confidence })) }, null, 2) + '\n')
        return
      }
      const dialect = r.plan.deferred.length > 0 ? (await dialectByName(r.plan.dialect).load()).dialect : undefined
      const lines = [`source read in ${r.consistency}`, ...maskLines(r.masks)]
      if (r.subsetLines) lines.push('subset:', ...r.subsetLines.map((l) => `  ${l}`))
      if (r.unmapped.length > 0) lines.push(`unmapped: ${r.unmapped.length} flagged column${r.unmapped.length > 1 ? 's have' : ' has'} no masker (clone refuses without --mask-sensitive or --allow-unmapped): ${r.unmapped.map((f) => `${f.table.name}.${f.column}`).join(', ')}`)
      io.out(formatPlan(r.plan, dialect) + lines.join('\n') + '\n')
      return
    }
    const opts = await withConfig(flags)
    if (!opts.schema === !opts.db) throw new TdgError('TDG_USAGE', 'plan needs exactly one of --schema <file> or --db <url>')
    const [{ planOptions }, { planForTarget, readerOf, targetPlanOptions }, { loadSchema }] = await Promise.all([
      import('../plan-options.js'),
      import('../../pipeline/plan-for-target.js'),
      import('../../compose/load-schema.js'),
    ])
    const { opts: planOpts } = await planOptions(opts)
    const shards = opts.shard === undefined ? undefined : await import('../../plan/shard.js')
    const shardCount = shards ? shards.parseShardCount(opts.shard!) : undefined
    let plan
    if (opts.db) {
      const adapter = await connect(opts.db)
      try {
        // A sharded run plans as for empty tables (see seedDatabase's `shard`).
        plan = await planForTarget((await adapter.introspect()).model, targetPlanOptions(planOpts, adapter.dialect, shards !== undefined), shards ? {} : readerOf(adapter))
      } finally {
        await adapter.close()
      }
    } else {
      const loaded = await loadSchema({ kind: 'file', path: opts.schema!, dialect: opts.dialect })
      // As `tdg seed` would write it into a database of the schema's dialect.
      const target = (await dialectByName(loaded.model.dialect).load()).dialect
      plan = await planForTarget(loaded.model, targetPlanOptions(planOpts, target, shards !== undefined))
    }
    // The mechanism of deferred FKs and the fast load are the target dialect's (the plan's: the schema's own).
    const dialect = !opts.json ? (await dialectByName(plan.dialect).load()).dialect : undefined
    if (shards && shardCount !== undefined) {
      const phases = shards.shardPhases(plan)
      if (opts.json) io.out(JSON.stringify({ ...plan, shards: { count: shardCount, phases: phases.map((p) => ({ ...p, shards: Array.from({ length: shardCount }, (_, i) => shards.shardSelection(plan, { index: i + 1, count: shardCount }, p.name)) })) } }, null, 2) + '\n')
      else io.out(formatPlan(plan, dialect, { fastLoad: false }) + '\n' + shards.shardPlanLines(plan, shardCount).join('\n') + '\n')
      return
    }
    io.out(opts.json ? JSON.stringify(plan, null, 2) + '\n' : formatPlan(plan, dialect, { fastLoad: true }))
  })
}
