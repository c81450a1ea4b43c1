/**
 * Measure every invariant on rows already read (`CheckData`), table by table: the whole of `tdg check`
 * apart from reading and printing.
 */
import type { Value } from '../model/rows.js'
import type { SchemaModel, Table } from '../model/schema.js'
import { builtinAddressReference, type AddressReference } from './address-reference.js'
import { INVARIANTS } from './invariants/index.js'
import type { CheckContext, InvariantResult, TableRows } from './types.js'
import { isSecret, shortValue } from './values.js'
import { snakeName } from '../plan/semantics.js'

/** Rows of one table as read: column names and positional rows. */
export interface TableData {
  table: Table
  columns: string[]
  rows: Value[][]
}

export interface CheckOptions {
  /** The data's "now" in ms since the epoch (age ↔ birth date). */
  now: number
  /** Tables whose results are reported (keys `schema.name` or `name`); default all. */
  tables?: string[]
  /** Address reference data; default the built-in one (US states and ZIP prefixes). */
  addressReference?: AddressReference
  /** Only these invariant ids; default all. */
  only?: string[]
}

/** One invariant's results over all reported tables. */
export interface InvariantReport {
  id: string
  description: string
  results: InvariantResult[]
}

export interface CheckReport {
  now: string
  invariants: InvariantReport[]
}

/** `schema.name` or `name`. */
export function tableKeyOf(t: Pick<Table, 'schema' | 'name'>): string {
  return t.schema ? `${t.schema}.${t.name}` : t.name
}

/** Index a table's data for the invariants. */
export function tableRows(d: TableData): TableRows {
  return { key: tableKeyOf(d.table), table: d.table, columns: d.columns, rows: d.rows, index: new Map(d.columns.map((c, i) => [c, i])) }
}

/** Run the invariants over `data` (every reported table and the FK parents it needs). */
export function runCheck(model: SchemaModel, data: TableData[], opts: CheckOptions): CheckReport {
  const tables = new Map(data.map((d) => [tableKeyOf(d.table), tableRows(d)]))
  const reported = new Set(opts.tables ?? tables.keys())
  const ctx: CheckContext = { model, tables, reported, now: opts.now, addressReference: opts.addressReference ?? builtinAddressReference }
  const chosen = INVARIANTS.filter((i) => !opts.only || opts.only.includes(i.id))
  return {
    now: new Date(opts.now).toISOString(),
    invariants: chosen.map((inv) => ({
      id: inv.id,
      description: inv.description,
      // By table name: the same rows give the same report whatever order the source lists tables in.
      results: [...tables.values()]
        .filter((t) => reported.has(t.key))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
        .flatMap((t) => inv.measure(ctx, t).map((r) => withKeys(r, t))),
    })),
  }
}

/** Name each example row by its primary key (values of secret-like key columns stay hidden). */
function withKeys(r: InvariantResult, t: TableRows): InvariantResult {
  const pk = t.table.primaryKey?.columns ?? []
  const at = pk.map((c) => t.index.get(c))
  if (pk.length === 0 || at.some((x) => x === undefined) || r.examples.length === 0) return r
  return {
    ...r,
    examples: r.examples.map((e) => {
      const row = t.rows[e.row - 1]
      if (!row) return e
      const key = pk.map((c, i) => `${c}=${isSecret(snakeName(c)) ? '***' : shortValue(row[at[i]!])}`).join(', ')
      return { row: e.row, key, ...(e.value !== undefined ? { value: e.value } : {}) }
    }),
  }
}

/** passed / applicable; `undefined` when nothing applied. */
export function score(r: Pick<InvariantResult, 'applicable' | 'passed'>): number | undefined {
  return r.applicable === 0 ? undefined : r.passed / r.applicable
}

/** Results scoring below `min` (each applicable result counts on its own). */
export function failing(report: CheckReport, min: number): InvariantResult[] {
  return report.invariants.flatMap((i) => i.results).filter((r) => (score(r) ?? 1) < min)
}
