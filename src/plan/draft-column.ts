/**
 * A column while its table is being planned: the generator chosen so far and why. Every planning pass
 * (rules, relations, coherence groups, vocabularies, lifecycle, fan-out) reads and rewrites these; each
 * takes the `Pick` of the fields it needs, so one type describes them all.
 */
import type { GeneratorSpec } from '../model/plan.js'
import type { Column } from '../model/schema.js'
import type { FkEdge } from './fk-graph.js'

export interface DraftColumnView {
  name: string
  column: Column
  spec: GeneratorSpec
  /** Why this generator: shown by `tdg plan`. */
  reason: string
  /** Key, unique or FK columns keep their own generator. */
  fixed: boolean
  /** Never written: a generated column, or one left to its database default. */
  omit?: 'generated' | 'default'
  fk?: FkEdge
  /** A NULL share chosen for this column (lifecycle columns), beating the run's default. */
  nullRate?: number
}
