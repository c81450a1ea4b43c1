/**
 * Which generator a column rule chooses, without zod: the planner asks this of every rule (even with no
 * rules file), and loading the rules schema (schema.ts) costs ~0.15 s of zod start-up on its own.
 * schema.ts re-exports these names, so importing them from there still works.
 */
import type { ColumnRule, EmpiricalDistribution } from './schema.js'

/** True for the `{ quantiles }` form of `distribution`. */
export function isEmpirical(d: ColumnRule['distribution']): d is EmpiricalDistribution {
  return typeof d === 'object' && d !== null
}

/** Keys of a ColumnRule that choose the generator (at most one per rule). */
export const GENERATOR_KEYS = ['values', 'range', 'regex', 'faker', 'template', 'between', 'after', 'before', 'constant', 'sequence', 'from', 'when'] as const

/** A generator key, or `distribution` for an empirical distribution standing alone (no range/between). */
export type GeneratorKey = (typeof GENERATOR_KEYS)[number] | 'distribution'

/** The key that chooses the rule's generator; undefined when the rule has none. */
export function generatorKey(r: ColumnRule): GeneratorKey | undefined {
  return GENERATOR_KEYS.find((k) => r[k] !== undefined) ?? (isEmpirical(r.distribution) ? 'distribution' : undefined)
}
