/**
 * SQLite catalog → SchemaModel. The PRAGMAs give columns, keys, indexes and foreign keys; the stored
 * CREATE TABLE text gives what no PRAGMA reports (CHECKs, generated expressions, DEFERRABLE, constraint
 * names, AUTOINCREMENT). Used for live databases and, through `ddl.ts`, for DDL files alike.
 */
import type BetterSqlite3 from 'better-sqlite3'
import { analyzeCheck } from '../../src/adapter/check-shape.js'
import type { Issue, SourceLocation } from '../../src/errors.js'
import type { Introspection } from '../../src/model/introspection.js'
import type { CheckConstraint, Column, Table } from '../../src/model/schema.js'
import { indexList, schemaRows, tableList, tableXinfo, type SchemaRow, type TableListRow, type XColumnRow } from './catalog.js'
import { readCreateTable, type CreateTableFacts } from './create-table-text.js'
import { readForeignKeys, readUniques } from './introspect-keys.js'
import { compareNames, sameColumns } from './names.js'
import { sqliteClassifyDefault, sqliteToLogicalType } from './types.js'

/** Options for `introspectSqlite`. */
export interface IntrospectSqliteOptions {
  /** Where an object was defined (DDL files): attached to the Issues about it. Default: no locations. */
  locate?: (type: 'table' | 'view' | 'trigger', name: string) => SourceLocation | undefined
}

/**
 * Read the `main` schema of an open database. Tables come ordered by name, columns by cid; internal
 * `sqlite_%` tables and virtual-table shadow tables are left out; views, triggers and virtual tables each
 * give an OBJECT_SKIPPED Issue.
 */
export function introspectSqlite(db: BetterSqlite3.Database, opts: IntrospectSqliteOptions = {}): Introspection {
  const issues: Issue[] = []
  const at = (type: 'table' | 'view' | 'trigger', name: string): { location?: SourceLocation } => {
    const location = opts.locate?.(type, name)
    return location ? { location } : {}
  }
  const list = tableList(db).sort((a, b) => compareNames(a.name, b.name))
  const sqlByName = new Map<string, SchemaRow>()
  for (const row of schemaRows(db)) sqlByName.set(`${row.type}:${row.name.toLowerCase()}`, row)

  const tables: Table[] = []
  const pkByName = new Map<string, string[]>()
  const real = list.filter((t) => t.type === 'table' && !t.name.toLowerCase().startsWith('sqlite_'))
  const facts = new Map<string, CreateTableFacts>()
  for (const t of real) {
    const f = readCreateTable(sqlByName.get(`table:${t.name.toLowerCase()}`)?.sql ?? '')
    facts.set(t.name, f)
    const table = readTable(db, t, f, issues)
    tables.push(table)
    pkByName.set(t.name.toLowerCase(), table.primaryKey?.columns ?? [])
  }
  // Foreign keys need every table's primary key (a REFERENCES clause without columns means the parent's PK).
  const names = new Map(real.map((t) => [t.name.toLowerCase(), t.name]))
  for (const table of tables) {
    table.foreignKeys = readForeignKeys(db, table.name, facts.get(table.name) as CreateTableFacts, names, pkByName, issues)
  }

  for (const t of list) {
    if (t.type === 'view') {
      issues.push({ code: 'OBJECT_SKIPPED', message: `view ${t.name} skipped: tdg reads and writes tables only`, table: t.name, ...at('view', t.name) })
    } else if (t.type === 'virtual') {
      issues.push({ code: 'OBJECT_SKIPPED', message: `virtual table ${t.name} skipped: its module owns the storage`, table: t.name, ...at('table', t.name) })
    }
  }
  const triggers = schemaRows(db).filter((r) => r.type === 'trigger').sort((a, b) => compareNames(a.name, b.name))
  for (const r of triggers) {
    issues.push({ code: 'OBJECT_SKIPPED', message: `trigger ${r.name} on ${r.tbl_name} skipped: it fires during seeding but is not modelled`, table: r.tbl_name, ...at('trigger', r.name) })
  }
  return { model: { dialect: 'sqlite', tables, enums: [], domains: [] }, issues }
}

/** One table without its foreign keys. */
function readTable(db: BetterSqlite3.Database, t: TableListRow, facts: CreateTableFacts, issues: Issue[]): Table {
  const xcols = tableXinfo(db, t.name).filter((c) => c.hidden !== 1)
  const withoutRowid = t.wr === 1
  const pkCols = xcols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk)
  const indexes = indexList(db, t.name)
  // An INTEGER PRIMARY KEY of a rowid table aliases the rowid: SQLite builds no separate PK index for it.
  // (`INTEGER PRIMARY KEY DESC` in a column definition is SQLite's documented exception: it gets an index.)
  const rowidAlias = !withoutRowid && pkCols.length === 1 && pkCols[0]?.type.trim().toUpperCase() === 'INTEGER' && !indexes.some((i) => i.origin === 'pk')
    ? pkCols[0]?.name
    : undefined
  const columns = xcols.map((c) => readColumn(t, c, facts, c.name === rowidAlias, issues))
  const pkColumns = pkCols.map((c) => c.name)
  const pkName = facts.keyNames.find((k) => k.kind === 'primary' && sameColumns(k.columns, pkColumns))?.name
  // Fields in the order of the model type, so `--json` output reads naturally.
  const table: Table = {
    name: t.name,
    columns,
    ...(pkColumns.length > 0 && { primaryKey: { ...(pkName !== undefined && { name: pkName }), columns: pkColumns } }),
    uniques: [],
    foreignKeys: [],
    checks: [],
  }
  table.uniques = readUniques(db, table, indexes, facts, issues)
  table.checks = readChecks(t.name, facts, issues)
  if (withoutRowid) table.withoutRowid = true
  return table
}

function readColumn(t: TableListRow, c: XColumnRow, facts: CreateTableFacts, rowidAlias: boolean, issues: Issue[]): Column {
  const type = sqliteToLogicalType(c.type)
  if (type.kind === 'unknown') {
    const shown = c.type.trim() === '' ? 'no declared type' : `type ${c.type}`
    issues.push({ code: 'TYPE_UNKNOWN', message: `${shown} for ${t.name}.${c.name}: any value fits, tdg cannot tell which; the column is written as NULL or its default`, table: t.name, column: c.name })
  }
  // What SQLite enforces: a rowid alias can never hold NULL; WITHOUT ROWID and STRICT tables make their
  // PK columns NOT NULL; other rowid tables accept NULL in PK columns (a documented SQLite quirk).
  const pkNotNull = c.pk > 0 && (rowidAlias || t.wr === 1 || t.strict === 1)
  const column: Column = { name: c.name, nativeType: c.type, type, nullable: c.notnull === 0 && !pkNotNull }
  if (c.dflt_value !== null && c.hidden === 0) column.default = sqliteClassifyDefault(c.dflt_value)
  // Both AUTOINCREMENT and a plain rowid alias get their value from SQLite when none is written, so both
  // are identity columns: tdg assigns keys after the current maximum and syncIdentity moves
  // sqlite_sequence where AUTOINCREMENT keeps one (a plain alias needs nothing: it uses max(rowid)+1).
  if (rowidAlias) column.identity = { kind: 'autoincrement' }
  if (c.hidden === 2 || c.hidden === 3) column.generated = { expression: facts.generated.get(c.name.toLowerCase()) ?? '', stored: c.hidden === 3 }
  return column
}

/** CHECKs from the CREATE text (column-level ones mean the same as table-level in SQLite). */
function readChecks(table: string, facts: CreateTableFacts, issues: Issue[]): CheckConstraint[] {
  return facts.checks.map((c) => {
    const { parsed, fullyParsed } = analyzeCheck(c.expression)
    if (!fullyParsed) {
      const label = c.name !== undefined ? `CHECK ${c.name}` : 'CHECK'
      issues.push({
        code: 'CHECK_UNPARSED',
        message: `${label} (${c.expression}) on ${table} is not fully understood; generated rows may violate it`,
        table,
        ...(c.column !== undefined && { column: c.column }),
      })
    }
    return { ...(c.name !== undefined && { name: c.name }), expression: c.expression, parsed, fullyParsed }
  })
}
