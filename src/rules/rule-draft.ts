/** The planner's column drafts as the rule engine reads and replaces them. */
import type { GeneratorSpec } from '../model/plan.js'
import type { Column, Table } from '../model/schema.js'
import type { Issue } from '../errors.js'
import type { TableConstraints } from '../plan/column-constraints.js'
import type { FkEdge } from '../plan/fk-graph.js'

/** The part of a planner column draft rules read and replace. */
export interface RuleDraftColumn {
  name: string
  column: Column
  spec: GeneratorSpec
  reason: string
  fixed: boolean
  omit?: 'generated' | 'default'
  fk?: FkEdge
}

/** One table's drafts, as `applyTable` gets them. */
export interface RuleTableInput {
  key: string
  table: Table
  columns: RuleDraftColumn[]
  cons: TableConstraints
  /** FK edges out of this table. */
  edges: FkEdge[]
  /** Edges cut for fixups (a fan-out cannot ride on them). */
  cut: Set<FkEdge>
  issues: Issue[]
}
