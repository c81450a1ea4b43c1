/**
 * THE one place where a DDL-parsed model and a live-introspected model are made comparable
 * (parity tests). Each rule removes a difference that is inherent, not a bug:
 *  1. Constraint names are dropped: a DDL file may leave them out and the database invents its own.
 *  2. Lists with no meaningful order are sorted: tables, uniques, FKs, checks, enums, domains.
 *  3. CHECK expression text is dropped; the parsed shapes and `fullyParsed` are compared instead,
 *     because catalogs re-print expressions (PostgreSQL adds casts/parentheses, rewrites IN as = ANY).
 *  4. Expression texts (defaults of kind `expression`, generated columns) are compared after removing
 *     whitespace, parentheses, `::type` casts and case, for the same reason.
 */
import type { CheckConstraint, Column, SchemaModel, Table } from '../../src/model/schema.js'

export function normalizeModel(model: SchemaModel): unknown {
  return {
    dialect: model.dialect,
    tables: [...model.tables].sort(byKey).map(normalizeTable),
    enums: [...model.enums].sort(byKey),
    domains: [...model.domains].sort(byKey).map((d) => ({ ...d, checks: normalizeChecks(d.checks) })),
  }
}

function normalizeTable(t: Table) {
  return {
    ...t,
    columns: t.columns.map(normalizeColumn),
    primaryKey: t.primaryKey ? { columns: t.primaryKey.columns } : undefined,
    uniques: t.uniques.map((u) => ({ columns: u.columns })).sort(byJson),
    foreignKeys: t.foreignKeys.map(({ name: _n, ...fk }) => fk).sort(byJson),
    checks: normalizeChecks(t.checks),
  }
}

function normalizeColumn(c: Column) {
  const out: Column = { ...c }
  if (c.default?.kind === 'expression') out.default = { kind: 'expression', sql: squash(c.default.sql) }
  if (c.generated) out.generated = { ...c.generated, expression: squash(c.generated.expression) }
  return out
}

function normalizeChecks(checks: CheckConstraint[]) {
  return checks.map((c) => ({ parsed: c.parsed, fullyParsed: c.fullyParsed })).sort(byJson)
}

/** Whitespace, parentheses, casts and case removed: `(a + 1)::bigint` → `a+1`. */
export function squash(sql: string): string {
  return sql
    .replace(/::\s*("[^"]+"|[a-z_][\w.]*)(\s+(varying|precision|with(out)?\s+time\s+zone))?(\(\d+(,\d+)?\))?(\[\])*/gi, '')
    .replace(/[\s()]/g, '')
    .toLowerCase()
}

const byKey = (a: { schema?: string; name: string }, b: { schema?: string; name: string }) =>
  `${a.schema ?? ''}.${a.name}`.localeCompare(`${b.schema ?? ''}.${b.name}`)
const byJson = (a: unknown, b: unknown) => JSON.stringify(a).localeCompare(JSON.stringify(b))
