import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'
import { progressReporter } from '../progress-reporter.js'
import { maskLines } from '../format-clone.js'
import { fmt, seconds } from '../progress-reporter.js'

interface MaskFlags {
  db?: string
  rules?: string
  keyFile?: string
  maskSensitive?: boolean
  allowUnmapped?: boolean
  yes?: boolean
  sample?: string
  batchSize?: string
  quiet?: boolean
  json?: boolean
}

/** `tdg mask --db URL --rules FILE --yes`: mask a database in place, in one transaction. */
export function registerMask(program: Command, io: CliIo): void {
  const cmd = program
    .command('mask')
    .description('mask a database in place (one transaction, set-based UPDATEs by key)')
    .option('--db <url>', 'the database to mask in place (never production: it overwrites the originals)')
    .option('--rules <file>', 'masking rules (YAML/JSON; tables.<t>.columns.<c>.mask, match[].mask)')
    .option('--key-file <file>', 'masking key file (default: the TDG_MASK_KEY environment variable)')
    .option('--mask-sensitive', 'mask every column PII detection flags and no rule covers, with the detected masker')
    .option('--allow-unmapped', 'leave flagged columns that have no masker as they are instead of refusing (said loudly)')
    .option('--yes', 'confirm: the originals are overwritten')
    .option('--sample <n>', 'rows sampled per table for PII detection (default 1000)')
    .option('--batch-size <n>', 'rows per UPDATE batch (default 10000)')
    .option('-q, --quiet', 'no progress output and no notes')
    .option('--json', 'print the summary as JSON on stdout')
  withExample(cmd, 'tdg mask --db postgres://…/staging --rules masking.yaml --yes')
  cmd.action(async (flags: MaskFlags) => {
    if (!flags.db) throw new TdgError('TDG_USAGE', 'mask needs --db <url>')
    if (!flags.yes) throw new TdgError('TDG_USAGE', `mask overwrites the originals in ${flags.db.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}; pass --yes to confirm (to keep them, use tdg clone)`)
    const progress = await progressReporter({ quiet: flags.quiet === true })
    io.onInterrupt?.(() => progress.stop())
    try {
      const { maskInPlace } = await import('../../compose/mask-in-place.js')
      const r = await maskInPlace({
        db: flags.db,
        ...(flags.rules ? { rulesFile: flags.rules } : {}),
        ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
        maskSensitive: flags.maskSensitive === true,
        allowUnmapped: flags.allowUnmapped === true,
        ...(flags.sample ? { sampleRows: whole('--sample', flags.sample) } : {}),
        ...(flags.batchSize ? { batchSize: whole('--batch-size', flags.batchSize) } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: progress,
        // Said even with --quiet: it changes the database file's settings while the run lasts.
        onNote: (line) => io.err(`tdg: note: ${line}\n`),
        beforeWrite: (masks, notes, consistency) => {
          if (flags.quiet) return
          io.err(`tdg: reading the rows in ${consistency}\n`)
          for (const line of maskLines(masks)) io.err(`tdg: ${line}\n`)
          for (const n of notes) io.err(`tdg: note: ${n.message}\n`)
        },
      })
      progress.stop()
      io.audit?.ranMask(r.masks, r.summary, r.tables)
      if (flags.json) io.out(`${JSON.stringify({ tables: r.tables, rows: r.summary.fixedUp, ms: Math.round(r.summary.ms), keyFingerprint: r.keyFingerprint ?? null, masks: r.masks.tables }, null, 2)}\n`)
      else {
        const width = Math.max(5, ...r.tables.map((t) => t.table.length))
        io.out([`${'table'.padEnd(width)}  rows masked`, ...r.tables.map((t) => `${t.table.padEnd(width)}  ${fmt(t.rows).padStart(11)}`), `${'total'.padEnd(width)}  ${fmt(r.summary.fixedUp).padStart(11)}  in ${seconds(r.summary.ms)}${r.keyFingerprint ? `; masking key ${r.keyFingerprint}` : ''}`].join('\n') + '\n')
      }
    } finally {
      progress.stop()
    }
  })
}

function whole(flag: string, text: string): number {
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < 1) throw new TdgError('TDG_USAGE', `${flag} must be a whole number ≥ 1, got '${text}'`)
  return n
}
