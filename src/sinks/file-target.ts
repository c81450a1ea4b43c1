/**
 * A directory as a write target, with the same transaction shape as a database adapter so the pipeline
 * has one code path. Nothing is half-written: files go to a fresh `<dir>.tdg-tmp-XXXXXX` beside `dir`
 * and are moved into `dir` only when the work resolves; when it throws, the temp directory is removed
 * and `dir` is untouched. See `file-writer.ts` for the file layout.
 */
import { lstat, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { SqlDialect, Writer } from '../adapter/adapter.js'
import { TdgError } from '../errors.js'
import type { Table } from '../model/schema.js'
import { FileWriter, type FileFormat, type WrittenFiles } from './file-writer.js'
import { writeFailed } from './write-failed.js'

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
}

/** A directory target: `transaction` commits by moving files into place, rolls back by deleting them. */
export interface FileTarget {
  /**
   * Run `work` with a Writer into a fresh temp directory; when it resolves, finish every file, write
   * `manifest.json` and move the files into `dir` (same-named files replaced, others left alone).
   * When it throws, the temp directory is removed and the error rethrown unchanged.
   */
  transaction<T>(work: (w: Writer) => Promise<T>): Promise<T>
  /** Nothing to release; later transactions are refused. */
  close(): Promise<void>
}

const FORMATS: readonly FileFormat[] = ['csv', 'json', 'ndjson', 'sql']

/** Open a directory as a target. Fails with TDG_USAGE for an unknown format or `sql` without a dialect. */
export function openFileTarget(opts: FileTargetOptions): FileTarget {
  if (!FORMATS.includes(opts.format)) {
    throw new TdgError('TDG_USAGE', `unknown output format '${String(opts.format)}' (expected ${FORMATS.join(', ')})`)
  }
  if (opts.format === 'sql' && !opts.dialect) throw new TdgError('TDG_USAGE', `${opts.dir}: the sql format needs a dialect`, { dir: opts.dir })
  let closed = false
  return {
    async transaction<T>(work: (w: Writer) => Promise<T>): Promise<T> {
      if (closed) throw new TdgError('TDG_INTERNAL', `${opts.dir}: file target used after close`, { dir: opts.dir })
      const dir = resolve(opts.dir)
      await assertDirOrMissing(opts.dir, dir)
      let createdParent: string | undefined
      let tmp: string
      try {
        createdParent = await mkdir(dirname(dir), { recursive: true })
        tmp = await mkdtemp(`${dir}.tdg-tmp-`)
      } catch (e) {
        throw writeFailed(opts.dir, e)
      }
      const writer = new FileWriter({ dir: opts.dir, tmp, format: opts.format, tables: opts.tables, ...(opts.dialect ? { dialect: opts.dialect } : {}) })
      try {
        const result = await work(writer)
        const written = await writer.finish()
        await writeManifest(opts, tmp, written)
        await publish(opts.dir, tmp, dir, [...written.files, 'manifest.json'])
        await rm(tmp, { recursive: true, force: true })
        return result
      } catch (e) {
        await writer.abort()
        // Only what this transaction created goes: the temp dir, and parents made for it.
        await rm(createdParent ?? tmp, { recursive: true, force: true }).catch(() => undefined)
        throw e
      }
    },
    async close(): Promise<void> {
      closed = true
    },
  }
}

/** Fail early, before any work, when `dir` exists but is not a directory. */
async function assertDirOrMissing(shown: string, dir: string): Promise<void> {
  const st = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined
    throw writeFailed(shown, e)
  })
  if (st && !st.isDirectory()) throw new TdgError('TDG_WRITE_FAILED', `${shown}: not a directory`, { dir: shown })
}

/** `manifest.json`: deterministic (no timestamps), pretty-printed, bigints as strings. */
async function writeManifest(opts: FileTargetOptions, tmp: string, w: WrittenFiles): Promise<void> {
  const manifest = {
    format: opts.format,
    ...(opts.format === 'sql' && opts.dialect ? { dialect: opts.dialect.id } : {}),
    tables: w.tables,
    fixups: w.fixups,
    ...(w.pre ? { pre: w.pre } : {}),
    ...opts.manifest,
  }
  const text = `${JSON.stringify(manifest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`
  try {
    await writeFile(join(tmp, 'manifest.json'), text)
  } catch (e) {
    throw writeFailed(opts.dir, e, 'manifest.json')
  }
}

/**
 * Move `files` (relative paths) from `tmp` into `dir`. Every destination is checked first, so the common
 * failures (a directory where a file goes) stop before anything moves; each rename then replaces one
 * file atomically. The manifest is last in `files`, so it appears only once the data files are in place.
 */
async function publish(shown: string, tmp: string, dir: string, files: string[]): Promise<void> {
  try {
    await mkdir(dir, { recursive: true })
    if (files.some((f) => f.includes('/'))) await mkdir(join(dir, 'fixups'), { recursive: true })
  } catch (e) {
    throw writeFailed(shown, e)
  }
  for (const f of files) {
    const st = await lstat(join(dir, f)).catch(() => undefined)
    if (st?.isDirectory()) throw new TdgError('TDG_WRITE_FAILED', `${shown}: ${f}: is a directory`, { dir: shown, file: f })
  }
  for (const f of files) {
    try {
      await rename(join(tmp, f), join(dir, f))
    } catch (e) {
      throw writeFailed(shown, e, f)
    }
  }
}
