/**
 * Rows → the text `LOAD DATA LOCAL INFILE … FIELDS TERMINATED BY '\t' ESCAPED BY '\\'` reads, in large
 * chunks (never one write per row), and the statement itself. Binary and BIT columns go through user
 * variables (`@v3` → `UNHEX(@v3)`, `CAST(@v4 AS UNSIGNED)`) so their bytes never meet the text decoder.
 */
import type { SqlDialect } from '../../src/adapter/adapter.js'
import type { Value } from '../../src/model/rows.js'
import { mysqlText } from './literal.js'
import type { RelationColumn } from './relation.js'

/** Target chunk size: large writes, bounded memory. */
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

/** Encode row batches into LOAD DATA text chunks of ~CHUNK_BYTES; `onRows` gets the running row count. */
export async function* loadChunks(batches: AsyncIterable<Value[][]>, cols: RelationColumn[], onRows: (n: number) => void): AsyncGenerator<Buffer> {
  let parts: string[] = []
  let size = 0
  let rows = 0
  for await (const batch of batches) {
    for (const row of batch) {
      let line = ''
      for (let i = 0; i < cols.length; i++) line += (i === 0 ? '' : '\t') + loadField(row[i], cols[i] as RelationColumn)
      line += '\n'
      parts.push(line)
      size += line.length
      rows++
      if (size >= CHUNK_BYTES) {
        onRows(rows)
        yield Buffer.from(parts.join(''), 'utf8')
        parts = []
        size = 0
      }
    }
  }
  onRows(rows)
  if (parts.length > 0) yield Buffer.from(parts.join(''), 'utf8')
}
