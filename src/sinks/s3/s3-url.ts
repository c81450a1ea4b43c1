/**
 * `s3://bucket/prefix/` output strings. Parsing needs no AWS SDK, so a bad URL is refused before
 * anything heavy loads or any request is made.
 */
import { redactUrl } from '../../adapter/redact-url.js'
import { TdgError } from '../../errors.js'

/** Where an S3 output goes. */
export interface S3Location {
  bucket: string
  /** Key prefix of every object: '' (the bucket's root) or ending in '/'. */
  prefix: string
  /** `s3://bucket/prefix/`, for messages. */
  url: string
}

/** True when `output` names an S3 destination (`s3://…`); any other `scheme://` is refused by the caller. */
export function isS3Output(output: string): boolean {
  return /^s3:\/\//i.test(output)
}

/** Bucket names S3 and S3-compatible stores accept (3–63 characters; legacy upper case and `_` allowed). */
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,61}[A-Za-z0-9]$/

/**
 * Parse `s3://bucket[/prefix[/]]`. The prefix is taken as a folder: `s3://b/data` writes `data/…`.
 * Fails with TDG_URL_INVALID naming what is wrong (no bucket, a bad bucket name, a query or fragment,
 * control characters).
 */
export function parseS3Url(output: string): S3Location {
  const shown = redactUrl(output)
  const bad = (why: string) => new TdgError('TDG_URL_INVALID', `${shown}: ${why} (expected s3://bucket/prefix/)`, { output: shown })
  if (!isS3Output(output)) throw bad('not an s3:// URL')
  const rest = output.slice('s3://'.length)
  if (/[\u0000-\u001f\u007f]/.test(rest)) throw bad('control characters in the URL')
  if (/[?#]/.test(rest)) throw bad('a query or fragment has no meaning here')
  const slash = rest.indexOf('/')
  const bucket = slash < 0 ? rest : rest.slice(0, slash)
  if (bucket === '') throw bad('no bucket name')
  if (bucket.includes('@') || bucket.includes(':')) throw bad('keys or a host in the URL: put the endpoint in --s3-endpoint and keys in the environment')
  if (!BUCKET.test(bucket) || bucket.includes('..')) throw bad(`'${bucket}' is not a valid bucket name`)
  let prefix = slash < 0 ? '' : rest.slice(slash + 1)
  if (prefix.startsWith('/')) throw bad('an empty path segment after the bucket')
  if (prefix !== '' && !prefix.endsWith('/')) prefix += '/'
  if (prefix.split('/').slice(0, -1).some((seg) => seg === '' || seg === '.' || seg === '..')) throw bad("empty, '.' or '..' path segments in the prefix")
  return { bucket, prefix, url: `s3://${bucket}/${prefix}` }
}
