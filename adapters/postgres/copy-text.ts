/**
 * Values → PostgreSQL text representations: the input form of each type (`scalarText`), array
 * literals, and the COPY text format's escaping. Pure functions, no connection.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { BulkTextCodec } from '../../src/adapter/adapter.js'
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

/** Escape COPY text's specials in `text` (only strings can hold them: numbers, dates and t/f never do). */
function escapeText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] as string) : text
}

/** One field in COPY text format: `\N` for NULL; backslash, newline, CR and tab escaped. */
export function copyField(value: Value | undefined, json = false): string {
  if (typeof value === 'string') return escapeText(value)
  if (typeof value === 'number') return String(value)
  const text = scalarText(value, json)
  if (text === null) return '\\N'
  return escapeText(text)
}

/** Target size of one COPY data chunk: large writes (few CopyData messages and socket writes), bounded memory. */
export const COPY_BUFFER_BYTES = 1024 * 1024

/**
 * Size of the first chunk; each next one doubles up to COPY_BUFFER_BYTES. The server parses nothing
 * until the first chunk arrives: a 1 MB first chunk (~37k W1 rows) kept it idle for the ~60 ms node
 * took to generate and encode them.
 */
export const COPY_FIRST_BYTES = 64 * 1024

/** Strings up to this length are encoded in JS; longer ones (and the rest of any non-ASCII one) natively. */
const JS_TEXT_MAX = 48

/** The byte after the backslash of COPY text's escape for `c` (tab, newline, CR, backslash); 0 when `c` needs none. */
const ESCAPE_BYTE = new Uint8Array(128)
ESCAPE_BYTE[0x09] = 0x74
ESCAPE_BYTE[0x0a] = 0x6e
ESCAPE_BYTE[0x0d] = 0x72
ESCAPE_BYTE[0x5c] = 0x5c

/**
 * Write `text` as UTF-8 at `off` of `buf` (room for `text.length * 3` bytes), COPY's
 * specials escaped when `escape`; returns the new offset. Short ASCII text is copied in JS with the escape
 * check in the same pass: for the many small fields of a row that is cheaper than a regular-expression
 * test plus a call into the native encoder. Longer and non-ASCII text goes to the native encoder (an
 * escape takes 2 bytes and a UTF-16 unit at most 3, so the room suffices).
 */
function put(buf: Buffer, off: number, text: string, escape: boolean): number {
  const n = text.length
  if (n > JS_TEXT_MAX) return off + buf.write(escape ? escapeText(text) : text, off, 'utf8')
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c > 0x7f) {
      const rest = text.slice(i)
      return off + buf.write(escape ? escapeText(rest) : rest, off, 'utf8')
    }
    const e = escape ? (ESCAPE_BYTE[c] as number) : 0
    if (e === 0) buf[off++] = c
    else {
      buf[off++] = 0x5c
      buf[off++] = e
    }
  }
  return off
}

/** Integers in this range are written digit by digit (no string); others go through String(). */
const INT_FAST = 0x7fffffff

/** A number's COPY text at `off` (room for NUMBER_ROOM bytes): String(value)'s digits, without making the string for 32-bit integers. */
function putNumber(buf: Buffer, off: number, value: number): number {
  if (!Number.isInteger(value) || value > INT_FAST || value < -INT_FAST) return put(buf, off, String(value), false)
  let v = value
  if (v < 0) {
    buf[off++] = 0x2d
    v = -v
  }
  let end = off + 1
  for (let t = v; t >= 10; t = (t / 10) | 0) end++
  for (let i = end - 1; i >= off; i--) {
    const q = (v / 10) | 0
    buf[i] = 0x30 + v - q * 10
    v = q
  }
  return end
}

/** Room for any number's String() (the longest, like `-1.2345678901234567e-300`, has 24 characters). */
const NUMBER_ROOM = 32

/**
 * Encode row batches into COPY text chunks of about COPY_BUFFER_BYTES (never one write per row).
 * `onRows` is told how many rows went into the output so far.
 *
 * Why it is shaped like this (measured with --cpu-prof on 1M-row loads): concatenating a whole chunk
 * into one string and converting it at the end spent most of its time flattening rope strings and in
 * GC. Here strings and numbers are encoded straight into a preallocated Buffer (no per-field, per-row
 * or per-chunk strings; other values make their text once), and there is one allocation per chunk. A
 * chunk is handed over only when full and never written again (the consumer may still hold it), so
 * each chunk is a fresh Buffer. Rows never straddle two chunks.
 */
export async function* copyChunks(batches: AsyncIterable<Value[][]>, json: boolean[], onRows: (n: number) => void): AsyncGenerator<Buffer> {
  const width = json.length
  const plain = !json.some(Boolean)
  // The escaped text of the values that are neither strings, numbers nor NULL, made while sizing the row.
  const texts = new Array<string>(width)
  let size = COPY_FIRST_BYTES
  let buf = Buffer.allocUnsafe(size)
  let off = 0
  let count = 0
  for await (const rows of batches) {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as Value[]
      // The row's worst-case size: a UTF-16 unit becomes at most 3 UTF-8 bytes (an escape 2).
      let worst = width // separators and the newline
      for (let i = 0; i < width; i++) {
        const v = row[i]
        if (typeof v === 'string') worst += v.length * 3
        else if (typeof v === 'number') worst += NUMBER_ROOM
        else if (v === null || v === undefined) worst += 2
        else {
          const t = copyField(v, !plain && json[i] === true)
          texts[i] = t
          worst += t.length * 3
        }
      }
      if (off + worst > buf.length) {
        if (off > 0) {
          onRows(count)
          yield buf.subarray(0, off)
          // A turn of the event loop per chunk: the socket's writes and the server's replies are handled
          // as the chunks come, not only at the row pipeline's yield points (every 50 ms), during which
          // the server could run out of data and wait (ClientRead) while node filled its stream buffer.
          await nextTurn()
          size = Math.min(size * 2, COPY_BUFFER_BYTES)
        }
        buf = Buffer.allocUnsafe(Math.max(size, worst))
        off = 0
      }
      for (let i = 0; i < width; i++) {
        if (i > 0) buf[off++] = 0x09
        const v = row[i]
        if (typeof v === 'string') off = put(buf, off, v, true)
        else if (typeof v === 'number') off = putNumber(buf, off, v)
        else if (v === null || v === undefined) {
          buf[off++] = 0x5c
          buf[off++] = 0x4e
        } else off = put(buf, off, texts[i] as string, false)
      }
      buf[off++] = 0x0a
      count++
    }
  }
  onRows(count)
  if (off > 0) yield buf.subarray(0, off)
}

/** Name of COPY's text format, as `textFormat` of the PostgreSQL reader and writer. */
export const PG_COPY_TEXT = 'postgres-copy-text'

const UNESCAPE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' }

/**
 * A field of COPY TO's text output, escapes undone: `\\b \\f \\n \\r \\t \\v`, octal `\\NNN` and hex
 * `\\xHH` (bytes, decoded as UTF-8 together), and a backslash before any other character.
 */
function unescapeCopy(raw: string): string {
  if (!raw.includes('\\')) return raw
  const bytes: number[] = []
  const flush = (out: string[]) => {
    if (bytes.length > 0) out.push(Buffer.from(bytes).toString('utf8'))
    bytes.length = 0
  }
  const out: string[] = []
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (c !== '\\' || i + 1 >= raw.length) {
      flush(out)
      out.push(c)
      continue
    }
    const d = raw[++i]!
    if (d >= '0' && d <= '7') {
      let j = i
      while (j < i + 3 && j < raw.length && raw[j]! >= '0' && raw[j]! <= '7') j++
      bytes.push(parseInt(raw.slice(i, j), 8) & 0xff)
      i = j - 1
    } else if (d === 'x' && /^[0-9a-fA-F]/.test(raw[i + 1] ?? '')) {
      let j = i + 1
      while (j < i + 3 && j < raw.length && /[0-9a-fA-F]/.test(raw[j]!)) j++
      bytes.push(parseInt(raw.slice(i + 1, j), 16))
      i = j - 1
    } else {
      flush(out)
      out.push(UNESCAPE[d] ?? d)
    }
  }
  flush(out)
  return out.join('')
}

/**
 * Buffer's own UTF-8 slice (what `toString('utf8', start, end)` ends in), called without toString's
 * argument checks and encoding dispatch: a third of a short field's decode, measured on W4's masking
 * (--cpu-prof). Not documented API, so `toString` when it is missing.
 */
const UTF8_SLICE = (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, start: number, end: number) => string }).utf8Slice

/** COPY text: tab-separated, newline-terminated, `\N` for NULL, backslash escapes. */
export const pgCopyCodec: BulkTextCodec = {
  format: PG_COPY_TEXT,
  source: { module: import.meta.url, name: 'pgCopyCodec' },
  separator: 0x09,
  terminator: 0x0a,
  decode(buf: Uint8Array, start: number, end: number): string | null {
    if (end - start === 2 && buf[start] === 0x5c && buf[start + 1] === 0x4e) return null
    const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength)
    return unescapeCopy(UTF8_SLICE ? UTF8_SLICE.call(b, start, end) : b.toString('utf8', start, end))
  },
  decodeAscii(text: string, start: number, end: number): string | null {
    if (end - start === 2 && text.charCodeAt(start) === 0x5c && text.charCodeAt(start + 1) === 0x4e) return null
    return unescapeCopy(text.slice(start, end))
  },
  encode(value: Value): string {
    return copyField(value, false)
  },
  encodeInto(text: string | null, buf: Buffer, at: number): number {
    if (text === null) {
      buf[at] = 0x5c
      buf[at + 1] = 0x4e
      return at + 2
    }
    // ASCII without COPY's specials in JS (an escape takes 2 bytes, so 3 per unit is room enough); else natively.
    const n = text.length
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c > 0x7f || c === 0x5c || c === 0x0a || c === 0x0d || c === 0x09) return at + buf.write(escapeText(text), at, 'utf8')
      buf[at + i] = c
    }
    return at + n
  },
}
