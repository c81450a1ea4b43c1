/**
 * A batch of rows in a form that crosses a thread boundary cheaply: per column, strings as one text
 * plus end offsets, numbers as a Float64Array, booleans as bytes, NULLs as a byte mask; any other
 * value kind (bigint, Date, bytes, arrays, objects) as a plain array for the structured clone. Posting
 * a `Value[][]` instead costs the sender and the receiver one clone step per value (about as much CPU
 * as generating it); here the typed arrays are transferred and each string costs one slice.
 */
import type { RowBatch, Value } from '../model/rows.js'

/** One column of a packed batch. */
export type PackedColumn =
  | { kind: 'str'; text: string; ends: Uint32Array; nulls?: Uint8Array }
  | { kind: 'num'; values: Float64Array; nulls?: Uint8Array }
  | { kind: 'bool'; values: Uint8Array; nulls?: Uint8Array }
  | { kind: 'any'; values: Value[] }

/** A packed batch: `rows` rows of `columns`. */
export interface PackedBatch {
  columns: string[]
  rows: number
  data: PackedColumn[]
}

/** Pack `rows` (positional, `columns.length` wide); `transfer` receives the buffers to move, not copy. */
export function packBatch(columns: string[], rows: Value[][], transfer: ArrayBuffer[]): PackedBatch {
  const n = rows.length
  const data = columns.map((_, c): PackedColumn => {
    let kind: 'str' | 'num' | 'bool' | 'any' | undefined
    let nullCount = 0
    for (let r = 0; r < n; r++) {
      const v = rows[r]![c]
      if (v === null || v === undefined) {
        nullCount++
        continue
      }
      const k = typeof v === 'string' ? 'str' : typeof v === 'number' ? 'num' : typeof v === 'boolean' ? 'bool' : 'any'
      if (kind === undefined) kind = k
      else if (kind !== k) kind = 'any'
      if (kind === 'any') break
    }
    if (kind === 'any' || (kind === undefined && nullCount === 0)) return { kind: 'any', values: rows.map((row) => row[c] as Value) }
    const nulls = nullCount > 0 ? new Uint8Array(n) : undefined
    if (nulls) {
      for (let r = 0; r < n; r++) if (rows[r]![c] === null || rows[r]![c] === undefined) nulls[r] = 1
      transfer.push(nulls.buffer as ArrayBuffer)
    }
    const withNulls = <T extends object>(x: T): T => (nulls ? { ...x, nulls } : x)
    if (kind === 'num') {
      const values = new Float64Array(n)
      for (let r = 0; r < n; r++) values[r] = (rows[r]![c] as number | null) ?? 0
      transfer.push(values.buffer as ArrayBuffer)
      return withNulls({ kind: 'num' as const, values })
    }
    if (kind === 'bool') {
      const values = new Uint8Array(n)
      for (let r = 0; r < n; r++) values[r] = rows[r]![c] === true ? 1 : 0
      transfer.push(values.buffer as ArrayBuffer)
      return withNulls({ kind: 'bool' as const, values })
    }
    // Strings (or a column of NULLs only).
    const parts = new Array<string>(n)
    const ends = new Uint32Array(n)
    let at = 0
    for (let r = 0; r < n; r++) {
      const v = rows[r]![c]
      const s = typeof v === 'string' ? v : ''
      parts[r] = s
      at += s.length
      ends[r] = at
    }
    transfer.push(ends.buffer as ArrayBuffer)
    return withNulls({ kind: 'str' as const, text: parts.join(''), ends })
  })
  return { columns, rows: n, data }
}

/** The rows of a packed batch, exactly as they were packed (-0 and NaN included). */
export function unpackBatch(p: PackedBatch): RowBatch {
  const n = p.rows
  const width = p.columns.length
  const rows = new Array<Value[]>(n)
  for (let r = 0; r < n; r++) rows[r] = new Array<Value>(width)
  for (let c = 0; c < width; c++) {
    const col = p.data[c]!
    switch (col.kind) {
      case 'any':
        for (let r = 0; r < n; r++) rows[r]![c] = col.values[r] as Value
        break
      case 'num': {
        const { values, nulls } = col
        for (let r = 0; r < n; r++) rows[r]![c] = nulls && nulls[r] === 1 ? null : values[r]!
        break
      }
      case 'bool': {
        const { values, nulls } = col
        for (let r = 0; r < n; r++) rows[r]![c] = nulls && nulls[r] === 1 ? null : values[r] === 1
        break
      }
      case 'str': {
        const { text, ends, nulls } = col
        let start = 0
        for (let r = 0; r < n; r++) {
          const end = ends[r]!
          rows[r]![c] = nulls && nulls[r] === 1 ? null : text.slice(start, end)
          start = end
        }
        break
      }
    }
  }
  return { columns: p.columns, rows }
}
