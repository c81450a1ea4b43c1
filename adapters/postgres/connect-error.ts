/**
 * Turn whatever pg / Node threw while connecting into ONE line a user can act on:
 * `cannot connect to postgres://app:***@localhost:5499/shop: password authentication failed for user "app"`.
 * The driver error travels as `cause`; the password never appears in the message or details.
 */
import type { TdgError } from '../../src/errors.js'
import { connectFailedError, errorChain, fallbackReason, networkPhrase } from '../../src/adapter/connect-failure.js'

/** The reason part of the message, without the URL. */
export function connectReason(e: unknown): string {
  const errs = errorChain(e)
  // A server-side error (SQLSTATE, five characters) says it best: auth failed, database missing, …
  const server = errs.find((x) => typeof x.code === 'string' && /^[0-9A-Z]{5}$/.test(x.code) && typeof x.message === 'string')
  return (server?.message as string | undefined) ?? networkPhrase(errs) ?? fallbackReason(errs)
}

/** Build TDG_CONNECT_FAILED for `redactedUrl`; `secret` (the password) is scrubbed from the reason. */
export function connectFailed(redactedUrl: string, e: unknown, secret?: string): TdgError {
  return connectFailedError(redactedUrl, connectReason(e), e, secret)
}
