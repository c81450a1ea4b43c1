/**
 * The one way to open a file output, whatever it names: a local directory (`openFileTarget`: temp dir,
 * swapped in whole on commit) or `s3://bucket/prefix/` (`openS3Target`: objects streamed, manifest
 * last). Both are a `FileTarget` (`transaction(work)` with a Writer, then `close()`), so generate and
 * export run the same pipeline into either. Any other `scheme://` is refused rather than taken for a
 * directory name.
 */
import type { SqlDialect, Writer } from '../adapter/adapter.js'
import { TdgError } from '../errors.js'
import type { Table } from '../model/schema.js'
import { openFileTarget, type FileFormat, type FileTarget } from './file-target.js'
import type { ParquetOptions } from './parquet/options.js'
import { resolveEndpoint, type S3Options } from './s3/s3-client.js'
import { isS3Output, parseS3Url } from './s3/s3-url.js'

export type { S3Options } from './s3/s3-client.js'

/** Options of `openOutputTarget`. */
export interface OutputTargetOptions {
  /** A directory path, or `s3://bucket/prefix/`. */
  output: string
  format: FileFormat
  /** SQL dialect of the INSERT scripts; required for `sql`, ignored otherwise. */
  dialect?: SqlDialect
  /** Tables that may be written, for column types. */
  tables: Table[]
  /** Extra manifest fields (e.g. `{ seed }`), added after the standard ones. */
  manifest?: Record<string, unknown>
  /** `parquet` only: compression, row group size, parts (see sinks/parquet/options.ts). */
  parquet?: ParquetOptions
  /** Replace an output holding files/objects that are not an earlier tdg output. Default false. */
  force?: boolean
  /** S3 endpoint, region, credentials (s3:// outputs only; defaults: the AWS environment). */
  s3?: S3Options
  /** One line on what a failed S3 run cleaned up (the CLI prints it on stderr). Default: silent. */
  report?: (line: string) => void
}

/** True when `output` is a remote destination rather than a local path. */
export function isRemoteOutput(output: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(output)
}

/**
 * Check an output string and its S3 options without opening anything: TDG_URL_INVALID for a bad
 * `s3://` URL or an unsupported scheme, TDG_USAGE for a bad endpoint. For commands that want to fail
 * before reading a schema; `openOutputTarget` runs the same checks.
 */
export function checkOutput(output: string, s3: S3Options = {}): void {
  if (!isRemoteOutput(output)) return
  if (!isS3Output(output)) {
    const scheme = output.slice(0, output.indexOf(':'))
    throw new TdgError('TDG_URL_INVALID', `${scheme}://…: not a supported output destination (a directory or s3://bucket/prefix/)`, { scheme })
  }
  parseS3Url(output)
  resolveEndpoint(s3)
}

/**
 * Open the output `opts.output` names. Throws TDG_URL_INVALID for a bad `s3://` URL or another
 * scheme, TDG_USAGE for a bad format; connection and credential problems come with the first
 * transaction (before any row is generated). The S3 code and SDK are loaded only for s3:// outputs.
 */
export function openOutputTarget(opts: OutputTargetOptions): FileTarget {
  if (!isRemoteOutput(opts.output)) {
    return openFileTarget({
      dir: opts.output,
      format: opts.format,
      tables: opts.tables,
      ...(opts.dialect ? { dialect: opts.dialect } : {}),
      ...(opts.manifest ? { manifest: opts.manifest } : {}),
      ...(opts.parquet ? { parquet: opts.parquet } : {}),
      ...(opts.force ? { force: true } : {}),
    })
  }
  checkOutput(opts.output, opts.s3)
  // Checked now, like a directory's format: a bad URL or format fails before any work.
  const location = parseS3Url(opts.output)
  openFileTarget({ dir: location.url, format: opts.format, tables: [], ...(opts.dialect ? { dialect: opts.dialect } : {}), ...(opts.parquet ? { parquet: opts.parquet } : {}) })
  let target: FileTarget | undefined
  let closed = false
  const load = async (): Promise<FileTarget> => {
    const { openS3Target } = await import('./s3/s3-target.js')
    return (target ??= openS3Target({
      location,
      format: opts.format,
      tables: opts.tables,
      ...(opts.dialect ? { dialect: opts.dialect } : {}),
      ...(opts.manifest ? { manifest: opts.manifest } : {}),
      ...(opts.parquet ? { parquet: opts.parquet } : {}),
      ...(opts.force ? { force: true } : {}),
      ...(opts.s3 ? { s3: opts.s3 } : {}),
      ...(opts.report ? { report: opts.report } : {}),
    }))
  }
  return {
    async transaction<T>(work: (w: Writer) => Promise<T>): Promise<T> {
      if (closed) throw new TdgError('TDG_INTERNAL', `${location.url}: S3 target used after close`, { output: location.url })
      return (await load()).transaction(work)
    },
    async close(): Promise<void> {
      closed = true
      await target?.close()
    },
  }
}
