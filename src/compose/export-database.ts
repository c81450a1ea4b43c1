/**
 * `tdg export` and `generator.export({ db })`: the tables of a live database written to files. A
 * composition of clone's source side — one snapshot, scan → `--where` filter → maskers
 * (`copyInSnapshot`) — with a file target as the writer instead of a database, so the files have the
 * layout, manifest and all-or-nothing transaction of `tdg generate --output`.
 *
 * Choices: `--tables` exports those tables only, never pulling in their FK parents (a note names each
 * parent left out); `--where` filters its table only (no FK is followed; `tdg clone --subset` makes
 * closed subsets); generated columns are left out as clone leaves them (a loader computes them, and
 * a masked source column must not survive in one); csv/json/ndjson keep every row whole (no cycle cut
 * to fix up later: files enforce no FK), sql is a script for the source's dialect that loads in FK order
 * (cycle cuts as UPDATEs in `999-fixups.sql`, deferrals, identity sync) like `tdg generate --format sql`.
 * Masking happens only when asked (`rules`, `maskSensitive`): then exactly as clone masks (same maskers,
 * key, drift guard over the exported tables).
 */
import type { Adapter } from '../adapter/adapter.js'
import type { MaskPlan } from '../model/mask.js'
import type { Plan } from '../model/plan.js'
import type { SchemaModel, Table } from '../model/schema.js'
import type { ProgressListener } from '../pipeline/progress.js'
import type { RuleSet } from '../rules/schema.js'
import type { FileFormat, FileTarget } from '../sinks/file-target.js'
import { openOutputTarget, type S3Options } from '../sinks/output-target.js'
import type { ParquetOptions } from '../sinks/parquet/options.js'
import { tableKey } from '../plan/insert-order.js'
import { parseWhereSpec, resolveSpecTables, tablesNamed } from '../subset/index.js'
import { connect } from '../../adapters/index.js'
import { TdgError, type Issue } from '../errors.js'
import type { CloneTables, TablePair } from './clone-tables.js'
import { copyInSnapshot, type SnapshotCopyResult } from './clone-snapshot.js'
import { whereFilters } from './clone-subset.js'
import { prepareMasking, type Masking } from './prepare-masking.js'

/** Options of `exportDatabase`. */
export interface ExportDatabaseOptions {
  /** Source database URL (read only, in one snapshot). */
  db: string
  /** Output directory, replaced as a whole only when the export succeeded; or `s3://bucket/prefix/`. */
  output: string
  /** S3 endpoint, region and credentials for an s3:// output (default: the AWS environment). */
  s3?: S3Options
  /** Told, in one line, what a failed S3 export cleaned up. */
  report?: (line: string) => void
  /** Default csv. */
  format?: FileFormat
  /** `parquet` only: compression, row group size, parts (see sinks/parquet/options.ts). */
  parquet?: ParquetOptions
  /** Tables to export (`name` or `schema.name`); default every table. Their FK parents are not added. */
  tables?: string[]
  /** `table:condition` filters in the source dialect's SQL, one per table. */
  where?: string[]
  /** Masking rules file (`mask:` keys). */
  rulesFile?: string
  /** Masking rules given in code; win over `rulesFile`. */
  rules?: RuleSet
  /** Mask flagged columns no rule covers with the detected masker. */
  maskSensitive?: boolean
  /** With masking: write flagged columns without a masker unmasked instead of refusing (a note says so). */
  allowUnmapped?: boolean
  /** Masking key file; default the `TDG_MASK_KEY` environment variable. */
  keyFile?: string
  /** Replace `output` even when it holds files that are not an earlier tdg output. Default false. */
  force?: boolean
  /** Rows sampled per table for PII detection (masking only); default 1000. */
  sampleRows?: number
  batchSize?: number
  signal?: AbortSignal
  onProgress?: ProgressListener
  /** Called before anything is written: the plan, notes, how consistent the reads are, the maskers (when masking). */
  beforeWrite?: (plan: Plan, notes: Issue[], consistency: string, masks: MaskPlan | undefined) => void | Promise<void>
}

/** What an export wrote. */
export interface ExportDatabaseResult extends SnapshotCopyResult {
  format: FileFormat
  output: string
  /** The maskers applied; absent when the export did not mask. */
  masks?: MaskPlan
  /** Fingerprint of the masking key (never the key); absent when nothing needed one. */
  keyFingerprint?: string
}

/**
 * Export `db` to files. Throws TDG_USAGE (unknown table or format, a bad or rejected `--where`),
 * TDG_MASK_KEY_MISSING, TDG_PII_UNMAPPED, TDG_RULES_INVALID, TDG_CONNECT_FAILED, TDG_READ_FAILED,
 * TDG_WRITE_FAILED, TDG_INTERRUPTED; on any failure no output directory is left (nor a temp one).
 */
export async function exportDatabase(opts: ExportDatabaseOptions): Promise<ExportDatabaseResult> {
  const format = opts.format ?? 'csv'
  const specs = (opts.where ?? []).map(parseWhereSpec)
  const source = await connect(opts.db)
  try {
    const model = (await source.introspect()).model
    if (model.tables.length === 0) throw new TdgError('TDG_USAGE', `${source.redactedUrl} has no tables to export`)
    const chosen = chooseTables(model, opts.tables, source.redactedUrl)
    const exported = new Set(chosen.map(tableKey))
    const filters = resolveSpecTables(model, specs)
    for (const [key, spec] of filters)
      if (!exported.has(key)) throw new TdgError('TDG_USAGE', `--where "${spec.text}": table ${key} is not exported (not in --tables)`, { option: '--where', spec: spec.text })
    const target = openOutput(opts, format, source, chosen)
    const masking = opts.rules || opts.rulesFile || opts.maskSensitive ? await masked(opts, source, model, [...exported]) : undefined
    const copied = await copyInSnapshot({
      source,
      model,
      tables: selfPairs(model, chosen),
      ...(masking ? { prepared: { masks: masking.masks, compile: (t, tm) => masking.compile(t, tm), notes: masking.notes } } : {}),
      ...(specs.length > 0 ? { subset: (m, reader) => whereFilters(m, reader, specs) } : {}),
      target,
      run: {
        dialect: source.dialect,
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.signal ? { signal: opts.signal } : {}),
      },
      ...(format === 'sql' ? {} : { shapePlan: wholeRows }),
      planNotes: () => leftOutParents(chosen, exported),
      beforeWrite: (plan, notes, consistency) => opts.beforeWrite?.(plan, notes, consistency, masking?.masks),
    })
    await target.close()
    return {
      ...copied,
      format,
      output: opts.output,
      ...(masking ? { masks: masking.masks } : {}),
      ...(masking?.key ? { keyFingerprint: masking.key.fingerprint } : {}),
    }
  } finally {
    await source.close().catch(() => undefined)
  }
}

/**
 * THE place an export opens its output (a directory or s3://, see output-target.ts). SQL scripts are in the source's dialect. Fails with TDG_USAGE for an unknown
 * format before anything is read.
 */
function openOutput(opts: ExportDatabaseOptions, format: FileFormat, source: Adapter, tables: Table[]): FileTarget {
  return openOutputTarget({
    output: opts.output,
    format,
    dialect: source.dialect,
    tables,
    manifest: { source: source.dialect.id },
    ...(opts.parquet ? { parquet: opts.parquet } : {}),
    ...(opts.force ? { force: true } : {}),
    ...(opts.s3 ? { s3: opts.s3 } : {}),
    ...(opts.report ? { report: opts.report } : {}),
  })
}

/** The tables `--tables` names (every table when absent); an unknown or ambiguous name is TDG_USAGE. */
function chooseTables(model: SchemaModel, names: string[] | undefined, shown: string): Table[] {
  if (!names) return model.tables
  const keys = new Set<string>()
  for (const raw of names) {
    const name = raw.trim()
    if (name === '') continue
    const hits = tablesNamed(model, name)
    if (hits.length === 0) throw new TdgError('TDG_USAGE', `--tables: no table ${name} in ${shown}`, { option: '--tables', table: name })
    if (hits.length > 1) throw new TdgError('TDG_USAGE', `--tables: ${name} is ambiguous (${hits.join(', ')}); qualify it with its schema`, { option: '--tables', table: name })
    keys.add(hits[0]!)
  }
  if (keys.size === 0) throw new TdgError('TDG_USAGE', '--tables: no table named')
  return model.tables.filter((t) => keys.has(tableKey(t)))
}

/** Each table written as itself: every column but generated ones (a note names them), under its own name. */
function selfPairs(model: SchemaModel, tables: Table[]): CloneTables {
  const notes: Issue[] = []
  const pairs: TablePair[] = tables.map((t) => {
    const columns = t.columns.filter((c) => !c.generated).map((c) => c.name)
    const computed = t.columns.filter((c) => c.generated).map((c) => c.name)
    if (computed.length > 0)
      notes.push({ code: 'CLONE_NOTE', message: `${tableKey(t)}: generated column${computed.length > 1 ? 's' : ''} ${computed.join(', ')} left out (the database computes ${computed.length > 1 ? 'them' : 'it'} on load)`, table: tableKey(t) })
    return { source: t, target: t, columns, sourceColumns: columns }
  })
  return { pairs, targetModel: { ...model, tables }, setup: [], notes }
}

/** Data files hold every row whole: no NULL-then-fixup for cycles, nothing deferred. */
function wholeRows(plan: Plan): Plan {
  return { ...plan, fixups: [], deferred: [] }
}

/** One note per FK whose parent table `--tables` leaves out. */
function leftOutParents(tables: Table[], exported: Set<string>): Issue[] {
  const notes: Issue[] = []
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const parent = tableKey({ schema: fk.references.schema ?? t.schema, name: fk.references.table })
      if (!exported.has(parent))
        notes.push({ code: 'CLONE_NOTE', message: `${tableKey(t)}.${fk.columns.join(', ')} references ${parent}, which --tables leaves out (add it to export the parent rows too)`, table: tableKey(t) })
    }
  }
  return notes
}

async function masked(opts: ExportDatabaseOptions, source: Adapter, model: SchemaModel, tables: string[]): Promise<Masking> {
  return prepareMasking({
    source,
    model,
    detectTables: tables,
    ...(opts.rules ? { rules: opts.rules } : {}),
    ...(opts.rulesFile ? { rulesFile: opts.rulesFile } : {}),
    ...(opts.keyFile ? { keyFile: opts.keyFile } : {}),
    maskSensitive: opts.maskSensitive === true,
    allowUnmapped: opts.allowUnmapped === true,
    ...(opts.sampleRows ? { sampleRows: opts.sampleRows } : {}),
  })
}
