/**
 * The contract of one rule generator kind (`values`, `range`, `template`, …): a function from the rule
 * and its column to the GeneratorSpec that replaces the built-in one. Each kind is one file of this
 * folder; column-spec.ts dispatches on the rule's generator key. Adding a kind: a file here, its key in
 * schema.ts (GENERATOR_KEYS and the zod shape) and its entry in column-spec.ts's table.
 */
import type { GeneratorSpec } from '../../model/plan.js'
import type { Value } from '../../model/rows.js'
import type { Column, Table } from '../../model/schema.js'
import type { ColumnConstraints } from '../../plan/column-constraints.js'
import type { FkEdge } from '../../plan/fk-graph.js'
import type { ColumnRule, RuleScalar, RuleSet } from '../schema.js'
import type { RulePath } from '../rule-error.js'

/** What a column rule needs to know about its column and table. */
export interface ColumnContext {
  set: RuleSet
  path: RulePath
  table: string
  tableDef: Table
  column: Column
  cons: ColumnConstraints
  /** The built-in generator (kept by a rule without one, and by a missing `else`). */
  builtin: GeneratorSpec
  /** The column's hard-bounds generator (type and CHECK limits, no realistic window). */
  hard(): GeneratorSpec
  /** CHECK constraints of a column of the table. */
  consOf(column: string): ColumnConstraints
  /** FK edges out of this table. */
  edges: FkEdge[]
  tables: Map<string, Table>
  /** "now" in epoch seconds. */
  now: number
}

/** A rule's generator, the columns it reads and a short description for `tdg plan`. */
export interface RuleSpec {
  spec: GeneratorSpec
  deps: string[]
  what: string
  /** The generator itself can yield NULL (`else: null`, a null value). */
  yieldsNull: boolean
  /** Columns whose written values end up in this one (`{{first_name}}`): they must be written. */
  rowReads?: string[]
}

/** Value families a rule kind accepts. */
export type Family = 'number' | 'boolean' | 'text' | 'date' | 'timestamp' | 'time' | 'other'

/** The family of a column's type. */
export function family(c: Column): Family {
  switch (c.type.kind) {
    case 'integer': case 'decimal': case 'float': return 'number'
    case 'boolean': return 'boolean'
    case 'string': case 'text': case 'enum': return 'text'
    case 'date': return 'date'
    case 'timestamp': return 'timestamp'
    case 'time': return 'time'
    default: return 'other'
  }
}

/** Longest text the column accepts (type and CHECK length), if bounded. */
export function maxLengthOf(c: Column, cons: ColumnConstraints): number | undefined {
  const typeMax = c.type.kind === 'string' ? c.type.maxLength : undefined
  if (typeMax === undefined) return cons.maxLength
  return cons.maxLength === undefined ? typeMax : Math.min(typeMax, cons.maxLength)
}

/** Helpers every kind gets, bound to the rule's column and path. */
export interface KindHelpers {
  /** `table.column`, for messages. */
  name: string
  fam: Family
  maxLen: number | undefined
  /** Throw TDG_RULES_INVALID at `path + key`, prefixed with the column's name. */
  fail(key: string | number | Array<string | number>, why: string): never
  /** A rule scalar as the column's value (type, enum, CHECKs); errors at `path + key`. */
  coerce(v: RuleScalar, key: Array<string | number>): Value
  /** Lowercased when the rule says `lowercase`. */
  lower(v: Value): Value
  out(spec: GeneratorSpec, what: string, deps?: string[], yieldsNull?: boolean): RuleSpec
  /** A column of the same table by name (error at `path + key` when there is none). */
  sibling(key: Array<string | number>, ref: string): Column
  /** A nested rule body (a `then`/`else` branch) at `path`; undefined when it has no generator. */
  nested(rule: ColumnRule, path: RulePath): RuleSpec | undefined
}

/** One rule generator kind. */
export type RuleKind = (rule: ColumnRule, ctx: ColumnContext, h: KindHelpers) => RuleSpec
