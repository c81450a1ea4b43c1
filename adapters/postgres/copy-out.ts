/**
 * `COPY (SELECT …) TO STDOUT` as batches of whole rows: the bytes PostgreSQL sends, cut at row ends into
 * batches of about `batchSize` rows (or `COPY_BUFFER_BYTES`), nothing decoded. The read path of a copy
 * between two PostgreSQL databases (`SnapshotReader.scanText`).
 */
import type pg from 'pg'
import { fastCopyTo } from './copy-out-parse.js'
import { COPY_BUFFER_BYTES } from './copy-text.js'
import { sharedBytes, soleBuffer } from '../../src/adapter/sole-buffer.js'

/** A row ends with a newline: COPY text escapes newlines inside values. */
const NL = 0x0a
/** A table's first batch buffer; it grows as needed (the next ones are sized by the batch before). */
const FIRST_CAPACITY = 256 * 1024
/** Room above a batch's expected size: the socket's reads are up to 64 KiB. */
const SLACK = 128 * 1024

/**
 * Run `sql` (a `COPY … TO STDOUT` statement) on `client` and yield `{ bytes, rows }` batches of whole rows.
 * Stopping early (the consumer breaks out, or fails) destroys the connection: a COPY OUT cannot be
 * abandoned half-way on a live session (a failed COPY leaves the session usable), and reading the rest of a big table only to drop it would take
 * as long as the copy.
 */
export async function* copyOutBatches(client: pg.ClientBase, sql: string, batchSize: number): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  const stream = client.query(fastCopyTo(sql))
  const limitBytes = COPY_BUFFER_BYTES
  // The socket's chunks are copied once, into the batch's own buffer (no list of chunks joined at the
  // end): the buffer is the batch's alone (`soleBuffer`, shared: see there), so a masking worker takes it
  // as it is. Each
  // buffer is sized by the batch before it, plus a socket read or two: a batch is cut after the chunk
  // that reaches the limit, so it rarely grows.
  let cap = FIRST_CAPACITY
  let acc: Buffer | undefined
  let size = 0
  let rows = 0
  let done = false
  const put = (src: Buffer, from: number, to: number) => {
    const n = to - from
    if (n === 0) return
    if (!acc) acc = sharedBytes(Math.max(cap, n))
    else if (size + n > acc.length) {
      const grown = sharedBytes(Math.max(acc.length * 2, size + n))
      acc.copy(grown, 0, 0, size)
      acc = grown
    }
    src.copy(acc, size, from, to)
    size += n
  }
  const take = () => {
    const b = { bytes: soleBuffer(acc!.subarray(0, size)), rows }
    cap = Math.min(limitBytes + SLACK, size + SLACK)
    acc = undefined
    size = 0
    rows = 0
    return b
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(NL)
      if (at < 0) {
        put(chunk, 0, chunk.length)
        continue
      }
      // Rows complete in this chunk: up to its last newline. The rest starts the next batch.
      let last = at
      let n = 0
      while (at >= 0) {
        n++
        last = at
        at = chunk.indexOf(NL, at + 1)
      }
      put(chunk, 0, last + 1)
      rows += n
      if (rows >= batchSize || size >= limitBytes) yield take()
      put(chunk, last + 1, chunk.length)
    }
    done = true
    if (rows > 0) yield take()
  } catch (e) {
    // The server failed the COPY (ErrorResponse): the session is intact, its caller decides.
    done = true
    throw e
  } finally {
    if (!done) {
      const socket = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream
      socket?.destroy()
    }
  }
}
