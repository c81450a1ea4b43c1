import { renameSync, rmSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { TdgError } from '../../errors.js'
import { withExample } from '../help.js'
import type { CliIo } from '../io.js'

interface ReportFlags {
  source?: string
  profile?: string
  target?: string
  out?: string
  json?: boolean
  minScore?: string
}

/**
 * `tdg report --source A --target B [--out FILE] [--json] [--min-score S]` (`--profile` = `--source`):
 * compare two profiles (fidelity per column, FK and table) and write the self-contained HTML report
 * (default `report.html`; `--out -` for stdout). `--json` prints the FidelityResult instead (and writes
 * HTML only when `--out` is given). With `--min-score`, TDG_FIDELITY_LOW (exit 1) when the overall
 * score is below it.
 */
export function registerReport(program: Command, io: CliIo): void {
  const cmd = program
    .command('report')
    .description('compare source and target data (profiles) per column: fidelity scores and a self-contained HTML report with charts')
    .option('--source <src>', 'the data to imitate: a profile JSON file (tdg profile --json), a database URL, a CSV file or a directory of CSV files')
    .option('--profile <src>', 'same as --source')
    .option('--target <src>', 'the data to judge: the same kinds (e.g. the directory tdg generate wrote)')
    .option('--out <file>', 'where the HTML report goes (default report.html; - for stdout)')
    .option('--json', 'print the fidelity result as JSON (HTML only with --out)')
    .option('--min-score <s>', 'exit 1 (TDG_FIDELITY_LOW) when the overall score is below s (0–1)')
  withExample(cmd, 'tdg report --source postgres://ro@localhost/app --target postgres://localhost/dev --out report.html')
  cmd.action(async (flags: ReportFlags) => {
    if (flags.source !== undefined && flags.profile !== undefined) throw new TdgError('TDG_USAGE', '--profile is another name for --source; give one of them')
    const sourceArg = flags.source ?? flags.profile
    if (sourceArg === undefined || flags.target === undefined) throw new TdgError('TDG_USAGE', 'report needs --source <src> (or --profile) and --target <src>')
    const min = parseMinScore(flags.minScore)
    const { loadProfileArg } = await import('../../compose/load-profile-arg.js')
    const { fidelity, renderReport } = await import('../../report/index.js')
    const source = await loadProfileArg(sourceArg)
    const target = await loadProfileArg(flags.target)
    const result = fidelity(source, target)
    const out = flags.out ?? (flags.json ? undefined : 'report.html')
    if (out === '-') io.out(renderReport(result, source, target))
    else if (out !== undefined) writeAtomically(out, renderReport(result, source, target))
    if (flags.json) io.out(JSON.stringify(result, null, 2) + '\n')
    const columns = result.tables.reduce((n, t) => n + t.columns.length, 0)
    const where = out === undefined || out === '-' ? '' : ` → ${out}`
    io.err(`tdg: report: overall score ${result.score.toFixed(3)} (${result.pass ? 'every measure passes' : `${result.failing.length} failing measure${result.failing.length === 1 ? '' : 's'}`}), ${result.tables.length} tables, ${columns} columns compared${where}\n`)
    if (min !== undefined && result.score < min) {
      throw new TdgError('TDG_FIDELITY_LOW', `overall fidelity score ${result.score.toFixed(3)} is below --min-score ${min}`, { score: result.score, min })
    }
  })
}

function parseMinScore(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new TdgError('TDG_USAGE', `--min-score must be a number from 0 to 1 (e.g. 0.9), got '${text}'`)
  return n
}

/** Write `text` to `file` through a temp file beside it, so a failure leaves nothing half-written. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, file)
  } catch (e) {
    rmSync(tmp, { force: true })
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code === 'ENOSPC' ? 'disk full' : 'cannot be written'
    throw new TdgError('TDG_WRITE_FAILED', `${file}: ${why}`, { file }, { cause: e })
  }
}
