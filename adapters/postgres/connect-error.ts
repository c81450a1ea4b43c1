/**
 * Turn whatever pg / Node / knex threw while connecting into ONE line a user can act on:
 * `cannot connect to postgres://app:***@localhost:5499/shop: password authentication failed for user "app"`.
 * The driver error travels as `cause`; the password never appears in the message or details.
 */
import { TdgError } from '../../src/errors.js'

interface ErrLike {
  code?: unknown
  message?: unknown
  errors?: unknown
  cause?: unknown
}

/** Node socket/DNS error codes → the phrase shown to the user. */
const NETWORK_PHRASES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by server',
}

/** Every error reachable from `e` through `cause` and AggregateError `errors`, outermost first. */
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
  for (const err of errs) {
    // A server-side error (SQLSTATE, five characters) says it best: auth failed, database missing, …
    if (typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && typeof err.message === 'string') return err.message
  }
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
