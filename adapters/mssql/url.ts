/**
 * `mssql://` / `sqlserver://` URLs → tedious connection settings:
 *
 *   mssql://user:password@host[:port]/database?encrypt=true&trustServerCertificate=false&schema=dbo,Sales
 *
 * Options (query string): `encrypt` (true | false | strict; default true, as tedious), `trustServerCertificate`
 * (default false), `schema` (comma-separated schemas to introspect; default every user schema),
 * `instance` (named instance, resolved through SQL Browser), `connect_timeout` (seconds, default 15),
 * `application_name`, `bulk` (false: write with multi-row INSERT instead of TDS bulk load).
 * Booleans accept true/false/1/0/yes/no.
 */
import { TdgError } from '../../src/errors.js'
import { redactUrl } from '../../src/adapter/redact-url.js'

/** What `connect()` needs from a URL. */
export interface MssqlUrl {
  server: string
  port?: number
  instanceName?: string
  user?: string
  password?: string
  database?: string
  /** Schemas to introspect; empty = every user schema. */
  schemas: string[]
  encrypt: boolean | 'strict'
  trustServerCertificate: boolean
  connectTimeoutMs: number
  appName: string
  /** TDS bulk load for inserts (default true); false = multi-row INSERT statements. */
  bulk: boolean
  /** The URL with the password replaced by `***`. */
  redacted: string
}

const KNOWN_OPTIONS = ['encrypt', 'trustServerCertificate', 'schema', 'instance', 'connect_timeout', 'application_name', 'bulk']

/** Parse an SQL Server URL; TDG_URL_INVALID (never echoing the password) for anything malformed. */
export function parseMssqlUrl(url: string): MssqlUrl {
  const redacted = redactUrl(url)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new TdgError('TDG_URL_INVALID', `malformed SQL Server URL ${redacted}`, { url: redacted })
  }
  if (u.protocol !== 'mssql:' && u.protocol !== 'sqlserver:') throw new TdgError('TDG_URL_INVALID', `not an SQL Server URL: ${redacted}`, { url: redacted })
  for (const key of u.searchParams.keys()) {
    if (!KNOWN_OPTIONS.includes(key)) {
      throw new TdgError('TDG_URL_INVALID', `unknown option '${key}' in ${redacted} (known: ${KNOWN_OPTIONS.join(', ')})`, { url: redacted })
    }
  }
  const q = u.searchParams
  const bool = (key: string, dflt: boolean): boolean => {
    const v = q.get(key)
    if (v === null) return dflt
    const s = v.toLowerCase()
    if (['true', '1', 'yes'].includes(s)) return true
    if (['false', '0', 'no'].includes(s)) return false
    throw new TdgError('TDG_URL_INVALID', `option '${key}' in ${redacted} must be true or false, not '${v}'`, { url: redacted })
  }
  const enc = q.get('encrypt')?.toLowerCase()
  const encrypt = enc === 'strict' ? 'strict' : bool('encrypt', true)
  const path = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (path.includes('/')) throw new TdgError('TDG_URL_INVALID', `SQL Server URL ${redacted} has more than a database name in its path`, { url: redacted })
  const timeout = q.get('connect_timeout')
  if (timeout !== null && !(Number(timeout) > 0)) throw new TdgError('TDG_URL_INVALID', `option 'connect_timeout' in ${redacted} must be a positive number of seconds`, { url: redacted })
  const instanceName = q.get('instance') ?? undefined
  const schemas = (q.get('schema') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  return {
    server: u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    // A named instance's port comes from SQL Browser unless one is given.
    ...(u.port !== '' ? { port: Number(u.port) } : instanceName === undefined ? { port: 1433 } : {}),
    ...(instanceName !== undefined ? { instanceName } : {}),
    ...(u.username !== '' ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password !== '' ? { password: decodeURIComponent(u.password) } : {}),
    ...(path !== '' ? { database: path } : {}),
    schemas,
    encrypt,
    trustServerCertificate: bool('trustServerCertificate', false),
    connectTimeoutMs: timeout !== null ? Number(timeout) * 1000 : 15_000,
    appName: q.get('application_name') ?? 'tdg',
    bulk: bool('bulk', true),
    redacted,
  }
}
