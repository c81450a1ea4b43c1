/** `values` (with optional `weights`) and `constant`: listed values, each held against the column. */
import type { RuleKind } from './rule-kind.js'

/** One of `values`, weighted (unique: the k-th value). */
export const valuesKind: RuleKind = (rule, _ctx, h) => {
  const values = rule.values!.map((v, j) => h.lower(h.coerce(v, ['values', j])))
  const weights = rule.weights ?? values.map(() => 1)
  return h.out({ kind: 'weighted', values, weights }, rule.weights ? `values with weights ${weights.join('/')}` : `values ${values.slice(0, 4).join(', ')}${values.length > 4 ? ', …' : ''}`, [], values.includes(null))
}

/** The same value in every row. */
export const constantKind: RuleKind = (rule, _ctx, h) => h.out({ kind: 'constant', value: h.coerce(rule.constant!, ['constant']) }, 'constant', [], rule.constant === null)
