/**
 * What a target dialect supplies to `renderSchemaFor` (src/adapter/render-ddl.ts): types, identity,
 * enums, current-time defaults and what the dialect cannot hold. Each adapters/<dialect>/render-ddl.ts
 * builds one. Types only.
 */
import type { SqlDialect } from './adapter.js'
import type { Column, FkAction, LogicalType, SchemaModel, Table, TableRef } from '../model/schema.js'
import type { CheckSyntax } from './render-check.js'

/** A column's type in the target, with what changed on the way. */
export interface TypeChoice {
  /** Type text as it goes into CREATE TABLE. */
  sql: string
  /** The logical type the target column will have (literals of defaults are spelled for it). */
  logical: LogicalType
  /** Why the type lost something (`uuid → char(36)`), in words after `table.column: `. */
  note?: string
  /** A CHECK the type needs to keep its meaning (an enum's `IN` list on SQLite / SQL Server). */
  check?: string
}

/** What the engine knows about the column it asks a `DdlTarget` about. */
export interface ColumnContext {
  table: Table
  /** The target ref of the table (schema mapped). */
  ref: TableRef
  /** The column is part of the PK, a UNIQUE or an FK (some targets cannot index unbounded text). */
  inKey: boolean
  /** Source and target are the same dialect: native spellings carry over. */
  same: boolean
  model: SchemaModel
}

/** A target dialect's part of rendering. */
export interface DdlTarget {
  dialect: SqlDialect
  /** Name used in notes (`not carried over to sqlite`). */
  label: string
  /** Statement creating a non-default schema; absent: the target has no schemas (tables go to its one namespace, with a note). */
  createSchema?(schema: string): string
  /** The column's type in the target (cross-dialect from `column.type`; same dialect usually `nativeType`). */
  columnType(column: Column, ctx: ColumnContext): TypeChoice
  /** Statements to run before the tables (enum types, domains), known once every column was typed. */
  prelude?(): string[]
  /**
   * The identity clause for `column` (typed `type`) or a reason it cannot be one. `soleKey`: the column
   * is the whole primary key. `inlinePk`: the clause already declares the primary key (SQLite
   * `INTEGER PRIMARY KEY`), `type` overrides the column's type.
   */
  identity(column: Column, type: TypeChoice, soleKey: boolean, same: boolean): { clause: string; inlinePk?: boolean; type?: string } | { note: string }
  /** The current-time default for a column of this target logical type; undefined when there is none. */
  nowDefault(type: LogicalType): string | undefined
  /** Spelling of a generated column after its type (same dialect only; in another one it becomes a plain nullable column). */
  generated(expression: string, stored: boolean): string
  /** FK actions the target does not take (mapped to NO ACTION with a note). */
  unsupportedActions: FkAction[]
  /** The target takes DEFERRABLE INITIALLY DEFERRED / IMMEDIATE on FKs. */
  deferrable: boolean
  /** The target resolves FK targets when rows are written, not at CREATE time (SQLite): cycles stay inline. */
  lateFkBinding: boolean
  /** Functions and quoting for CHECKs re-rendered from their parsed shapes. */
  check: CheckSyntax
  /** Both sides of an FK need the same numeric type (InnoDB: same size and sign): the child column takes the parent's. */
  fkSameNumericType?: boolean
  /** A literal DEFAULT as the column's type takes it (MySQL 8: `DEFAULT ('x')` on TEXT/BLOB/JSON); default as is. */
  literalDefault?(sql: string, type: TypeChoice): string
  /** Between two tables at most one path of cascading FKs, and no cascade cycle (SQL Server): extra ones become NO ACTION, noted. */
  singleCascadePath?: boolean
  /** Text after the closing parenthesis of CREATE TABLE (`WITHOUT ROWID`, `ENGINE=InnoDB …`). */
  tableSuffix?(table: Table, same: boolean): string
  /** `CREATE UNIQUE INDEX … (lower(a), b)` for a case-folded unique; undefined when the target cannot. */
  foldedUnique?(name: string, ref: TableRef, columns: Array<{ name: string; fold: boolean }>): string
  /**
   * A UNIQUE over nullable columns as a statement after the table, where the target's UNIQUE would treat
   * NULLs as equal (SQL Server: one NULL only) unlike the source: a filtered unique index. Absent: inline UNIQUE.
   */
  nullableUnique?(name: string, ref: TableRef, columns: string[], nullable: string[]): string
  /** A unique constraint/index name length limit, for generated names. */
  maxIdentifier: number
}
