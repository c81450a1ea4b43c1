/**
 * An `s3://bucket/prefix/` destination with the file target's transaction shape. Every file is an
 * object streamed as it is written (`S3ObjectFile`); objects become visible only when the work has
 * succeeded and the files are finished, and `manifest.json` is written LAST: it is the commit marker.
 *
 * An S3 prefix cannot be swapped atomically the way a local directory is, so:
 * - before anything is written, the prefix must be empty, or an earlier tdg output (it holds
 *   `manifest.json`), or `force` is set; otherwise TDG_USAGE, as for a directory;
 * - a failure while rows are written (an error, an interrupt) aborts the multipart uploads: nothing of
 *   this run exists and the earlier output is untouched;
 * - on commit the earlier manifest is deleted first, then the objects complete, the new manifest is
 *   written, and the earlier output's objects this run did not rewrite are deleted (replaced as a whole);
 * - a failure during the commit deletes what this run completed and what is left of the earlier output
 *   (no manifest would describe it any more).
 * What was cleaned up is said through `report` (one line); the run's own error is rethrown unchanged.
 */
import type { S3Client } from '@aws-sdk/client-s3'
import { AbortMultipartUploadCommand, DeleteObjectCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3'
import type { SqlDialect, Writer } from '../../adapter/adapter.js'
import { TdgError } from '../../errors.js'
import type { Table } from '../../model/schema.js'
import type { FileTarget } from '../file-target.js'
import { FileWriter, type FileFormat } from '../file-writer.js'
import { MANIFEST_FILE, manifestText } from '../manifest.js'
import { makeS3Client, resolveEndpoint, type S3Options } from './s3-client.js'
import { s3Failure } from './s3-errors.js'
import { S3ObjectFile } from './s3-object-file.js'
import type { ParquetOptions } from '../parquet/options.js'
import type { S3Location } from './s3-url.js'

/** Options of `openS3Target`. */
export interface S3TargetOptions {
  location: S3Location
  format: FileFormat
  /** SQL dialect of the INSERT scripts; required for `sql`. */
  dialect?: SqlDialect
  tables: Table[]
  /** Extra manifest fields (e.g. `{ seed }`). */
  manifest?: Record<string, unknown>
  /** `parquet` only: compression, row group size, parts. */
  parquet?: ParquetOptions
  /** Write even when the prefix holds objects that are not an earlier tdg output (they are replaced). */
  force?: boolean
  s3?: S3Options
  /** One line about a rollback's cleanup (or a commit's leftovers); default: nothing is said. */
  report?: (line: string) => void
}

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  sql: 'application/sql; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
}

/** Deletes run this many requests at once (DeleteObject one by one: every S3-compatible store has it). */
const DELETE_CONCURRENCY = 8

/** Open `s3://bucket/prefix/` as a target; no request is made before the first transaction. */
export function openS3Target(opts: S3TargetOptions): FileTarget {
  const { url } = opts.location
  if (opts.format === 'sql' && !opts.dialect) throw new TdgError('TDG_USAGE', `${url}: the sql format needs a dialect`, { output: url })
  let closed = false
  let client: S3Client | undefined
  return {
    async transaction<T>(work: (w: Writer) => Promise<T>): Promise<T> {
      if (closed) throw new TdgError('TDG_INTERNAL', `${url}: S3 target used after close`, { output: url })
      client ??= await makeS3Client(opts.s3 ?? {})
      return runTransaction(client, opts, work)
    },
    async close(): Promise<void> {
      closed = true
      client?.destroy()
      client = undefined
    },
  }
}

async function runTransaction<T>(client: S3Client, opts: S3TargetOptions, work: (w: Writer) => Promise<T>): Promise<T> {
  const { bucket, prefix, url } = opts.location
  // Connection problems name the endpoint of an S3-compatible store (never credentials: none are in it).
  const endpoint = resolveEndpoint(opts.s3 ?? {})
  const earlier = await inspectPrefix(client, opts.location, opts.force === true, endpoint ? `${url} at ${endpoint}` : url)
  const files: S3ObjectFile[] = []
  const writer = new FileWriter({
    dir: url,
    tmp: '',
    format: opts.format,
    tables: opts.tables,
    ...(opts.dialect ? { dialect: opts.dialect } : {}),
    ...(opts.parquet ? { parquet: opts.parquet } : {}),
    open: (rel) => {
      const ext = rel.slice(rel.lastIndexOf('.') + 1)
      const f = new S3ObjectFile({ client, bucket, key: prefix + rel, url, ...(CONTENT_TYPES[ext] ? { contentType: CONTENT_TYPES[ext] } : {}) }, rel)
      files.push(f)
      return f
    },
  })
  const manifestKey = prefix + MANIFEST_FILE
  let committing = false
  let manifestTried = false
  try {
    const result = await work(writer)
    committing = true
    // From here the earlier output changes: without its manifest it is no longer a committed output.
    if (earlier.hasManifest) await deleteObject(client, bucket, manifestKey, url)
    const written = await writer.finish()
    manifestTried = true
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: manifestKey, Body: manifestText(opts, written), ContentType: 'application/json' }))
    } catch (e) {
      throw s3Failure('TDG_WRITE_FAILED', url, e, MANIFEST_FILE)
    }
    const mine = new Set([manifestKey, ...files.map((f) => f.key)])
    const stale = earlier.keys.filter((k) => !mine.has(k))
    const left = await deleteAll(client, bucket, stale)
    if (left.length > 0) opts.report?.(`${url}: written; ${left.length} object${left.length === 1 ? '' : 's'} of the earlier output could not be deleted (${left[0]}…)`)
    return result
  } catch (e) {
    await writer.abort()
    opts.report?.(await rollBack(client, opts.location, { files, earlier, committing, manifestTried }))
    throw e
  }
}

/** What was under the prefix before the run. */
interface Earlier {
  hasManifest: boolean
  /** Every key under the prefix (only listed when it is an earlier output or `force` is on). */
  keys: string[]
}

/**
 * Refuse a prefix holding objects that are not an earlier tdg output (no manifest) unless `force`;
 * list what a successful run replaces. Connection, credential and bucket problems surface here, before
 * any row is generated, as TDG_CONNECT_FAILED.
 */
async function inspectPrefix(client: S3Client, loc: S3Location, force: boolean, where: string): Promise<Earlier> {
  const { bucket, prefix, url } = loc
  // A listing first: its error body tells a missing bucket and bad keys apart (a HEAD's has no body).
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 })).catch((e: unknown) => {
    throw s3Failure('TDG_CONNECT_FAILED', where, e)
  })
  if ((page.KeyCount ?? page.Contents?.length ?? 0) === 0) return { hasManifest: false, keys: [] }
  let hasManifest = false
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: prefix + MANIFEST_FILE }))
    hasManifest = true
  } catch (e) {
    if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== 404) throw s3Failure('TDG_CONNECT_FAILED', where, e)
  }
  if (!hasManifest && !force) {
    throw new TdgError('TDG_USAGE', `${url}: the prefix holds objects that are not tdg output (no ${MANIFEST_FILE}); pass --force to replace them`, { output: url })
  }
  return { hasManifest, keys: await listKeys(client, loc, where) }
}

/** Every key under the prefix. */
async function listKeys(client: S3Client, loc: S3Location, where: string): Promise<string[]> {
  const keys: string[] = []
  let token: string | undefined
  do {
    const page = await client
      .send(new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: loc.prefix, ...(token ? { ContinuationToken: token } : {}) }))
      .catch((e: unknown) => {
        throw s3Failure('TDG_CONNECT_FAILED', where, e)
      })
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key)
    token = page.IsTruncated ? page.NextContinuationToken : undefined
  } while (token)
  return keys
}

async function deleteObject(client: S3Client, bucket: string, key: string, url: string): Promise<void> {
  try {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
  } catch (e) {
    throw s3Failure('TDG_WRITE_FAILED', url, e, key)
  }
}

/** Delete `keys`; returns the ones that could not be deleted. Never throws. */
async function deleteAll(client: S3Client, bucket: string, keys: string[]): Promise<string[]> {
  const failed: string[] = []
  for (let i = 0; i < keys.length; i += DELETE_CONCURRENCY) {
    await Promise.all(
      keys.slice(i, i + DELETE_CONCURRENCY).map((Key) =>
        client.send(new DeleteObjectCommand({ Bucket: bucket, Key })).then(
          () => undefined,
          () => void failed.push(Key),
        ),
      ),
    )
  }
  return failed
}

/**
 * After `writer.abort()` (every unfinished upload cancelled and its multipart upload aborted): delete the
 * objects this run completed (and, when the commit had begun, the rest of the earlier output), abort any
 * multipart upload of this run's keys still listed, and say what was done. Never throws.
 */
async function rollBack(
  client: S3Client,
  loc: S3Location,
  run: { files: S3ObjectFile[]; earlier: Earlier; committing: boolean; manifestTried: boolean },
): Promise<string> {
  const { bucket, prefix, url } = loc
  const manifestKey = prefix + MANIFEST_FILE
  const cancelled = run.files.filter((f) => !f.completed).length
  const doomed = new Set(run.files.filter((f) => f.completed).map((f) => f.key))
  if (run.manifestTried) doomed.add(manifestKey)
  const earlierGone = run.committing && run.earlier.keys.length > 0
  if (earlierGone) for (const k of run.earlier.keys) doomed.add(k)
  const left = await deleteAll(client, bucket, [...doomed])
  const mine = new Set(run.files.map((f) => f.key))
  let pendingLeft = 0
  try {
    let keyMarker: string | undefined
    let uploadIdMarker: string | undefined
    do {
      const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, ...(keyMarker ? { KeyMarker: keyMarker } : {}), ...(uploadIdMarker ? { UploadIdMarker: uploadIdMarker } : {}) }))
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId || !mine.has(u.Key)) continue
        await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId })).catch(() => void pendingLeft++)
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined
      uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined
    } while (keyMarker)
  } catch {
    pendingLeft = Math.max(pendingLeft, 1)
  }
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`
  const done = `rolled back: ${n(cancelled, 'upload')} cancelled, ${n(doomed.size - left.length, 'object')} deleted${earlierGone ? ' (the earlier output included)' : ''}`
  if (left.length === 0 && pendingLeft === 0) return `${url}: ${done}; nothing of this run is left`
  const problems = [
    ...(left.length > 0 ? [`${n(left.length, 'object')} could not be deleted (${left[0]}…)`] : []),
    ...(pendingLeft > 0 ? ['unfinished multipart uploads may remain (abort them, or set a lifecycle rule)'] : []),
  ]
  return `${url}: ${done}; ${problems.join('; ')}`
}
