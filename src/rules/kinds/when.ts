/** `when: { col: value | [values] }, then: rule | null, else: rule | null`: a branch per row. */
import type { ColumnRule } from '../schema.js'
import { coerceValue } from '../coerce-value.js'
import { resolveUse } from '../validate.js'
import type { RuleKind, RuleSpec } from './rule-kind.js'

/** `then` where the row's `when` columns hold one of their values, else `else` (default built-in). */
export const whenKind: RuleKind = (rule, ctx, h) => {
  const { set, path } = ctx
  const when: Record<string, Array<string | number | boolean | null>> = {}
  const deps: string[] = []
  for (const [ref, v] of Object.entries(rule.when!)) {
    const c = h.sibling(['when', ref], ref)
    const list = Array.isArray(v) ? v : [v]
    // Coerce to the referenced column's type, so 5 and "5" compare as the generated values do.
    when[ref] = list.map((x, j) =>
      coerceValue(c, ctx.consOf(ref), x, (why) => h.fail(Array.isArray(v) ? ['when', ref, j] : ['when', ref], `${ref}: ${why}`)),
    ) as Array<string | number | boolean | null>
    deps.push(ref)
  }
  const branch = (key: 'then' | 'else', body: ColumnRule | null | undefined): RuleSpec => {
    if (body === null) return h.out({ kind: 'null' }, 'NULL', [], true)
    if (body === undefined) return h.out(ctx.builtin, 'built-in')
    const merged = resolveUse(set, body, [...path, key])
    return h.nested(merged, [...path, key]) ?? h.out(ctx.builtin, 'built-in')
  }
  const then = branch('then', rule.then)
  const other = branch('else', rule.else)
  const cond = Object.entries(when).map(([k, vs]) => `${k} ${vs.length === 1 ? `= ${String(vs[0])}` : `in ${vs.join('|')}`}`).join(' and ')
  const rowReads = [...(then.rowReads ?? []), ...(other.rowReads ?? [])]
  const out = h.out({ kind: 'conditional', when, then: then.spec, else: other.spec }, `when ${cond} then ${then.what} else ${other.what}`, [...deps, ...then.deps, ...other.deps], then.yieldsNull || other.yieldsNull)
  return rowReads.length > 0 ? { ...out, rowReads } : out
}
