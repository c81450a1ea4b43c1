/**
 * How subsetting names a row without holding it: the canonical text of a key tuple.
 *
 * A row is identified by its PRIMARY KEY, else by its first UNIQUE key whose columns are all NOT NULL,
 * else (a table with no such key: a log, a junction without a PK) by a 128-bit digest of all its
 * stored (not generated) columns, so duplicate rows of such a table are kept or dropped together
 * (nothing can tell them apart anyway, and nothing can reference them by that key). Key values are compared as text: 5, 5n and '5' are the
 * same key (an int4 PK referenced from an int8 FK), Dates by their ISO text, bytes as hex.
 */
import { createHash } from 'node:crypto'
import type { Value } from '../model/rows.js'
import type { Table } from '../model/schema.js'

/** The columns that identify a row of `t`, and whether they are a digest of the whole row. */
export interface RowIdentity {
  columns: string[]
  /** True when `t` has no PK / NOT NULL UNIQUE: `columns` is every column and keys are digests. */
  wholeRow: boolean
}

/** PK, else the first UNIQUE with only NOT NULL columns, else every column but generated ones (digested). */
export function rowIdentity(t: Table): RowIdentity {
  if (t.primaryKey && t.primaryKey.columns.length > 0) return { columns: t.primaryKey.columns, wholeRow: false }
  const notNull = (c: string) => t.columns.find((x) => x.name === c)?.nullable === false
  const u = t.uniques.find((x) => x.columns.length > 0 && x.columns.every(notNull))
  if (u) return { columns: u.columns, wholeRow: false }
  // Generated columns left out: a copy does not write them, so it may not read them either.
  return { columns: t.columns.filter((c) => !c.generated).map((c) => c.name), wholeRow: true }
}

/** One value as key text; null stays null (a tuple with a NULL references nothing). */
export function valueText(v: Value): string | null {
  if (v === null || v === undefined) return null
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString()
  if (typeof v === 'boolean') return v ? 't' : 'f'
  if (v instanceof Date) return v.toISOString()
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x))
}

/**
 * The key text of `row` at positions `idx`, or undefined when any of them is NULL (as SQL's MATCH
 * SIMPLE: such an FK references nothing). Several columns: JSON of the texts, unambiguous whatever
 * the values hold.
 */
export function tupleText(row: Value[], idx: number[]): string | undefined {
  // One column: its text as is (every tuple of a reference has the same arity, so this cannot clash).
  if (idx.length === 1) return valueText(row[idx[0]!]!) ?? undefined
  const parts: string[] = []
  for (const i of idx) {
    const t = valueText(row[i]!)
    if (t === null) return undefined
    parts.push(t)
  }
  return JSON.stringify(parts)
}

/** The identity text of a row: `tupleText` of its key, or a digest of every column (NULLs included). */
export function identityText(row: Value[], idx: number[], wholeRow: boolean): string | undefined {
  if (!wholeRow) return tupleText(row, idx)
  return createHash('sha256')
    .update(JSON.stringify(idx.map((i) => valueText(row[i]!))))
    .digest('base64')
    .slice(0, 22)
}

/**
 * Whether a row whose key text is `key` falls under `percent` % for `seed` and `table`: a keyed hash
 * (SHA-256 of seed, table and key) read as a fraction in [0, 1). Deterministic, independent of storage
 * order and batch size, and the same key in another table is an independent draw.
 */
export function underPercent(seed: string, table: string, key: string, percent: number): boolean {
  const h = createHash('sha256').update(seed).update('\u0000').update(table).update('\u0000').update(key).digest()
  // 48 bits are plenty to resolve a percentage and stay exact in a double.
  const u = h.readUIntBE(0, 6) / 2 ** 48
  return u < percent / 100
}

/** Positions of `names` in `columns`; -1 marks a missing one. */
export function positions(columns: string[], names: string[]): number[] {
  return names.map((n) => columns.indexOf(n))
}
