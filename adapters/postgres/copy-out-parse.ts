/**
 * pg-copy-streams' COPY TO stream with a faster message parser. The library's parser keeps the socket's
 * bytes in a buffer list and cuts one Buffer per CopyData message (one per row) before joining them
 * again: at 1M rows that was half the main thread of a PostgreSQL → PostgreSQL clone (W4, --cpu-prof).
 * This one moves each message's payload down over the headers within the socket's chunk. Everything
 * else (taking over the connection, handing it back, errors) stays the library's: only `_parse` is
 * replaced, with the library's contract (pinned version, see package.json): consume `chunk`, push the
 * rows' bytes, return whether the consumer wants more; on ErrorResponse hand the unread bytes back to
 * pg (`_detach`); after CopyDone hand back the rest and end the stream.
 */
import { to as copyTo } from 'pg-copy-streams'

const COPY_DATA = 0x64
const ERROR_RESPONSE = 0x45
/** Messages the server may send between CopyData ones: skipped. Any other one ends the copy. */
const INTERSPERSED = new Set([0x48 /* CopyOutResponse */, 0x53 /* ParameterStatus */, 0x4e /* NoticeResponse */, 0x41 /* NotificationResponse */])

/** The library stream's members `_parse` uses (pg-copy-streams 7, copy-to.js). */
interface CopyToInternals {
  _parse(chunk: Buffer): boolean | undefined
  _buffer: { push(b: Buffer): void }
  _detach(): void
  _cleanup(): void
  push(b: Buffer | null): boolean
}

/** `copyTo(sql)` (pg-copy-streams) parsing its messages with `fastParse`. */
export function fastCopyTo(sql: string): ReturnType<typeof copyTo> {
  const stream = copyTo(sql)
  const s = stream as unknown as CopyToInternals
  // Parser state across chunks: a message header cut by a chunk's end, the current message and its unread bytes.
  let head: Buffer | undefined
  let code = 0
  let need = 0
  let inMessage = false
  s._parse = (chunk: Buffer) => {
    const buf = head ? Buffer.concat([head, chunk]) : chunk
    head = undefined
    // The rows' bytes are moved down over the headers inside the chunk itself (`copyWithin`: no Buffer
    // per row, no second buffer): a row's bytes always land before the bytes not yet read. The chunk is
    // this stream's alone (the socket's read, or the concat above).
    const len = buf.length
    let o = 0
    let p = 0
    let done = false
    while (p < len) {
      if (!inMessage) {
        if (buf[p] === ERROR_RESPONSE) {
          // pg parses the error and ends the query (what the library does): rows not yet pushed are dropped.
          s._buffer.push(buf.subarray(p))
          s._detach()
          return undefined
        }
        if (len - p < 5) {
          head = Buffer.from(buf.subarray(p))
          p = len
          break
        }
        code = buf[p]!
        need = ((buf[p + 1]! << 24) | (buf[p + 2]! << 16) | (buf[p + 3]! << 8) | buf[p + 4]!) - 4
        p += 5
        inMessage = true
      }
      const n = Math.min(need, len - p)
      if (code === COPY_DATA) {
        if (o !== p) buf.copyWithin(o, p, p + n)
        o += n
      }
      p += n
      need -= n
      if (need === 0) {
        inMessage = false
        if (code !== COPY_DATA && !INTERSPERSED.has(code)) {
          done = true
          break
        }
      }
    }
    const drained = o > 0 ? s.push(buf.subarray(0, o)) : true
    if (done) {
      // What follows CopyDone (CommandComplete, ReadyForQuery) is pg's again.
      if (p < len) s._buffer.push(buf.subarray(p))
      s._detach()
      s.push(null)
      s._cleanup()
    }
    return drained
  }
  return stream
}
