/**
 * Distinct values a rule generator yields by construction (the capacity a `unique` rule needs);
 * 0 when it cannot be made unique. Must agree with the unique paths in src/generate/rule-sources.ts.
 */
import type { RuleGeneratorSpec } from '../model/plan.js'
import { BIG } from '../generate/strings.js'
import { parseRegex, regexSize } from '../generate/regex.js'
import { rowTemplateDomain } from '../generate/row-templates.js'

/** Capacity of a rule spec under a unique pick. */
export function ruleDomainSize(spec: RuleGeneratorSpec): number {
  switch (spec.kind) {
    case 'weighted':
      return new Set(spec.values.map((v) => JSON.stringify(v))).size
    case 'regex':
      return regexSize(parseRegex(spec.pattern))
    case 'template':
      return rowTemplateDomain(spec.template, spec.lowercase === true, spec.maxLength, BIG) ?? BIG
    case 'faker-call':
    case 'sequence':
      return BIG
    case 'distributed':
    case 'empirical':
    case 'conditional':
    case 'parent-value':
      return 0
  }
}
