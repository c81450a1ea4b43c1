/**
 * A directory as a write target, with the same transaction shape as a database adapter so the pipeline
 * has one code path. Nothing is half-written: files go to a fresh `<dir>.tdg-tmp-XXXXXX` beside `dir`,
 * and only when the work resolves does that directory replace `dir` as a whole (two renames: the old
 * output steps aside to `<dir>.tdg-old-XXXXXX`, the new one takes its name, the old one is deleted), so
 * no file of an earlier run is left beside the new ones. When anything throws (an interrupt included),
 * the temp directory is removed and `dir` is untouched. An existing `dir` is replaced only when it is
 * empty or an earlier tdg output (it holds `manifest.json`), or with `force`; otherwise TDG_USAGE.
 * See `file-writer.ts` for the file layout.
 */
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { SqlDialect, Writer } from '../adapter/adapter.js'
import { TdgError } from '../errors.js'
import type { Table } from '../model/schema.js'
import { FileWriter, type FileFormat, type WrittenFiles } from './file-writer.js'
import { MANIFEST_FILE, manifestText } from './manifest.js'
import { writeFailed } from './write-failed.js'
import { resolveParquetOptions, type ParquetOptions } from './parquet/options.js'
import { pendingOutput, removePendingOutputSync } from './pending-output.js'

export type { FileFormat, ManifestFile } from './file-writer.js'

/** Options of `openFileTarget`. */
export interface FileTargetOptions {
  /** Output directory; created (with its parents) on commit when missing. */
  dir: string
  format: FileFormat
  /** SQL dialect of the INSERT scripts; required for `sql`, ignored otherwise. */
  dialect?: SqlDialect
  /** Tables that may be written, for column types (SQL literals, CSV/JSON spelling). */
  tables: Table[]
  /** Extra manifest fields (e.g. `{ seed }`), added after the standard ones. */
  manifest?: Record<string, unknown>
  /** Replace `dir` even when it holds files that are not an earlier tdg output. Default false. */
  force?: boolean
  /** `parquet` only: compression, row group size, parts (see sinks/parquet/options.ts). */
  parquet?: ParquetOptions
}

const pending = pendingOutput
export { removePendingOutputSync }

/** A directory target: `transaction` commits by moving files into place, rolls back by deleting them. */
export interface FileTarget {
  /**
   * Run `work` with a Writer into a fresh temp directory; when it resolves, finish every file, write
   * `manifest.json` and put the directory in place of `dir` (the whole earlier output is replaced).
   * When it throws, the temp directory is removed and the error rethrown unchanged.
   */
  transaction<T>(work: (w: Writer) => Promise<T>): Promise<T>
  /** Nothing to release; later transactions are refused. */
  close(): Promise<void>
}

const FORMATS: readonly FileFormat[] = ['csv', 'json', 'ndjson', 'sql', 'parquet']

/** Open a directory as a target. Fails with TDG_USAGE for an unknown format or `sql` without a dialect. */
export function openFileTarget(opts: FileTargetOptions): FileTarget {
  if (!FORMATS.includes(opts.format)) {
    throw new TdgError('TDG_USAGE', `unknown output format '${String(opts.format)}' (expected ${FORMATS.join(', ')})`)
  }
  if (opts.format === 'sql' && !opts.dialect) throw new TdgError('TDG_USAGE', `${opts.dir}: the sql format needs a dialect`, { dir: opts.dir })
  // Bad Parquet options (or zstd on a Node.js without it) are said before any work.
  if (opts.format === 'parquet') resolveParquetOptions(opts.parquet)
  let closed = false
  return {
    async transaction<T>(work: (w: Writer) => Promise<T>): Promise<T> {
      if (closed) throw new TdgError('TDG_INTERNAL', `${opts.dir}: file target used after close`, { dir: opts.dir })
      const dir = resolve(opts.dir)
      await assertReplaceable(opts.dir, dir, opts.force === true)
      let createdParent: string | undefined
      let tmp: string
      try {
        createdParent = await mkdir(dirname(dir), { recursive: true })
        tmp = await mkdtemp(`${dir}.tdg-tmp-`)
        pending.add(tmp)
      } catch (e) {
        throw writeFailed(opts.dir, e)
      }
      const writer = new FileWriter({
        dir: opts.dir,
        tmp,
        format: opts.format,
        tables: opts.tables,
        ...(opts.dialect ? { dialect: opts.dialect } : {}),
        ...(opts.parquet ? { parquet: opts.parquet } : {}),
      })
      try {
        const result = await work(writer)
        const written = await writer.finish()
        await writeManifest(opts, tmp, written)
        await publish(opts.dir, tmp, dir)
        return result
      } catch (e) {
        await writer.abort()
        // Only what this transaction created goes: the temp dir, and parents made for it.
        await rm(createdParent ?? tmp, { recursive: true, force: true }).catch(() => undefined)
        throw e
      } finally {
        pending.delete(tmp)
      }
    },
    async close(): Promise<void> {
      closed = true
    },
  }
}

/**
 * Fail early, before any work, when `dir` exists but is not a directory, or holds files that are not an
 * earlier tdg output (no `manifest.json`) and `force` is off: replacing it would delete them.
 */
async function assertReplaceable(shown: string, dir: string, force: boolean): Promise<void> {
  const st = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined
    throw writeFailed(shown, e)
  })
  if (!st) return
  if (!st.isDirectory()) throw new TdgError('TDG_WRITE_FAILED', `${shown}: not a directory`, { dir: shown })
  if (force) return
  const entries = await readdir(dir).catch((e: unknown) => {
    throw writeFailed(shown, e)
  })
  if (entries.length > 0 && !entries.includes('manifest.json')) {
    throw new TdgError('TDG_USAGE', `${shown}: the directory holds files that are not tdg output (no manifest.json); pass --force to replace it`, { dir: shown })
  }
}

/** `manifest.json` (see manifest.ts), written last into the temp directory. */
async function writeManifest(opts: FileTargetOptions, tmp: string, w: WrittenFiles): Promise<void> {
  try {
    await writeFile(join(tmp, MANIFEST_FILE), manifestText(opts, w))
  } catch (e) {
    throw writeFailed(opts.dir, e, MANIFEST_FILE)
  }
}


/**
 * Put `tmp` in place of `dir`: when `dir` exists it is renamed aside first and deleted once the new
 * directory has its name; if that second rename fails the old one is put back. Both are renames within
 * one parent directory, so the output is never a mix of two runs.
 */
async function publish(shown: string, tmp: string, dir: string): Promise<void> {
  const exists = await stat(dir).then(() => true, () => false)
  if (!exists) {
    try {
      await rename(tmp, dir)
    } catch (e) {
      throw writeFailed(shown, e)
    }
    return
  }
  const old = await mkdtemp(`${dir}.tdg-old-`).catch((e: unknown) => {
    throw writeFailed(shown, e)
  })
  pending.add(old)
  try {
    try {
      await rename(dir, old) // replaces the empty directory mkdtemp made
    } catch (e) {
      await rm(old, { recursive: true, force: true }).catch(() => undefined)
      throw writeFailed(shown, e)
    }
    try {
      await rename(tmp, dir)
    } catch (e) {
      await rename(old, dir).catch(() => undefined)
      throw writeFailed(shown, e)
    }
    await rm(old, { recursive: true, force: true }).catch(() => undefined)
  } finally {
    pending.delete(old)
  }
}
