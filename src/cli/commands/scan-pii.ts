import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import type { SchemaModel } from '../../model/schema.js'
import type { PiiFinding } from '../../model/mask.js'
import type { PiiDetection } from '../../mask/pii/index.js'
import { exampleHelp } from '../help.js'
import type { CliIo } from '../io.js'
import { withConfig } from '../with-config.js'

interface ScanPiiOptions {
  schema?: string
  db?: string
  dialect?: string
  sample?: string
  minConfidence?: string
  json?: boolean
  check?: string
  config?: string
}

/**
 * `tdg scan-pii (--db URL | --schema FILE) [--sample N] [--min-confidence X] [--json] [--check RULES]`:
 * detect sensitive columns and print them as a rules file to review (or JSON); `--check` exits 1
 * (TDG_PII_UNMAPPED) when a detected column has no `mask` rule in RULES.
 */
export function registerScanPii(program: Command, io: CliIo): void {
  program
    .command('scan-pii')
    .description('find sensitive columns (names in several languages + sampled values) and print masking rules to review; --check fails on unmapped ones')
    .option('--db <url>', 'database to scan (read only): postgres://…, mysql://…, mssql://…, sqlite:./app.db')
    .option('--schema <file>', 'DDL file instead of a database: column names only, no values')
    .option('--dialect <name>', 'dialect of the --schema file (default: detected)')
    .option('--sample <rows>', 'rows sampled per table (default 1000; 0: names only)')
    .option('--min-confidence <x>', 'report columns at or above this confidence, 0..1 (default 0.5); lower ones are listed as unsure')
    .option('--json', 'print the findings as JSON instead of a rules file')
    .option('--check <rules>', 'exit 1 when a detected column has no mask rule in this rules file (CI drift guard)')
    .option('--config <file>', 'config file (default: .tdgrc* / tdg.config.* / package.json#tdg, searched upwards)')
    .addHelpText('after', exampleHelp('tdg scan-pii --db postgres://ro@localhost/app > masking.yaml'))
    .action(async (flags: ScanPiiOptions) => {
      const opts = await withConfig(flags)
      if (!opts.schema === !opts.db) throw new TdgError('TDG_USAGE', 'scan-pii needs exactly one of --db <url> or --schema <file>')
      if (opts.dialect && opts.db) throw new TdgError('TDG_USAGE', '--dialect applies to --schema files only; a --db URL names its dialect')
      const sampleRows = parseSample(flags.sample)
      const minConfidence = parseConfidence(flags.minConfidence)
      const { renderPiiRules } = await import('../../mask/pii/index.js')
      const scan = opts.db ? await scanDatabase(opts.db, sampleRows, minConfidence) : await scanFile(opts.schema!, opts.dialect, minConfidence)
      const { detection, model, source, sampled } = scan
      const tables = new Set(detection.findings.map((f) => `${f.table.schema}.${f.table.name}`)).size
      const how = sampled === undefined ? 'column names only: a DDL file has no values, scan --db to check values too' : `${sampled} rows sampled per table`
      if (flags.check) {
        await checkMapped(detection.findings, model, flags.check)
        io.err(`tdg: scan-pii --check: all ${plural(detection.findings.length, 'sensitive column')} have a masking rule in ${flags.check} (${how})\n`)
        return
      }
      if (flags.json) io.out(JSON.stringify({ source, sampleRows: sampled ?? null, minConfidence, ...detection }, null, 2) + '\n')
      else io.out(renderPiiRules(detection, model, { source, sampleRows: sampled, minConfidence }))
      io.err(`tdg: scan-pii: ${plural(detection.findings.length, 'sensitive column')} in ${plural(tables, 'table')}, ${detection.unsure.length} unsure, from ${source} (${how})\n`)
    })
}

interface Scan {
  detection: PiiDetection
  model: SchemaModel
  source: string
  /** Rows sampled per table; undefined for names only. */
  sampled?: number
}

async function scanDatabase(url: string, sampleRows: number, minConfidence: number): Promise<Scan> {
  const [{ connect }, { detectPii }] = await Promise.all([import('../../../adapters/index.js'), import('../../mask/pii/index.js')])
  const adapter = await connect(url)
  try {
    const { model } = await adapter.introspect()
    const detection = await detectPii(model, (t) => (sampleRows > 0 ? adapter.sample(t, { limit: sampleRows }) : undefined), { sampleRows, minConfidence })
    return { detection, model, source: adapter.redactedUrl, sampled: sampleRows > 0 ? sampleRows : undefined }
  } finally {
    await adapter.close()
  }
}

async function scanFile(path: string, dialect: string | undefined, minConfidence: number): Promise<Scan> {
  const [{ loadSchema }, { detectPii }] = await Promise.all([import('../../compose/load-schema.js'), import('../../mask/pii/index.js')])
  const { model } = await loadSchema({ kind: 'file', path, dialect })
  const detection = await detectPii(model, () => undefined, { minConfidence })
  return { detection, model, source: path === '-' ? '<stdin>' : path }
}

/** TDG_PII_UNMAPPED naming every finding without a `mask` rule in `file`. */
async function checkMapped(findings: PiiFinding[], model: SchemaModel, file: string): Promise<void> {
  const [{ describeFinding, findingKey, maskedColumns }, { loadRules }] = await Promise.all([import('../../mask/pii/index.js'), import('../../rules/load.js')])
  const masked = maskedColumns(loadRules(file).rules, model)
  const missing = findings.filter((f) => !masked.has(findingKey(f)))
  if (missing.length === 0) return
  const name = (f: PiiFinding) => `${f.table.name}.${f.column} (${f.category} ${f.confidence.toFixed(2)})`
  const message =
    missing.length === 1
      ? `${name(missing[0]!)} has no masking rule in ${file}; add one or mask: keep`
      : `${missing.length} sensitive columns have no masking rule in ${file}: ${missing.map(name).join(', ')}; add one each or mask: keep`
  throw new TdgError('TDG_PII_UNMAPPED', message, { file, columns: missing.map(findingKey), reasons: missing.map(describeFinding) })
}

function parseSample(v: string | undefined): number {
  if (v === undefined) return 1000
  const n = Number(v)
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new TdgError('TDG_USAGE', `--sample '${v}': expected a whole number of rows (0 for names only)`)
  return n
}

function parseConfidence(v: string | undefined): number {
  if (v === undefined) return 0.5
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new TdgError('TDG_USAGE', `--min-confidence '${v}': expected a number from 0 to 1`)
  return n
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
