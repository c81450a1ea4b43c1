import type { Command } from 'commander'
import { CommanderError } from 'commander'
import { isTdgError } from '../errors.js'
import type { TdgConfig } from '../config/load-config.js'
import type { Plan } from '../model/plan.js'
import type { RunSummary } from '../pipeline/run.js'
import type { MaskPlan } from '../model/mask.js'
import type { AuditRun, AuditTable } from '../audit/audit-record.js'
import { maskTables, planTables } from '../audit/describe-run.js'
import { EXIT_EPIPE, EXIT_SIGINT, EXIT_SIGTERM } from './interrupts.js'

/**
 * What a command tells the audit about its run, beyond what `main` sees (command, options, outcome):
 * the rows it wrote per table and the generator or masker of each column. Every method is optional to
 * call; a command that writes nothing calls none.
 */
export interface RunAuditCollector {
  /** A generating run (seed, generate): the plan written and its summary. */
  ranPlan(plan: Plan, summary: RunSummary): void
  /** A copy or in-place mask: its maskers and the rows written per table (`sourceOf`: written table → source table). */
  ranMask(masks: MaskPlan, summary: RunSummary, written?: Array<{ table: string; rows: number }>, sourceOf?: (table: string) => string): void
  /**
   * Start loading what recording the run will need (its modules, the config naming the state store, the
   * SQLite driver) now, while the command waits on the database; optional, and a no-op when nothing is
   * recorded. The record itself is still written after the run.
   */
  prepare?(): void
}

/** Global options of the audit, read from argv before commander (a usage error is audited too). */
interface AuditFlags {
  state?: string
  auditLog?: string
  noAudit: boolean
}

/**
 * The audit of one CLI run: `main` creates it, commander's preAction hook says which command runs with
 * which options, commands report their tables through `RunAuditCollector`, and `finish` writes the record
 * (state store and/or `--audit-log`) after the run, whatever its outcome. Writing never changes the exit
 * code; a failure is one stderr line. What writing needs (the config loader, redaction, the state store
 * and knex) is imported by `finish`, only when a record is written: help and version never load it.
 */
export class CliAudit implements RunAuditCollector {
  private readonly started = Date.now()
  private readonly args: string[]
  private readonly flags: AuditFlags
  private command: string
  private options: Record<string, unknown> = {}
  private readsConfig = false
  private skipped = false
  private tables: AuditTable[] = []
  private seed?: string
  private error?: unknown
  /** What `finish` needs, loading since `prepare` (or from `finish` itself). */
  private loading?: ReturnType<CliAudit['load']>

  constructor(argv: string[], private readonly version: string) {
    this.args = argv.slice(2)
    this.flags = readFlags(this.args)
    this.command = firstCommand(this.args)
    // Reading the audit is not a run of its own: `tdg audit …` records nothing.
    if (this.command === 'audit') this.skipped = true
  }

  /** The global options (`--state`, `--audit-log`, `--no-audit`) on `program`. */
  static addOptions(program: Command): Command {
    return program
      .option('--state <file|url>', "tdg's state store (audit log): a SQLite file, postgres://… or mysql://… (default: TDG_STATE_URL, the config's state, ~/.tdg/state.db)")
      .option('--audit-log <file>', 'also append this run\'s audit record to a JSONL file')
      .option('--no-audit', 'do not record this run in the state store')
  }

  /** commander's preAction: the command that runs and its parsed options. */
  begin(action: Command): void {
    const path: string[] = []
    for (let c: Command | null = action; c && c.parent; c = c.parent) path.unshift(c.name())
    this.command = path.join(' ')
    if (path[0] === 'audit') this.skipped = true
    // `tdg schedule run` writes its run's record itself (origin schedule, actor schedule:<name>).
    if (path[0] === 'schedule' && path[1] === 'run') this.skipped = true
    this.options = action.opts()
    this.readsConfig = action.options.some((o) => o.long === '--config')
  }

  /** Nothing to record (help, version, `tdg` alone). */
  skip(): void {
    this.skipped = true
  }

  /** The error the run ended with (before it is reported). */
  failed(e: unknown): void {
    if (e instanceof CommanderError && (e.exitCode === 0 || ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(e.code))) this.skipped = true
    this.error = e
  }

  ranPlan(plan: Plan, summary: RunSummary): void {
    this.tables = planTables(plan, summary)
    this.seed = String(summary.seed)
  }

  ranMask(masks: MaskPlan, summary: RunSummary, written?: Array<{ table: string; rows: number }>, sourceOf?: (table: string) => string): void {
    this.tables = maskTables(masks, written ?? summary.steps.map((s) => ({ table: s.step, rows: s.rows })), sourceOf)
  }

  prepare(): void {
    if (this.skipped || (this.flags.noAudit && !this.flags.auditLog)) return
    this.loading ??= this.load()
    this.loading.catch(() => undefined) // met by finish
  }

  /** Write the record of the run that ended with exit `code`; warnings go to `err`. */
  async finish(code: number, err: (text: string) => void): Promise<void> {
    if (this.skipped || (this.flags.noAudit && !this.flags.auditLog)) return
    const { modules, config, state } = await (this.loading ??= this.load())
    const [{ knownSecrets, redactArgv, redactOptions, redactValue }, { fileDigest, osActor, osHost, recordRun }, , { ulid }] = modules
    const secrets = knownSecrets()
    const o = this.options as Record<string, string | undefined>
    const pick = (...vals: Array<string | undefined>) => vals.find((v) => typeof v === 'string' && v !== '')
    const writes = ['seed', 'mask'].includes(this.command)
    const source = pick(o.from, o.source, o.profile, writes ? undefined : o.db, o.schema, o.csv, o.input, writes ? undefined : config.config.db, config.config.schema)
    const target = pick(o.to, o.target, writes ? o.db : undefined, writes ? config.config.db : undefined, o.output, o.out)
    const finished = Date.now()
    const run: AuditRun = {
      // The id carries the start time (ULIDs sort by it), made here so that help and version need no crypto.
      id: ulid(this.started),
      origin: 'cli',
      actor: osActor(),
      host: osHost(),
      version: this.version,
      command: this.command,
      argv: redactArgv(this.args, secrets),
      options: redactOptions(this.options, secrets),
      files: {
        ...(config.file ? { config: fileDigest(config.file)! } : {}),
        ...(pick(o.rules, o.check, config.config.rules) ? { rules: fileDigest(pick(o.rules, o.check, config.config.rules))! } : {}),
        ...(pick(o.schema, config.config.schema) ? { schema: fileDigest(pick(o.schema, config.config.schema))! } : {}),
      },
      ...(this.seed !== undefined ? { seed: this.seed } : {}),
      ...(source ? { source: redactValue(source, secrets) } : {}),
      ...(target ? { target: redactValue(target, secrets) } : {}),
      tables: this.tables,
      ...(this.tables.length > 0 ? { rows: this.tables.reduce((n, t) => n + t.rows, 0) } : {}),
      startedAt: new Date(this.started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      durationMs: finished - this.started,
      outcome: code === 0 ? 'ok' : [EXIT_SIGINT, EXIT_SIGTERM, EXIT_EPIPE].includes(code) ? 'interrupted' : 'failed',
      ...(code !== 0 ? { errorCode: errorCode(this.error, code) } : {}),
    }
    for (const line of await recordRun(run, { ...(state ? { state } : {}), ...(this.flags.auditLog ? { log: this.flags.auditLog } : {}) })) err(line)
  }

  /** The modules `finish` uses, the config, and the state store (its SQLite driver loaded too). */
  private async load() {
    const modules = await Promise.all([import('../audit/redact-options.js'), import('../audit/record-run.js'), import('../state/state-location.js'), import('../state/ulid.js')])
    const config = await this.config()
    const state = this.flags.noAudit ? undefined : modules[2].parseStateLocation(this.flags.state ?? process.env.TDG_STATE_URL ?? config.all.state)
    if (state?.kind === 'sqlite') await import('better-sqlite3')
    return { modules, config, state }
  }

  /** The config file the command read (only commands with `--config` read one) and the one naming the state store. */
  private async config(): Promise<{ file?: string; config: TdgConfig; all: TdgConfig }> {
    try {
      const { loadConfig } = await import('../config/load-config.js')
      const loaded = await loadConfig({ explicitPath: typeof this.options.config === 'string' ? this.options.config : undefined })
      return this.readsConfig ? { ...(loaded.file ? { file: loaded.file } : {}), config: loaded.config, all: loaded.config } : { config: {}, all: loaded.config }
    } catch {
      return { config: {}, all: {} }
    }
  }
}

function errorCode(e: unknown, code: number): string {
  if (code === EXIT_SIGINT || code === EXIT_SIGTERM || code === EXIT_EPIPE) return 'TDG_INTERRUPTED'
  if (isTdgError(e)) return e.code
  if (e instanceof CommanderError) return 'TDG_USAGE'
  return code === 2 ? 'TDG_USAGE' : 'TDG_INTERNAL'
}

const VALUED_GLOBALS = new Set(['--state', '--audit-log'])

function readFlags(args: string[]): AuditFlags {
  const flags: AuditFlags = { noAudit: false }
  for (const [i, a] of args.entries()) {
    if (a === '--') break
    if (a === '--no-audit') flags.noAudit = true
    const eq = /^(--state|--audit-log)=(.*)$/s.exec(a)
    const [name, value] = eq ? [eq[1]!, eq[2]] : VALUED_GLOBALS.has(a) ? [a, args[i + 1]] : [undefined, undefined]
    if (name === '--state') flags.state = value
    if (name === '--audit-log') flags.auditLog = value
  }
  return flags
}

/** The command word of argv: the first argument after the global options, else the default command (generate). */
function firstCommand(args: string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (VALUED_GLOBALS.has(a)) i++
    else if (a !== '--debug' && a !== '--no-audit' && !/^--(state|audit-log)=/.test(a)) return a.startsWith('-') ? 'generate' : a
  }
  return 'generate'
}
