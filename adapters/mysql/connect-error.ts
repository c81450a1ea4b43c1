/**
 * Whatever mysql2 / Node threw while connecting → ONE line a user can act on:
 * `cannot connect to mysql://app:***@localhost:3306/shop: Access denied for user 'app'@'localhost'`.
 * The driver error travels as `cause`; the password never appears in the message or details.
 */
import { TdgError } from '../../src/errors.js'

interface ErrLike {
  code?: unknown
  errno?: unknown
  sqlMessage?: unknown
  message?: unknown
  errors?: unknown
  cause?: unknown
}

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

function chain(e: unknown): ErrLike[] {
  const out: ErrLike[] = []
  const todo: unknown[] = [e]
  while (todo.length > 0 && out.length < 20) {
    const x = todo.shift()
    if (typeof x !== 'object' || x === null) continue
    const err = x as ErrLike
    out.push(err)
    if (Array.isArray(err.errors)) todo.push(...(err.errors as unknown[]))
    if (err.cause !== undefined) todo.push(err.cause)
  }
  return out
}

/** The reason part of the message, without the URL. */
export function connectReason(e: unknown): string {
  const errs = chain(e)
  // A server error (errno + sqlMessage) says it best: access denied, unknown database, …
  for (const err of errs) if (typeof err.sqlMessage === 'string' && err.sqlMessage !== '') return err.sqlMessage
  for (const err of errs) {
    const phrase = typeof err.code === 'string' ? NETWORK_PHRASES[err.code] : undefined
    if (phrase) return phrase
  }
  const msg = errs.map((x) => x.message).find((m): m is string => typeof m === 'string' && m !== '')
  if (msg && /timeout|timed out/i.test(msg)) return 'connection timed out'
  return msg ?? 'unknown error'
}

/** Build TDG_CONNECT_FAILED for `redactedUrl`; `secret` (the password) is scrubbed from the reason. */
export function connectFailed(redactedUrl: string, e: unknown, secret?: string): TdgError {
  let reason = connectReason(e).replace(/\s+/g, ' ').trim()
  if (secret) reason = reason.split(secret).join('***')
  return new TdgError('TDG_CONNECT_FAILED', `cannot connect to ${redactedUrl}: ${reason}`, { url: redactedUrl }, { cause: e })
}
