/**
 * Whatever mssql/tedious threw while connecting → ONE line a user can act on:
 * `cannot connect to mssql://sa:***@db:1433/shop: Login failed for user 'sa'.` The driver error travels
 * as `cause`; the password never appears in the message or details.
 */
import type { TdgError } from '../../src/errors.js'
import { connectFailedError, errorChain, fallbackReason, networkPhrase } from '../../src/adapter/connect-failure.js'

/** The reason part of the message: network failures in plain words, login errors as the server says them. */
export function connectReason(e: unknown): string {
  const errs = errorChain(e)
  const network = networkPhrase(errs)
  if (network) return network
  // ELOGIN carries the server's own words: "Login failed for user 'sa'.", "Cannot open database …".
  const login = errs.find((x) => x.code === 'ELOGIN' && typeof x.message === 'string')
  if (login) return login.message as string
  if (errs.some((x) => x.code === 'ETIMEOUT')) return 'connection timed out'
  return fallbackReason(errs)
}

/** Build TDG_CONNECT_FAILED for `redactedUrl`; `secret` (the password) is scrubbed from the reason. */
export function connectFailed(redactedUrl: string, e: unknown, secret?: string): TdgError {
  return connectFailedError(redactedUrl, connectReason(e), e, secret)
}
