/**
 * Checks of a parsed rules file that need no database schema: templates named by `use` exist, regexes
 * are ones the generator can honour, faker paths and template placeholders resolve, date windows parse,
 * match patterns compile. Each failure is TDG_RULES_INVALID at the offending path.
 */
import type { ColumnRule, RuleSet } from './schema.js'
import { generatorKey, isEmpirical } from './generator-key.js'
import { BUILTIN_TEMPLATES } from './builtin-templates.js'
import { didYouMean, ruleSetError, type RulePath } from './rule-error.js'
import { parseRegex, RegexError } from '../generate/regex.js'
import { parseTemplate, resolveFakerMethod } from '../generate/faker-call.js'
import { parseDate, parseTimestamp } from '../generate/format.js'
import { namePattern } from './match.js'
import { canonicalLocale, unknownLocaleMessage } from '../generate/locales.js'

/** Validate every rule of `set`; throws the first problem. */
export function validateRules(set: RuleSet): void {
  const { templates = {}, tables = {}, match = [] } = set.rules
  for (const [name, body] of Object.entries(templates)) {
    if (body.use !== undefined) throw ruleSetError(set, ['templates', name, 'use'], 'a template cannot use another template')
    checkBody(set, body, ['templates', name])
  }
  for (const [t, tr] of Object.entries(tables)) {
    if (tr.locale !== undefined) checkLocale(set, tr.locale, ['tables', t, 'locale'])
    for (const [c, body] of Object.entries(tr.columns ?? {})) checkBody(set, resolveUse(set, body, ['tables', t, 'columns', c]), ['tables', t, 'columns', c])
  }
  match.forEach((m, j) => {
    const col = namePattern(m.column)
    if (!(col instanceof RegExp)) throw ruleSetError(set, ['match', j, 'column'], col.error)
    if (m.table !== undefined) {
      const tab = namePattern(m.table)
      if (!(tab instanceof RegExp)) throw ruleSetError(set, ['match', j, 'table'], tab.error)
    }
    checkBody(set, resolveUse(set, m, ['match', j]), ['match', j])
  })
}

/** A rule with its `use` template merged in (the rule's own keys win); unknown templates are errors. */
export function resolveUse(set: RuleSet, rule: ColumnRule, path: RulePath): ColumnRule {
  if (rule.use === undefined) return rule
  const own = set.rules.templates ?? {}
  const base = own[rule.use] ?? BUILTIN_TEMPLATES[rule.use]
  if (!base) throw ruleSetError(set, [...path, 'use'], `unknown template '${rule.use}'${didYouMean(rule.use, [...Object.keys(own), ...Object.keys(BUILTIN_TEMPLATES)])}`)
  const { use: _use, ...rest } = rule
  const mine = generatorKey(rest)
  const theirs = generatorKey(base)
  if (mine && theirs) throw ruleSetError(set, [...path, mine], `'${mine}' conflicts with '${theirs}' of template '${rule.use}': choose one generator`)
  return { ...base, ...rest }
}

/** The word "now" or a date/timestamp; NaN when neither. */
export function parseWhen(text: string, now: number): number {
  if (text.trim().toLowerCase() === 'now') return now
  return parseTimestamp(text)
}

function checkLocale(set: RuleSet, code: string, path: RulePath): void {
  if (canonicalLocale(code) === undefined) throw ruleSetError(set, path, unknownLocaleMessage(code))
}

function checkBody(set: RuleSet, r: ColumnRule, path: RulePath): void {
  if (r.locale !== undefined) checkLocale(set, r.locale, [...path, 'locale'])
  if (r.regex !== undefined) {
    try {
      parseRegex(r.regex)
    } catch (e) {
      if (e instanceof RegexError) throw ruleSetError(set, [...path, 'regex'], e.message)
      throw e
    }
  }
  if (r.faker !== undefined) {
    const method = typeof r.faker === 'string' ? r.faker : r.faker.method
    const found = resolveFakerMethod(method)
    if ('error' in found) throw ruleSetError(set, [...path, 'faker', ...(typeof r.faker === 'string' ? [] : ['method'])], found.error)
  }
  if (r.template !== undefined) {
    const t = parseTemplate(r.template)
    if ('error' in t) throw ruleSetError(set, [...path, 'template'], t.error)
  }
  if (r.between !== undefined) {
    const ends = r.between.map((b) => parseWhen(b, 0))
    ends.forEach((v, j) => {
      if (Number.isNaN(v) || (r.between![j]!.toLowerCase() !== 'now' && Number.isNaN(parseDate(r.between![j]!))))
        throw ruleSetError(set, [...path, 'between', j], `'${r.between![j]}' is not a date (YYYY-MM-DD), a timestamp or "now"`)
    })
    const now = Math.floor(Date.now() / 1000)
    const [a, b] = r.between.map((x) => parseWhen(x, now)) as [number, number]
    if (a > b) throw ruleSetError(set, [...path, 'between'], `starts after it ends`)
  }
  if (isEmpirical(r.distribution)) {
    const q = r.distribution.quantiles
    // Texts are dates or timestamps, ascending (numbers are checked by the schema).
    let prev = -Infinity
    q.forEach((v, j) => {
      if (typeof v !== 'string') return
      const t = parseTimestamp(v)
      if (Number.isNaN(t)) throw ruleSetError(set, [...path, 'distribution', 'quantiles', j], `'${v}' is not a date (YYYY-MM-DD) or a timestamp`)
      if (t < prev) throw ruleSetError(set, [...path, 'distribution', 'quantiles', j], `'${v}' is before the point before it: quantiles ascend`)
      prev = t
    })
  }
  if (r.after !== undefined && r.before !== undefined) throw ruleSetError(set, [...path, 'before'], "choose one of 'after' and 'before'")
  if (r.then) checkBody(set, resolveUse(set, r.then, [...path, 'then']), [...path, 'then'])
  if (r.else) checkBody(set, resolveUse(set, r.else, [...path, 'else']), [...path, 'else'])
}
