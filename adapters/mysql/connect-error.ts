/**
 * Whatever mysql2 / Node threw while connecting → ONE line a user can act on:
 * `cannot connect to mysql://app:***@localhost:3306/shop: Access denied for user 'app'@'localhost'`.
 * The driver error travels as `cause`; the password never appears in the message or details.
 */
import type { TdgError } from '../../src/errors.js'
import { connectFailedError, errorChain, fallbackReason, networkPhrase } from '../../src/adapter/connect-failure.js'

/** The reason part of the message, without the URL. */
export function connectReason(e: unknown): string {
  const errs = errorChain(e)
  // A server error (errno + sqlMessage) says it best: access denied, unknown database, …
  const server = errs.find((x) => typeof x.sqlMessage === 'string' && x.sqlMessage !== '')
  return (server?.sqlMessage as string | undefined) ?? networkPhrase(errs) ?? fallbackReason(errs)
}

/** Build TDG_CONNECT_FAILED for `redactedUrl`; `secret` (the password) is scrubbed from the reason. */
export function connectFailed(redactedUrl: string, e: unknown, secret?: string): TdgError {
  return connectFailedError(redactedUrl, connectReason(e), e, secret)
}
