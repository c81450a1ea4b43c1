/**
 * `mysql://` / `mariadb://` URLs → mysql2 connection settings. The path names the database (required:
 * tdg works inside one database). Query options: `ssl` (`true`/`require` → TLS without certificate
 * checks, `verify` → with checks, `false` → none), `sslmode` (the same words as PostgreSQL's),
 * `connect_timeout` (seconds, default 5), `socket` (a Unix socket path), `local_infile` (`false` turns
 * the LOAD DATA path off), `charset`.
 */
import { TdgError } from '../../src/errors.js'
import { redactUrl } from '../../src/adapter/redact-url.js'

/** What `connect()` needs from a URL. */
export interface MysqlUrl {
  host: string
  port: number
  socketPath?: string
  user?: string
  password?: string
  database: string
  ssl?: { rejectUnauthorized: boolean }
  connectTimeoutMs: number
  /** Use LOAD DATA LOCAL INFILE when the server allows it; default true. */
  localInfile: boolean
  charset: string
  /** The URL with the password replaced by `***`. */
  redacted: string
}

const KNOWN_OPTIONS = ['ssl', 'sslmode', 'connect_timeout', 'socket', 'local_infile', 'charset']

/** Parse a MySQL/MariaDB URL; TDG_URL_INVALID (never echoing the password) for anything malformed. */
export function parseMysqlUrl(url: string): MysqlUrl {
  const redacted = redactUrl(url)
  let u: URL
  try {
    u = new URL(url)
  } catch {
    throw new TdgError('TDG_URL_INVALID', `malformed MySQL URL ${redacted}`, { url: redacted })
  }
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') throw new TdgError('TDG_URL_INVALID', `not a MySQL URL: ${redacted}`, { url: redacted })
  for (const key of u.searchParams.keys()) {
    if (!KNOWN_OPTIONS.includes(key)) throw new TdgError('TDG_URL_INVALID', `unknown option '${key}' in ${redacted} (known: ${KNOWN_OPTIONS.join(', ')})`, { url: redacted })
  }
  const q = u.searchParams
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''))
  if (database === '' || database.includes('/')) {
    throw new TdgError('TDG_URL_INVALID', `${redacted} names no database (expected mysql://user@host:3306/database)`, { url: redacted })
  }
  const timeout = q.get('connect_timeout')
  if (timeout !== null && !(Number(timeout) > 0)) throw new TdgError('TDG_URL_INVALID', `connect_timeout must be a positive number of seconds in ${redacted}`, { url: redacted })
  const socket = q.get('socket')
  const ssl = sslFrom(q.get('sslmode') ?? q.get('ssl'), redacted)
  const localInfile = (q.get('local_infile') ?? 'true').toLowerCase()
  if (!['true', 'false', '1', '0'].includes(localInfile)) throw new TdgError('TDG_URL_INVALID', `local_infile must be true or false in ${redacted}`, { url: redacted })
  return {
    host: u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: u.port === '' ? 3306 : Number(u.port),
    ...(socket ? { socketPath: socket } : {}),
    ...(u.username !== '' ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.password !== '' ? { password: decodeURIComponent(u.password) } : {}),
    database,
    ...(ssl ? { ssl } : {}),
    connectTimeoutMs: timeout !== null ? Number(timeout) * 1000 : 5000,
    localInfile: localInfile === 'true' || localInfile === '1',
    charset: q.get('charset') ?? 'utf8mb4',
    redacted,
  }
}

function sslFrom(mode: string | null, redacted: string): MysqlUrl['ssl'] | undefined {
  if (mode === null) return undefined
  switch (mode.toLowerCase()) {
    case 'false':
    case '0':
    case 'disable':
    case 'disabled':
    case 'prefer':
    case 'preferred':
      return undefined
    case 'true':
    case '1':
    case 'require':
    case 'required':
      return { rejectUnauthorized: false }
    case 'verify':
    case 'verify-ca':
    case 'verify_ca':
    case 'verify-full':
    case 'verify_identity':
      return { rejectUnauthorized: true }
    default:
      throw new TdgError('TDG_URL_INVALID', `unknown ssl mode '${mode}' in ${redacted}`, { url: redacted })
  }
}
