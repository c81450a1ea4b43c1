/**
 * Live MySQL/MariaDB catalog (information_schema of the current database) → `Introspection`, the same
 * shape the DDL parser produces. One catalog query per concern (catalog.ts); this file assembles rows.
 *
 * Normalisations shared with the DDL parser (so parity holds): native types in canonical COLUMN_TYPE
 * spelling (types.ts); MariaDB's `json` (a `longtext` plus a column CHECK `json_valid(col)`) folded back
 * to `json` without that CHECK; RESTRICT and NO ACTION both `no action` (InnoDB treats them alike and
 * MariaDB reports them inconsistently); a NULL default is no default.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import { analyzeCheck } from '../../src/adapter/check-shape.js'
import { TdgError, type Issue } from '../../src/errors.js'
import type { Introspection } from '../../src/model/introspection.js'
import type { CheckConstraint, Column, FkAction, ForeignKey, Table } from '../../src/model/schema.js'
import * as q from './catalog.js'
import { coerceDefault, mysqlColumnDefault } from './classify-default.js'
import { canonicalMysqlType } from './types.js'

/** Runs one catalog query and returns its rows. */
export type CatalogQuery = <T>(sql: string) => Promise<T[]>

/** information_schema rule text → model action. */
export function fkAction(rule: string): FkAction {
  switch (rule.toUpperCase()) {
    case 'CASCADE': return 'cascade'
    case 'SET NULL': return 'set null'
    case 'SET DEFAULT': return 'set default'
    default: return 'no action'
  }
}

/** `json_valid(`col`)` — MariaDB's CHECK behind a JSON column. */
export function isJsonValidCheck(clause: string, column: string): boolean {
  const m = /^\(?\s*json_valid\s*\(\s*`((?:[^`]|``)+)`\s*\)\s*\)?$/i.exec(clause.trim())
  return m !== null && m[1]?.replace(/``/g, '`') === column
}

/** A CHECK with its analysis; an Issue when only part of it was understood. */
export function mysqlCheck(name: string | undefined, expression: string, issues: Issue[], table: string): CheckConstraint {
  const { parsed, fullyParsed } = analyzeCheck(standardStrings(expression))
  if (!fullyParsed) issues.push({ code: 'CHECK_UNPARSED', message: `CHECK ${name ?? ''} (${expression}) on ${table} is not fully understood; generated rows may violate it`, table })
  return { ...(name !== undefined ? { name } : {}), expression, parsed, fullyParsed }
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', Z: '\x1a', b: '\b' }

/**
 * Re-quote the string literals of MySQL expression text the SQL-standard way (`'b\'c'` → `'b''c'`,
 * backslash escapes decoded), which the shared CHECK analyser reads. Text outside strings is unchanged.
 */
export function standardStrings(sql: string): string {
  // Backquoted names come first so a quote inside one (`apo'strophe`) does not open a string.
  return sql.replace(/`(?:[^`]|``)*`|'((?:[^'\\]|\\[\s\S]|'')*)'/g, (all, body: string | undefined) => {
    if (body === undefined) return all
    const value = body.replace(/''|\\([\s\S])/g, (m, c: string | undefined) => (m === "''" ? "'" : c !== undefined ? (STRING_ESCAPES[c] ?? c) : m))
    return `'${value.replace(/'/g, "''")}'`
  })
}

/** Read the current database's tables, columns, keys, uniques, FKs and checks. */
export async function introspectMysql(query: CatalogQuery, dialect: SqlDialect): Promise<Introspection> {
  try {
    return await read(query, dialect)
  } catch (e) {
    if (e instanceof TdgError) throw e
    const reason = e instanceof Error ? e.message : String(e)
    throw new TdgError('TDG_INTROSPECT_FAILED', `reading information_schema failed: ${reason}`, {}, { cause: e })
  }
}

async function read(query: CatalogQuery, dialect: SqlDialect): Promise<Introspection> {
  const issues: Issue[] = []
  const [server] = await query<q.ServerRow>(q.SERVER_SQL)
  const mariadb = /mariadb/i.test(server?.version ?? '')
  const [tableRows, columnRows, indexRows, fkRows, checkRows] = await Promise.all([
    query<q.TableRow>(q.TABLES_SQL),
    query<q.ColumnRow>(q.COLUMNS_SQL),
    query<q.IndexRow>(q.UNIQUE_INDEXES_SQL),
    query<q.ForeignKeyRow>(q.FOREIGN_KEYS_SQL),
    // MySQL < 8.0.16 has no CHECK_CONSTRAINTS (and enforced no CHECKs).
    query<q.CheckRow>(mariadb ? q.CHECKS_MARIADB_SQL : q.CHECKS_MYSQL_SQL).catch(() => [] as q.CheckRow[]),
  ])
  const tables = new Map<string, Table>()
  for (const t of tableRows) {
    tables.set(t.name, { name: t.name, columns: [], uniques: [], foreignKeys: [], checks: [], ...(t.comment ? { comment: t.comment } : {}) })
  }
  const jsonChecks = new Set<string>()
  for (const c of columnRows) {
    const table = tables.get(c.table_name)
    if (!table) continue
    let nativeType = c.data_type.toLowerCase() === 'json' ? 'json' : canonicalMysqlType(c.column_type)
    const jsonCheck = checkRows.find((k) => k.table_name === c.table_name && (k.level === null || k.level === 'Column') && isJsonValidCheck(k.clause, c.name))
    if (nativeType === 'longtext' && jsonCheck) {
      nativeType = 'json'
      jsonChecks.add(`${c.table_name}\u0000${jsonCheck.name}`)
    }
    const type = dialect.toLogicalType(nativeType)
    if (type.kind === 'unknown') {
      issues.push({ code: 'TYPE_UNKNOWN', message: `type ${nativeType} of ${table.name}.${c.name} is not known; the column is written as NULL or its default`, table: table.name, column: c.name })
    }
    const col: Column = { name: c.name, nativeType, type, nullable: c.is_nullable === 'YES' }
    const extra = c.extra.toLowerCase()
    if (/\bgenerated\b/.test(extra) && !/default_generated/.test(extra) && c.generation_expression) {
      col.generated = { expression: c.generation_expression, stored: /stored|persistent/.test(extra) }
    } else if (/\bauto_increment\b/.test(extra)) {
      col.identity = { kind: 'autoincrement' }
    } else if (c.column_default !== null) {
      // MariaDB quotes literals in COLUMN_DEFAULT; MySQL 8 gives literal text unquoted and marks
      // expression defaults DEFAULT_GENERATED.
      const def = mariadb || /default_generated/.test(extra)
        ? mysqlColumnDefault(c.column_default, type)
        : coerceDefault({ kind: 'literal', value: c.column_default }, type)
      if (def) col.default = def
    }
    if (c.comment) col.comment = c.comment
    table.columns.push(col)
  }

  const indexes = new Map<string, q.IndexRow[]>()
  for (const i of indexRows) {
    const key = `${i.table_name}\u0000${i.name}`
    const list = indexes.get(key) ?? []
    list.push(i)
    indexes.set(key, list)
  }
  for (const parts of indexes.values()) {
    const first = parts[0] as q.IndexRow
    const table = tables.get(first.table_name)
    if (!table) continue
    const columns = parts.map((p) => p.column_name)
    if (columns.some((c) => c === null)) {
      issues.push({ code: 'INDEX_EXPRESSION', message: `unique index ${first.name} on ${table.name} uses expressions and is not modelled`, table: table.name })
    } else if (parts.some((p) => p.sub_part !== null)) {
      issues.push({ code: 'INDEX_PARTIAL', message: `unique index ${first.name} on ${table.name} covers column prefixes only and is not modelled`, table: table.name })
    } else if (first.name === 'PRIMARY') {
      table.primaryKey = { name: 'PRIMARY', columns: columns as string[] }
    } else {
      table.uniques.push({ name: first.name, columns: columns as string[] })
    }
  }

  const fks = new Map<string, ForeignKey>()
  for (const r of fkRows) {
    const table = tables.get(r.table_name)
    if (!table) continue
    const key = `${r.table_name}\u0000${r.name}`
    let fk = fks.get(key)
    if (!fk) {
      fk = {
        name: r.name,
        columns: [],
        references: { ...(r.ref_schema !== server?.db ? { schema: r.ref_schema } : {}), table: r.ref_table, columns: [] },
        onDelete: fkAction(r.delete_rule),
        onUpdate: fkAction(r.update_rule),
        deferrable: false,
        initiallyDeferred: false,
      }
      fks.set(key, fk)
      table.foreignKeys.push(fk)
    }
    fk.columns.push(r.column_name)
    fk.references.columns.push(r.ref_column)
  }

  for (const k of checkRows) {
    const table = tables.get(k.table_name)
    if (!table || jsonChecks.has(`${k.table_name}\u0000${k.name}`)) continue
    table.checks.push(mysqlCheck(k.name, k.clause, issues, table.name))
  }

  const ordered = [...tables.values()].map(({ name, columns, primaryKey, uniques, foreignKeys, checks, comment }): Table => ({
    name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques,
    foreignKeys,
    checks,
    ...(comment !== undefined ? { comment } : {}),
  }))
  return { model: { dialect: 'mysql', tables: ordered, enums: [], domains: [] }, issues }
}
