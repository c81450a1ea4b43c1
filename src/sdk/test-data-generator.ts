import type { Plan } from '../model/plan.js'
import type { Introspection } from '../model/introspection.js'
import type { Profile } from '../model/profile.js'
import type { SchemaModel } from '../model/schema.js'
import { TdgError, type Issue } from '../errors.js'
import { loadConfig, type TdgConfig } from '../config/load-config.js'
import { buildPlan, type PlanOptions } from '../plan/build-plan.js'
import { loadPlanLocales } from '../generate/locales.js'
import type { RunSummary } from '../pipeline/run.js'
import type { FileFormat } from '../sinks/file-target.js'
import type { ParquetOptions } from '../sinks/parquet/options.js'
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

/**
 * `export()`: where and how to write files, and — with `db` — which live database to export instead of
 * generated rows.
 */
export interface ExportOptions {
  /** File format; default csv. Every format the file target takes (`tdg generate --format`). */
  format?: FileFormat
  /** Output directory; replaced as a whole only when the whole export succeeded (nothing half-written). */
  destination: string
  /**
   * Export this live database's existing rows (read only, one snapshot, FK order) instead of generated
   * ones: what `tdg export --db` does. Absent: the last `generate()`'s rows (or a fresh default generation).
   */
  db?: string
  /** With `db`: only these tables (`name` or `schema.name`); their FK parents are not added. Default all. */
  tables?: string[]
  /** With `db`: `table:condition` filters in the source's SQL, one per table (`'orders:freight > 100'`). */
  where?: string[]
  /**
   * With `db`: masking rules (a YAML/JSON file path or a rules object with `mask:` keys), applied as
   * `tdg clone` applies them; the key comes from `keyFile`, else `TDG_MASK_KEY`. Default: no masking.
   */
  rules?: string | RulesFile
  /** With `db`: the masking key file; default the `TDG_MASK_KEY` environment variable. */
  keyFile?: string
  /** With `db`: mask every column PII detection flags that no rule covers. Default false. */
  maskSensitive?: boolean
  /** With `db` and masking: write flagged columns without a masker unmasked instead of refusing. Default false. */
  allowUnmapped?: boolean
  /** Replace `destination` even when it holds files that are not an earlier tdg output. Default false. */
  force?: boolean
  batchSize?: number
  /** Generated rows (no `db`) only: threads generating them, as the CLI's `--workers` (default 1). */
  workers?: number
  /** `parquet` only: compression (snappy default, zstd, none), rowGroupSize, maxRowsPerFile. */
  parquet?: ParquetOptions
  /** Cancels the export: nothing is left at `destination` and it fails with TDG_INTERRUPTED. */
  signal?: AbortSignal
}

/** What `export()` wrote: the run summary (rows per table) plus where, how and the notes. */
export interface ExportSummary extends RunSummary {
  format: FileFormat
  destination: string
  /** Notes (a table whose FK parent `tables` leaves out, columns written unmasked by `allowUnmapped`, …). */
  notes: Issue[]
  /** With `db`: how consistent the source reads were (`one snapshot (REPEATABLE READ, read only)`). */
  consistency?: string
  /** With `db` and masking: the masking key's fingerprint (never the key). */
  keyFingerprint?: string
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
  /** Threads generating rows, as the CLI's `--workers` (default 1; output identical for every K). */
  workers?: number
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

  /**
   * Write files. Without `db`: the last generated rows (or a fresh default generation), the layout and
   * manifest of `tdg generate --output`. With `db`: that database's existing tables, as `tdg export`
   * writes them (one snapshot, FK order, optional masking). `tables`, `where`, `rules`, `keyFile`,
   * `maskSensitive` and `allowUnmapped` need `db` (TDG_USAGE otherwise: generated rows take `generate({
   * tables })` and `setRules`). On failure nothing is left at `destination`.
   */
  async export(opts: ExportOptions): Promise<ExportSummary> {
    const format = opts.format ?? 'csv'
    if (opts.db === undefined) {
      const dbOnly = (['tables', 'where', 'rules', 'keyFile', 'maskSensitive', 'allowUnmapped'] as const).filter((k) => opts[k] !== undefined)
      if (dbOnly.length > 0) throw new TdgError('TDG_USAGE', `export(): ${dbOnly.join(', ')} need${dbOnly.length === 1 ? 's' : ''} { db } (generated rows: generate({ tables }) and setRules())`)
      const result = this.last ?? (await this.generate())
      const summary = await generateFiles({
        model: await this.model(),
        plan: result.plan,
        output: opts.destination,
        format,
        ...(opts.parquet ? { parquet: opts.parquet } : {}),
        ...(opts.force ? { force: true } : {}),
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.workers ? { workers: opts.workers } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      })
      return { ...summary, format, destination: opts.destination, notes: result.plan.issues }
    }
    const { exportDatabase } = await import('../compose/export-database.js')
    const r = await exportDatabase({
      db: opts.db,
      output: opts.destination,
      format,
      ...(opts.parquet ? { parquet: opts.parquet } : {}),
      ...(opts.tables ? { tables: opts.tables } : {}),
      ...(opts.where ? { where: opts.where } : {}),
      ...(typeof opts.rules === 'string' ? { rulesFile: opts.rules } : opts.rules ? { rules: rulesFromObject(opts.rules) } : {}),
      ...(opts.keyFile ? { keyFile: opts.keyFile } : {}),
      maskSensitive: opts.maskSensitive === true,
      allowUnmapped: opts.allowUnmapped === true,
      force: opts.force === true,
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    })
    return { ...r.summary, format, destination: opts.destination, notes: r.notes, consistency: r.consistency, ...(r.keyFingerprint ? { keyFingerprint: r.keyFingerprint } : {}) }
  }

  /**
   * Write into a live database in one transaction. Keys start after the rows the target already holds,
   * so the plan may differ from `generate()`'s in its keys; the returned plan is the one written.
   */
  async seed(opts: SeedCallOptions = {}): Promise<SeedResult> {
    const config = await this.config
    const db = opts.db ?? this.schema?.url ?? config.db
    if (!db) throw new TdgError('TDG_USAGE', 'seed() needs a database: pass { db }, call connect(url) first, or set "db" in the config')
    const { db: _db, truncate: _t, create: _c, batchSize: _b, workers: _w, ...what } = opts
    const planOpts = await this.planOptions({ ...this.lastOpts, ...what })
    const run = () =>
      seedDatabase({
        db,
        ...(this.schema?.file ? { schemaFile: this.schema.file } : {}),
        create: opts.create === true,
        truncate: opts.truncate === true,
        plan: planOpts,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.workers ? { workers: opts.workers } : {}),
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
