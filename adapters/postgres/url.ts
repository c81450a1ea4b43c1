/**
 * `postgres://` / `postgresql://` URLs → pg connection settings. Options come from the query string:
 * `schema` (comma-separated schemas to introspect), `sslmode`, `ssl`, `connect_timeout` (seconds),
 * `application_name` and `host` (a Unix socket directory).
 */
import { TdgError } from '../../src/errors.js'
import { redactUrl } from '../../src/adapter/redact-url.js'

export { redactUrl }

/** What `connect()` needs from a URL. */
export interface PostgresUrl {
  host: string
  port: number
  user?: string
  password?: string
  database?: string
  /** Schemas to introspect by default; `['public']` unless `?schema=` says otherwise. */
  schemas: string[]
  /** pg's `ssl` setting derived from `sslmode`/`ssl`; `false` = plain TCP. */
  ssl: false | { rejectUnauthorized: boolean }
  /** Connect timeout in milliseconds; default 5000. */
  connectTimeoutMs: number
  applicationName: string
  /** The URL with the password replaced by `***`. */
  redacted: string
}

const KNOWN_OPTIONS = ['schema', 'sslmode', 'ssl', 'connect_timeout', 'application_name', 'host']

/**
 * Parse a PostgreSQL URL. `sslmode=disable|allow|prefer` → no TLS (pg cannot fall back, so the
 * lenient modes stay plain), `require` → TLS without certificate checks, `verify-ca|verify-full` →
 * TLS with checks. Throws TDG_URL_INVALID (never echoing the password) for anything malformed.
 */
export function parsePostgresUrl(url: string): PostgresUrl {
  const redacted = redactUrl(url)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    // The parser's own message would echo the URL, password included: say it in our words.
    throw new TdgError('TDG_URL_INVALID', `malformed PostgreSQL URL ${redacted}`, { url: redacted })
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new TdgError('TDG_URL_INVALID', `not a PostgreSQL URL: ${redacted}`, { url: redacted })
  }
  for (const key of u.searchParams.keys()) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TdgError('TDG_URL_INVALID', `unknown option '${key}' in ${redacted} (known: ${KNOWN_OPTIONS.join(', ')})`, { url: redacted })
    }
  }
  const q = u.searchParams
  const port = u.port === '' ? 5432 : Number(u.port)
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  const schemas = (q.get('schema') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const timeout = q.get('connect_timeout')
  const connectTimeoutMs = timeout !== null && Number(timeout) > 0 ? Number(timeout) * 1000 : 5000
  // `new URL` keeps IPv6 brackets; pg wants the bare address.
  const host = q.get('host') ?? (u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost')
  return {
    host,
    port,
    ...(u.username !== '' ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password !== '' ? { password: decodeURIComponent(u.password) } : {}),
    ...(database !== '' ? { database } : {}),
    schemas: schemas.length > 0 ? schemas : ['public'],
    ssl: sslFrom(q.get('sslmode'), q.get('ssl'), redacted),
    connectTimeoutMs,
    applicationName: q.get('application_name') ?? 'tdg',
    redacted,
  }
}

function sslFrom(sslmode: string | null, ssl: string | null, redacted: string): PostgresUrl['ssl'] {
  if (sslmode !== null) {
    switch (sslmode) {
      case 'disable':
      case 'allow':
      case 'prefer':
        return false
      case 'require':
      case 'no-verify':
        return { rejectUnauthorized: false }
      case 'verify-ca':
      case 'verify-full':
        return { rejectUnauthorized: true }
      default:
        throw new TdgError('TDG_URL_INVALID', `unknown sslmode '${sslmode}' in ${redacted}`, { url: redacted })
    }
  }
  if (ssl === 'true' || ssl === '1') return { rejectUnauthorized: false }
  return false
}
