/**
 * Types of `tdg check`: rows of a schema held in memory, invariants measured on them, and their results.
 * A sink-side reader: nothing here takes part in generation.
 */
import type { Value } from '../model/rows.js'
import type { SchemaModel, Table } from '../model/schema.js'
import type { AddressReference } from './address-reference.js'

/** One table's rows, positional as read, with the column positions by name. */
export interface TableRows {
  /** `schema.name` or `name`, as manifests and messages name a table. */
  key: string
  table: Table
  columns: string[]
  rows: Value[][]
  /** Position of a column in `columns` (and each row); absent when the data lacks it. */
  index: Map<string, number>
}

/** Everything an invariant may read. */
export interface CheckContext {
  model: SchemaModel
  /** Tables by key (`schema.name` or `name`), only those checked or needed as FK parents. */
  tables: Map<string, TableRows>
  /** Keys of the tables whose results are reported (`--tables`); parents outside it are still read. */
  reported: Set<string>
  /** The data's "now" (`--now`, default today UTC), in ms since the epoch. */
  now: number
  /** City/state/zip/country reference data, when wired (see address-reference.ts). */
  addressReference: AddressReference
}

/** One example of a failing row: its 1-based position in the table as read, and a short value when not secret. */
export interface CheckExample {
  row: number
  /** The row's primary key (`id=17`), so it can be found in the source; absent without a PK. */
  key?: string
  value?: string
}

/** An invariant measured on one table (or one FK / one column of it). */
export interface InvariantResult {
  invariant: string
  table: string
  /** Columns the measurement read (FK parent columns as `parent.column`). */
  columns: string[]
  /** What one applicable unit is: a row, a parent row, a foreign key, a column. */
  unit: 'row' | 'parent' | 'fk' | 'column'
  applicable: number
  passed: number
  /** A few failing units. */
  examples: CheckExample[]
  /** A short measurement note (e.g. the modal share of a fan-out). */
  note?: string
}

/** A measurable property of realistic data, detected by column names. */
export interface Invariant {
  id: string
  description: string
  /**
   * Results for every table (or FK, column) it applies to; nothing when it applies nowhere. Detection is
   * conservative: when in doubt, a column is not applicable.
   */
  measure(ctx: CheckContext, t: TableRows): InvariantResult[]
}

/** Maximum examples kept per result. */
export const MAX_EXAMPLES = 3
