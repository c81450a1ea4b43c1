/**
 * Batches whose bytes are the only view of their ArrayBuffer, which their producer no longer touches: a
 * consumer may transfer such a buffer to a worker thread (detaching it) instead of copying it into a
 * fresh one. The producer marks the buffer when it yields the batch (`soleBuffer`); the first consumer
 * to claim it (`claimSole`) owns it. A buffer not marked (a view of Node's shared pool, a socket's
 * chunk, bytes another batch also views) is never handed out: its consumer copies.
 */
const sole = new WeakSet<ArrayBuffer>()

/** Mark `bytes`' ArrayBuffer as the batch's alone (the caller keeps no view of it); returns `bytes`. */
export function soleBuffer<T extends Uint8Array>(bytes: T): T {
  sole.add(bytes.buffer as ArrayBuffer)
  return bytes
}

/** `bytes`' ArrayBuffer when it was marked `soleBuffer` and not claimed yet (now the caller's), else undefined. */
export function claimSole(bytes: Uint8Array): ArrayBuffer | undefined {
  const ab = bytes.buffer as ArrayBuffer
  return sole.delete(ab) ? ab : undefined
}
