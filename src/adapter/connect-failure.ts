/**
 * Shared pieces of every adapter's "cannot connect" line: walking a driver's nested errors, plain words
 * for socket/DNS failures, and the TDG_CONNECT_FAILED error itself. Which server message wins is each
 * adapter's own rule (its connect-error.ts).
 */
import { TdgError } from '../errors.js'

/** The fields drivers put on connection errors (pg, mysql2, tedious, Node sockets). */
export interface ErrLike {
  code?: unknown
  message?: unknown
  errors?: unknown
  cause?: unknown
  originalError?: unknown
  sqlMessage?: unknown
}

/** Node socket/DNS (and driver transport) error codes → the phrase shown to the user. */
const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by server',
  PROTOCOL_CONNECTION_LOST: 'connection closed by server',
  HANDSHAKE_SSL_ERROR: 'TLS handshake failed',
}

/** Every error reachable through AggregateError `errors`, `originalError` and `cause`, outermost first. */
export function errorChain(e: unknown): ErrLike[] {
  const out: ErrLike[] = []
  const todo: unknown[] = [e]
  while (todo.length > 0 && out.length < 20) {
    const x = todo.shift()
    if (typeof x !== 'object' || x === null || out.includes(x as ErrLike)) continue
    const err = x as ErrLike
    out.push(err)
    if (Array.isArray(err.errors)) todo.push(...(err.errors as unknown[]))
    if (err.originalError !== undefined) todo.push(err.originalError)
    if (err.cause !== undefined) todo.push(err.cause)
  }
  return out
}

/** The plain-words phrase of the first network failure in the chain, if any. */
export function networkPhrase(errs: ErrLike[]): string | undefined {
  for (const err of errs) {
    const phrase = typeof err.code === 'string' ? NETWORK_PHRASES[err.code] : undefined
    if (phrase) return phrase
  }
  return undefined
}

/** The first non-empty message in the chain ('connection timed out' for timeouts), or 'unknown error'. */
export function fallbackReason(errs: ErrLike[]): string {
  const msg = errs.map((x) => x.message).find((m): m is string => typeof m === 'string' && m !== '')
  if (msg && /timeout|timed out/i.test(msg)) return 'connection timed out'
  return msg ?? 'unknown error'
}

/** TDG_CONNECT_FAILED for `redactedUrl` with `reason` on one line; `secret` (the password) scrubbed. */
export function connectFailedError(redactedUrl: string, reason: string, cause: unknown, secret?: string): TdgError {
  let line = reason.replace(/\s+/g, ' ').trim()
  if (secret) line = line.split(secret).join('***')
  return new TdgError('TDG_CONNECT_FAILED', `cannot connect to ${redactedUrl}: ${line}`, { url: redactedUrl }, { cause })
}
