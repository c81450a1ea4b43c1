/**
 * COPY-text masking on a worker thread (mask-worker.ts), so masking one batch overlaps reading and
 * writing the next ones on the main thread. Used for big tables whose masked and read columns are
 * all text (their Values are the field texts, so the worker needs no database parsers); the output is
 * the same bytes `textBatchMasker` makes on the main thread. Two batches in flight: memory stays bounded.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { MessageChannel, Worker } from 'node:worker_threads'
import type { TextScanBatch } from '../adapter/adapter.js'
import { claimSole, soleBuffer, transferable } from '../adapter/sole-buffer.js'
import { TdgError, type ErrorCode } from '../errors.js'
import type { MaskerRecipe, TableMasker } from './masker.js'
import { maskStages } from './mask-stages.js'
import type { MaskWorkerData, MaskWorkerReply, MaskWorkerRequest } from './mask-worker.js'
import { detachEarly } from '../pipeline/detach-early.js'

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
 * the first one's output. Same bytes either way. The stages are chained worker to worker (a
 * MessageChannel): a batch goes to the first and comes back from the last, without a stop on the main
 * thread between them (each stop there was a message, a wake-up and a buffer the main thread's heap
 * counts as external memory, which triggers its full GCs). Every stage's worker starts as soon as the
 * stream is first pulled, all at once: a worker's start (thread, module imports, compiling the maskers)
 * takes a few hundred ms, and started one after another they would hold the first batch that much
 * longer. `expectedRows` (the step's planned rows) sizes the workers' unique guards up front.
 */
export async function* maskTextInWorkers(batches: AsyncIterable<TextScanBatch>, masker: TableMasker, nulled: ReadonlySet<string>, expectedRows?: number): AsyncGenerator<TextScanBatch> {
  const chain = new MaskChain(maskStages(masker), nulled, expectedRows)
  try {
    yield* chain.masked(batches)
  } finally {
    await chain.close()
  }
}

/** The stages' worker threads, chained, started when constructed (they compile their maskers meanwhile); `close` ends them. */
class MaskChain {
  private readonly workers: Worker[]
  private readonly waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: unknown) => void }>()
  private failed: unknown
  private next = 0

  constructor(stages: MaskerRecipe[], nulled: ReadonlySet<string>, expectedRows?: number) {
    // This thread is about to transfer batches (detach-early.ts).
    detachEarly()
    // Stage i sends its output to stage i + 1 through channel i; the last one replies to this thread.
    const channels = stages.slice(1).map(() => new MessageChannel())
    this.workers = stages.map((recipe, i) => {
      const input = i > 0 ? channels[i - 1]!.port2 : undefined
      const output = i < channels.length ? channels[i]!.port1 : undefined
      // The columns written NULL go in the last stage: an earlier one's maskers may read their originals.
      const data: MaskWorkerData = {
        recipe,
        nulled: i === stages.length - 1 ? [...nulled] : [],
        ...(expectedRows !== undefined ? { expectedRows } : {}),
        ...(input ? { input } : {}),
        ...(output ? { output } : {}),
      }
      // A larger young generation: a batch's masked strings live until it is encoded, and with the default
      // semi-space each scavenge copies them again (~20 % of the worker's time at W4's row shape).
      const worker = new Worker(WORKER, { workerData: data, transferList: [input, output].filter((p) => p !== undefined), resourceLimits: { maxYoungGenerationSizeMb: 96 } })
      // Every stage reports its errors here; only the last one sends batches.
      worker.on('message', (m: MaskWorkerReply) => this.settle(m))
      worker.on('error', (e) => this.failAll(new TdgError('TDG_INTERNAL', `masking worker failed: ${e.message}`, {}, { cause: e })))
      worker.on('exit', (code) => this.failAll(new TdgError('TDG_INTERNAL', `masking worker exited (code ${code})`)))
      return worker
    })
  }

  private settle(m: MaskWorkerReply): void {
    const w = this.waiting.get(m.id)
    if (!w) return
    this.waiting.delete(m.id)
    if ('error' in m) w.reject(m.error.code ? new TdgError(m.error.code as ErrorCode, m.error.message, m.error.details ?? {}) : new TdgError('TDG_INTERNAL', `masking worker: ${m.error.message}`))
    else {
      // A worker's buffer: nothing else views it, so it may be transferred again as it is.
      w.resolve(soleBuffer(Buffer.from(m.bytes, m.offset, m.length)))
    }
  }

  private failAll(e: unknown): void {
    this.failed ??= e
    for (const w of this.waiting.values()) w.reject(e)
    this.waiting.clear()
  }

  private send(b: TextScanBatch): Promise<Buffer> {
    if (this.failed !== undefined) return Promise.reject(this.failed)
    const id = this.next++
    // The batch's buffer goes as it is when it is the batch's alone (a worker made it, or the scan marked
    // it `soleBuffer`: shared, or an ArrayBuffer transferred); else a copy into a SharedArrayBuffer (see
    // sole-buffer.ts): the bytes may be a view of a larger (pooled) one.
    const sole = claimSole(b.bytes)
    const mine = sole !== undefined
    const ab = sole ?? new SharedArrayBuffer(b.bytes.byteLength)
    if (!mine) new Uint8Array(ab).set(b.bytes)
    const p = new Promise<Buffer>((resolve, reject) => this.waiting.set(id, { resolve, reject }))
    p.catch(() => undefined) // awaited in order; an early failure must not be unhandled meanwhile
    // The codec goes with the first batch (each stage imports it then, and passes it on): it is the scan's.
    const req: MaskWorkerRequest = { id, bytes: ab, offset: mine ? b.bytes.byteOffset : 0, length: b.bytes.byteLength, rows: b.rows, columns: b.columns, ...(id === 0 ? { codec: b.codec.source } : {}) }
    this.workers[0]!.postMessage(req, transferable([ab]))
    return p
  }

  /** `batches` through the chain, in order, IN_FLIGHT per stage at a time. */
  async *masked(batches: AsyncIterable<TextScanBatch>): AsyncGenerator<TextScanBatch> {
    const depth = IN_FLIGHT * this.workers.length
    const it = batches[Symbol.asyncIterator]()
    const queue: Array<{ batch: TextScanBatch; bytes: Promise<Buffer> }> = []
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) {
        const b = r.value
        queue.push({ batch: b, bytes: this.send(b) })
        if (queue.length >= depth) {
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

  /** End the threads (idempotent). */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map((w) => {
        w.removeAllListeners('exit')
        return w.terminate()
      }),
    )
  }
}
