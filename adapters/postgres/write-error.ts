/**
 * Driver errors during writes → TDG_WRITE_FAILED naming the table, the constraint and the column
 * where the server says which, and the COPY line — never row values (which PostgreSQL puts after
 * a `: ` in messages and in `detail`/`where`; the driver error keeps them, as `cause` only).
 */
import { TdgError } from '../../src/errors.js'
import { CONNECTION_LOST, isSocketLoss } from '../../src/adapter/connection-lost.js'

interface PgErrorLike {
  message?: unknown
  code?: unknown
  constraint?: unknown
  column?: unknown
  where?: unknown
}

/** The value-free part of a server message: everything before the first `: `. */
function valueFree(text: string): string {
  return (text.split(': ')[0] ?? text).replace(/\s+/g, ' ').trim()
}

/** pg's own words for a connection that ended or broke under it. */
const PG_LOST = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable/i

/**
 * True when `e` says the session is gone: the server ended it (SQLSTATE 57P01–57P03: `pg_terminate_backend`,
 * shutdown), a connection exception (class 08), a socket error, or pg's "Connection terminated unexpectedly".
 */
export function pgConnectionLost(e: unknown): boolean {
  const err = (typeof e === 'object' && e !== null ? e : {}) as PgErrorLike
  const code = typeof err.code === 'string' ? err.code : ''
  if (/^57P0[123]$/.test(code) || code.startsWith('08') || isSocketLoss(e)) return true
  return typeof err.message === 'string' && PG_LOST.test(err.message)
}

/** Build TDG_WRITE_FAILED for `table` (already `schema.name`), with what the driver said about it. */
export function writeFailed(what: string, table: string | undefined, e: unknown): TdgError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as PgErrorLike
  let reason = typeof err.message === 'string' ? valueFree(err.message) : String(e)
  const lost = pgConnectionLost(e)
  if (lost) {
    // The server's own reason (`terminating connection due to administrator command`) says why; socket and
    // driver texts (`write EPIPE`, `Connection terminated unexpectedly`) say nothing more than the phrase.
    const server = typeof err.code === 'string' && /^(57P0|08)/.test(err.code) && typeof err.message === 'string'
    reason = server ? `${CONNECTION_LOST} (${valueFree(err.message as string)})` : CONNECTION_LOST
  }
  const details: Record<string, unknown> = {}
  if (table !== undefined) details.table = table
  if (typeof err.code === 'string') details.sqlstate = err.code
  if (typeof err.constraint === 'string') details.constraint = err.constraint
  if (typeof err.column === 'string') details.column = err.column
  let where = ''
  // A lost session's `where` names the row it was reading when killed, not a row at fault.
  if (typeof err.where === 'string' && !lost) {
    // "COPY t, line 3, column qty: \"abc\"" → "line 3, column qty"
    const m = /line (\d+)(?:, column ([^:]+))?/.exec(err.where)
    if (m) {
      details.line = Number(m[1])
      where = m[2] ? ` (row ${m[1]}, column ${m[2]})` : ` (row ${m[1]})`
    }
  }
  const constraint = typeof err.constraint === 'string' && !reason.includes(err.constraint) ? ` [constraint ${err.constraint}]` : ''
  const target = table !== undefined ? ` ${table}` : ''
  return new TdgError('TDG_WRITE_FAILED', `${what}${target} failed: ${reason}${constraint}${where}`, details, { cause: e })
}
