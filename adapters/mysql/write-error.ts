/**
 * Driver errors and warnings during writes → TDG_WRITE_FAILED naming the table and what the server
 * said, with row values cut out (MySQL quotes them: `Duplicate entry '42' for key …`,
 * `Incorrect integer value: 'abc' for column …`). The driver error keeps them, as `cause` only.
 */
import { TdgError } from '../../src/errors.js'
import { CONNECTION_LOST, isSocketLoss } from '../../src/adapter/connection-lost.js'

interface MysqlErrorLike {
  message?: unknown
  sqlMessage?: unknown
  code?: unknown
  errno?: unknown
  sqlState?: unknown
}

/** Remove quoted row values from a server message; identifiers in backticks or after `key`/`column` stay. */
export function valueFree(text: string): string {
  return text
    .replace(/\b(entry|value:?|value) '(?:[^'\\]|\\.|'')*'/gi, '$1 …')
    .replace(/\bfor key '([^']*)'/gi, 'for key `$1`')
    .replace(/\s+/g, ' ')
    .trim()
}

/** mysql2 codes and server errnos for a session that is gone (KILL: 1927 MariaDB / ER_CONNECTION_KILLED). */
const LOST_CODES = new Set(['PROTOCOL_CONNECTION_LOST', 'ER_CONNECTION_KILLED', 'ER_SERVER_SHUTDOWN', 'ER_CLIENT_INTERACTION_TIMEOUT'])
const LOST_ERRNOS = new Set([1053, 1927, 2006, 2013, 4031])

/** True when `e` says the connection is gone: a fatal driver error, a KILL, a shutdown or a socket error. */
export function mysqlConnectionLost(e: unknown): boolean {
  const err = (typeof e === 'object' && e !== null ? e : {}) as MysqlErrorLike & { fatal?: unknown }
  if (isSocketLoss(e) || err.fatal === true) return true
  return (typeof err.code === 'string' && LOST_CODES.has(err.code)) || (typeof err.errno === 'number' && LOST_ERRNOS.has(err.errno))
}

/** Build TDG_WRITE_FAILED for `table`, with what the driver said about it. */
export function writeFailed(what: string, table: string | undefined, e: unknown): TdgError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as MysqlErrorLike & { sql?: unknown }
  // mysql2 attaches the statement text, parameters interpolated, to its errors: drop it even from the cause.
  if (typeof err.sql === 'string') delete err.sql
  const raw = typeof err.sqlMessage === 'string' ? err.sqlMessage : typeof err.message === 'string' ? err.message : String(e)
  const details: Record<string, unknown> = {}
  if (table !== undefined) details.table = table
  if (typeof err.code === 'string') details.code = err.code
  if (typeof err.errno === 'number') details.errno = err.errno
  const target = table !== undefined ? ` ${table}` : ''
  // A lost connection is worded as such, not as the socket's `write EPIPE` / `read ECONNRESET`.
  const reason = mysqlConnectionLost(e) ? CONNECTION_LOST : valueFree(raw)
  return new TdgError('TDG_WRITE_FAILED', `${what}${target} failed: ${reason}`, details, { cause: e })
}
