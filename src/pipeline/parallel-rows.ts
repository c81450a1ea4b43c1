/**
 * Parallel generation (`RunOptions.workers`, `--workers K`): K worker threads (src/generate/generate-worker.ts)
 * generate the batches of a step — batch b, rows [start + b·size, …), goes to worker b mod K — while
 * the caller (the one writer) takes them in order. At most 2K batches are in flight, so memory stays
 * bounded whatever the row count. Values are pure functions of (seed, table, column, row): the rows,
 * and so every byte written, are the same as with one thread.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { Plan, PlanStep } from '../model/plan.js'
import type { EncodedRowBatch, RowBatch, WorkerEncoding } from '../model/rows.js'
import { TdgError, type ErrorCode } from '../errors.js'
import type { GenerateReply, GenerateTask, GenerateWorkerData } from '../generate/generate-worker.js'
import { unpackBatch } from '../generate/batch-transfer.js'

const WORKER = new URL('../generate/generate-worker.js', import.meta.url)

/** Batches in flight per worker. */
const IN_FLIGHT_PER_WORKER = 2

/** Whether worker threads can run here (their compiled module exists: not when running from TypeScript sources). */
export function generateWorkersAvailable(): boolean {
  return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER))
}

/** K generating threads for one run's plan; `close` ends them. */
export interface GeneratePool {
  readonly size: number
  /** Rows [start, end) of `step` (default all of them) in batches of `batchSize`, in order. */
  rows(step: PlanStep, batchSize: number, range?: { start: number; end: number }): AsyncGenerator<RowBatch>
  /** `rows`, each batch encoded in its worker by the writer's `encoding` (plain where the encoder declined). */
  encodedRows(step: PlanStep, batchSize: number, range: { start: number; end: number } | undefined, encoding: WorkerEncoding): AsyncGenerator<RowBatch | EncodedRowBatch>
  close(): Promise<void>
}

interface Waiter {
  resolve: (b: RowBatch | EncodedRowBatch) => void
  reject: (e: unknown) => void
  /** The encoding's format, when the task had one. */
  format?: string
}

/** Start `size` workers holding `plan` (they compile its steps on first use). */
export function generatePool(plan: Plan, size: number): GeneratePool {
  const data: GenerateWorkerData = { plan }
  const waiting = new Map<number, Waiter>()
  let failed: unknown
  const failAll = (e: unknown) => {
    failed ??= e
    for (const w of waiting.values()) w.reject(e)
    waiting.clear()
  }
  const workers = Array.from({ length: size }, () => {
    // A larger young generation: a batch's strings live until it is posted; with the default semi-space
    // each scavenge copies them again.
    const w = new Worker(WORKER, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 64 } })
    w.on('message', (m: GenerateReply) => {
      const x = waiting.get(m.id)
      if (!x) return
      waiting.delete(m.id)
      if ('error' in m) x.reject(m.error.code ? new TdgError(m.error.code as ErrorCode, m.error.message, m.error.details ?? {}) : new TdgError('TDG_INTERNAL', `generation worker: ${m.error.message}`))
      else if ('encoded' in m) x.resolve({ format: x.format as string, columns: m.columns, rows: m.rows, data: m.encoded })
      else x.resolve(unpackBatch(m.batch))
    })
    w.on('error', (e) => failAll(new TdgError('TDG_INTERNAL', `generation worker failed: ${e.message}`, {}, { cause: e })))
    w.on('exit', (code) => failAll(new TdgError('TDG_INTERNAL', `generation worker exited (code ${code})`)))
    return w
  })
  let nextId = 0
  const send = (worker: Worker, task: Omit<GenerateTask, 'id'>): Promise<RowBatch | EncodedRowBatch> => {
    if (failed !== undefined) return Promise.reject(failed)
    const id = nextId++
    const format = task.encoding?.format
    const p = new Promise<RowBatch | EncodedRowBatch>((resolve, reject) => waiting.set(id, { resolve, reject, ...(format ? { format } : {}) }))
    p.catch(() => undefined) // awaited in order by `rows`; an early failure must not be unhandled meanwhile
    worker.postMessage({ id, ...task } satisfies GenerateTask)
    return p
  }
  async function* batches(step: PlanStep, batchSize: number, range: { start: number; end: number } | undefined, encoding: WorkerEncoding | undefined): AsyncGenerator<RowBatch | EncodedRowBatch> {
    const size = Math.max(1, Math.floor(batchSize))
    const queue: Array<Promise<RowBatch | EncodedRowBatch>> = []
    let from = Math.max(0, range?.start ?? 0)
    const end = Math.min(step.rows, range?.end ?? step.rows)
    let b = 0
    const fill = () => {
      while (queue.length < IN_FLIGHT_PER_WORKER * workers.length && from < end) {
        const to = Math.min(end, from + size)
        queue.push(send(workers[b++ % workers.length]!, { step: step.id, start: from, end: to, ...(encoding ? { encoding } : {}) }))
        from = to
      }
    }
    fill()
    while (queue.length > 0) {
      const batch = await queue.shift()!
      fill()
      yield batch
    }
  }
  return {
    size,
    rows: (step, batchSize, range) => batches(step, batchSize, range, undefined) as AsyncGenerator<RowBatch>,
    encodedRows: (step, batchSize, range, encoding) => batches(step, batchSize, range, encoding),
    async close() {
      for (const w of workers) w.removeAllListeners('exit')
      await Promise.all(workers.map((w) => w.terminate()))
    },
  }
}
