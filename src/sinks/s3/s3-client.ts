/**
 * The S3 client of an output: the SDK's standard credential chain (environment, shared config and
 * credential files, SSO, web identity, container and instance roles) unless credentials are given;
 * an endpoint for S3-compatible stores (path-style addressing); a region.
 */
import type { S3Client } from '@aws-sdk/client-s3'
import { redactUrl } from '../../adapter/redact-url.js'
import { TdgError } from '../../errors.js'

/** How to reach S3. Every field is optional; the defaults are AWS's own. */
export interface S3Options {
  /**
   * An S3-compatible endpoint (`http://127.0.0.1:7480`, MinIO, Ceph, R2…); requests then use path-style
   * addressing (`endpoint/bucket/key`). Default: `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`, else AWS.
   */
  endpoint?: string
  /** Default: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else `us-east-1`. */
  region?: string
  /** Explicit keys (for programs that hold them); default: the SDK's credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
}

/** The endpoint in effect (option, then environment), checked; undefined means AWS itself. */
export function resolveEndpoint(opts: S3Options): string | undefined {
  const raw = opts.endpoint ?? (process.env.AWS_ENDPOINT_URL_S3 || undefined) ?? (process.env.AWS_ENDPOINT_URL || undefined)
  if (raw === undefined) return undefined
  let u: URL | undefined
  try {
    u = new URL(raw)
  } catch {
    u = undefined
  }
  if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.username || u.password) {
    const from = opts.endpoint !== undefined ? '--s3-endpoint' : process.env.AWS_ENDPOINT_URL_S3 ? 'AWS_ENDPOINT_URL_S3' : 'AWS_ENDPOINT_URL'
    throw new TdgError('TDG_USAGE', `${from} '${redactUrl(raw)}' is not an http(s) URL without credentials (e.g. http://127.0.0.1:7480)`)
  }
  return raw
}

/** The region in effect: option, then `AWS_REGION`, `AWS_DEFAULT_REGION`, else us-east-1. */
export function resolveRegion(opts: S3Options): string {
  return opts.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1'
}

/** Make the client (the SDK is imported here, on first use, so local output never loads it). */
export async function makeS3Client(opts: S3Options): Promise<S3Client> {
  const endpoint = resolveEndpoint(opts)
  // The SDK warns on stderr about Node versions its future releases will drop: noise on a CLI whose
  // stderr carries one error line, and nothing about this run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const { S3Client } = await import('@aws-sdk/client-s3')
  return new S3Client({
    region: resolveRegion(opts),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  })
}
