/**
 * The one way file sinks fail: `TDG_WRITE_FAILED` with `<dir>: <reason>`, the original error as cause.
 * Reasons name files, tables and columns; never row values.
 */
import { isTdgError, TdgError } from '../errors.js'
import { SinkFailure } from './encoder.js'

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOENT: 'no such file or directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'file name too long',
  EXDEV: 'temporary directory is on another file system',
}

/** A short reason for a file-system error: its errno name in words, else its message. */
export function fsReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code
  if (typeof code === 'string' && REASONS[code]) return REASONS[code] as string
  return e instanceof Error ? e.message : String(e)
}

/**
 * Wrap `e` as TDG_WRITE_FAILED for `dir` (a TdgError passes unchanged). `what` names the file or step
 * when the reason alone would not say where it happened.
 */
export function writeFailed(dir: string, e: unknown, what?: string): TdgError {
  if (isTdgError(e)) return e
  const reason = e instanceof SinkFailure ? e.reason : fsReason(e)
  const where = what ? `${what}: ` : ''
  return new TdgError('TDG_WRITE_FAILED', `${dir}: ${where}${reason}`, { dir }, { cause: e instanceof SinkFailure ? (e.cause ?? e) : e })
}
