/**
 * Worker-thread entry of parallel generation (src/pipeline/parallel-rows.ts): holds the run's plan
 * (plain JSON, from `workerData`), compiles a step on its first task and answers each task — rows
 * [start, end) of a step — with those rows. Values are pure functions of (seed, table, column, row), so
 * the rows are exactly the ones the main thread would have generated.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Plan, PlanStep } from '../model/plan.js'
import type { Value, WorkerEncoding } from '../model/rows.js'
import { importEncoder, rowEncoding, type RowEncoding } from './encoded-rows.js'
import { isTdgError } from '../errors.js'
import { loadPlanLocales } from './locales.js'
import { createRowGenerator, type RowGenerator } from './row-generator.js'
import { packBatch, type PackedBatch } from './batch-transfer.js'
import { detachEarly } from '../pipeline/detach-early.js'

// This thread transfers buffers (detach-early.ts).
detachEarly()

/** What the worker is started with. */
export interface GenerateWorkerData {
  plan: Plan
}

/** One task: rows [start, end) of step `step`, encoded by the writer's `encoding` when given. */
export interface GenerateTask {
  id: number
  step: string
  start: number
  end: number
  encoding?: WorkerEncoding
}

/**
 * The answer to a task: its rows (packed, or the writer encoder's data when it took them), or the error
 * that stopped it (code, message and details only).
 */
export type GenerateReply =
  | { id: number; batch: PackedBatch }
  | { id: number; encoded: unknown; columns: string[]; rows: number }
  | { id: number; error: { code?: string; message: string; details?: Record<string, unknown> } }

const { plan } = workerData as GenerateWorkerData
const port = parentPort!
const ready = loadPlanLocales(plan)
const generators = new Map<string, RowGenerator>()
/** A step's rows for its writer's encoder (undefined: it declined the step), made on the step's first encoded task. */
const encodings = new Map<string, Promise<RowEncoding | undefined>>()

function encodingOf(stepId: string, encoding: WorkerEncoding | undefined, g: RowGenerator): Promise<RowEncoding | undefined> | undefined {
  if (!encoding) return undefined
  let e = encodings.get(stepId)
  if (!e) {
    e = importEncoder(encoding, g.columns).then((encoder) => (encoder ? rowEncoding(g, encoder) : undefined))
    encodings.set(stepId, e)
  }
  return e
}

function generatorOf(stepId: string): RowGenerator {
  let g = generators.get(stepId)
  if (!g) {
    const step = plan.steps.find((s) => s.id === stepId) as PlanStep
    generators.set(stepId, (g = createRowGenerator(plan, step)))
  }
  return g
}

port.on('message', (t: GenerateTask) => {
  ready
    .then(async () => {
      const g = generatorOf(t.step)
      const enc = await encodingOf(t.step, t.encoding, g)
      const transfer: ArrayBuffer[] = []
      if (enc) {
        const out = enc.encode(t.start, t.end, transfer)
        if ('encoded' in out) port.postMessage({ id: t.id, encoded: out.encoded, columns: g.columns, rows: t.end - t.start } satisfies GenerateReply, transfer)
        else port.postMessage({ id: t.id, batch: packBatch(g.columns, out.rows, transfer) } satisfies GenerateReply, transfer)
        return
      }
      const rows = new Array<Value[]>(t.end - t.start)
      for (let i = t.start; i < t.end; i++) rows[i - t.start] = g.row(i)
      port.postMessage({ id: t.id, batch: packBatch(g.columns, rows, transfer) } satisfies GenerateReply, transfer)
    })
    .catch((e: unknown) => port.postMessage({ id: t.id, error: errorOf(e) } satisfies GenerateReply))
})

function errorOf(e: unknown): Extract<GenerateReply, { error: unknown }>['error'] {
  if (isTdgError(e)) return { code: e.code, message: e.message, details: e.details as Record<string, unknown> }
  return { message: (e as Error)?.message ?? String(e) }
}
