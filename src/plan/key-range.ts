/**
 * Plan-assigned integer keys (identity, serial, a single-column integer PK): `start + k × step`, kept
 * inside the type's range and the column's CHECK bounds, so a key never breaks its own CHECK. The
 * generator's `max` makes the key's domain finite; a PK/UNIQUE over it then caps the row count with a
 * ROWS_CAPPED note (see `settleCounts`).
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { Column, LogicalType } from '../model/schema.js'
import type { ColumnConstraints } from './column-constraints.js'
import { integerLimits } from './ranges.js'

/** A key generator and why. */
export interface KeyChoice {
  spec: Extract<GeneratorSpec, { kind: 'identity' }>
  reason: string
}

/**
 * The key generator of `column`, or undefined when its CHECKs are not a plain range (an IN list, `=`
 * or `<>`): the caller then picks distinct values from what the CHECK allows, like any unique column.
 * `after`: highest key already used (keys start after it); default the identity's START, or 1.
 */
export function keyGenerator(column: Column, type: Extract<LogicalType, { kind: 'integer' }>, cons: ColumnConstraints, after: number | undefined): KeyChoice | undefined {
  if (cons.inList !== undefined || cons.equals !== undefined || cons.exclude.length > 0) return undefined
  const step = column.identity?.increment ?? 1
  const [typeLo, typeHi] = type.min !== undefined && type.max !== undefined ? [type.min, type.max] : integerLimits(type.bytes, type.unsigned === true)
  let lo = typeLo
  let hi = Math.min(typeHi, Number.MAX_SAFE_INTEGER)
  for (const b of cons.lower) {
    const v = Number(b.value)
    if (Number.isFinite(v)) lo = Math.max(lo, b.inclusive ? Math.ceil(v) : Math.floor(v) + 1)
  }
  for (const b of cons.upper) {
    const v = Number(b.value)
    if (Number.isFinite(v)) hi = Math.min(hi, b.inclusive ? Math.floor(v) : Math.ceil(v) - 1)
  }
  const checked = cons.lower.length > 0 || cons.upper.length > 0
  let start = after !== undefined ? after + step : (column.identity?.start ?? 1)
  if (step > 0 && start < lo) start = lo
  const where = checked ? ` within its CHECK (${lo}..${hi})` : ''
  // A descending sequence (INCREMENT BY -1) counts down from its start: `max` bounds ascending keys only.
  if (step < 0) return { spec: { kind: 'identity', start, step }, reason: after !== undefined ? `key after ${after}` : 'key sequence (descending)' }
  return { spec: { kind: 'identity', start, step, max: hi }, reason: after !== undefined ? `key after ${after}${where}` : `key sequence${where}` }
}
