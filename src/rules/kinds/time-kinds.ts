/** `between` (a date/time window) and `after`/`before` (relative to another column of the row). */
import { parseDate } from '../../generate/format.js'
import { parseWhen } from '../validate.js'
import { family, type RuleKind } from './rule-kind.js'
import { isEmpirical } from '../generator-key.js'
import { empiricalTemporal } from './empirical.js'

/** Dates or timestamps inside `[a, b]` ("now" allowed), kept within what the column allows. */
export const betweenKind: RuleKind = (rule, ctx, h) => {
  const hard = ctx.hard()
  const [a, b] = rule.between!
  if (h.fam === 'date' && hard.kind === 'date') {
    const day = (s: string) => (s.trim().toLowerCase() === 'now' ? Math.floor(ctx.now / 86400) : parseDate(s))
    const min = Math.max(hard.min, day(a))
    const max = Math.min(hard.max, day(b))
    if (min > max) return h.fail('between', `the window lies outside what the column allows`)
    if (isEmpirical(rule.distribution) || rule.seasonality) return empiricalTemporal(rule, ctx, h, [min, max])
    return h.out({ kind: 'date', min, max, start: min }, `between ${a} and ${b}`)
  }
  if (h.fam === 'timestamp' && hard.kind === 'timestamp') {
    const min = Math.max(hard.min, parseWhen(a, ctx.now))
    const max = Math.min(hard.max, parseWhen(b, ctx.now))
    if (min > max) return h.fail('between', `the window lies outside what the column allows`)
    if (isEmpirical(rule.distribution) || rule.seasonality) return empiricalTemporal(rule, ctx, h, [min, max])
    return h.out({ kind: 'timestamp', min, max, start: min, tz: hard.tz }, `between ${a} and ${b}`)
  }
  return h.fail('between', `between needs a date or timestamp column (the column is ${ctx.column.nativeType})`)
}

/** Later (`after`) or earlier (`before`) than another column of the row, by at most `maxDays`. */
export const relativeKind: RuleKind = (rule, ctx, h) => {
  const { column } = ctx
  const key = rule.after !== undefined ? 'after' : 'before'
  const ref = (rule.after ?? rule.before)!
  const base = h.sibling([key], ref)
  if (base.name === column.name) return h.fail(key, 'a column cannot follow itself')
  if (!['date', 'timestamp', 'number'].includes(h.fam) || family(base) !== h.fam)
    return h.fail(key, `${key} needs two date, two timestamp or two numeric columns (${column.name} is ${column.nativeType}, ${ref} is ${base.nativeType})`)
  const of = ctx.hard()
  const days = rule.maxDays ?? 365
  const maxDelta = h.fam === 'timestamp' ? days * 86400 : days
  return h.out({ kind: 'relative', from: ref, op: key === 'after' ? '>' : '<', maxDelta, of }, `${key} ${ref}${rule.maxDays ? ` within ${days} days` : ''}`, [ref])
}
