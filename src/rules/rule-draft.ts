/** The planner's column drafts as the rule engine reads and replaces them. */
import type { DraftColumnView } from '../plan/draft-column.js'
import type { Table } from '../model/schema.js'
import type { Issue } from '../errors.js'
import type { TableConstraints } from '../plan/column-constraints.js'
import type { FkEdge } from '../plan/fk-graph.js'

/** The part of a planner column draft rules read and replace. */
export type RuleDraftColumn = Pick<DraftColumnView, 'name' | 'column' | 'spec' | 'reason' | 'fixed' | 'omit' | 'fk'>

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
