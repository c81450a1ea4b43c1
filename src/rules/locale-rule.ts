/**
 * `locale: de` on a column rule (or on a table, for all its columns): the column's faker data (names,
 * addresses, phones; `faker` and `template` rules) come from that faker locale instead of the plan's.
 * Precedence: column rule > table rule > the plan's `--locale` > English.
 */
import type { GeneratorSpec } from '../model/plan.js'
import { canonicalLocale } from '../generate/locales.js'

/**
 * `spec` with its faker pools in `locale`; undefined when nothing in it is drawn from faker data (a
 * number, a regex, a key…). A conditional is localized in each branch that has faker data.
 * New generator kinds that draw faker data belong here.
 */
export function withLocale(spec: GeneratorSpec, locale: string): GeneratorSpec | undefined {
  switch (spec.kind) {
    case 'faker':
    case 'faker-call':
    case 'template':
      return { ...spec, locale }
    case 'conditional': {
      const then = withLocale(spec.then, locale)
      const other = withLocale(spec.else, locale)
      if (!then && !other) return undefined
      return { ...spec, then: then ?? spec.then, else: other ?? spec.else }
    }
    default:
      return undefined
  }
}

/** True when the spec (or a branch of it) already names its own locale. */
export function hasLocale(spec: GeneratorSpec): boolean {
  if ('locale' in spec && spec.locale !== undefined) return true
  return spec.kind === 'conditional' && (hasLocale(spec.then) || hasLocale(spec.else))
}

/** The canonical code of a rule's (already validated) locale. */
export function ruleLocale(code: string): string {
  return canonicalLocale(code) ?? code
}
