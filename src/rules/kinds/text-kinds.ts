/** `regex` and `faker`: text from a bounded regular expression or a faker method's pool. */
import { parseRegex, regexMaxLength } from '../../generate/regex.js'
import type { RuleKind } from './rule-kind.js'

/** Strings matching the regex; refused when it can be longer than the column allows. */
export const regexKind: RuleKind = (rule, ctx, h) => {
  const { column } = ctx
  if (h.fam !== 'text') return h.fail('regex', `regex needs a text column (the column is ${column.nativeType})`)
  const longest = regexMaxLength(parseRegex(rule.regex!))
  if (h.maxLen !== undefined && longest > h.maxLen) return h.fail('regex', `the regex can produce ${longest} characters, more than ${column.nativeType} allows (${h.maxLen})`)
  return h.out({ kind: 'regex', pattern: rule.regex!, ...(rule.lowercase ? { lowercase: true } : {}) }, `regex ${rule.regex}`)
}

/** A pool of faker `method(...args)` values. */
export const fakerKind: RuleKind = (rule, _ctx, h) => {
  const method = typeof rule.faker === 'string' ? rule.faker : rule.faker!.method
  const args = typeof rule.faker === 'string' ? [] : (rule.faker!.args ?? [])
  return h.out({ kind: 'faker-call', method, args, ...(rule.lowercase ? { lowercase: true } : {}), ...(h.maxLen !== undefined ? { maxLength: h.maxLen } : {}) }, `faker ${method}`)
}
