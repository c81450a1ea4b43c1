/** `--scale F`: row counts multiplied by F, rounded, and never scaled down to 0 from a table that had rows. */
import { TdgError } from '../errors.js'

/** `n × scale`, rounded; at least 1 when n > 0. */
export function scaleCount(n: number, scale: number): number {
  if (scale === 1 || n <= 0) return n
  return Math.max(1, Math.round(n * scale))
}

/** A scale factor must be a finite number > 0 (TDG_USAGE otherwise). */
export function checkScale(scale: number): number {
  if (!(Number.isFinite(scale) && scale > 0)) throw new TdgError('TDG_USAGE', `scale must be a number > 0 (got ${String(scale)})`, { scale: String(scale) })
  return scale
}
