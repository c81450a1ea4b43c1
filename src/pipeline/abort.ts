/**
 * Cancellation of a run. The caller (the CLI's signal handlers, an API user) owns an AbortController;
 * the pipeline checks its signal between batches and throws `TDG_INTERRUPTED`, so the target's normal
 * rollback path runs (a database transaction rolls back, a file target removes its temp directory).
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { TdgError } from '../errors.js'

/** Throw TDG_INTERRUPTED when `signal` has been aborted; the abort reason travels as `details.reason`. */
export function throwIfInterrupted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interrupted(signal)
}

/** The error a run fails with once its signal is aborted. */
export function interrupted(signal: AbortSignal): TdgError {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted')
  return new TdgError('TDG_INTERRUPTED', `interrupted (${reason})`, { reason })
}

/** True for the error of an interrupted run (whoever wrapped it last). */
export function isInterrupted(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'TDG_INTERRUPTED'
}

/** How long synchronous work may hold the event loop before it yields (signals, timers, the spinner). */
const SLICE_MS = 50

/**
 * A yield point for loops of synchronous work (generation, SQLite inserts): every SLICE_MS it lets the
 * event loop run a turn, so signal handlers and timers fire, then checks `signal`. A `for await` over
 * in-memory batches only ever queues microtasks, which would starve a SIGINT handler for the whole run.
 */
export function yieldPoint(signal: AbortSignal | undefined): () => Promise<void> {
  let last = performance.now()
  return async () => {
    throwIfInterrupted(signal)
    const now = performance.now()
    if (now - last < SLICE_MS) return
    await nextTurn()
    last = performance.now()
    throwIfInterrupted(signal)
  }
}
