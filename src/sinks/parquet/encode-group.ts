/**
 * Encodes one row group (an Arrow IPC stream) with parquet-wasm into an `EncodedGroup`: in a worker
 * thread of its own when the compiled worker module exists (so the WebAssembly encoding of group N runs
 * beside the conversion of group N+1 and the generating workers), else on the calling thread. Either
 * way the bytes are the same: the thread only changes where the work runs.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { EncodeRequest } from './encode-ipc.js'
import type { EncodedGroup } from './spliced-footer.js'
import { detachEarly } from '../../pipeline/detach-early.js'

const WORKER = new URL('./encode-worker.js', import.meta.url)

interface Pending {
  resolve: (g: EncodedGroup) => void
  reject: (e: unknown) => void
}

let worker: Worker | undefined
let nextId = 0
const pending = new Map<number, Pending>()

function failAll(e: unknown): void {
  for (const p of pending.values()) p.reject(e)
  pending.clear()
  worker = undefined
}

function encoderThread(): Worker | undefined {
  if (worker) return worker
  if (WORKER.protocol !== 'file:' || !existsSync(fileURLToPath(WORKER))) return undefined
  // This thread is about to transfer row groups (detach-early.ts).
  detachEarly()
  const w = new Worker(WORKER)
  w.on('message', (m: { id: number; group?: EncodedGroup; error?: string }) => {
    const p = pending.get(m.id)
    if (!p) return
    pending.delete(m.id)
    if (m.group) p.resolve(m.group)
    else p.reject(new Error(m.error ?? 'parquet-wasm failed'))
    // Idle: the thread must not keep the process alive.
    if (pending.size === 0) w.unref()
  })
  w.on('error', (e) => failAll(e))
  w.on('exit', () => failAll(new Error('the Parquet encoder thread exited')))
  w.unref()
  worker = w
  return w
}

/**
 * Start the encoder thread now, if there is one to start: called when a table's parquet-wasm encoder
 * is made, so the thread boots (its modules, parquet-wasm's compilation: ~0.3 s) on the other core while
 * the writer's thread fills the first row group, instead of after it.
 */
export function warmEncoder(): void {
  encoderThread()
}

/** The encoded group of `req` (its IPC bytes are transferred to the encoder thread, when there is one). */
export function encodeGroup(req: EncodeRequest): Promise<EncodedGroup> {
  const w = encoderThread()
  // parquet-wasm is loaded on this thread only here: with an encoder thread it is that thread's alone.
  if (!w) return import('./encode-ipc.js').then((m) => m.encodeIpcGroup(req))
  const id = nextId++
  const p = new Promise<EncodedGroup>((resolve, reject) => pending.set(id, { resolve, reject }))
  w.ref()
  w.postMessage({ id, req }, [req.ipc.buffer as ArrayBuffer, ...(req.check ?? []).map((c) => c.bytes.buffer as ArrayBuffer)])
  return p
}
