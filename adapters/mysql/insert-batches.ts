/**
 * The INSERT fallback (no `local_infile`): multi-row `INSERT … VALUES (…), (…)` statements whose size
 * is bounded by the parameter limit (65535 placeholders), a row cap, and `@@max_allowed_packet` (the
 * encoded statement must fit in one packet; we keep a quarter of it as headroom).
 */
import type { Value } from '../../src/model/rows.js'
import { mysqlText } from './literal.js'
import type { RelationColumn } from './relation.js'

export const MAX_PARAMS = 65535
export const MAX_ROWS_PER_STATEMENT = 5000

/** Upper bound of the bytes one value takes in an INSERT statement, escaped (hex for bytes). */
function valueBytes(v: string | number | Uint8Array | null): number {
  if (v === null) return 4
  if (typeof v === 'number') return 24
  if (typeof v === 'string') return 2 * Buffer.byteLength(v, 'utf8') + 3
  return 2 * v.byteLength + 3
}

/** A value as a driver parameter: MySQL text, bytes as a Buffer (mysql2 escapes those as X'…' but would
 * treat a bare Uint8Array as an object), or null. */
export function paramValue(value: Value | undefined, col: RelationColumn): string | number | Buffer | null {
  const t = mysqlText(value, col.type)
  // BIT columns take numbers: the text '1' would be the byte 0x31.
  if (col.bit && typeof t === 'string') return Number(t)
  return t instanceof Uint8Array ? (Buffer.isBuffer(t) ? t : Buffer.from(t.buffer, t.byteOffset, t.byteLength)) : t
}

/** A statement's worth of rows, as driver parameters (already MySQL text / bytes / null). */
export interface InsertChunk {
  params: Array<string | number | Uint8Array | null>
  rows: number
}

/**
 * Group rows into statements: each chunk holds at most `MAX_PARAMS` parameters, `MAX_ROWS_PER_STATEMENT`
 * rows and ~`packetBudget` bytes of encoded values (never fewer than one row).
 */
export async function* insertChunks(batches: AsyncIterable<Value[][]>, cols: RelationColumn[], packetBudget: number): AsyncGenerator<InsertChunk> {
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / Math.max(1, cols.length))))
  let params: Array<string | number | Uint8Array | null> = []
  let rows = 0
  let bytes = 0
  for await (const batch of batches) {
    for (const row of batch) {
      let rowBytes = 4
      const encoded = cols.map((c, i) => {
        const v = paramValue(row[i], c)
        rowBytes += valueBytes(v) + 2
        return v
      })
      if (rows > 0 && (rows >= perStatement || bytes + rowBytes > packetBudget)) {
        yield { params, rows }
        params = []
        rows = 0
        bytes = 0
      }
      params.push(...encoded)
      rows++
      bytes += rowBytes
    }
  }
  if (rows > 0) yield { params, rows }
}

/** `INSERT INTO t (cols) VALUES (?, ?), (?, ?)` for `rows` rows. */
export function insertSql(qualified: string, quotedCols: string[], rows: number): string {
  const tuple = `(${quotedCols.map(() => '?').join(', ')})`
  return `INSERT INTO ${qualified} (${quotedCols.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`
}
