/**
 * What the parts of the rule engine share for one plan: the rule set, the tables, and what `applyTable`
 * decides for later phases (null shares, unique rules, fan-outs). Plain maps keyed `table\0column`.
 */
import type { FanOut } from '../model/plan.js'
import type { Table } from '../model/schema.js'
import type { RuleSet } from './schema.js'
import type { RulePath } from './rule-error.js'

/** One fan-out a `perParent` rule set: the child's row count follows its parents'. */
export interface FanOutEntry {
  key: string
  group: string
  parent: string
  fanout: FanOut
}

/** State shared by the rule phases of one plan. */
export interface RuleState {
  set: RuleSet
  tables: Map<string, Table>
  seed: string | number
  /** `--scale`: multiplies the rules' `rows` (1 when not given). */
  scale: number
  /** "now" in epoch seconds (whole days), for `between: [.., now]`. */
  now: number
  /** `table\0column` of every column an FK references (never NULL). */
  referenced: Set<string>
  /** A rule's null share per `table\0column`. */
  nullRates: Map<string, number>
  /** `unique: true` rules per `table\0column`, with their path (capacity check). */
  uniqueRules: Map<string, { path: RulePath }>
  fanouts: FanOutEntry[]
}

/** The `table\0column` key of the state's maps. */
export function cellKey(table: string, column: string): string {
  return `${table}\u0000${column}`
}
