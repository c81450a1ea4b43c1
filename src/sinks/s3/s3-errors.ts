/**
 * SDK and network errors of an S3 output as one TdgError line: `<s3 url>: [<key>: ]<reason>`. Reasons
 * come from the error's name, code and HTTP status only, never from its message text, so no signed
 * URL, header or key can reach the line; the original error travels as `cause` (shown with --debug).
 */
import { isTdgError, TdgError, type ErrorCode } from '../../errors.js'

interface SdkErrorShape {
  name?: unknown
  code?: unknown
  Code?: unknown
  $metadata?: { httpStatusCode?: number }
  cause?: unknown
}

const BY_NAME: Record<string, string> = {
  NoSuchBucket: 'no such bucket',
  AccessDenied: 'access denied',
  AllAccessDisabled: 'access denied',
  InvalidAccessKeyId: 'the access key is not known to the server',
  SignatureDoesNotMatch: 'the secret key does not match the access key',
  ExpiredToken: 'the session token has expired',
  InvalidToken: 'the session token is not valid',
  CredentialsProviderError: 'no AWS credentials found (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, shared files, SSO or an instance role)',
  InvalidBucketName: 'not a valid bucket name for this server',
  PermanentRedirect: 'the bucket is in another region (set --s3-region)',
  AuthorizationHeaderMalformed: 'the request was signed for the wrong region (set --s3-region)',
  NoSuchUpload: 'the multipart upload was cancelled on the server',
  EntityTooLarge: 'an object is larger than the server accepts',
  QuotaExceeded: 'the storage quota is exceeded',
  SlowDown: 'the server asks to slow down (request rate)',
  ServiceUnavailable: 'the service is unavailable',
  RequestTimeout: 'the request timed out',
  TimeoutError: 'the request timed out',
  AbortError: 'the upload was cancelled',
}

const BY_CODE: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
}

/** Words for an SDK or socket error: known names and codes, else the name and HTTP status. */
export function s3Reason(e: unknown): string {
  const seen = new Set<unknown>()
  // Network errors may sit one or two `cause`s down.
  for (let x: unknown = e; x && typeof x === 'object' && !seen.has(x); x = (x as SdkErrorShape).cause) {
    seen.add(x)
    const { name, code, Code } = x as SdkErrorShape
    if (typeof code === 'string' && BY_CODE[code]) return BY_CODE[code] as string
    if (typeof name === 'string' && BY_NAME[name]) return BY_NAME[name] as string
    if (typeof Code === 'string' && BY_NAME[Code]) return BY_NAME[Code] as string
  }
  const { name, $metadata } = (e ?? {}) as SdkErrorShape
  const status = $metadata?.httpStatusCode
  if (status === 403) return 'access denied (HTTP 403)'
  if (status === 404) return 'not found (HTTP 404)'
  const label = typeof name === 'string' && /^[A-Za-z]{2,60}$/.test(name) && name !== 'Error' ? name : 'request failed'
  return status ? `${label} (HTTP ${status})` : label
}

/**
 * Wrap `e` as `code` for `url` (a TdgError passes unchanged). `what` names the object or step when the
 * reason alone would not say where it happened.
 */
export function s3Failure(code: ErrorCode, url: string, e: unknown, what?: string): TdgError {
  if (isTdgError(e)) return e
  return new TdgError(code, `${url}: ${what ? `${what}: ` : ''}${s3Reason(e)}`, { output: url }, { cause: e })
}
