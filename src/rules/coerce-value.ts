/** A rule's literal (a YAML scalar) as a value of its column, checked against type, enum and CHECKs. */
import type { Value } from '../model/rows.js'
import type { Column } from '../model/schema.js'
import { describeShape, type ColumnConstraints } from '../plan/column-constraints.js'
import { exactNumber, keepsShape } from './exact-value.js'
import type { RuleScalar } from './schema.js'
import { family, maxLengthOf } from './kinds/rule-kind.js'

/**
 * A rule scalar as the column's value: numbers exact for numeric columns (decimal text where a double
 * would round: see exact-value.ts), labels checked against enums, and every value held against the
 * column's CHECK shapes (IN lists, bounds, LIKE, lengths, disjunctions), naming the CHECK it breaks.
 */
export function coerceValue(column: Column, cons: ColumnConstraints, v: RuleScalar, fail: (why: string) => never): Value {
  if (v === null) return null
  const fam = family(column)
  const maxLen = maxLengthOf(column, cons)
  let value: Value
  if (fam === 'number') {
    if (typeof v !== 'number' && typeof v !== 'string') return fail(`'${String(v)}' is not a number (the column is ${column.nativeType})`)
    const r = exactNumber(column, v)
    if ('error' in r) return fail(r.error)
    value = r.value
  } else if (fam === 'boolean') {
    if (typeof v === 'boolean') return v
    if (v === 'true' || v === 'false') return v === 'true'
    return fail(`'${String(v)}' is not a boolean`)
  } else {
    const s = String(v)
    if (column.type.kind === 'enum' && !column.type.values.includes(s))
      return fail(`'${s}' is not a label of enum ${column.type.name ?? column.nativeType} (${column.type.values.join(', ')})`)
    if (maxLen !== undefined && s.length > maxLen) return fail(`'${s}' is longer than ${column.nativeType} allows (${maxLen})`)
    value = s
  }
  for (const { label, shape } of cons.checks)
    if (!keepsShape(shape, value, fam === 'number'))
      return fail(`${typeof value === 'string' && fam !== 'number' ? `'${value}'` : String(value)} is not allowed by its ${label} (${describeShape(shape)})`)
  return value
}
