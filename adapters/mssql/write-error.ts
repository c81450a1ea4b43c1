/**
 * Driver errors during writes → TDG_WRITE_FAILED naming the table and what SQL Server said about it
 * (constraint, column) — with the row values SQL Server puts into some messages removed
 * (`The duplicate key value is (…)`, `Truncated value: '…'`, `the nvarchar value '…'`).
 */
import { TdgError } from '../../src/errors.js'

interface SqlErrorLike {
  message?: unknown
  number?: unknown
  originalError?: { info?: { number?: unknown } }
}

/** The server message without the row values some messages quote. */
export function valueFree(message: string): string {
  return message
    .replace(/\s*The duplicate key value is \([\s\S]*?\)\.?/g, '')
    .replace(/\s*Truncated value: [\s\S]*$/g, '')
    .replace(/\bvalue '(?:[^']|'')*'/g, 'value')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Build TDG_WRITE_FAILED for `table` (`schema.name`), with the server's error number when there is one. */
export function writeFailed(what: string, table: string | undefined, e: unknown): TdgError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as SqlErrorLike
  const reason = typeof err.message === 'string' ? valueFree(err.message) : String(e)
  const details: Record<string, unknown> = {}
  if (table !== undefined) details.table = table
  const number = err.number ?? err.originalError?.info?.number
  if (typeof number === 'number') details.number = number
  return new TdgError('TDG_WRITE_FAILED', `${what}${table !== undefined ? ` ${table}` : ''} failed: ${reason}`, details, { cause: e })
}
