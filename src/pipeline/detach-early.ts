/**
 * V8 compiles typed-array access on the assumption that no ArrayBuffer of the thread has ever been
 * detached (its "array buffer detaching protector"). The first buffer a thread transfers with
 * `postMessage` is detached, and every optimized function that relied on the assumption is thrown away
 * and compiled again. tdg's threads transfer buffers as a matter of course (Parquet row groups to and
 * from the encoder thread, generation batches, masking), and the first transfer comes after the hot
 * loops were optimized: a 1M-row Parquet run deoptimized 30 functions at once there (the column builders,
 * the generators), ~0.2 s of compilation on a 2-core machine. So a worker thread that transfers calls
 * this as it loads, and the main thread where it knows it will (Parquet output, the masking threads'
 * start), so that the one invalidation happens before anything is optimized. Never where nothing is
 * transferred: detached, a tight typed-array loop runs about 2× slower (V8 can no longer hoist the
 * array's length out of it); tdg's generation and encoding loops measured the same either way.
 */
let done = false

/** Detach a throwaway buffer on this thread, once (later calls do nothing). */
export function detachEarly(): void {
  if (done) return
  done = true
  const buffer = new ArrayBuffer(8)
  structuredClone(buffer, { transfer: [buffer] })
}
