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
 * the first one's output. Same bytes either way.
 */
export function maskTextInWorkers(batches: AsyncIterable<TextScanBatch>, masker: TableMasker, nulled: ReadonlySet<string>): AsyncGenerator<TextScanBatch> {
  const stages = maskStages(masker)
  let out = batches
  // The columns written NULL go in the last stage: an earlier one's maskers may read their originals.
  stages.forEach((recipe, i) => (out = maskTextInWorker(out, recipe, i === stages.length - 1 ? nulled : new Set())))
  return out as AsyncGenerator<TextScanBatch>
}

/** Buffers a worker handed over: nothing else holds a view of them, so they may be transferred again as they are. */
const owned = new WeakSet<ArrayBuffer>()

/** `batches` masked by `recipe`'s maskers on a worker thread (`nulled`: columns written NULL), in order. */
export async function* maskTextInWorker(batches: AsyncIterable<TextScanBatch>, recipe: MaskerRecipe, nulled: ReadonlySet<string>): AsyncGenerator<TextScanBatch> {
  const it = batches[Symbol.asyncIterator]()
  const first = await it.next()
  if (first.done) return
  const data: MaskWorkerData = { recipe, nulled: [...nulled], codec: first.value.codec.source }
  // A larger young generation: a batch's masked strings live until it is encoded, and with the default
  // semi-space each scavenge copies them again (~20 % of the worker's time at W4's row shape).
  const worker = new Worker(WORKER, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 96 } })
  const waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: unknown) => void }>()
  let failed: unknown
  const failAll = (e: unknown) => {
    failed ??= e
    for (const w of waiting.values()) w.reject(e)
    waiting.clear()
  }
  worker.on('message', (m: MaskWorkerReply) => {
    const w = waiting.get(m.id)
    if (!w) return
    waiting.delete(m.id)
    if ('error' in m) w.reject(m.error.code ? new TdgError(m.error.code as ErrorCode, m.error.message, m.error.details ?? {}) : new TdgError('TDG_INTERNAL', `masking worker: ${m.error.message}`))
    else {
      owned.add(m.bytes)
      w.resolve(Buffer.from(m.bytes, m.offset, m.length))
    }
  })
  worker.on('error', (e) => failAll(new TdgError('TDG_INTERNAL', `masking worker failed: ${e.message}`, {}, { cause: e })))
  worker.on('exit', (code) => failAll(new TdgError('TDG_INTERNAL', `masking worker exited (code ${code})`)))
  let next = 0
  const send = (b: TextScanBatch): Promise<Buffer> => {
    if (failed !== undefined) return Promise.reject(failed)
    const id = next++
    // A fresh buffer to transfer: the batch's bytes may be a view of a larger (pooled) one, unless an
    // earlier worker made it.
    const mine = owned.has(b.bytes.buffer as ArrayBuffer)
    const ab = mine ? (b.bytes.buffer as ArrayBuffer) : new ArrayBuffer(b.bytes.byteLength)
    if (!mine) new Uint8Array(ab).set(b.bytes)
    const p = new Promise<Buffer>((resolve, reject) => waiting.set(id, { resolve, reject }))
    p.catch(() => undefined) // awaited in order below; an early failure must not be unhandled meanwhile
    const req: MaskWorkerRequest = { id, bytes: ab, offset: mine ? b.bytes.byteOffset : 0, length: b.bytes.byteLength, rows: b.rows, columns: b.columns }
    worker.postMessage(req, [ab])
    return p
  }
  const queue: Array<{ batch: TextScanBatch; bytes: Promise<Buffer> }> = []
  try {
    for (let r: IteratorResult<TextScanBatch> = first; !r.done; r = await it.next()) {
      const b = r.value
      queue.push({ batch: b, bytes: send(b) })
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
    worker.removeAllListeners('exit')
    await worker.terminate()
    await it.return?.(undefined)
  }
}
