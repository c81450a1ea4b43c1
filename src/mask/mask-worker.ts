/**
 * The worker thread of `maskTextInWorkers` (one per stage): compiles one table's maskers from their recipe (the same
 * inputs, so the same output as on the main thread) and masks each COPY-text batch it is sent. Batches
 * arrive and leave as transferred ArrayBuffers: from the main thread or the previous stage's worker, to
 * the next stage's worker or the main thread. An error goes to the main thread with its code and message
 * (never row values).
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads'
import type { BulkTextCodec, TextScanBatch } from '../adapter/adapter.js'
import { compileTableMasker, loadMaskLocales } from './compile-table.js'
import type { CarriedAnchors, MaskCarry, MaskerRecipe } from './masker.js'
import { textBatchMasker, type PendingSplice, type TextSplice } from './mask-text.js'
import { isTdgError } from '../errors.js'
import { transferable } from '../adapter/sole-buffer.js'
import { detachEarly } from '../pipeline/detach-early.js'

// This thread transfers buffers (detach-early.ts).
detachEarly()

/** What the main thread starts the worker with. */
export interface MaskWorkerData {
  recipe: MaskerRecipe
  nulled: string[]
  /** Rows the stream is expected to bring (`compileTableMasker`'s hint). */
  expectedRows?: number
  /** Where batches come from when not the main thread: the previous stage's worker. */
  input?: MessagePort
  /** Where masked batches go when not back to the main thread: the next stage's worker (as requests). */
  output?: MessagePort
}

/** One batch to mask. */
export interface MaskWorkerRequest {
  id: number
  bytes: ArrayBufferLike
  offset: number
  length: number
  rows: number
  columns: string[]
  /** The scan's codec (`BulkTextCodec.source`), sent with the first batch. */
  codec?: { module: string; name: string }
  /** An earlier stage's per-row work on the batch (MaskCarry.given). */
  carry?: CarriedAnchors[]
  /** An earlier stage's replacements, not spliced into `bytes` yet (TextSplice.given). */
  splice?: PendingSplice
}

/** The masked batch, or what went wrong. */
export type MaskWorkerReply = { id: number; bytes: ArrayBufferLike; offset: number; length: number } | { id: number; error: { code?: string; message: string; details?: Record<string, unknown> } }

const data = workerData as MaskWorkerData
const port = parentPort!
// The maskers compile as soon as the thread starts, before the first batch arrives.
const compiled = (async () => {
  await loadMaskLocales([data.recipe.mask], data.recipe.locale ? { locale: data.recipe.locale } : {})
  const masker = compileTableMasker(data.recipe.table, data.recipe.mask, data.recipe.key, { ...(data.recipe.locale ? { locale: data.recipe.locale } : {}), ...(data.expectedRows !== undefined ? { expectedRows: data.expectedRows } : {}), ...(data.recipe.writes ? { writes: data.recipe.writes } : {}) })
  return textBatchMasker(masker, new Set(data.nulled))
})()
let ready: Promise<{ codec: BulkTextCodec; mask: (b: TextScanBatch, carry?: MaskCarry, splice?: TextSplice) => TextScanBatch }> | undefined

const input = data.input ?? port
const output = data.output
input.on('message', (req: MaskWorkerRequest) => {
  // The first request names the codec; later ones wait on the same import.
  const source = req.codec
  ready ??= source
    ? Promise.all([import(source.module) as Promise<Record<string, BulkTextCodec>>, compiled]).then(([m, mask]) => ({ codec: m[source.name]!, mask }))
    : Promise.reject(new Error('the first batch did not name its codec'))
  void ready
    .then(({ codec, mask }) => {
      const parse = req.columns.map(() => (text: string) => text)
      const batch: TextScanBatch = { format: codec.format, columns: req.columns, bytes: Buffer.from(req.bytes, req.offset, req.length), rows: req.rows, codec, parse }
      // A stage with a next one records what that one may reuse (a group's anchors).
      const carry: MaskCarry | undefined = output || req.carry ? { ...(req.carry ? { given: req.carry } : {}), ...(output ? { record: true } : {}) } : undefined
      // A stage with a next one leaves the splicing to it (the bytes go on as they came, with its replacements).
      // The request's buffer is this thread's (transferred, or shared by a sender that keeps no view of it).
      const splice: TextSplice = { ...(req.splice ? { given: req.splice } : {}), ...(output ? { defer: true } : {}), overwrite: true }
      const out = mask(batch, carry, splice).bytes
      // The masked bytes: in the request's buffer (written over, or handed on unspliced), or in one allocated for them.
      const at = { bytes: out.buffer, offset: out.byteOffset, length: out.byteLength }
      if (output) {
        const made = carry?.made ?? []
        const next: MaskWorkerRequest = { id: req.id, ...at, rows: req.rows, columns: req.columns, ...(req.codec ? { codec: req.codec } : {}), ...(made.length > 0 ? { carry: made } : {}), ...(splice?.made ? { splice: splice.made } : {}) }
        output.postMessage(next, transferable([at.bytes, ...made.map((c) => c.words.buffer)]))
      } else {
        const reply: MaskWorkerReply = { id: req.id, ...at }
        port.postMessage(reply, transferable([at.bytes]))
      }
    })
    .catch((e: unknown) => {
      const reply: MaskWorkerReply = isTdgError(e)
        ? { id: req.id, error: { code: e.code, message: e.message, details: e.details } }
        : { id: req.id, error: { message: e instanceof Error ? e.message : String(e) } }
      port.postMessage(reply)
    })
})
