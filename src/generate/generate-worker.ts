/**
 * Worker-thread entry of parallel generation (src/pipeline/parallel-rows.ts): holds the run's plan
 * (plain JSON, from `workerData`), compiles a step on its first task and answers each task — rows
 * [start, end) of a step — with those rows. Values are pure functions of (seed, table, column, row), so
 * the rows are exactly the ones the main thread would have generated.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Plan, PlanStep } from '../model/plan.js'
import type { TypedBatch, Value, WorkerEncoding, WorkerRowEncoder, WorkerRowEncoderFactory } from '../model/rows.js'
import { isTdgError } from '../errors.js'
import { loadPlanLocales } from './locales.js'
import { createRowGenerator, type RowGenerator } from './row-generator.js'
import { packBatch, type PackedBatch } from './batch-transfer.js'

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
/** A step's writer encoder (undefined: it declined the step), imported on the step's first encoded task. */
const encoders = new Map<string, Promise<WorkerRowEncoder | undefined>>()

function encoderOf(stepId: string, encoding: WorkerEncoding | undefined, columns: string[]): Promise<WorkerRowEncoder | undefined> | undefined {
  if (!encoding) return undefined
  let e = encoders.get(stepId)
  if (!e) {
    e = (import(encoding.module) as Promise<Record<string, WorkerRowEncoderFactory>>).then((m) => m[encoding.name]!(encoding.spec, columns))
    encoders.set(stepId, e)
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

/** A step's typed columns its encoder takes and the rows without them (undefined: none taken). */
const partial = new Map<string, { typed: TypedBatch['columns']; row: (i: number) => Value[] } | undefined>()

function partialOf(stepId: string, g: RowGenerator, encoder: WorkerRowEncoder | undefined): { typed: TypedBatch['columns']; row: (i: number) => Value[] } | undefined {
  if (partial.has(stepId)) return partial.get(stepId)
  const takes = encoder?.takes
  const skip = g.typed.map((cells, c) => cells !== undefined && takes !== undefined && takes(c, cells))
  const p = skip.some(Boolean) ? { typed: g.typed.map((cells, c) => (skip[c] ? cells : undefined)), row: g.rowWithout(skip) } : undefined
  partial.set(stepId, p)
  return p
}

port.on('message', (t: GenerateTask) => {
  ready
    .then(async () => {
      const g = generatorOf(t.step)
      const encoder = await encoderOf(t.step, t.encoding, g.columns)
      const part = partialOf(t.step, g, encoder)
      const rows = new Array<Value[]>(t.end - t.start)
      const row = part ? part.row : g.row
      for (let i = t.start; i < t.end; i++) rows[i - t.start] = row(i)
      const transfer: ArrayBuffer[] = []
      const encoded = encoder?.(rows, transfer, part ? { start: t.start, columns: part.typed } : undefined)
      if (encoded !== undefined) port.postMessage({ id: t.id, encoded, columns: g.columns, rows: rows.length } satisfies GenerateReply, transfer)
      else {
        // Declined: the rows go over plain, so the columns left out for the encoder are generated now.
        if (part) for (let i = t.start; i < t.end; i++) rows[i - t.start] = g.row(i)
        port.postMessage({ id: t.id, batch: packBatch(g.columns, rows, transfer) } satisfies GenerateReply, transfer)
      }
    })
    .catch((e: unknown) => port.postMessage({ id: t.id, error: errorOf(e) } satisfies GenerateReply))
})

function errorOf(e: unknown): Extract<GenerateReply, { error: unknown }>['error'] {
  if (isTdgError(e)) return { code: e.code, message: e.message, details: e.details as Record<string, unknown> }
  return { message: (e as Error)?.message ?? String(e) }
}
