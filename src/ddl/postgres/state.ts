/**
 * The mutable state a DDL script builds up, statement by statement: tables in declaration order,
 * enums, domains, sequences, the search_path, issues, and where things were declared (for errors).
 */
import type { SqlDialect } from '../../adapter/adapter.js'
import type { Column, DomainType, EnumType, ForeignKey, LogicalType, Table } from '../../model/schema.js'
import type { Issue, SourceLocation } from '../../errors.js'
import { TdgError } from '../../errors.js'
import type { Locator } from './locator.js'

/** A foreign key whose target is resolved when the whole script has been read. */
export interface PendingFk {
  table: Table
  fk: ForeignKey
  /** Schema named in the DDL, or the search_path in force at the statement. */
  schemas: string[]
  /** Byte offset of the REFERENCES target, for errors. */
  at: number
}

export interface SequenceInfo {
  schema: string
  name: string
  start?: number
  increment?: number
  ownedBy?: { table: Table; column: string }
}

/** A domain plus its base type's logical type, for columns declared with it. */
export interface DomainInfo {
  domain: DomainType
  baseLogical: LogicalType
}

export class DdlState {
  readonly tables: Table[] = []
  readonly enums: EnumType[] = []
  readonly domains = new Map<string, DomainInfo>()
  readonly sequences = new Map<string, SequenceInfo>()
  readonly pendingFks: PendingFk[] = []
  readonly issues: Issue[] = []
  /** Constraint/index names used per schema, for PostgreSQL-style default names. */
  readonly usedNames = new Map<string, Set<string>>()
  /** Current search_path (schemas only; `$user` dropped). */
  searchPath: string[] = ['public']
  /** Byte offset of the statement being handled. */
  stmtAt = 0

  constructor(readonly dialect: SqlDialect, readonly locator: Locator, readonly file: string | undefined) {}

  /** Schema that unqualified CREATEs go to. */
  get creationSchema(): string {
    return this.searchPath[0] ?? 'public'
  }

  location(byteOffset = this.stmtAt): SourceLocation {
    const { line, column } = this.locator.fromByte(byteOffset)
    return this.file === undefined ? { line, column } : { file: this.file, line, column }
  }

  /** Record a warning at the current statement (or at `at`). */
  issue(code: Issue['code'], message: string, extra: { table?: string; column?: string; at?: number } = {}): void {
    const issue: Issue = { code, message, location: this.location(extra.at) }
    if (extra.table !== undefined) issue.table = extra.table
    if (extra.column !== undefined) issue.column = extra.column
    this.issues.push(issue)
  }

  /** A TDG_DDL_PARSE error located at `at` (default: the current statement). */
  error(message: string, at = this.stmtAt): TdgError {
    const loc = this.location(at)
    const where = `${this.file ?? '<input>'}:${loc.line}:${loc.column}`
    return new TdgError('TDG_DDL_PARSE', `${where}: ${message}`, { file: this.file, line: loc.line, column: loc.column })
  }

  names(schema: string): Set<string> {
    let s = this.usedNames.get(schema)
    if (!s) this.usedNames.set(schema, (s = new Set()))
    return s
  }

  findTable(schema: string | undefined, name: string): Table | undefined {
    const schemas = schema ? [schema] : this.searchPath
    for (const s of schemas) {
      const t = this.tables.find((x) => x.schema === s && x.name === name)
      if (t) return t
    }
    return undefined
  }

  /** The table or a located TDG_DDL_PARSE naming it. */
  requireTable(schema: string | undefined, name: string, at?: number): Table {
    const t = this.findTable(schema, name)
    if (!t) throw this.error(`table "${schema ? `${schema}.` : ''}${name}" does not exist`, at)
    return t
  }

  requireColumn(table: Table, name: string, at?: number): Column {
    const c = table.columns.find((x) => x.name === name)
    if (!c) throw this.error(`column "${name}" of table "${table.name}" does not exist`, at)
    return c
  }

  findEnum(schema: string | undefined, name: string): EnumType | undefined {
    const schemas = schema ? [schema] : this.searchPath
    for (const s of schemas) {
      const e = this.enums.find((x) => x.schema === s && x.name === name)
      if (e) return e
    }
    return undefined
  }

  findDomain(schema: string | undefined, name: string): DomainInfo | undefined {
    const schemas = schema ? [schema] : this.searchPath
    for (const s of schemas) {
      const d = this.domains.get(`${s}.${name}`)
      if (d) return d
    }
    return undefined
  }

  findSequence(schema: string | undefined, name: string): SequenceInfo | undefined {
    const schemas = schema ? [schema] : this.searchPath
    for (const s of schemas) {
      const q = this.sequences.get(`${s}.${name}`)
      if (q) return q
    }
    return undefined
  }

  addSequence(info: SequenceInfo): SequenceInfo {
    const key = `${info.schema}.${info.name}`
    const existing = this.sequences.get(key)
    if (existing) {
      if (info.start !== undefined) existing.start = info.start
      if (info.increment !== undefined) existing.increment = info.increment
      if (info.ownedBy) existing.ownedBy = info.ownedBy
      return existing
    }
    this.sequences.set(key, info)
    return info
  }
}
