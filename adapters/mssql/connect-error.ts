/**
 * Whatever mssql/tedious threw while connecting → ONE line a user can act on:
 * `cannot connect to mssql://sa:***@db:1433/shop: Login failed for user 'sa'.` The driver error travels
 * as `cause`; the password never appears in the message or details.
 */
import { TdgError } from '../../src/errors.js'

interface ErrLike {
  code?: unknown
  message?: unknown
  errors?: unknown
  cause?: unknown
  originalError?: unknown
}

const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by server',
}

/** Every error reachable through `originalError`, `cause` and AggregateError `errors`, outermost first. */
function chain(e: unknown): ErrLike[] {
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

/** The reason part of the message: network failures in plain words, login errors as the server says them. */
export function connectReason(e: unknown): string {
  const errs = chain(e)
  for (const err of errs) {
    const phrase = typeof err.code === 'string' ? NETWORK_PHRASES[err.code] : undefined
    if (phrase) return phrase
  }
  // ELOGIN carries the server's own words: "Login failed for user 'sa'.", "Cannot open database …".
  const login = errs.find((x) => x.code === 'ELOGIN' && typeof x.message === 'string')
  if (login) return login.message as string
  if (errs.some((x) => x.code === 'ETIMEOUT')) return 'connection timed out'
  const msg = errs.map((x) => x.message).find((m): m is string => typeof m === 'string' && m !== '')
  return msg ?? 'unknown error'
}

/** Build TDG_CONNECT_FAILED for `redactedUrl`; `secret` (the password) is scrubbed from the reason. */
export function connectFailed(redactedUrl: string, e: unknown, secret?: string): TdgError {
  let reason = connectReason(e).replace(/\s+/g, ' ').trim()
  if (secret) reason = reason.split(secret).join('***')
  return new TdgError('TDG_CONNECT_FAILED', `cannot connect to ${redactedUrl}: ${reason}`, { url: redactedUrl }, { cause: e })
}
