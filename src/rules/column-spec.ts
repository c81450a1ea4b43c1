/**
 * One column rule (its `use` merged) → the GeneratorSpec that replaces the built-in one, checked against
 * the column: its type, length, enum labels and CHECK IN list, and the columns it refers to. A rule that
 * contradicts the schema is TDG_RULES_INVALID at its path, naming table and column. Each generator key
 * is one kind in ./kinds (see kinds/rule-kind.ts); this file binds the helpers and dispatches.
 */
import type { Column } from '../model/schema.js'
import type { ColumnRule } from './schema.js'
import { generatorKey, type GeneratorKey } from './generator-key.js'
import { didYouMean, ruleSetError } from './rule-error.js'
import { coerceValue } from './coerce-value.js'
import { family, maxLengthOf, type ColumnContext, type KindHelpers, type RuleKind, type RuleSpec } from './kinds/rule-kind.js'
import { constantKind, valuesKind } from './kinds/values.js'
import { rangeKind } from './kinds/range.js'
import { fakerKind, regexKind } from './kinds/text-kinds.js'
import { templateKind } from './kinds/template.js'
import { betweenKind, relativeKind } from './kinds/time-kinds.js'
import { sequenceKind } from './kinds/sequence.js'
import { fromParentKind } from './kinds/from-parent.js'
import { whenKind } from './kinds/when.js'
import { empiricalKind } from './kinds/empirical.js'

export type { ColumnContext, RuleSpec } from './kinds/rule-kind.js'
export { coerceValue } from './coerce-value.js'

/** The kind behind each generator key of a rule. */
const KINDS: Record<GeneratorKey, RuleKind> = {
  values: valuesKind,
  constant: constantKind,
  range: rangeKind,
  regex: regexKind,
  faker: fakerKind,
  template: templateKind,
  between: betweenKind,
  after: relativeKind,
  before: relativeKind,
  sequence: sequenceKind,
  from: fromParentKind,
  when: whenKind,
  distribution: empiricalKind,
}

/** The rule's generator for the column; undefined when the rule has none (only unique/nullRate). */
export function ruleSpec(rule: ColumnRule, ctx: ColumnContext): RuleSpec | undefined {
  const key = generatorKey(rule)
  if (key === undefined) return undefined
  return KINDS[key](rule, ctx, helpers(rule, ctx))
}

function helpers(rule: ColumnRule, ctx: ColumnContext): KindHelpers {
  const { set, path, column } = ctx
  const name = `${ctx.table}.${column.name}`
  const fail = (key: string | number | Array<string | number>, why: string): never => {
    throw ruleSetError(set, [...path, ...(Array.isArray(key) ? key : [key])], `${name}: ${why}`)
  }
  return {
    name,
    fam: family(column),
    maxLen: maxLengthOf(column, ctx.cons),
    fail,
    coerce: (v, key) => coerceValue(column, ctx.cons, v, (why) => fail(key, why)),
    lower: (v) => (rule.lowercase && typeof v === 'string' ? v.toLowerCase() : v),
    out: (spec, what, deps = [], yieldsNull = false) => ({ spec, what, deps, yieldsNull }),
    sibling: (key, ref): Column => {
      const c = ctx.tableDef.columns.find((x) => x.name === ref)
      if (!c) return fail(key, `no column '${ref}' in ${ctx.table}${didYouMean(ref, ctx.tableDef.columns.map((x) => x.name))}`)
      return c
    },
    nested: (body, at) => ruleSpec(body, { ...ctx, path: at }),
  }
}
