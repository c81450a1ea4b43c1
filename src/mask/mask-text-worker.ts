/**
 * COPY-text masking on a worker thread (mask-worker.ts), so masking one batch overlaps reading and
 * writing the next ones on the main thread. Used for big tables whose masked and read columns are
 * all text (their Values are the field texts, so the worker needs no database parsers); the output is
 * the same bytes `textBatchMasker` makes on the main thread. Two batches in flight: memory stays bounded.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { TextScanBatch } from '../adapter/adapter.js'
import { TdgError, type ErrorCode } from '../errors.js'
import type { MaskerRecipe, TableMasker } from './masker.js'
import { maskStages } from './mask-stages.js'
import type { MaskWorkerData, MaskWorkerReply, MaskWorkerRequest } from './mask-worker.js'

const WORKER = new URL('./mask-worker.js', import.meta.url)

/** Batches in flight to the worker. */
const IN_FLIGHT = 2

/** Whether a worker can run here (its compiled module exists: not when running from TypeScript sources). */
export function maskWorkerAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER))
}

/**
 * `batches` masked by `masker` on worker threads (`nulled`: columns written NULL), in order: one worker,
 * or two in a row when the maskers split into independent stages (mask-stages.ts), the second given
 * the first one's output. Same bytes either way. Every stage's worker starts as soon as the stream is
 * first pulled, all at once: a worker's start (thread, module imports, compiling the maskers) takes a
 * few hundred ms, and started one after another they would hold the first batch that much longer.
 * `expectedRows` (the step's planned rows) sizes the workers' unique guards up front.
 */
export async function* maskTextInWorkers(batches: AsyncIterable<TextScanBatch>, masker: TableMasker, nulled: ReadonlySet<string>, expectedRows?: number): AsyncGenerator<TextScanBatch> {
  const stages = maskStages(masker)
  // The columns written NULL go in the last stage: an earlier one's maskers may read their originals.
  const workers = stages.map((recipe, i) => new MaskWorker(recipe, i === stages.length - 1 ? nulled : new Set(), expectedRows))
  try {
    let out = batches
    for (const w of workers) out = w.masked(out)
    yield* out
  } finally {
    await Promise.all(workers.map((w) => w.close()))
  }
}

/** Buffers a worker handed over: nothing else holds a view of them, so they may be transferred again as they are. */
const owned = new WeakSet<ArrayBuffer>()

/** One masking worker thread, started when constructed (it compiles its maskers meanwhile); `close` ends it. */
class MaskWorker {
  private readonly worker: Worker
  private readonly waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: unknown) => void }>()
  private failed: unknown
  private next = 0

  constructor(recipe: MaskerRecipe, nulled: ReadonlySet<string>, expectedRows?: number) {
    const data: MaskWorkerData = { recipe, nulled: [...nulled], ...(expectedRows !== undefined ? { expectedRows } : {}) }
    // A larger young generation: a batch's masked strings live until it is encoded, and with the default
    // semi-space each scavenge copies them again (~20 % of the worker's time at W4's row shape).
    this.worker = new Worker(WORKER, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 96 } })
    this.worker.on('message', (m: MaskWorkerReply) => {
      const w = this.waiting.get(m.id)
      if (!w) return
      this.waiting.delete(m.id)
      if ('error' in m) w.reject(m.error.code ? new TdgError(m.error.code as ErrorCode, m.error.message, m.error.details ?? {}) : new TdgError('TDG_INTERNAL', `masking worker: ${m.error.message}`))
      else {
        owned.add(m.bytes)
        w.resolve(Buffer.from(m.bytes, m.offset, m.length))
      }
    })
    this.worker.on('error', (e) => this.failAll(new TdgError('TDG_INTERNAL', `masking worker failed: ${e.message}`, {}, { cause: e })))
    this.worker.on('exit', (code) => this.failAll(new TdgError('TDG_INTERNAL', `masking worker exited (code ${code})`)))
  }

  private failAll(e: unknown): void {
    this.failed ??= e
    for (const w of this.waiting.values()) w.reject(e)
    this.waiting.clear()
  }

  private send(b: TextScanBatch): Promise<Buffer> {
    if (this.failed !== undefined) return Promise.reject(this.failed)
    const id = this.next++
    // A fresh buffer to transfer: the batch's bytes may be a view of a larger (pooled) one, unless an
    // earlier worker made it.
    const mine = owned.has(b.bytes.buffer as ArrayBuffer)
    const ab = mine ? (b.bytes.buffer as ArrayBuffer) : new ArrayBuffer(b.bytes.byteLength)
    if (!mine) new Uint8Array(ab).set(b.bytes)
    const p = new Promise<Buffer>((resolve, reject) => this.waiting.set(id, { resolve, reject }))
    p.catch(() => undefined) // awaited in order; an early failure must not be unhandled meanwhile
    // The codec goes with the first batch (the worker imports it then): it is the scan's.
    const req: MaskWorkerRequest = { id, bytes: ab, offset: mine ? b.bytes.byteOffset : 0, length: b.bytes.byteLength, rows: b.rows, columns: b.columns, ...(id === 0 ? { codec: b.codec.source } : {}) }
    this.worker.postMessage(req, [ab])
    return p
  }

  /** `batches` through this worker, in order, IN_FLIGHT at a time. */
  async *masked(batches: AsyncIterable<TextScanBatch>): AsyncGenerator<TextScanBatch> {
    const it = batches[Symbol.asyncIterator]()
    const queue: Array<{ batch: TextScanBatch; bytes: Promise<Buffer> }> = []
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const b = r.value
        queue.push({ batch: b, bytes: this.send(b) })
        if (queue.length >= IN_FLIGHT) {
          const head = queue.shift()!
          yield { ...head.batch, bytes: await head.bytes }
        }
      }
      while (queue.length > 0) {
        const head = queue.shift()!
        yield { ...head.batch, bytes: await head.bytes }
      }
    } finally {
      await it.return?.(undefined)
    }
  }

  /** End the thread (idempotent). */
  async close(): Promise<void> {
    this.worker.removeAllListeners('exit')
    await this.worker.terminate()
  }
}
