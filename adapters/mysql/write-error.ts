/**
 * Driver errors and warnings during writes → TDG_WRITE_FAILED naming the table and what the server
 * said, with row values cut out (MySQL quotes them: `Duplicate entry '42' for key …`,
 * `Incorrect integer value: 'abc' for column …`). The driver error keeps them, as `cause` only.
 */
import { TdgError } from '../../src/errors.js'

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
  return new TdgError('TDG_WRITE_FAILED', `${what}${target} failed: ${valueFree(raw)}`, details, { cause: e })
}
