/**
 * Statements whose rows are already in hand (a TRUNCATE, the COPY … FROM STDIN of a small table), sent as
 * one batch in one socket write: one simple Query message holding them all, then each COPY's rows as one
 * CopyData message and its CopyDone, in order. The server runs the statements one after the other (a COPY
 * reads the CopyData that follows it) and answers once; pg-copy-streams would wait a round trip for each
 * COPY's CopyInResponse and write a header, the data and CopyDone separately. A seed of a few rows into many
 * tables (a test's fixture) paid that per table; write.ts sends its TRUNCATE and small COPYs this way, through
 * `UnwaitedStatements` (below).
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

/**
 * The statements a writer sends without waiting for them, in order: each `send` joins the batch not sent
 * yet, which goes (`runBatch`) when the batch before it is answered — while the writer's caller generates
 * the next tables' rows, the server works through the last batch. Every statement whose answer is read
 * must `drain` first (pg's own query queue is not used: pg 8 prints a deprecation warning when queries queue).
 * The first failure is kept in tdg's words (`failed`): the cause of whatever fails after it, since the
 * transaction is then aborted (nothing more is sent).
 */
export class UnwaitedStatements {
  private queued: Array<BatchStatement & { failed: (e: unknown) => unknown }> = []
  /** The batches sent or scheduled, one after the other. */
  private tail: Promise<void> = Promise.resolve()
  private failure: unknown

  constructor(private readonly client: pg.ClientBase) {}

  /** Send `statement` after the ones before it; its failure becomes `failed(error)`. */
  send(statement: BatchStatement, failed: (e: unknown) => unknown): void {
    this.queued.push({ ...statement, failed })
    // The first of a batch schedules its sending; the ones queued before it goes out join it.
    if (this.queued.length === 1) this.tail = this.tail.then(() => this.sendQueued())
  }

  private async sendQueued(): Promise<void> {
    const batch = this.queued
    this.queued = []
    if (batch.length === 0 || this.failure !== undefined) return
    try {
      await runBatch(this.client, batch)
    } catch (e) {
      this.failure ??= e instanceof BatchFailure ? batch[e.index]!.failed(e.error) : batch[0]!.failed(e)
    }
  }

  /** Wait until every statement sent so far is answered; throws the first failure. */
  async drain(): Promise<void> {
    await this.tail
    if (this.failure !== undefined) throw this.failure
  }

  /** After the work failed: the statements not sent yet are dropped, those sent waited for; resolves to the first failure. */
  async abandon(): Promise<unknown> {
    this.queued = []
    await this.tail
    return this.failure
  }
}
