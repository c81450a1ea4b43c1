/**
 * Rows → the text `LOAD DATA LOCAL INFILE … FIELDS TERMINATED BY '\t' ESCAPED BY '\\'` reads, in large
 * chunks (never one write per row), and the statement itself. Binary and BIT columns go through user
 * variables (`@v3` → `UNHEX(@v3)`, `CAST(@v4 AS UNSIGNED)`) so their bytes never meet the text decoder.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { Value } from '../../src/model/rows.js'
import { mysqlText } from './literal.js'
import type { RelationColumn } from './relation.js'

/** Target chunk size: large writes, bounded memory (each chunk is a fresh buffer, handed to the socket). */
export const CHUNK_BYTES = 256 * 1024

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' }
const NEEDS_ESCAPE = /[\\\t\n\r\0]/

/** One field: `\N` for NULL; backslash, tab, newline, CR and NUL escaped; bytes as hex. */
export function loadField(value: Value | undefined, col: RelationColumn): string {
  const v = mysqlText(value, col.type)
  if (v === null) return '\\N'
  if (typeof v !== 'string') return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')
  if (col.binary) return Buffer.from(v, 'utf8').toString('hex')
  return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c] as string) : v
}

/** The LOAD DATA statement for `cols` of the table `qualified`. */
export function loadDataSql(dialect: SqlDialect, qualified: string, cols: RelationColumn[]): string {
  const targets: string[] = []
  const sets: string[] = []
  cols.forEach((c, i) => {
    const q = dialect.quoteIdent(c.name)
    if (c.binary) {
      targets.push(`@v${i}`)
      sets.push(`${q} = UNHEX(@v${i})`)
    } else if (c.bit) {
      targets.push(`@v${i}`)
      sets.push(`${q} = CAST(@v${i} AS UNSIGNED)`)
    } else {
      targets.push(q)
    }
  })
  return (
    `LOAD DATA LOCAL INFILE 'tdg-stream' INTO TABLE ${qualified} CHARACTER SET utf8mb4 ` +
    `FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (${targets.join(', ')})` +
    (sets.length > 0 ? ` SET ${sets.join(', ')}` : '')
  )
}

/** Turns one value of a column into LOAD DATA field text (the same text as `loadField`). */
type FieldEncoder = (value: Value | undefined) => string

/** Zoned timestamp text at whole seconds in UTC, as the generator writes it: cut `+00`, add `.000`. */
const UTC_SECONDS = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/

/**
 * The encoder of one column, chosen once per column: plain strings, numbers and booleans (nearly every
 * value) are spelled inline; a zoned timestamp in UTC is cut rather than parsed into a Date and printed
 * again; anything else (bytes, BIT, Dates, JSON, other zones) takes `loadField`. Same output either way.
 */
export function fieldEncoder(col: RelationColumn): FieldEncoder {
  const slow: FieldEncoder = (v) => loadField(v, col)
  const kind = col.type.kind
  // IPv6-only inet columns rewrite IPv4 text (see mysqlText): not the plain string path.
  if (col.binary || col.bit || (col.type.kind === 'inet' && col.type.ipv6 === true)) return slow
  const zoned = kind === 'timestamp' || kind === 'time'
  return (v) => {
    if (v === null || v === undefined) return '\\N'
    if (typeof v === 'string') {
      if (zoned) {
        if (kind === 'timestamp' && v.length === 22 && UTC_SECONDS.test(v)) return `${v.slice(0, 19)}.000`
        return slow(v)
      }
      return NEEDS_ESCAPE.test(v) ? v.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c] as string) : v
    }
    if (typeof v === 'number' || typeof v === 'bigint') return String(v)
    if (typeof v === 'boolean') return v ? '1' : '0'
    return slow(v)
  }
}

/**
 * Encode row batches into LOAD DATA text chunks of ~CHUNK_BYTES; `onRows` gets the running row count.
 * Fields are written straight into a chunk buffer (`buf.write`), not concatenated into line strings that
 * are flattened and encoded again: the CPU profile had that concatenation and its GC as the largest cost
 * of the write path. The stream is plain bytes to the server, so a chunk may end inside a row (it does
 * only when a field does not fit the chunk's slack); `onRows` counts whole rows.
 */
export async function* loadChunks(batches: AsyncIterable<Value[][]>, cols: RelationColumn[], onRows: (n: number) => void): AsyncGenerator<Buffer> {
  const fields = cols.map(fieldEncoder)
  const width = fields.length
  const size = CHUNK_BYTES + 64 * 1024
  let buf = Buffer.allocUnsafe(size)
  let off = 0
  let rows = 0
  for await (const batch of batches) {
    for (const row of batch) {
      for (let i = 0; i < width; i++) {
        const text = (fields[i] as FieldEncoder)(row[i])
        // A UTF-16 unit takes at most 3 UTF-8 bytes; +2 for the separator and the newline.
        const worst = 3 * text.length + 2
        if (off + worst > buf.length) {
          if (off > 0) yield buf.subarray(0, off)
          buf = Buffer.allocUnsafe(Math.max(size, worst))
          off = 0
        }
        if (i > 0) buf[off++] = 0x09
        off += buf.write(text, off)
      }
      buf[off++] = 0x0a
      rows++
      if (off >= CHUNK_BYTES) {
        onRows(rows)
        yield buf.subarray(0, off)
        buf = Buffer.allocUnsafe(size)
        off = 0
      }
    }
  }
  onRows(rows)
  if (off > 0) yield buf.subarray(0, off)
}
