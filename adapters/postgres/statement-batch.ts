/**
 * Statements whose rows are already in hand (a TRUNCATE, the COPY … FROM STDIN of a small table), sent as
 * one batch in one socket write: one simple Query message holding them all, then each COPY's rows as one
 * CopyData message and its CopyDone, in order. The server runs the statements one after the other (a COPY
 * reads the CopyData that follows it) and answers once; pg-copy-streams would wait a round trip for each
 * COPY's CopyInResponse and write a header, the data and CopyDone separately. A seed of a few rows into many
 * tables (a test's fixture) paid that per table; write.ts sends its small COPYs this way.
 *
 * Sending the data before CopyInResponse is safe by the protocol: if a statement fails, the server answers
 * ErrorResponse and ReadyForQuery, skips the rest of the Query message and drops the CopyData/CopyDone that
 * follow ("any subsequent CopyData, CopyDone, or CopyFail messages issued by the frontend will simply be
 * dropped"). Which statement failed is the count of statements completed before the error.
 */
import type pg from 'pg'

/** One statement of a batch: SQL without a trailing semicolon; `data`, the COPY text of a COPY FROM STDIN. */
export interface BatchStatement {
  sql: string
  /** The whole input of a `COPY … FROM STDIN` (COPY text); absent for any other statement. */
  data?: Uint8Array
}

/** A batch that failed: the index of the statement that failed, and the server's error. */
export class BatchFailure extends Error {
  constructor(
    readonly index: number,
    readonly error: unknown,
  ) {
    super(`statement ${index + 1} of a batch failed`)
  }
}

/** What pg's Client hands a submitted query: the connection whose socket it writes to. */
interface PgConnection {
  stream: { write(data: Buffer): boolean }
}

/** The Query message of `statements` and the CopyData and CopyDone of each COPY, as one buffer. */
export function batchMessage(statements: readonly BatchStatement[]): Buffer {
  const sql = statements.map((s) => s.sql).join(';\n')
  const sqlBytes = Buffer.byteLength(sql)
  let size = 5 + sqlBytes + 1
  for (const s of statements) if (s.data !== undefined) size += (s.data.length > 0 ? 5 + s.data.length : 0) + 5
  const out = Buffer.allocUnsafe(size)
  let off = 0
  out[off++] = 0x51 // 'Q'
  off = out.writeUInt32BE(4 + sqlBytes + 1, off)
  off += out.write(sql, off, 'utf8')
  out[off++] = 0
  for (const s of statements) {
    if (s.data === undefined) continue
    if (s.data.length > 0) {
      out[off++] = 0x64 // 'd'
      off = out.writeUInt32BE(4 + s.data.length, off)
      out.set(s.data, off)
      off += s.data.length
    }
    out[off++] = 0x63 // 'c'
    off = out.writeUInt32BE(4, off)
  }
  return out
}

/**
 * A pg submittable (the interface pg-copy-streams implements) that writes the batch at once, counts the
 * statements completed, and settles on ReadyForQuery (every statement done) or on the error.
 */
class Batch {
  private completed = 0

  constructor(
    private readonly message: Buffer,
    private readonly settle: (error?: BatchFailure) => void,
  ) {}

  submit(connection: PgConnection): void {
    connection.stream.write(this.message)
  }

  /** pg replaces this with its query_timeout clearing when a timeout is set; it is called when the query ends. */
  callback(): void {}

  handleCopyInResponse(): void {
    // The data went out with the query.
  }

  handleCommandComplete(): void {
    this.completed++
  }

  handleReadyForQuery(): void {
    this.callback()
    this.settle()
  }

  handleError(error: unknown): void {
    this.callback()
    this.settle(new BatchFailure(this.completed, error ?? new Error('the statement failed')))
  }
}

/** Run `statements` as one batch; rejects with a BatchFailure naming the statement that failed. */
export function runBatch(client: pg.ClientBase, statements: readonly BatchStatement[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const batch = new Batch(batchMessage(statements), (failure) => (failure === undefined ? resolve() : reject(failure)))
    ;(client as unknown as { query(q: Batch): unknown }).query(batch)
  })
}
