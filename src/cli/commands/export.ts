import { addParquetOptions, parquetOptionsOf, type ParquetFlags } from '../parquet-flags.js'
import { addS3Options, s3OptionsOf, type S3Flags } from '../s3-flags.js'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import type { FileFormat } from '../../sinks/file-target.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'
import { progressReporter } from '../progress-reporter.js'
import { maskLines, subsetOption } from '../format-clone.js'
import { wholeCount } from '../run-options.js'

interface ExportFlags extends ParquetFlags, S3Flags {
  db?: string
  format: string
  output?: string
  tables?: string
  where: string[]
  rules?: string
  keyFile?: string
  maskSensitive?: boolean
  allowUnmapped?: boolean
  force?: boolean
  sample?: string
  batchSize?: string
  quiet?: boolean
  json?: boolean
}

/**
 * `tdg export --db URL --format csv|json|ndjson|sql --output DIR [--tables a,b] [--where "t:cond"]…
 * [--rules FILE] [--key-file F] [--force]`: a live database's tables written to files, read in one
 * snapshot, in FK order, optionally masked as `tdg clone` masks; the output has the layout, manifest and
 * all-or-nothing replacement of `tdg generate --output`.
 */
export function registerExport(program: Command, io: CliIo): void {
  const cmd = program
    .command('export')
    .description("write a live database's tables to files (csv, json, ndjson, sql, parquet), in one snapshot, optionally masked")
    .option('--db <url>', 'source database (read only): postgres://…, mysql://…, mssql://…, sqlite:./prod.db')
    .option('--format <format>', "csv | json | ndjson | sql (INSERT scripts in the source's dialect) | parquet", 'csv')
    .option('-o, --output <dir>', 'output directory, replaced as a whole when the export succeeds; or s3://bucket/prefix/ (manifest.json last)')
    .option('--tables <list>', 'only these tables, comma-separated (their FK parents are not added; a note names them)')
    .option('--where <spec>', "rows to keep of one table, repeatable: \"orders:order_date >= '1998-01-01'\" (source SQL; no FK is followed)", subsetOption, [])
    .option('--rules <file>', 'masking rules (YAML/JSON; tables.<t>.columns.<c>.mask, match[].mask), applied as tdg clone applies them')
    .option('--key-file <file>', 'masking key file (default: the TDG_MASK_KEY environment variable)')
    .option('--mask-sensitive', 'mask every column PII detection flags and no rule covers, with the detected masker')
    .option('--allow-unmapped', 'with masking: write flagged columns that have no masker UNMASKED instead of refusing (said loudly)')
    .option('--force', 'replace the output directory even when it holds files that are not tdg output')
    .option('--sample <n>', 'rows sampled per table for PII detection when masking (default 1000)')
    .option('--batch-size <n>', 'rows per batch (default 10000)')
    .option('-q, --quiet', 'no progress output and no notes')
    .option('--json', 'print the summary as JSON on stdout')
  addS3Options(cmd)
  addParquetOptions(cmd)
  withExample(cmd, 'tdg export --db postgres://ro@prod/app --format ndjson --output ./snap --tables customers,orders --rules masking.yaml')
  cmd.action(async (flags: ExportFlags) => {
    if (!flags.db) throw new TdgError('TDG_USAGE', 'export needs --db <url>')
    if (!flags.output) throw new TdgError('TDG_USAGE', 'export needs --output <dir>')
    if (flags.output === '-') throw new TdgError('TDG_USAGE', 'export writes a directory; --output - is not supported')
    const s3 = s3OptionsOf(flags)
    // What the run needs is loaded now, not when the CLI starts (see commands/index.ts).
    const [{ checkOutput }, { exportJson, formatExportSummary }] = await Promise.all([import('../../sinks/output-target.js'), import('../format-export.js')])
    checkOutput(flags.output, s3)
    const progress = await progressReporter({ quiet: flags.quiet === true })
    io.onInterrupt?.(() => progress.stop())
    try {
      const { exportDatabase } = await import('../../compose/export-database.js')
      const r = await exportDatabase({
        db: flags.db,
        output: flags.output,
        format: flags.format as FileFormat,
        ...parquetOptionsOf(flags.format, flags),
        ...(flags.tables !== undefined ? { tables: flags.tables.split(',') } : {}),
        where: flags.where,
        ...(flags.rules ? { rulesFile: flags.rules } : {}),
        ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
        maskSensitive: flags.maskSensitive === true,
        allowUnmapped: flags.allowUnmapped === true,
        force: flags.force === true,
        ...(s3 ? { s3 } : {}),
        report: (line: string) => io.err(`tdg: ${line}\n`),
        ...(flags.sample ? { sampleRows: wholeCount('--sample', flags.sample) } : {}),
        ...(flags.batchSize ? { batchSize: wholeCount('--batch-size', flags.batchSize) } : {}),
        ...(io.signal ? { signal: io.signal } : {}),
        onProgress: progress,
        beforeWrite: (_plan, notes, consistency, masks) => {
          if (flags.quiet) return
          io.err(`tdg: reading the source in ${consistency}\n`)
          if (masks) for (const line of maskLines(masks)) io.err(`tdg: ${line}\n`)
          for (const n of notes) io.err(`tdg: note: ${n.message}\n`)
        },
      })
      progress.stop()
      if (r.masks) io.audit?.ranMask(r.masks, r.summary)
      else io.audit?.ranPlan(r.plan, r.summary)
      io.out(flags.json ? exportJson(r) : formatExportSummary(r))
    } finally {
      progress.stop()
    }
  })
}

