import type { Plan } from '../model/plan.js'
import type { Introspection } from '../model/introspection.js'
import type { Profile } from '../model/profile.js'
import type { SchemaModel } from '../model/schema.js'
import { TdgError } from '../errors.js'
import { loadConfig, type TdgConfig } from '../config/load-config.js'
import { buildPlan, type PlanOptions } from '../plan/build-plan.js'
import { loadPlanLocales } from '../generate/locales.js'
import type { RunSummary } from '../pipeline/run.js'
import type { FileFormat } from '../sinks/file-target.js'
import { loadSchema } from '../compose/load-schema.js'
import { seedDatabase, type SeedResult } from '../compose/seed-database.js'
import { startOfTodayUtc } from '../plan/ranges.js'
import { NOW_FORMAT, parseNowText } from '../plan/now-text.js'
import { generateFiles } from '../compose/generate-files.js'
import { GenerationResult } from './generation-result.js'
import { loadRules, rulesFromObject } from '../rules/load.js'
import { auditedSeed } from './audited-run.js'
import type { RuleSet, RulesFile } from '../rules/schema.js'

export interface TestDataGeneratorOptions {
  /** A config file to read (`.tdgrc.json`, `tdg.config.ts`, …). Default: none — a library reads no file unasked. */
  configPath?: string
  /** Config values given directly; they override the file's. */
  config?: TdgConfig
  /**
   * Record each `seed()` in the audit log, as the CLI records its runs (origin `api`): `state` is the state
   * store (a SQLite file, `postgres://…`, `mysql://…`; `true` = `TDG_STATE_URL`, the config's `state`, else
   * `~/.tdg/state.db`), `log` a JSONL file. Default: off — a library writes nowhere unasked. A record that
   * cannot be written is a process warning; the call's own result stands.
   */
  audit?: { state?: string | true; log?: string }
}

/** What to generate; every field falls back to the config, then to tdg's defaults (100 rows, random seed). */
export interface GenerateOptions {
  rows?: number
  rowsPerTable?: Record<string, number>
  seed?: number | string
  tables?: string[]
  nullRate?: number
  /**
   * Where generated time ends: a Date, epoch seconds or `YYYY-MM-DD[THH:MM[:SS][Z|±HH:MM]]`. Default the
   * config's `now`, then the start of today (UTC), resolved once per generate() like the seed.
   */
  now?: Date | number | string
  /** Faker locale of names, addresses, phones (`de`, `pt_BR`, …); default the config's, then `en`. */
  locale?: string
  /** Multiply every row count not given in `rowsPerTable` (the rules' `rows`, else `rows`) by this factor > 0. */
  scale?: number
}

export interface ExportOptions {
  /** Default csv. */
  format?: FileFormat
  /** Output directory. */
  destination: string
  batchSize?: number
}

export interface SeedCallOptions extends GenerateOptions {
  /** Target URL; default the URL given to `connect()`, then the config's `db`. */
  db?: string
  truncate?: boolean
  /**
   * Create what is missing, as the CLI's `--create`: a SQLite database file that does not exist, and the
   * tables of the DDL file given to `loadSchema()` (executed first when none of them exist). Default
   * false: a missing SQLite file is TDG_CONNECT_FAILED (`… does not exist; pass create: true …`).
   */
  create?: boolean
  batchSize?: number
}

/**
 * The programmatic face of tdg: load a schema (file or live database), optionally rules, generate
 * deterministic rows, export them or seed a database. No global state: instances are independent and
 * may run side by side with different seeds. Errors are `TdgError` with codes.
 */
export class TestDataGenerator {
  private readonly config: Promise<TdgConfig>
  private schema?: { model: SchemaModel; file?: string; url?: string }
  private last?: GenerationResult
  private rules?: RuleSet
  /** The options of the last generate(), seed resolved, so seed()/export() write the same rows. */
  private lastOpts?: GenerateOptions
  private readonly audit?: TestDataGeneratorOptions['audit']

  constructor(opts: TestDataGeneratorOptions = {}) {
    this.audit = opts.audit
    const fromFile = opts.configPath ? loadConfig({ explicitPath: opts.configPath }).then((r) => r.config) : Promise.resolve({} as TdgConfig)
    this.config = fromFile.then((c) => ({ ...c, ...opts.config }))
    // Surface a bad config file at first use, not as an unhandled rejection.
    this.config.catch(() => undefined)
  }

  /** Read a DDL file (dialect detected unless given). Returns the model and the issues found. */
  async loadSchema(file: string, opts: { dialect?: string } = {}): Promise<Introspection> {
    const loaded = await loadSchema({ kind: 'file', path: file, ...(opts.dialect ? { dialect: opts.dialect } : {}) })
    this.schema = { model: loaded.model, file }
    this.last = this.lastOpts = undefined
    return { model: loaded.model, issues: loaded.issues }
  }

  /** Read the schema of a live database; `seed()` then targets it by default. */
  async connect(url: string): Promise<Introspection> {
    const loaded = await loadSchema({ kind: 'db', url })
    this.schema = { model: loaded.model, url }
    this.last = this.lastOpts = undefined
    return { model: loaded.model, issues: loaded.issues }
  }

  /**
   * Use rules for every later plan: a YAML/JSON file path, or a rules object of the same shape. Validated
   * now: TDG_RULES_INVALID names the file (or `rules`), the path in it and the reason. Replaces the
   * config's `rules`.
   */
  setRules(rules: string | RulesFile): this {
    this.rules = typeof rules === 'string' ? loadRules(rules) : rulesFromObject(rules)
    return this
  }

  /**
   * Learn rules from data (read only): a database (`db`, sampled in one snapshot) or CSV files (`csv`: a
   * file or a directory). Returns the rules object (`setRules` takes it; nothing is set here) and the
   * raw profile. With `useSchema`, the profiled tables become this generator's schema (CSV: inferred).
   * `sample`: rows read per table at most (default 10 000); `keepValues`: keep values of PII columns.
   */
  async profile(opts: { db?: string; csv?: string; sample?: number; keepValues?: boolean; tables?: string[]; scale?: number; useSchema?: boolean }): Promise<{ rules: RulesFile; profile: Profile }> {
    if (!opts.db === !opts.csv) throw new TdgError('TDG_USAGE', 'profile() needs exactly one of { db } or { csv }')
    const { profileSource } = await import('../compose/profile-source.js')
    const { profileToRules } = await import('../profile/emit-rules.js')
    const { profile, model } = await profileSource((opts.db ?? opts.csv)!, {
      sample: opts.sample ?? 10_000,
      keepValues: opts.keepValues === true,
      ...(opts.tables ? { tables: opts.tables } : {}),
    })
    if (opts.useSchema) {
      this.schema = { model, ...(opts.db ? { url: opts.db } : {}) }
      this.last = this.lastOpts = undefined
    }
    return { rules: profileToRules(profile, { tables: model.tables, ...(opts.scale !== undefined ? { scale: opts.scale } : {}) }).rules, profile }
  }

  /** The plan for `opts` (a dry run: nothing is generated). */
  async plan(opts: GenerateOptions = {}): Promise<Plan> {
    return buildPlan(await this.model(), await this.planOptions(opts))
  }

  /** Plan and make the rows addressable; `export()` and `seed()` without options reuse this result. */
  async generate(opts: GenerateOptions = {}): Promise<GenerationResult> {
    const planOpts = await this.planOptions(opts)
    const plan = buildPlan(await this.model(), planOpts)
    await loadPlanLocales(plan)
    this.last = new GenerationResult(plan)
    this.lastOpts = { ...opts, seed: planOpts.seed, now: planOpts.now! }
    return this.last
  }

  /** Write the last generated rows (or a fresh default generation) to files. */
  async export(opts: ExportOptions): Promise<RunSummary> {
    const result = this.last ?? (await this.generate())
    return generateFiles({ model: await this.model(), plan: result.plan, output: opts.destination, ...(opts.format ? { format: opts.format } : {}), ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) })
  }

  /**
   * Write into a live database in one transaction. Keys start after the rows the target already holds,
   * so the plan may differ from `generate()`'s in its keys; the returned plan is the one written.
   */
  async seed(opts: SeedCallOptions = {}): Promise<SeedResult> {
    const config = await this.config
    const db = opts.db ?? this.schema?.url ?? config.db
    if (!db) throw new TdgError('TDG_USAGE', 'seed() needs a database: pass { db }, call connect(url) first, or set "db" in the config')
    const { db: _db, truncate: _t, create: _c, batchSize: _b, ...what } = opts
    const planOpts = await this.planOptions({ ...this.lastOpts, ...what })
    const run = () =>
      seedDatabase({
        db,
        ...(this.schema?.file ? { schemaFile: this.schema.file } : {}),
        create: opts.create === true,
        truncate: opts.truncate === true,
        plan: planOpts,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      })
    if (!this.audit) return run()
    return auditedSeed(this.audit, { db, ...(this.schema?.file ? { schema: this.schema.file } : {}), ...(config.rules ? { rules: config.rules } : {}), ...(config.state ? { configState: config.state } : {}) }, run)
  }

  private async model(): Promise<SchemaModel> {
    if (this.schema) return this.schema.model
    const config = await this.config
    if (config.schema) return (await this.loadSchema(config.schema, config.dialect ? { dialect: config.dialect } : {})).model
    if (config.db) return (await this.connect(config.db)).model
    throw new TdgError('TDG_USAGE', 'no schema: call loadSchema(file) or connect(url) first, or set "schema" or "db" in the config')
  }

  private async planOptions(opts: GenerateOptions): Promise<PlanOptions> {
    const config = await this.config
    const rowsPerTable = opts.rowsPerTable ?? config.rowsPerTable
    const tables = opts.tables
    const nullRate = opts.nullRate ?? config.nullRate
    const locale = opts.locale ?? config.locale
    const rules = this.rules ?? (config.rules ? loadRules(config.rules) : undefined)
    return {
      ...(rules ? { rules } : {}),
      rows: opts.rows ?? config.rows ?? 100,
      seed: opts.seed ?? config.seed ?? Math.floor(Math.random() * 2 ** 31),
      now: resolveNow(opts.now ?? config.now),
      ...(rowsPerTable ? { rowsPerTable } : {}),
      ...(tables ? { tables } : {}),
      ...(nullRate !== undefined ? { nullRate } : {}),
      ...(locale !== undefined ? { locale } : {}),
      ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
    }
  }
}

/** `GenerateOptions.now` → epoch seconds; a bad value is TDG_USAGE naming it. */
function resolveNow(now: Date | number | string | undefined): number {
  if (now === undefined) return startOfTodayUtc()
  const seconds = now instanceof Date ? Math.floor(now.getTime() / 1000) : typeof now === 'number' ? now : parseNowText(now)
  if (seconds === undefined || !Number.isFinite(seconds)) throw new TdgError('TDG_USAGE', `now: ${typeof now === 'string' ? NOW_FORMAT(now) : 'not a valid date'}`)
  return seconds
}
