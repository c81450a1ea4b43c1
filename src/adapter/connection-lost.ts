/**
 * A database session that dies under a transaction (killed from another session, server stopped,
 * network reset) is a write failure the user can act on, not an internal error: the server has rolled the
 * transaction back. Drivers report it in two ways this module turns into one TDG_WRITE_FAILED:
 * an 'error' event on the idle connection (which, unheard, is an uncaught exception → exit 70) and a
 * raw socket error (`write EPIPE`, `ECONNRESET`) from the next statement.
 */
import { TdgError, isTdgError } from '../errors.js'

/** How tdg words a lost session, whatever the driver said. */
export const CONNECTION_LOST = 'connection to the database was lost'

const ROLLED_BACK = '; rolled back'

/** Node socket errors that mean the connection is gone. */
const SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNREFUSED'])

/** True when `e` is a Node socket error on a connection that is gone (`write EPIPE`, `read ECONNRESET`). */
export function isSocketLoss(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && SOCKET_CODES.has(code)
}

/** Something that emits 'error' (a pg Client, a mysql2 connection). */
export interface ErrorEmitter {
  on(event: 'error', listener: (e: unknown) => void): unknown
  removeListener(event: 'error', listener: (e: unknown) => void): unknown
}

/**
 * Listen for 'error' on a connection for the length of a transaction, so an error event while the
 * session is idle (tdg generating between tables) is recorded instead of crashing the process; the next
 * statement on the connection then fails and `lostError` reports it. `stop()` removes the listener.
 */
export function watchConnection(conn: ErrorEmitter): { lost(): unknown; stop(): void } {
  let lost: unknown
  const listener = (e: unknown) => {
    lost ??= e
  }
  conn.on('error', listener)
  return { lost: () => lost, stop: () => void conn.removeListener('error', listener) }
}

/**
 * The error a failed transaction ends with once its connection was lost: a TDG_WRITE_FAILED saying so
 * and that nothing was kept (`…; rolled back`), keeping the step and table a write error already named.
 * Errors of other codes (an interrupt, a plan error) pass through unchanged.
 */
export function lostError(e: unknown): TdgError {
  if (isTdgError(e) && e.code !== 'TDG_WRITE_FAILED' && e.code !== 'TDG_INTERNAL') return e
  if (isTdgError(e) && e.code === 'TDG_WRITE_FAILED' && e.message.endsWith(ROLLED_BACK)) return e
  if (isTdgError(e) && e.code === 'TDG_WRITE_FAILED' && e.message.includes(CONNECTION_LOST)) {
    return new TdgError(e.code, `${e.message}${ROLLED_BACK}`, e.details, { cause: e })
  }
  return new TdgError('TDG_WRITE_FAILED', `${CONNECTION_LOST}${ROLLED_BACK}`, {}, { cause: e })
}
