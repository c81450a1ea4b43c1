/**
 * `COPY (SELECT …) TO STDOUT` as batches of whole rows: the bytes PostgreSQL sends, cut at row ends into
 * batches of about `batchSize` rows (or `COPY_BUFFER_BYTES`), nothing decoded. The read path of a copy
 * between two PostgreSQL databases (`SnapshotReader.scanText`).
 */
import type pg from 'pg'
import { fastCopyTo } from './copy-out-parse.js'
import { COPY_BUFFER_BYTES } from './copy-text.js'

/** A row ends with a newline: COPY text escapes newlines inside values. */
const NL = 0x0a

/**
 * Run `sql` (a `COPY … TO STDOUT` statement) on `client` and yield `{ bytes, rows }` batches of whole rows.
 * Stopping early (the consumer breaks out, or fails) destroys the connection: a COPY OUT cannot be
 * abandoned half-way on a live session (a failed COPY leaves the session usable), and reading the rest of a big table only to drop it would take
 * as long as the copy.
 */
export async function* copyOutBatches(client: pg.ClientBase, sql: string, batchSize: number): AsyncGenerator<{ bytes: Buffer; rows: number }> {
  const stream = client.query(fastCopyTo(sql))
  const limitBytes = COPY_BUFFER_BYTES
  let parts: Buffer[] = []
  let size = 0
  let rows = 0
  let done = false
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let at = chunk.indexOf(NL)
      if (at < 0) {
        parts.push(chunk)
        size += chunk.length
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
      parts.push(chunk.subarray(0, last + 1))
      size += last + 1
      rows += n
      if (rows >= batchSize || size >= limitBytes) {
        yield { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts, size), rows }
        parts = []
        size = 0
        rows = 0
      }
      if (last + 1 < chunk.length) {
        parts.push(chunk.subarray(last + 1))
        size += chunk.length - last - 1
      }
    }
    done = true
    if (rows > 0) yield { bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts, size), rows }
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
