/**
 * The schema model: what a database (or a DDL file) holds, independent of dialect.
 * Types only; this module imports nothing. Field names are part of the `--json` contract.
 */

/** Logical type of a column: what generators and sinks reason about. */
export type LogicalType =
  /** `min`/`max`: a narrower range than the width gives (MySQL YEAR: 1901–2155); both or neither. */
  | { kind: 'integer'; bytes: 1 | 2 | 3 | 4 | 8; unsigned?: boolean; min?: number; max?: number }
  | { kind: 'decimal'; precision?: number; scale?: number }
  | { kind: 'float'; bytes: 4 | 8 }
  | { kind: 'boolean' }
  /** Bounded or unbounded character data; `fixed` for char(n). */
  | { kind: 'string'; maxLength?: number; fixed?: boolean }
  | { kind: 'text' }
  | { kind: 'uuid' }
  | { kind: 'date' }
  | { kind: 'time'; tz?: boolean }
  | { kind: 'timestamp'; tz: boolean }
  | { kind: 'interval' }
  | { kind: 'json'; binary?: boolean }
  | { kind: 'binary'; maxLength?: number }
  | { kind: 'enum'; values: string[]; name?: string }
  | { kind: 'set'; values: string[] }
  | { kind: 'array'; element: LogicalType }
  /** An IP address; `ipv6`: the column takes IPv6 text only (MariaDB INET6), so IPv4 is written IPv4-mapped. */
  | { kind: 'inet'; ipv6?: boolean }
  /** A type tdg does not know; generation reports an Issue and writes NULL or the default. */
  | { kind: 'unknown'; native: string }

export type LogicalKind = LogicalType['kind']

/** Reference to a table, schema-qualified where the dialect has schemas. */
export interface TableRef {
  /** Schema/namespace; `undefined` for SQLite's main and MySQL's current database. */
  schema?: string
  name: string
}

/** A column default, classified so core code need not parse SQL. */
export type ColumnDefault =
  /** A constant: numbers, strings, booleans and NULL, in their JS form (strings keep their text). */
  | { kind: 'literal'; value: string | number | boolean | null }
  /** `nextval('seq')` and equivalents. */
  | { kind: 'sequence'; sequence: string }
  /** CURRENT_TIMESTAMP, now(), CURRENT_DATE, ... */
  | { kind: 'now' }
  /** Anything else, as SQL text in the dialect. */
  | { kind: 'expression'; sql: string }

/** Identity / serial / auto-increment key columns. */
export interface ColumnIdentity {
  /** `always` = GENERATED ALWAYS AS IDENTITY; `by-default` = BY DEFAULT; `serial` = a sequence default; `autoincrement` = MySQL/SQLite. */
  kind: 'always' | 'by-default' | 'serial' | 'autoincrement'
  /** Owning sequence name where there is one (PostgreSQL), schema-qualified when not in the table's schema. */
  sequence?: string
  start?: number
  increment?: number
}

/** A computed column: never written. */
export interface ColumnGenerated {
  expression: string
  stored: boolean
}

export interface Column {
  name: string
  /** The database's own spelling of the type, canonicalised per dialect (e.g. `character varying(40)`). */
  nativeType: string
  type: LogicalType
  nullable: boolean
  default?: ColumnDefault
  identity?: ColumnIdentity
  generated?: ColumnGenerated
  /** Name of a domain the column is declared with (PostgreSQL), whose base gives `nativeType`. */
  domain?: string
  comment?: string
}

export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default'

export interface UniqueConstraint {
  name?: string
  columns: string[]
}

export interface ForeignKey {
  name?: string
  columns: string[]
  references: { schema?: string; table: string; columns: string[] }
  onDelete: FkAction
  onUpdate: FkAction
  deferrable: boolean
  initiallyDeferred: boolean
}

/** The simple CHECK shapes that generation can satisfy by construction. */
export type CheckShape =
  | { kind: 'in'; column: string; values: Array<string | number> }
  | { kind: 'compare'; column: string; op: '<' | '<=' | '>' | '>=' | '=' | '<>'; value: string | number }
  | { kind: 'between'; column: string; min: string | number; max: string | number }
  | { kind: 'like'; column: string; pattern: string; negated?: boolean }
  | { kind: 'length'; column: string; op: '<' | '<=' | '>' | '>=' | '='; value: number }
  | { kind: 'columns'; left: string; op: '<' | '<=' | '>' | '>=' | '<>'; right: string }
  | { kind: 'not-null'; column: string }
  /**
   * A disjunction whose every branch is a conjunction of the shapes above (`IS NULL` disjuncts left out:
   * a NULL passes a CHECK anyway). Generation keeps one branch, so the disjunction holds.
   */
  | { kind: 'or'; branches: CheckShape[][] }

export interface CheckConstraint {
  name?: string
  /** The expression as SQL text (dialect spelling, as the source gave it). */
  expression: string
  /** Conjuncts understood as simple shapes; empty when nothing could be understood. */
  parsed: CheckShape[]
  /** True when every conjunct of the expression was understood. */
  fullyParsed: boolean
}

export interface Table {
  schema?: string
  name: string
  columns: Column[]
  primaryKey?: { name?: string; columns: string[] }
  uniques: UniqueConstraint[]
  foreignKeys: ForeignKey[]
  checks: CheckConstraint[]
  /**
   * Unique indexes on case-folding expressions (`lower(email)`, `upper(code)`), as the columns they
   * read. Generation makes those columns unique together, which keeps such an index unique as long as
   * values do not differ only in case. Absent when there are none.
   */
  foldedUniques?: UniqueConstraint[]
  /** SQLite WITHOUT ROWID. */
  withoutRowid?: boolean
  comment?: string
}

export interface EnumType {
  schema?: string
  name: string
  values: string[]
}

export interface DomainType {
  schema?: string
  name: string
  /** Canonical native base type. */
  baseType: string
  nullable: boolean
  checks: CheckConstraint[]
}

export interface SchemaModel {
  dialect: 'postgres' | 'mysql' | 'mssql' | 'sqlite'
  tables: Table[]
  enums: EnumType[]
  domains: DomainType[]
}
