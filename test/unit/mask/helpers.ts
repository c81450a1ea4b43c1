/** Building and running table maskers in tests. */
import type { MaskSpec } from '../../../src/model/mask.js'
import type { Value } from '../../../src/model/rows.js'
import type { Table } from '../../../src/model/schema.js'
import { compileTableMasker } from '../../../src/mask/compile-table.js'
import { maskKeyOf } from '../../../src/mask/key.js'
import type { MaskKey } from '../../../src/mask/masker.js'

export const KEY = maskKeyOf(Buffer.from('test-key-0123456789abcdef'))
export const OTHER_KEY = maskKeyOf(Buffer.from('another-key-0123456789abc'))

/** Mask `rows` (objects by column name) of `table` with `specs`; returns the masked rows as objects. */
export function maskRows(table: Table, specs: Record<string, MaskSpec>, rows: Array<Record<string, Value>>, key: MaskKey = KEY, locale?: string): Array<Record<string, Value>> {
  const m = compileTableMasker(table, { table: { name: table.name }, columns: Object.entries(specs).map(([column, mask]) => ({ column, mask, source: 'rule', reason: 'test' })) }, key, locale ? { locale } : {})
  const columns = table.columns.map((c) => c.name)
  const out = m.mask({ columns, rows: rows.map((r) => columns.map((c) => (c in r ? r[c]! : null))) })
  return out.rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]!])))
}

/** Mask one column's values (other columns NULL). */
export function maskColumn(table: Table, column: string, spec: MaskSpec, values: Value[], key: MaskKey = KEY): Value[] {
  return maskRows(table, { [column]: spec }, values.map((v) => ({ [column]: v })), key).map((r) => r[column]!)
}
