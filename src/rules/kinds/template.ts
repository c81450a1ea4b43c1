/**
 * `template: "{{person.firstName}}.{{person.lastName}}@acme.test"`: faker placeholders joined with
 * literals; `{{first_name}}` (a plain name) is the row's own value of that column, so
 * `"{{first_name}}.{{last_name}}@example.com"` agrees with the row's names. A template cannot read its
 * own column; reads between columns that close a cycle are refused by column-deps.ts.
 */
import { parseTemplate, templateColumns } from '../../generate/faker-call.js'
import type { RuleKind } from './rule-kind.js'

/** The template as a generator spec (compiled once per column by src/generate/template-source.ts). */
export const templateKind: RuleKind = (rule, ctx, h) => {
  if (h.fam !== 'text') return h.fail('template', `template needs a text column (the column is ${ctx.column.nativeType})`)
  const template = rule.template!
  const parsed = parseTemplate(template)
  const reads = 'error' in parsed ? [] : templateColumns(parsed)
  for (const ref of reads) {
    const c = h.sibling(['template'], ref)
    if (c.name === ctx.column.name) return h.fail('template', `{{${ref}}} is the column itself: a template cannot read its own value`)
  }
  const spec = { kind: 'template' as const, template, ...(rule.lowercase ? { lowercase: true } : {}), ...(h.maxLen !== undefined ? { maxLength: h.maxLen } : {}) }
  const t = ctx.tableDef
  const unique = rule.unique === true || [t.primaryKey, ...t.uniques].some((u) => u?.columns.length === 1 && u.columns[0] === ctx.column.name)
  const from = reads.length > 0 ? `, from the row's ${reads.join(', ')}${unique ? '; unique by appended digits' : ''}` : ''
  return { ...h.out(spec, `template ${template}${from}`, reads), ...(reads.length > 0 ? { rowReads: reads } : {}) }
}
