import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'
import { formatLeaks } from '../format-clone.js'

interface LeakFlags {
  from?: string
  to?: string
  rules?: string
  keyFile?: string
  maskSensitive?: boolean
  sample?: string
  json?: boolean
}

/**
 * `tdg leak-check --from URL --to URL --rules FILE`: is any original sensitive value of the source in the
 * target? Exit 1 (TDG_LEAK_FOUND) on any survivor: a CI gate after a clone.
 */
export function registerLeakCheck(program: Command, io: CliIo): void {
  const cmd = program
    .command('leak-check')
    .description('prove that no original sensitive value of the source survived in the (masked) target; exit 1 if one did')
    .option('--from <url>', 'the original database (read only)')
    .option('--to <url>', 'the masked copy (read only)')
    .option('--rules <file>', 'the masking rules the copy was made with')
    .option('--key-file <file>', 'masking key file (default: TDG_MASK_KEY); rows are matched through the masked keys')
    .option('--mask-sensitive', 'the copy was made with --mask-sensitive')
    .option('--sample <n>', 'rows sampled per table for PII detection (default 1000)')
    .option('--json', 'print the report as JSON')
  withExample(cmd, 'tdg leak-check --from postgres://ro@prod/app --to postgres://…/staging --rules masking.yaml')
  cmd.action(async (flags: LeakFlags) => {
    if (!flags.from || !flags.to) throw new TdgError('TDG_USAGE', 'leak-check needs --from <url> and --to <url>')
    const { leakCheckDatabases } = await import('../../compose/leak-check-databases.js')
    const report = await leakCheckDatabases({
      from: flags.from,
      to: flags.to,
      ...(flags.rules ? { rulesFile: flags.rules } : {}),
      ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
      maskSensitive: flags.maskSensitive === true,
      ...(flags.sample ? { sampleRows: Number(flags.sample) } : {}),
    })
    io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatLeaks(report).join('\n') + '\n')
    if (report.survivors > 0) {
      const cols = report.columns.filter((c) => c.verdict === 'survived').map((c) => `${c.table}.${c.column}`)
      throw new TdgError('TDG_LEAK_FOUND', `${report.survivors} original value${report.survivors > 1 ? 's' : ''} survived in ${cols.length} column${cols.length > 1 ? 's' : ''}: ${cols.slice(0, 6).join(', ')}${cols.length > 6 ? ', …' : ''}`)
    }
  })
}
