import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import type { Knex } from 'knex'
import { TdgError } from '../../errors.js'
import { redactText } from '../../adapter/redact-url.js'
import { describeState, parseStateLocation } from '../../state/state-location.js'
import type { ChainCheck, StoredRecord } from '../../audit/audit-store.js'
import type { AuditRecord } from '../../audit/audit-record.js'
import { exampleHelp } from '../help.js'
import { fmt } from '../progress-reporter.js'
import type { CliIo } from '../io.js'

/** The audit store's reading functions: imported when a subcommand runs, not at start-up. */
const auditStore = () => import('../../audit/audit-store.js')

/**
 * `tdg audit list [--limit N] [--json]`, `tdg audit show <id> [--json]`, `tdg audit verify [--log FILE]`:
 * read the audit log of the state store (`--state`, `TDG_STATE_URL`, config `state`, `~/.tdg/state.db`).
 */
export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the audit log of every run: list, show one, verify the chain (state store: --state, TDG_STATE_URL, config state, ~/.tdg/state.db)')
  audit
    .command('list')
    .description('the latest runs: when, who, command, target (redacted), rows, outcome')
    .option('--limit <n>', 'how many runs, newest first (default 20)')
    .option('--json', 'print the records as JSON')
    .addHelpText('after', exampleHelp('tdg audit list --limit 50'))
    .action(async (flags: { limit?: string; json?: boolean }, cmd: Command) => {
      const limit = parseLimit(flags.limit)
      const records = await withStore(cmd, async (db) => (await auditStore()).listAudit(db, limit))
      if (flags.json) io.out(JSON.stringify(records, null, 2) + '\n')
      else io.out(formatList(records))
    })
  audit
    .command('show <id>')
    .description('one run: options (redacted), files and their sha256, tables with rows and the generator or masker of each column')
    .option('--json', 'print the record as JSON')
    .addHelpText('after', exampleHelp('tdg audit show 01JEXAMPLE --json'))
    .action(async (id: string, flags: { json?: boolean }, cmd: Command) => {
      const found = await withStore(cmd, async (db) => (await auditStore()).findAudit(db, id))
      if (found === 'ambiguous') throw new TdgError('TDG_USAGE', `'${id}' is the start of several run ids; give more of it`)
      if (!found) throw new TdgError('TDG_USAGE', `no run '${id}' in the audit log (see tdg audit list)`)
      io.out(flags.json ? JSON.stringify(found, null, 2) + '\n' : formatRecord(found))
    })
  audit
    .command('verify')
    .description('check that no audit record was edited or deleted (exit 1 naming the first bad one); prints the head hash to keep elsewhere')
    .option('--log <file>', 'verify a JSONL file written with --audit-log instead of the state store')
    .addHelpText('after', exampleHelp('tdg audit verify'))
    .action(async (flags: { log?: string }, cmd: Command) => {
      const where = flags.log ?? describeState(await stateOf(cmd))
      const { checkChain, readChain } = await auditStore()
      const check = flags.log ? checkChain(await readLog(flags.log)) : await withStore(cmd, async (db) => checkChain(await readChain(db)))
      if (check.bad) throw brokenChain(check, where)
      io.out(`audit chain intact: ${fmt(check.records)} record${check.records === 1 ? '' : 's'} in ${where}; head ${check.head}\n`)
    })
}

function brokenChain(check: ChainCheck, where: string): TdgError {
  const bad = check.bad!
  return new TdgError('TDG_AUDIT_BROKEN', `record ${bad.seq} (${bad.id}) of ${where}: ${bad.reason}`, { seq: bad.seq, id: bad.id })
}

/** The state store the command names: `--state`, else TDG_STATE_URL, else the config's `state`, else the default file. */
export async function stateOf(cmd: Command) {
  const flag = (cmd.optsWithGlobals() as { state?: string }).state
  let configured: string | undefined
  if (flag === undefined && process.env.TDG_STATE_URL === undefined) configured = (await (await import('../../config/load-config.js')).loadConfig().catch(() => ({ config: {} as { state?: string } }))).config.state
  return parseStateLocation(flag ?? process.env.TDG_STATE_URL ?? configured)
}

/** Run `work` on the command's state store (TDG_STATE_FAILED when it cannot be opened), closed afterwards. */
export async function withStore<T>(cmd: Command, work: (db: Knex) => Promise<T>): Promise<T> {
  const loc = await stateOf(cmd)
  const { openStateStore } = await import('../../state/state-store.js')
  let db: Knex
  try {
    db = await openStateStore(loc)
  } catch (e) {
    throw new TdgError('TDG_STATE_FAILED', `the state store ${describeState(loc)} cannot be opened: ${redactText(String((e as Error).message ?? e).split('\n')[0]!)}`, {}, { cause: e })
  }
  try {
    return await work(db)
  } finally {
    await db.destroy()
  }
}

/** The records of a JSONL audit log, as the chain check reads them. */
async function readLog(file: string): Promise<StoredRecord[]> {
  const { canonicalJson } = await import('../../audit/audit-record.js')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new TdgError('TDG_FILE_READ', `${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`, { file }, { cause: e })
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line, i) => {
      try {
        const { hash, ...record } = JSON.parse(line) as AuditRecord & { hash: string }
        return { seq: record.seq, id: record.id, text: canonicalJson(record), hash, prevHash: record.prevHash }
      } catch {
        return { seq: i + 1, id: `line ${i + 1}`, text: line, hash: '', prevHash: '' }
      }
    })
}

function parseLimit(v: string | undefined): number {
  if (v === undefined) return 20
  const n = Number(v)
  if (!/^\d+$/.test(v.trim()) || n < 1 || !Number.isSafeInteger(n)) throw new TdgError('TDG_USAGE', `--limit '${v}': expected a whole number ≥ 1`)
  return n
}

/** `2026-12-05 16:40:12Z` */
function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}

function formatList(records: AuditRecord[]): string {
  if (records.length === 0) return 'no runs recorded yet\n'
  const head = ['when', 'id', 'who', 'command', 'target', 'rows', 'outcome']
  const rows = records.map((r) => [when(r.startedAt), r.id, `${r.actor}@${r.host}`, r.command, r.target ?? '', r.rows === undefined ? '' : fmt(r.rows), r.outcome + (r.errorCode ? ` ${r.errorCode}` : '')])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i]!.length)))
  const line = (x: string[]) => x.map((v, i) => (i === 5 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd()
  return [line(head), ...rows.map(line)].join('\n') + '\n'
}

function formatRecord(r: AuditRecord): string {
  const out = [
    `run       ${r.id} (record ${r.seq})`,
    `command   tdg ${r.argv.join(' ')}`,
    `outcome   ${r.outcome}${r.errorCode ? ` (${r.errorCode})` : ''} in ${(r.durationMs / 1000).toFixed(2)} s, ${when(r.startedAt)} → ${when(r.finishedAt)}`,
    `who       ${r.actor}@${r.host}, tdg ${r.version} (${r.origin})`,
  ]
  if (r.source) out.push(`source    ${r.source}`)
  if (r.target) out.push(`target    ${r.target}`)
  if (r.seed !== undefined) out.push(`seed      ${r.seed}`)
  for (const [role, f] of Object.entries(r.files)) if (f) out.push(`${role.padEnd(9)} ${f.path}${f.sha256 ? ` sha256:${f.sha256}` : ''}`)
  if (r.tables.length > 0) {
    out.push(`rows      ${fmt(r.rows ?? 0)} in ${r.tables.length} table${r.tables.length === 1 ? '' : 's'}`)
    for (const t of r.tables) {
      out.push(`  ${t.table}: ${fmt(t.rows)} rows`)
      for (const [c, g] of Object.entries(t.columns ?? {})) out.push(`    ${c}: ${g}`)
    }
  }
  out.push(`chain     previous ${r.prevHash}`)
  return out.join('\n') + '\n'
}
