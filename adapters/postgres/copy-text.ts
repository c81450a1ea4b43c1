/**
 * Values → PostgreSQL text representations: the input form of each type (`scalarText`), array
 * literals, and the COPY text format's escaping. Pure functions, no connection.
 */
import type { Value } from '../../src/model/rows.js'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

function hex(bytes: Uint8Array): string {
  let s = '\\x'
  for (const b of bytes) s += HEX[b]
  return s
}

/**
 * The text PostgreSQL accepts as input for `value`, or null for SQL NULL.
 * Date → ISO 8601 (UTC); Uint8Array → bytea hex `\x…`; boolean → t/f; bigint/number → decimal;
 * arrays → array literal (or JSON when `json`); other objects → JSON.
 */
export function scalarText(value: Value | undefined, json = false): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return json ? String(value) : value ? 't' : 'f'
  if (value instanceof Date) return json ? JSON.stringify(value) : value.toISOString()
  if (value instanceof Uint8Array) return hex(value)
  if (Array.isArray(value) && !json) return arrayLiteral(value)
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
}

/** `{…}` array literal; every element double-quoted so no element text needs further thought. */
export function arrayLiteral(values: Value[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return 'NULL'
    if (Array.isArray(v)) return arrayLiteral(v)
    const text = scalarText(v) as string
    return `"${text.replace(/[\\"]/g, '\\$&')}"`
  })
  return `{${parts.join(',')}}`
}

const NEEDS_ESCAPE = /[\\\n\r\t]/
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/** One field in COPY text format: `\N` for NULL; backslash, newline, CR and tab escaped. */
export function copyField(value: Value | undefined, json = false): string {
  const text = scalarText(value, json)
  if (text === null) return '\\N'
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : text
}

/** Target buffer size for COPY data: large writes, bounded memory. */
export const COPY_BUFFER_BYTES = 256 * 1024

/**
 * Encode row batches into COPY text chunks of ~COPY_BUFFER_BYTES (never one write per row).
 * `onRows` is told how many rows went into the output so far.
 */
export async function* copyChunks(batches: AsyncIterable<Value[][]>, json: boolean[], onRows: (n: number) => void): AsyncGenerator<Buffer> {
  let parts: string[] = []
  let size = 0
  let count = 0
  for await (const rows of batches) {
    for (const row of rows) {
      let line = ''
      for (let i = 0; i < json.length; i++) {
        line += (i === 0 ? '' : '\t') + copyField(row[i], json[i])
      }
      line += '\n'
      parts.push(line)
      size += line.length
      count++
      if (size >= COPY_BUFFER_BYTES) {
        onRows(count)
        yield Buffer.from(parts.join(''), 'utf8')
        parts = []
        size = 0
      }
    }
  }
  onRows(count)
  if (parts.length > 0) yield Buffer.from(parts.join(''), 'utf8')
}
