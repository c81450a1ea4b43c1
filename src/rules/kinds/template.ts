/** `template: "{{person.firstName}}.{{person.lastName}}@acme.test"`: faker placeholders joined with literals. */
import type { RuleKind } from './rule-kind.js'

/** The template as a generator spec (compiled once per column by src/generate/template-source.ts). */
export const templateKind: RuleKind = (rule, ctx, h) => {
  if (h.fam !== 'text') return h.fail('template', `template needs a text column (the column is ${ctx.column.nativeType})`)
  return h.out({ kind: 'template', template: rule.template!, ...(rule.lowercase ? { lowercase: true } : {}), ...(h.maxLen !== undefined ? { maxLength: h.maxLen } : {}) }, `template ${rule.template}`)
}
