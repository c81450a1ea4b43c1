/**
 * Driver errors during writes → TDG_WRITE_FAILED naming the table, the constraint and the column
 * where the server says which, and the COPY line — never row values (which PostgreSQL puts after
 * a `: ` in messages and in `detail`/`where`; the driver error keeps them, as `cause` only).
 */
import { TdgError } from '../../src/errors.js'

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

/** Build TDG_WRITE_FAILED for `table` (already `schema.name`), with what the driver said about it. */
export function writeFailed(what: string, table: string | undefined, e: unknown): TdgError {
  const err = (typeof e === 'object' && e !== null ? e : {}) as PgErrorLike
  const reason = typeof err.message === 'string' ? valueFree(err.message) : String(e)
  const details: Record<string, unknown> = {}
  if (table !== undefined) details.table = table
  if (typeof err.code === 'string') details.sqlstate = err.code
  if (typeof err.constraint === 'string') details.constraint = err.constraint
  if (typeof err.column === 'string') details.column = err.column
  let where = ''
  if (typeof err.where === 'string') {
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
