/**
 * What a T-SQL script builds up statement by statement: tables in declaration order, user types
 * (`sp_addtype`, `CREATE TYPE … FROM`), foreign keys to resolve at the end, and Issues.
 */
import type { SqlDialect } from '../../adapter/adapter.js'
import type { Column, DomainType, ForeignKey, LogicalType, Table } from '../../model/schema.js'
import type { Issue } from '../../errors.js'
import type { Cursor } from './cursor.js'
import type { Token } from './lexer.js'

/** The schema unqualified names live in. */
export const DEFAULT_SCHEMA = 'dbo'

/** A user type with the logical type of its base. */
export interface UserType {
  domain: DomainType
  logical: LogicalType
}

export interface PendingFk {
  table: Table
  fk: ForeignKey
  at: Token | undefined
}

export class MssqlState {
  readonly tables: Table[] = []
  readonly userTypes = new Map<string, UserType>()
  readonly pendingFks: PendingFk[] = []
  readonly issues: Issue[] = []

  constructor(readonly dialect: SqlDialect, readonly cur: Cursor, readonly file: string | undefined) {}

  /** Record a warning located at `at` (default: the current token). */
  issue(code: Issue['code'], message: string, at: Token | undefined = this.cur.peek(), extra: { table?: string; column?: string } = {}): void {
    const issue: Issue = { code, message }
    if (at) issue.location = this.file === undefined ? { line: at.line, column: at.column } : { file: this.file, line: at.line, column: at.column }
    if (extra.table !== undefined) issue.table = extra.table
    if (extra.column !== undefined) issue.column = extra.column
    this.issues.push(issue)
  }

  private readonly counted = new Map<string, { why: string; count: number; at: Token | undefined }>()

  /** A statement skipped many times in a script (`IF`, `EXEC sp_addextendedproperty`): one Issue, with a count, at the first. */
  count(what: string, why: string, at: Token | undefined): void {
    const seen = this.counted.get(what)
    if (seen) seen.count++
    else this.counted.set(what, { why, count: 1, at })
  }

  /** Turn the counted skips into Issues. */
  flushCounts(): void {
    for (const [what, { why, count, at }] of this.counted) this.issue('DDL_SKIPPED', `${what} skipped${count > 1 ? ` (${count} times)` : ''}: ${why}`, at)
    this.counted.clear()
  }

  findTable(schema: string | undefined, name: string): Table | undefined {
    const s = (schema || DEFAULT_SCHEMA).toLowerCase()
    const n = name.toLowerCase()
    // SQL Server's default collation is case-insensitive: [Orders] and orders are the same table.
    return this.tables.find((t) => (t.schema ?? DEFAULT_SCHEMA).toLowerCase() === s && t.name.toLowerCase() === n)
  }

  requireTable(parts: string[], at: Token | undefined): Table {
    const { schema, name } = tableName(parts)
    const t = this.findTable(schema, name)
    if (!t) throw this.cur.error(`table "${schema}.${name}" does not exist`, at)
    return t
  }

  findColumn(table: Table, name: string): Column | undefined {
    const n = name.toLowerCase()
    return table.columns.find((c) => c.name.toLowerCase() === n)
  }

  requireColumn(table: Table, name: string, at: Token | undefined): Column {
    const c = this.findColumn(table, name)
    if (!c) throw this.cur.error(`column "${name}" of table "${table.schema ?? DEFAULT_SCHEMA}.${table.name}" does not exist`, at)
    return c
  }

  findUserType(schema: string | undefined, name: string): UserType | undefined {
    return this.userTypes.get(`${(schema || DEFAULT_SCHEMA).toLowerCase()}.${name.toLowerCase()}`)
  }

  addUserType(t: UserType): void {
    this.userTypes.set(`${(t.domain.schema ?? DEFAULT_SCHEMA).toLowerCase()}.${t.domain.name.toLowerCase()}`, t)
  }
}

/** `[db].[schema].[table]`, `schema.table`, `table` → schema (default dbo) and name. */
export function tableName(parts: string[]): { schema: string; name: string } {
  const name = parts[parts.length - 1] ?? ''
  const schema = parts.length >= 2 ? parts[parts.length - 2] || DEFAULT_SCHEMA : DEFAULT_SCHEMA
  return { schema, name }
}
