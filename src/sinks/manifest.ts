/**
 * `manifest.json`, the last file of every file output and its commit marker: what was written (per
 * file: table, rows, columns, bytes, sha256), in which format, and the caller's fields (seed, now…).
 * Deterministic (no timestamps), pretty-printed, bigints as strings.
 */
import type { SqlDialect } from '../adapter/adapter.js'
import type { FileFormat, WrittenFiles } from './file-writer.js'
import { resolveParquetOptions, type ParquetOptions } from './parquet/options.js'

/** The manifest's name, relative to the output root. */
export const MANIFEST_FILE = 'manifest.json'

/** What goes into the manifest besides the written files. */
export interface ManifestContext {
  format: FileFormat
  dialect?: SqlDialect
  /** `parquet`: the options, recorded resolved (compression, row group size, parts). */
  parquet?: ParquetOptions
  /** Extra fields (e.g. `{ seed }`), added after the standard ones. */
  manifest?: Record<string, unknown>
}

/** The manifest's text. */
export function manifestText(ctx: ManifestContext, w: WrittenFiles): string {
  const manifest = {
    format: ctx.format,
    ...(ctx.format === 'sql' && ctx.dialect ? { dialect: ctx.dialect.id } : {}),
    tables: w.tables,
    fixups: w.fixups,
    ...(w.pre ? { pre: w.pre } : {}),
    ...(ctx.format === 'parquet' ? { parquet: parquetManifest(ctx.parquet) } : {}),
    ...ctx.manifest,
  }
  return `${JSON.stringify(manifest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
}

function parquetManifest(p: ParquetOptions | undefined): Record<string, unknown> {
  const r = resolveParquetOptions(p)
  return { compression: p?.compression ?? 'snappy', rowGroupSize: r.rowGroupSize, ...(r.maxRowsPerFile !== undefined ? { maxRowsPerFile: r.maxRowsPerFile } : {}) }
}
