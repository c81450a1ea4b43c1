/** Hand-built row sets for invariant tests: a table from a column → type map and rows as objects. */
import type { Value } from '../../../src/model/rows.js'
import type { LogicalType, Table } from '../../../src/model/schema.js'
import { runCheck, type TableData } from '../../../src/check/run-check.js'
import type { InvariantResult } from '../../../src/check/types.js'
import { col, model, table } from '../plan/model-builders.js'

export const str: LogicalType = { kind: 'string', maxLength: 80 }
export const int: LogicalType = { kind: 'integer', bytes: 4 }
export const dec: LogicalType = { kind: 'decimal', precision: 10, scale: 2 }
export const ts: LogicalType = { kind: 'timestamp', tz: false }
export const date: LogicalType = { kind: 'date' }
export const bool: LogicalType = { kind: 'boolean' }

/** A table and its rows (objects; missing keys are NULL). */
export function data(name: string, types: Record<string, LogicalType>, rows: Array<Record<string, Value>>, extra: Partial<Table> = {}): TableData {
  const columns = Object.keys(types)
  const t = table(name, columns.map((c) => col(c, types[c]!, { nullable: true })), extra)
  return { table: t, columns, rows: rows.map((r) => columns.map((c) => r[c] ?? null)) }
}

/** `n` rows made by `f(i)`. */
export function rows(n: number, f: (i: number) => Record<string, Value>): Array<Record<string, Value>> {
  return Array.from({ length: n }, (_, i) => f(i))
}

/** The results of one invariant over the tables (now = 2026-01-01 unless given). */
export function measure(id: string, tables: TableData[], now = Date.UTC(2026, 0, 1)): InvariantResult[] {
  const report = runCheck(model(tables.map((t) => t.table)), tables, { now, only: [id] })
  return report.invariants[0]!.results
}

/** The single result of one invariant (fails when there is not exactly one). */
export function only(id: string, tables: TableData[], now?: number): InvariantResult {
  const r = measure(id, tables, now)
  if (r.length !== 1) throw new Error(`expected one ${id} result, got ${r.length}`)
  return r[0]!
}
