import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'
import { progressReporter } from '../progress-reporter.js'
import { collect, formatCloneSummary, maskLines, subsetOption } from '../format-clone.js'
import { wholeCount } from '../run-options.js'

interface CloneFlags {
  from?: string
  to?: string
  rules?: string
  keyFile?: string
  maskSensitive?: boolean
  allowUnmapped?: boolean
  subset: string[]
  withChildren?: boolean
  createSchema?: boolean
  truncate?: boolean
  fastLoad?: boolean
  verify?: boolean
  sample?: string
  batchSize?: string
  quiet?: boolean
  json?: boolean
}

/**
 * `tdg clone --from URL --to URL [--rules FILE] [--mask-sensitive] [--subset SPEC]… [--with-children]
 * [--create-schema] [--truncate] [--verify]`: copy a database (any dialect to any dialect) through the
 * maskers, in one snapshot and one target transaction.
 */
export function registerClone(program: Command, io: CliIo): void {
  const cmd = program
    .command('clone')
    .description('copy a database into another, masked and optionally subset, in one snapshot and one transaction')
    .option('--from <url>', 'source database (read only): postgres://…, mysql://…, mssql://…, sqlite:./prod.db')
    .option('--to <url>', 'target database')
    .option('--rules <file>', 'masking rules (YAML/JSON; tables.<t>.columns.<c>.mask, match[].mask)')
    .option('--key-file <file>', 'masking key file (default: the TDG_MASK_KEY environment variable)')
    .option('--mask-sensitive', 'mask every column PII detection flags and no rule covers, with the detected masker')
    .option('--allow-unmapped', 'copy flagged columns that have no masker UNMASKED instead of refusing (said loudly)')
    .option('--subset <spec>', "rows to keep, repeatable: 'customers:5%', 'customers:limit 100', \"orders:where created_at > now() - interval '90 days'\"", subsetOption, [])
    .option('--with-children', 'with --subset: also keep the child rows of kept rows (FKs followed downward)')
    .option('--create-schema', "create the source's tables in the target (rendered in the target's dialect)")
    .option('--truncate', "empty the target's tables first, in the same transaction")
    .option('--no-fast-load', 'keep every index and foreign key in place during the load (default: built and checked after the rows when a table starts empty)')
    .option('--verify', 'run the leak check after the copy (exit 1 if an original survived)')
    .option('--sample <n>', 'rows sampled per table for PII detection (default 1000)')
    .option('--batch-size <n>', 'rows per batch (default 10000)')
    .option('-q, --quiet', 'no progress output and no notes')
    .option('--json', 'print the summary as JSON on stdout')
  withExample(cmd, 'tdg clone --from postgres://ro@prod/app --to sqlite:./dev.db --create-schema --mask-sensitive --subset "customers:5%"')
  cmd.action(async (flags: CloneFlags) => {
    if (!flags.from || !flags.to) throw new TdgError('TDG_USAGE', 'clone needs --from <url> and --to <url>')
    if (flags.withChildren && flags.subset.length === 0) throw new TdgError('TDG_USAGE', '--with-children needs --subset')
    const progress = await progressReporter({ quiet: flags.quiet === true })
    io.onInterrupt?.(() => progress.stop())
    try {
      const { cloneWithMasking, leakFoundError, sourceTableOf } = await import('../../compose/clone-masked.js')
      const r = await cloneWithMasking({
        from: flags.from,
        to: flags.to,
        ...(flags.rules ? { rulesFile: flags.rules } : {}),
        ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
        maskSensitive: flags.maskSensitive === true,
        allowUnmapped: flags.allowUnmapped === true,
        subset: flags.subset,
        withChildren: flags.withChildren === true,
        createSchema: flags.createSchema === true,
        truncate: flags.truncate === true,
        ...(flags.fastLoad === false ? { fastLoad: false } : {}),
        verify: flags.verify === true,
        ...(flags.sample ? { sampleRows: wholeCount('--sample', flags.sample) } : {}),
        ...(flags.batchSize ? { batchSize: wholeCount('--batch-size', flags.batchSize) } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: progress,
        beforeWrite: (_plan, notes, consistency, masks) => {
          if (flags.quiet) return
          io.err(`tdg: reading the source in ${consistency}\n`)
          for (const line of maskLines(masks)) io.err(`tdg: ${line}\n`)
          for (const n of notes) io.err(`tdg: note: ${n.message}\n`)
        },
      })
      progress.stop()
      io.audit?.ranMask(r.masks, r.summary, undefined, sourceTableOf(r))
      io.out(flags.json ? `${JSON.stringify(collect(r), null, 2)}\n` : formatCloneSummary(r))
      const leak = leakFoundError(r, '--verify', ' — fix the rules and clone again with --truncate')
      if (leak) throw leak
    } finally {
      progress.stop()
    }
  })
}

