/**
 * The fuzzer's own abstract schema: what a random schema holds, independent of tdg's model (the
 * validator reads this, never tdg's introspection, so it is a second opinion). Plain JSON: a failure
 * fixture stores it beside the rendered DDL.
 */

/** The live dialects the fuzzer seeds, plus SQL Server (rendered and parsed only). */
export type FuzzDialect = 'postgres' | 'mysql' | 'sqlite' | 'mssql'

/** A column type, in the fuzzer's terms; each renderer spells it for its dialect. */
export type FType =
  | { k: 'int'; bytes: 2 | 4 | 8 }
  | { k: 'decimal'; p: number; s: number }
  | { k: 'float'; bytes: 4 | 8 }
  | { k: 'bool' }
  | { k: 'varchar'; n: number }
  | { k: 'char'; n: number }
  | { k: 'text' }
  | { k: 'uuid' }
  | { k: 'date' }
  | { k: 'time' }
  | { k: 'timestamp'; tz: boolean }
  | { k: 'json' }
  | { k: 'binary'; n?: number }
  /** PostgreSQL CREATE TYPE, MySQL ENUM(…), SQLite/SQL Server text + CHECK IN. `type` names the PostgreSQL type. */
  | { k: 'enum'; labels: string[]; type: string }
  | { k: 'interval' }
  | { k: 'inet' }
  | { k: 'array'; of: 'int' | 'text' }
  /** MySQL/MariaDB YEAR (1901–2155). */
  | { k: 'year' }
  /** A type tdg has no generator for (PostgreSQL `point`, MySQL `point`, SQLite no declared type). */
  | { k: 'unknown' }

export type FTypeKind = FType['k']

export interface FDefault {
  /** SQL text of the default, already in the dialect's spelling. */
  sql: string
}

export interface FColumn {
  name: string
  type: FType
  notNull: boolean
  /** Identity/auto-increment (integer PK columns only). */
  identity?: boolean
  default?: FDefault
}

/** A CHECK, as abstract parts the renderer spells per dialect. */
export type FCheckPart =
  | { s: 'in'; col: string; values: Array<string | number> }
  | { s: 'cmp'; col: string; op: '<' | '<=' | '>' | '>=' | '=' | '<>'; value: string | number }
  | { s: 'between'; col: string; min: string | number; max: string | number }
  | { s: 'like'; col: string; pattern: string; not?: boolean }
  | { s: 'len'; col: string; op: '<' | '<=' | '>' | '>=' | '='; value: number }
  | { s: 'len-between'; col: string; min: number; max: number }
  | { s: 'cols'; left: string; op: '<' | '<=' | '>' | '>=' | '<>'; right: string }

export interface FCheck {
  name: string
  /** Conjuncts (AND). */
  all: FCheckPart[]
  /** `col IS NULL OR (…)`: the nullable-column form. */
  orNull?: string
  /** Disjunction of the parts instead of a conjunction (a pending shape: tdg does not understand it yet). */
  any?: boolean
}

export interface FForeignKey {
  name: string
  columns: string[]
  /** Index of the referenced table in `FSchema.tables`. */
  table: number
  refColumns: string[]
}

export interface FTable {
  name: string
  columns: FColumn[]
  pk?: string[]
  uniques: Array<{ name: string; columns: string[] }>
  fks: FForeignKey[]
  checks: FCheck[]
}

export interface FSchema {
  dialect: FuzzDialect
  tables: FTable[]
}

/** Which features a schema uses, for known-refusal judgement and reports. */
export interface SchemaTraits {
  /** table.column of NOT NULL columns of an ungeneratable type without a default. */
  unknownNotNull: string[]
  /** Tables with a CHECK tdg cannot understand (a disjunction). */
  opaqueChecks: string[]
  /** Tables with a CHECK on a PK/UNIQUE column. */
  keyChecks: string[]
  /** True when a cycle of NOT NULL FKs exists (self-loops included). */
  notNullCycle: boolean
}

/** Columns of a check part. */
export function partColumns(p: FCheckPart): string[] {
  return p.s === 'cols' ? [p.left, p.right] : [p.col]
}

/** The traits of a schema (see `SchemaTraits`). */
export function traitsOf(schema: FSchema): SchemaTraits {
  const unknownNotNull: string[] = []
  const opaqueChecks: string[] = []
  const keyChecks: string[] = []
  for (const t of schema.tables) {
    for (const c of t.columns) if (c.type.k === 'unknown' && c.notNull && !c.default) unknownNotNull.push(`${t.name}.${c.name}`)
    const keyCols = new Set([...(t.pk ?? []), ...t.uniques.flatMap((u) => u.columns)])
    for (const ck of t.checks) {
      if (ck.any) opaqueChecks.push(t.name)
      if (ck.all.some((p) => partColumns(p).some((c) => keyCols.has(c)))) keyChecks.push(t.name)
    }
  }
  return { unknownNotNull, opaqueChecks, keyChecks, notNullCycle: hasNotNullCycle(schema) }
}

function hasNotNullCycle(schema: FSchema): boolean {
  const edges = schema.tables.map((t) =>
    t.fks.filter((fk) => fk.columns.every((c) => t.columns.find((x) => x.name === c)?.notNull)).map((fk) => fk.table),
  )
  const state = new Array<number>(schema.tables.length).fill(0)
  const visit = (i: number): boolean => {
    if (state[i] === 1) return true
    if (state[i] === 2) return false
    state[i] = 1
    for (const j of edges[i] ?? []) if (visit(j)) return true
    state[i] = 2
    return false
  }
  return schema.tables.some((_t, i) => visit(i))
}
